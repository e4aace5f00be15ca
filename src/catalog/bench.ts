// Catalogue at scale (issue 3 quality bar): 10⁵ published items inserted in bulk with
// generate_series, then the median latency (ms) of the staff list (first and a deep keyset
// page, region and unit-tree scopes) and of public keyword search for 2–4 character words.
// Needs the demo city (units and the demo accounts jcj_city, scjg_admin).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { loadActor } from '../access/actor.ts';
import { listItems } from './items.ts';
import { listPublicItems } from './public.ts';
import { publicityProblems } from './publicity.ts';
import { ElementsSchema } from './elements.ts';

const BENCH_FLAG = '9'; // 实施编码 flag digit of bench rows, so they never collide with real items

const TEMPLATE = ElementsSchema.parse({
  baseCode: '000000000000', name: '基准事项', type: '01', unitId: 1,
  legalBasis: [{ lawName: '中华人民共和国行政许可法', article: '第十二条', text: '下列事项可以设定行政许可……' }],
  conditions: '申请材料齐全、符合法定形式', materials: [{ code: 'm1', name: '申请书' }], externalProcedure: '申请—受理—审查—决定—送达',
  legalLimit: { days: 20, unit: 'workday' }, promisedLimit: { days: 10, unit: 'workday' }, office: '政务服务中心', address: '绵阳市',
  hours: '工作日', consultPhone: '0816-12345', complaintPhone: '0816-12388',
  steps: [
    { code: 's1', kind: 'accept', name: '受理', postCode: 'accept', duty: '受理', limit: { days: 1, unit: 'workday' } },
    { code: 's2', kind: 'handle', name: '承办', postCode: 'handle', duty: '承办', limit: { days: 5, unit: 'workday' }, returnTo: ['s1'] },
    { code: 's3', kind: 'approve', name: '批准', postCode: 'approve', duty: '批准', limit: { days: 4, unit: 'workday' }, returnTo: ['s2'] },
  ],
});

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 100) / 100;
}

/** Inserts `n` published items spread over the units with credit codes (one statement each). */
export async function insertBenchItems(db: Kysely<DB>, n: number, now: Date): Promise<number> {
  const problems = JSON.stringify(publicityProblems(TEMPLATE));
  await sql`
    insert into catalog_items (base_code, impl_code, name, type, unit_id, unit_path, region_code, region_path, status, status_from,
                               current_version_no, secret, exempt, publicity_problems, search_text, created_at, updated_at)
    select b.base, u.credit_code || ${BENCH_FLAG} || b.base, b.name, b.type, u.id, u.path, u.region_code, u.region_path, 'active',
           ${now.toISOString().slice(0, 10)}::date, 1, false, false, 0, b.name, ${now}, ${now}
    from generate_series(1, ${n}) g
    cross join lateral (select
      lpad(g::text, 12, '0') as base,
      case when g % 5000 = 0 then '殡葬服务机构设立审批（' || g || '）'
           else (array['食品','药品','建筑工程','道路运输','医疗机构','排污','出入境证件','就业','特种设备','公共场所'])[1 + g % 10]
             || (array['经营许可','生产许可','登记','备案','资质核准','施工审批','延续','变更'])[1 + (g / 10) % 8] || '（' || g || '）' end as name,
      (array['01','01','01','02','06','07','20','23'])[1 + g % 8] as type) b
    join (select row_number() over (order by id) - 1 as k, id, path, region_code, region_path, credit_code
          from units where credit_code is not null and kind in ('department','agency')) u
      on u.k = g % (select count(*) from units where credit_code is not null and kind in ('department','agency'))`.execute(db);
  await sql`
    insert into catalog_item_versions (item_id, version_no, change_id, base_code, impl_code, name, type, unit_id, unit_path, region_path,
      legal_limit_days, legal_limit_unit, promised_limit_days, promised_limit_unit, free, on_the_spot, online, secret, status, status_from,
      prior_status, status_reason, elements, elements_hash, publicity_problems, valid_from, valid_to, published_at, published_by)
    select i.id, 1, 0, i.base_code, i.impl_code, i.name, i.type, i.unit_id, i.unit_path, i.region_path, 20, 'workday', 10, 'workday', true, false,
      false, false, 'active', i.status_from, null, null,
      jsonb_set(jsonb_set(jsonb_set(${JSON.stringify(TEMPLATE)}::jsonb, '{name}', to_jsonb(i.name)), '{baseCode}', to_jsonb(i.base_code)), '{unitId}', to_jsonb(i.unit_id)),
      'bench', ${problems}::jsonb, ${now}, null, ${now}, null
    from catalog_items i where i.current_version_id is null and substr(i.impl_code, 19, 1) = ${BENCH_FLAG}`.execute(db);
  const r = await sql`
    update catalog_items i set current_version_id = v.id from catalog_item_versions v
    where v.item_id = i.id and i.current_version_id is null and substr(i.impl_code, 19, 1) = ${BENCH_FLAG}`.execute(db);
  await sql`analyze catalog_items`.execute(db);
  await sql`analyze catalog_item_versions`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function benchCatalog(db: Kysely<DB>, opts: { items?: number; runs?: number; now?: Date } = {}): Promise<Record<string, number>> {
  const n = opts.items ?? 100_000;
  const runs = opts.runs ?? 15;
  const now = opts.now ?? new Date();
  const actorOf = async (username: string) => {
    // system: the bench acts as two demo accounts
    const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    return (await loadActor(db, u.id))!;
  };
  const sup = await actorOf('jcj_city');
  const ua = await actorOf('scjg_admin');
  const t0 = performance.now();
  const inserted = await insertBenchItems(db, n, now);
  const insertMs = Math.round(performance.now() - t0);
  const ids = await sql<{ id: number }>`select id from catalog_items order by id offset ${Math.floor(inserted * 0.9)} limit 1`.execute(db);
  const deep = ids.rows[0]?.id ?? 0;
  const pub = (q: string) => () => listPublicItems(db, { q, limit: 20 }, now);
  return {
    catalog_items_inserted: inserted,
    catalog_insert_ms: insertMs,
    catalog_list_first_page_ms: await median(runs, () => listItems(db, sup, { limit: 50 })),
    catalog_list_deep_page_ms: await median(runs, () => listItems(db, sup, { limit: 50, after: deep })),
    catalog_list_unit_admin_ms: await median(runs, () => listItems(db, ua, { limit: 50 })),
    catalog_list_unit_admin_deep_ms: await median(runs, () => listItems(db, ua, { limit: 50, after: deep })),
    catalog_staff_search_ms: await median(runs, () => listItems(db, sup, { limit: 50, q: '医疗机构' })),
    public_list_first_page_ms: await median(runs, () => listPublicItems(db, { limit: 20 }, now)),
    public_search_2char_common_ms: await median(runs, pub('食品')),
    public_search_2char_rare_ms: await median(runs, pub('殡葬')),
    public_search_3char_ms: await median(runs, pub('排污许')),
    public_search_4char_ms: await median(runs, pub('经营许可')),
    public_search_4char_rare_ms: await median(runs, pub('殡葬服务')),
  };
}

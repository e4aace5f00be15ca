// The demo city (绵阳市, GB/T 2260 510700) with 3 districts: units, posts and ~40 users across
// every role. Demo-only: all demo accounts share DEMO_PASSWORD and are flagged `demo`.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { makeCreditCode, makeIdNumber } from '../domain/validators.ts';
import { hashPassword } from './password.ts';
import type { UnitKind } from './tables.ts';

export const DEMO_PASSWORD = 'Sunlight@2026';

const REGIONS = [
  { code: '510000', name: '四川省', level: 'province' as const, parent: null },
  { code: '510700', name: '绵阳市', level: 'city' as const, parent: '510000' },
  { code: '510703', name: '涪城区', level: 'county' as const, parent: '510700' },
  { code: '510704', name: '游仙区', level: 'county' as const, parent: '510700' },
  { code: '510705', name: '安州区', level: 'county' as const, parent: '510700' },
];

interface UnitSeed {
  key: string;
  name: string;
  kind: UnitKind;
  region: string;
  parent?: string;
  phone?: string;
  posts?: boolean;
}

const CITY = '510700';
const UNITS: UnitSeed[] = [
  { key: 'gov', name: '绵阳市人民政府', kind: 'government', region: CITY },
  { key: 'scjg', name: '绵阳市市场监督管理局', kind: 'department', region: CITY, parent: 'gov', phone: '0816-2222315', posts: true },
  { key: 'zjj', name: '绵阳市住房和城乡建设局', kind: 'department', region: CITY, parent: 'gov', phone: '0816-2223456', posts: true },
  { key: 'jtj', name: '绵阳市交通运输局', kind: 'department', region: CITY, parent: 'gov', phone: '0816-2224567', posts: true },
  { key: 'wjw', name: '绵阳市卫生健康委员会', kind: 'department', region: CITY, parent: 'gov', phone: '0816-2225678', posts: true },
  { key: 'sthj', name: '绵阳市生态环境局', kind: 'department', region: CITY, parent: 'gov', phone: '0816-2226789', posts: true },
  { key: 'gaj', name: '绵阳市公安局', kind: 'department', region: CITY, parent: 'gov', phone: '0816-2227110' },
  { key: 'crj', name: '绵阳市公安局出入境管理支队', kind: 'agency', region: CITY, parent: 'gaj', phone: '0816-2227890', posts: true },
  { key: 'rsj', name: '绵阳市人力资源和社会保障局', kind: 'department', region: CITY, parent: 'gov', phone: '0816-2228901', posts: true },
  { key: 'jcj', name: '绵阳市监察局', kind: 'supervision', region: CITY, parent: 'gov', phone: '0816-2212345' },
  { key: 'sfj', name: '绵阳市司法局（市政府法制办）', kind: 'legal', region: CITY, parent: 'gov', phone: '0816-2213456' },
  { key: 'bb', name: '绵阳市机构编制委员会办公室', kind: 'establishment', region: CITY, parent: 'gov', phone: '0816-2214567' },
  { key: 'bmj', name: '绵阳市国家保密局', kind: 'agency', region: CITY, parent: 'gov', phone: '0816-2215678' },
  { key: 'zwzx', name: '绵阳市政务服务中心', kind: 'service_center', region: CITY, parent: 'gov', phone: '0816-12345', posts: true },
  { key: 'hall', name: '绵阳市政务服务中心一楼综合服务大厅', kind: 'hall', region: CITY, parent: 'zwzx' },
  { key: 'win01', name: '综合受理 1 号窗口', kind: 'window', region: CITY, parent: 'hall' },
  { key: 'win02', name: '综合受理 2 号窗口', kind: 'window', region: CITY, parent: 'hall' },
  { key: 'win03', name: '出件窗口', kind: 'window', region: CITY, parent: 'hall' },
  { key: 'fc_gov', name: '涪城区人民政府', kind: 'government', region: '510703' },
  { key: 'fc_scjg', name: '涪城区市场监督管理局', kind: 'department', region: '510703', parent: 'fc_gov', posts: true },
  { key: 'fc_jcj', name: '涪城区监察局', kind: 'supervision', region: '510703', parent: 'fc_gov' },
  { key: 'fc_zwzx', name: '涪城区政务服务中心', kind: 'service_center', region: '510703', parent: 'fc_gov', posts: true },
  { key: 'yx_gov', name: '游仙区人民政府', kind: 'government', region: '510704' },
  { key: 'yx_scjg', name: '游仙区市场监督管理局', kind: 'department', region: '510704', parent: 'yx_gov', posts: true },
  { key: 'yx_jcj', name: '游仙区监察局', kind: 'supervision', region: '510704', parent: 'yx_gov' },
  { key: 'az_gov', name: '安州区人民政府', kind: 'government', region: '510705' },
  { key: 'az_zjj', name: '安州区住房和城乡建设局', kind: 'department', region: '510705', parent: 'az_gov', posts: true },
  { key: 'az_jcj', name: '安州区监察局', kind: 'supervision', region: '510705', parent: 'az_gov' },
];

/** Internal posts (岗位) every processing unit has; their codes are what item flows name. */
export const STANDARD_POSTS = [
  { code: 'accept', name: '窗口受理岗', duty: '收件、材料审查、受理或不予受理、一次性告知补正' },
  { code: 'handle', name: '承办岗', duty: '审查申请材料、现场核查、提出承办意见' },
  { code: 'review', name: '审核岗', duty: '审核承办意见和法律依据' },
  { code: 'approve', name: '批准岗', duty: '作出准予或不予行政许可决定、批准延期' },
];

interface UserSeed {
  username: string;
  name: string;
  unit: string;
  roles: string[];
  posts?: string[];
}

const deptStaff = (unit: string, prefix: string, surname: string): UserSeed[] => [
  { username: `${prefix}_admin`, name: `${surname}管理员`, unit, roles: ['unit_admin'] },
  { username: `${prefix}_handler`, name: `${surname}承办`, unit, roles: ['handler'], posts: ['handle'] },
  { username: `${prefix}_reviewer`, name: `${surname}审核`, unit, roles: ['reviewer'], posts: ['review'] },
  { username: `${prefix}_leader`, name: `${surname}局长`, unit, roles: ['approver'], posts: ['approve'] },
];

const USERS: UserSeed[] = [
  { username: 'admin', name: '系统管理员', unit: 'zwzx', roles: ['system_admin'] },
  { username: 'auditor', name: '安全审计员', unit: 'zwzx', roles: ['security_auditor'] },
  { username: 'jcj_city', name: '王监察（市监察局）', unit: 'jcj', roles: ['supervisor'] },
  { username: 'jcj_city2', name: '李局长（市监察局）', unit: 'jcj', roles: ['supervisor', 'supervision_leader'] },
  { username: 'jcj_fucheng', name: '赵监察（涪城区）', unit: 'fc_jcj', roles: ['supervisor'] },
  { username: 'jcj_youxian', name: '钱监察（游仙区）', unit: 'yx_jcj', roles: ['supervisor'] },
  { username: 'jcj_anzhou', name: '孙监察（安州区）', unit: 'az_jcj', roles: ['supervisor'] },
  { username: 'fzb', name: '周法制（市司法局）', unit: 'sfj', roles: ['legal_affairs'] },
  { username: 'bb', name: '吴编办（市编办）', unit: 'bb', roles: ['catalogue_reviewer'] },
  { username: 'bmj', name: '冯保密（市保密局）', unit: 'bmj', roles: ['secrecy_officer'] },
  { username: 'zwzx_admin', name: '郑主任（政务服务中心）', unit: 'zwzx', roles: ['unit_admin'] },
  { username: 'ck01', name: '陈窗口（1 号窗口）', unit: 'zwzx', roles: ['window_clerk'], posts: ['accept'] },
  { username: 'ck02', name: '林窗口（2 号窗口）', unit: 'zwzx', roles: ['window_clerk'], posts: ['accept'] },
  { username: 'ck03', name: '黄窗口（出件窗口）', unit: 'zwzx', roles: ['window_clerk'], posts: ['accept'] },
  ...deptStaff('scjg', 'scjg', '市场监管'),
  ...deptStaff('zjj', 'zjj', '住建'),
  ...deptStaff('jtj', 'jtj', '交通'),
  ...deptStaff('wjw', 'wjw', '卫健'),
  ...deptStaff('sthj', 'sthj', '生态环境'),
  { username: 'crj_handler', name: '出入境承办', unit: 'crj', roles: ['handler'], posts: ['handle'] },
  { username: 'crj_leader', name: '出入境支队长', unit: 'crj', roles: ['approver'], posts: ['approve'] },
  { username: 'rsj_handler', name: '人社承办', unit: 'rsj', roles: ['handler'], posts: ['handle'] },
  { username: 'rsj_leader', name: '人社局长', unit: 'rsj', roles: ['approver'], posts: ['approve'] },
  { username: 'fc_scjg_handler', name: '涪城市场监管承办', unit: 'fc_scjg', roles: ['handler'], posts: ['handle'] },
  { username: 'fc_scjg_leader', name: '涪城市场监管局长', unit: 'fc_scjg', roles: ['approver'], posts: ['approve'] },
  { username: 'fc_ck01', name: '涪城区窗口', unit: 'fc_zwzx', roles: ['window_clerk'], posts: ['accept'] },
  { username: 'yx_scjg_handler', name: '游仙市场监管承办', unit: 'yx_scjg', roles: ['handler'], posts: ['handle'] },
  { username: 'az_zjj_handler', name: '安州住建承办', unit: 'az_zjj', roles: ['handler'], posts: ['handle'] },
];

const APPLICANTS = [
  { username: 'zhangsan', name: '张三', type: 'person' as const, id: makeIdNumber('51070319850612231'), phone: '13800816001' },
  { username: 'lisi', name: '李四', type: 'person' as const, id: makeIdNumber('51070419920305124'), phone: '13800816002' },
  { username: 'fuleqi', name: '王经办（绵阳富乐餐饮有限公司）', type: 'organisation' as const, org: '绵阳富乐餐饮有限公司', credit: makeCreditCode('91510703MA6B8X2K1'), phone: '13800816003' },
];

export interface DemoSeedResult {
  regions: number;
  units: number;
  users: number;
}

export async function hasRealUsers(db: Kysely<DB>): Promise<boolean> {
  // system: the seed's own safety check over every account
  const r = await db.selectFrom('users').select('id').where('demo', '=', false).limit(1).executeTakeFirst();
  return !!r;
}

export async function seedDemoCity(db: Kysely<DB>, now: Date): Promise<DemoSeedResult> {
  if (await hasRealUsers(db)) throw new Error('数据库中已有真实用户，演示数据只能写入空数据库（refusing to seed demo data: real users exist）');
  // system: idempotence check
  const existing = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  if (existing) return { regions: 0, units: 0, users: 0 };
  const hash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const regionPath = new Map<string, string>();
    for (const r of REGIONS) {
      const path = `${r.parent ? regionPath.get(r.parent)! : '/'}${r.code}/`;
      regionPath.set(r.code, path);
      await trx.insertInto('regions').values({ code: r.code, name: r.name, level: r.level, parent_code: r.parent, path, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('code').doNothing()).execute();
    }
    const unitIds = new Map<string, { id: number; path: string }>();
    let seq = 0;
    for (const u of UNITS) {
      seq++;
      const credit = u.kind === 'hall' || u.kind === 'window'
        ? null
        : makeCreditCode(`11${u.region}${String(70_800_000 + seq * 37).padStart(8, '0')}${'ABCDEFGHJKLMNPQRT'[seq % 17]}`);
      const parent = u.parent ? unitIds.get(u.parent)! : null;
      const row = await trx.insertInto('units').values({
        name: u.name, short_name: null, kind: u.kind, credit_code: credit, region_code: u.region, region_path: regionPath.get(u.region)!,
        parent_id: parent?.id ?? null, phone: u.phone ?? null, address: `四川省绵阳市${u.name.replace(/^绵阳市/, '')}办公地址`,
        deactivated_at: null, deactivated_reason: null, created_at: now, updated_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      const path = `${parent?.path ?? '/'}${row.id}/`;
      // system: seed fills in the path of the row it just inserted
      await trx.updateTable('units').set({ path }).where('id', '=', row.id).execute();
      unitIds.set(u.key, { id: row.id, path });
    }
    const postIds = new Map<string, number>();
    for (const u of UNITS.filter((x) => x.posts)) {
      for (const p of STANDARD_POSTS) {
        const r = await trx.insertInto('posts').values({ unit_id: unitIds.get(u.key)!.id, code: p.code, name: p.name, duty: p.duty, created_at: now, updated_at: now })
          .returning('id').executeTakeFirstOrThrow();
        postIds.set(`${u.key}:${p.code}`, r.id);
      }
    }
    for (const u of USERS) {
      const unit = unitIds.get(u.unit)!;
      const row = await trx.insertInto('users').values({
        username: u.username, display_name: u.name, kind: 'staff', unit_id: unit.id, applicant_type: null, id_number: null,
        org_name: null, credit_code: null, phone: null, email: null, password_hash: hash, password_changed_at: now,
        must_change_password: false, locked_until: null, last_login_at: null, deactivated_at: null, deactivated_reason: null,
        demo: true, created_at: now, updated_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('user_roles').values(u.roles.map((r) => ({ user_id: row.id, role_code: r, granted_at: now, granted_by: null }))).execute();
      const posts = (u.posts ?? []).map((p) => postIds.get(`${u.unit}:${p}`)).filter((x): x is number => !!x);
      if (posts.length) await trx.insertInto('user_posts').values(posts.map((p) => ({ user_id: row.id, post_id: p }))).execute();
    }
    for (const a of APPLICANTS) {
      const row = await trx.insertInto('users').values({
        username: a.username, display_name: a.name, kind: 'applicant', unit_id: null, applicant_type: a.type,
        id_number: a.type === 'person' ? a.id : null, org_name: a.type === 'organisation' ? a.org : null,
        credit_code: a.type === 'organisation' ? a.credit : null, phone: a.phone, email: null, password_hash: hash,
        password_changed_at: now, must_change_password: false, locked_until: null, last_login_at: null, deactivated_at: null,
        deactivated_reason: null, demo: true, created_at: now, updated_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('user_roles').values({ user_id: row.id, role_code: 'applicant', granted_at: now, granted_by: null }).execute();
    }
    return { regions: REGIONS.length, units: UNITS.length, users: USERS.length + APPLICANTS.length };
  });
}

export const DEMO_USERS = USERS.map((u) => ({ username: u.username, name: u.name, roles: u.roles }));

// Patrols 巡查 and sampling 抽样监察 (SUP-9, 四川 §11). Patrol records are append-only; the
// compliance per working day is computed from the records and the work calendar:
// 四川 §11(二): province ≥ 1 own a day; city ≥ 2 own + ≥ 1 on county platforms; county ≥ 2 own.
// Sampling picks N cases by criteria with a seeded shuffle, so the same seed over the same
// candidates picks the same cases; findings are recorded per sampled case.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { scoped, type Actor } from '../access/scope.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { addDays, chinaDateOf, diffDays, endOfChinaDay, startOfChinaDay } from '../domain/calendar.ts';
import { loadCalendar } from '../calendar/service.ts';
import { regionLevelOf } from '../domain/validators.ts';

export const PATROL_REQUIRED: Record<string, { own: number; lower: number }> = {
  province: { own: 1, lower: 0 },
  city: { own: 2, lower: 1 },
  county: { own: 2, lower: 0 },
};

export interface NewPatrol {
  targetRegionCode?: string | null;
  mode: 'data' | 'video';
  note: string;
  findings?: string | null;
  signalIds?: number[];
}

export async function recordPatrol(db: Kysely<DB>, a: Actor, p: NewPatrol, now: Date) {
  if (!a.regionCode || !a.regionPath || a.unitId == null || !a.unitPath) throw badRequest('NO_REGION', '账户没有所属区域，不能登记巡查');
  const target = p.targetRegionCode ?? a.regionCode;
  let kind: 'own' | 'lower' = 'own';
  if (target !== a.regionCode) {
    const r = await scoped(db, a).selectFrom('regions').select(['code', 'path']).where('code', '=', target).executeTakeFirst();
    if (!r || r.path === a.regionPath || !r.path.startsWith(a.regionPath)) throw notFound('巡查对象区域不存在或不在下级');
    kind = 'lower';
  }
  const row = await db.insertInto('sup_patrols').values({
    patrolled_by: a.userId, unit_id: a.unitId, unit_path: a.unitPath, region_code: a.regionCode, region_path: a.regionPath,
    region_level: regionLevelOf(a.regionCode), target_region_code: target, target: kind, mode: p.mode, day: chinaDateOf(now), at: now,
    note: p.note, findings: p.findings ?? null, signal_ids: p.signalIds ?? [],
  }).returningAll().executeTakeFirstOrThrow();
  const r = await scoped(db, a).selectFrom('regions').select('name').where('code', '=', target).executeTakeFirst();
  return { ...row, patrolled_by_name: a.displayName, target_region_name: r?.name ?? target };
}

export async function listPatrols(db: Kysely<DB>, a: Actor, f: { from?: string; to?: string; regionCode?: string; after?: number; limit: number }) {
  let q = scoped(db, a).selectFrom('sup_patrols as p').leftJoin('users as pu', 'pu.id', 'p.patrolled_by').leftJoin('regions as r', 'r.code', 'p.target_region_code')
    .selectAll('p').select(['pu.display_name as patrolled_by_name', 'r.name as target_region_name']);
  if (f.from) q = q.where('p.day', '>=', f.from);
  if (f.to) q = q.where('p.day', '<=', f.to);
  if (f.regionCode) q = q.where('p.region_code', '=', f.regionCode);
  if (f.after) q = q.where('p.id', '<', f.after);
  return q.orderBy('p.id', 'desc').limit(f.limit + 1).execute();
}

/** Each supervising level in the caller's region and below: patrols per working day against 四川 §11(二). */
export async function patrolCompliance(db: Kysely<DB>, a: Actor, from: string, to: string) {
  if (diffDays(from, to) < 0 || diffDays(from, to) > 92) throw badRequest('INVALID_RANGE', '统计区间应为 1–93 天');
  const cal = await loadCalendar(db);
  const days: string[] = [];
  for (let d = from; diffDays(d, to) >= 0; d = addDays(d, 1)) if (cal.isWorkingDay(d)) days.push(d);
  const regions = await scoped(db, a).selectFrom('regions').select(['code', 'name', 'level', 'path'])
    .where('level', 'in', ['province', 'city', 'county']).where('active', '=', true).orderBy('path').execute();
  const counts = await scoped(db, a).selectFrom('sup_patrols').select(['region_code', 'day', 'target', sql<number>`count(*)::int`.as('n')])
    .where('day', '>=', from).where('day', '<=', to).groupBy(['region_code', 'day', 'target']).execute();
  const by = new Map<string, number>();
  for (const c of counts) by.set(`${c.region_code}|${String(c.day).slice(0, 10)}|${c.target}`, Number(c.n));
  return {
    from, to, workingDays: days,
    regions: regions.map((r) => {
      const req = PATROL_REQUIRED[r.level];
      const perDay = days.map((day) => {
        const own = by.get(`${r.code}|${day}|own`) ?? 0;
        const lower = by.get(`${r.code}|${day}|lower`) ?? 0;
        return { day, own, lower, met: own >= req.own && lower >= req.lower };
      });
      return { regionCode: r.code, name: r.name, level: r.level, required: req, metDays: perDay.filter((d) => d.met).length, days: perDay };
    }),
  };
}

// ───────────────────────── sampling ─────────────────────────

export interface SamplingCriteria {
  n: number;
  seed?: string | null;
  unitId?: number | null;
  itemId?: number | null;
  status?: string | null;
  from?: string | null;
  to?: string | null;
}

/** Deterministic shuffle: SHA-256(seed, id) orders the candidates. */
export function seededPick(ids: number[], n: number, seed: string): number[] {
  const key = (id: number) => createHash('sha256').update(`${seed}:${id}`).digest('hex');
  return ids.map((id) => ({ id, k: key(id) })).sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : x.id - y.id)).slice(0, n).map((x) => x.id);
}

export async function createSampling(db: Kysely<DB>, a: Actor, c: SamplingCriteria, note: string | null, now: Date) {
  if (a.unitId == null || !a.unitPath || !a.regionPath) throw badRequest('NO_REGION', '账户没有所属单位');
  const seed = c.seed || createHash('sha256').update(`${a.userId}:${now.toISOString()}`).digest('hex').slice(0, 16);
  let q = scoped(db, a).selectFrom('cases').select('id');
  if (c.unitId) q = q.where('unit_id', '=', c.unitId);
  if (c.itemId) q = q.where('item_id', '=', c.itemId);
  if (c.status) q = q.where('status', '=', c.status);
  if (c.from) q = q.where('received_at', '>=', startOfChinaDay(c.from));
  if (c.to) q = q.where('received_at', '<', endOfChinaDay(c.to));
  const ids = (await q.orderBy('id').limit(100_000).execute()).map((r) => r.id);
  const picked = seededPick(ids, c.n, seed);
  const criteria = { ...c, seed, candidates: ids.length };
  return db.insertInto('sup_samplings').values({
    created_by: a.userId, unit_id: a.unitId, unit_path: a.unitPath, region_path: a.regionPath, criteria: JSON.stringify(criteria),
    requested: c.n, case_ids: picked, note, created_at: now,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function getSampling(db: Kysely<DB>, a: Actor, id: number) {
  const s = await scoped(db, a).selectFrom('sup_samplings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) throw notFound('抽样记录不存在');
  const ids = (s.case_ids ?? []).map(Number);
  const cases = ids.length
    ? await scoped(db, a).selectFrom('cases as c').innerJoin('units as u', 'u.id', 'c.unit_id')
      .select(['c.id', 'c.case_no', 'c.item_name', 'c.unit_id', 'u.name as unit_name', 'c.status', 'c.received_at']).where('c.id', 'in', ids).execute()
    : [];
  cases.sort((x, y) => ids.indexOf(x.id) - ids.indexOf(y.id)); // in the order picked
  const findings = await db.selectFrom('sup_sampling_findings').selectAll().where('sampling_id', '=', s.id).orderBy('id').execute();
  return { sampling: s, cases, findings };
}

export async function listSamplings(db: Kysely<DB>, a: Actor, after: number | undefined, limit: number) {
  let q = scoped(db, a).selectFrom('sup_samplings').selectAll();
  if (after) q = q.where('id', '<', after);
  return q.orderBy('id', 'desc').limit(limit + 1).execute();
}

export async function recordSamplingFinding(db: Kysely<DB>, a: Actor, id: number, f: { caseId: number; result: 'ok' | 'problem'; finding: string; signalId?: number | null }, now: Date) {
  const s = await scoped(db, a).selectFrom('sup_samplings').select(['id', 'case_ids']).where('id', '=', id).executeTakeFirst();
  if (!s) throw notFound('抽样记录不存在');
  if (!(s.case_ids ?? []).map(Number).includes(f.caseId)) throw badRequest('NOT_SAMPLED', '该办件不在本次抽样中');
  if (f.signalId) await scoped(db, a).assertVisible('signals', f.signalId);
  return db.insertInto('sup_sampling_findings').values({
    sampling_id: id, case_id: f.caseId, result: f.result, finding: f.finding, signal_id: f.signalId ?? null, by_id: a.userId, at: now,
  }).returningAll().executeTakeFirstOrThrow();
}

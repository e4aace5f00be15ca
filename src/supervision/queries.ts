// Reading supervision data through the actor's jurisdiction (SEC-1, SUP-8): supervisors see
// their region and below, units their own. Lists use keyset pagination; the overview reads
// the rollups only (ARCHITECTURE Scale).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { scoped, type Actor } from '../access/scope.ts';
import { notFound } from '../http/errors.ts';
import { readStream } from '../store/event-chain.ts';

export interface SignalFilter {
  level?: string;
  status?: string;
  category?: string;
  ruleCode?: string;
  unitId?: number;
  caseId?: number;
  itemId?: number;
  from?: Date;
  to?: Date;
  after?: number;
  limit: number;
}

export async function listSignals(db: Kysely<DB>, a: Actor, f: SignalFilter) {
  let q = scoped(db, a).selectFrom('signals as s').innerJoin('units as u', 'u.id', 's.unit_id').selectAll('s').select('u.name as unit_name');
  if (f.level) q = q.where('s.level', '=', f.level as any);
  if (f.status) q = q.where('s.status', '=', f.status);
  if (f.category) q = q.where('s.category', '=', f.category as any);
  if (f.ruleCode) q = q.where('s.rule_code', '=', f.ruleCode);
  if (f.unitId) q = q.where('s.unit_id', '=', f.unitId);
  if (f.caseId) q = q.where('s.case_id', '=', f.caseId);
  if (f.itemId) q = q.where('s.item_id', '=', f.itemId);
  if (f.from) q = q.where('s.raised_at', '>=', f.from);
  if (f.to) q = q.where('s.raised_at', '<', f.to);
  if (f.after) q = q.where('s.id', '<', f.after);
  return q.orderBy('s.id', 'desc').limit(f.limit + 1).execute();
}

export async function getSignal(db: Kysely<DB>, a: Actor, id: number) {
  const s = await scoped(db, a).selectFrom('signals as s').innerJoin('units as u', 'u.id', 's.unit_id').selectAll('s').select('u.name as unit_name')
    .where('s.id', '=', id).executeTakeFirst();
  if (!s) throw notFound('监察信号不存在');
  return { ...s, evidence: await signalEvidence(db, s.id) };
}

/**
 * A signal's evidence: the data of its first event (signal.raised), which the chain holds — the
 * signal row keeps no copy (migration 0010). For a row the caller has read within its scope.
 */
export async function signalEvidence(db: Kysely<DB>, id: number): Promise<unknown> {
  const r = await sql<{ evidence: unknown }>`select data->'evidence' as evidence from signal_events where stream_id = ${`signal:${id}`} and seq = 1`.execute(db);
  return r.rows[0]?.evidence ?? null;
}

/** The name of the unit a row already read through the actor's scope names (its responsible unit). */
export async function unitNameOf(db: Kysely<DB>, unitId: number): Promise<string> {
  // system: the responsible unit of a row the caller has already read within its jurisdiction
  const u = await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
  return u?.name ?? '';
}

/** Adds `unit_name` to a signal or task row read (or just written) within the actor's scope. */
export async function withUnitName<T extends { unit_id: number }>(db: Kysely<DB>, row: T): Promise<T & { unit_name: string }> {
  return { ...row, unit_name: await unitNameOf(db, row.unit_id) };
}

export const signalEvents = (db: Kysely<DB>, id: number) => readStream(db, 'signal_events', `signal:${id}`);

export async function signalDocuments(db: Kysely<DB>, a: Actor, signalId: number) {
  return scoped(db, a).selectFrom('sup_documents').select(['id', 'kind', 'title', 'doc_no', 'verification_code', 'issued_at']).where('signal_id', '=', signalId).orderBy('id').execute();
}

export async function getDocument(db: Kysely<DB>, a: Actor, id: number) {
  const d = await scoped(db, a).selectFrom('sup_documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) throw notFound('文书不存在');
  // system: the addressee's name printed on the document
  const u = await db.selectFrom('units').select('name').where('id', '=', d.unit_id).executeTakeFirst();
  return { doc: d, unitName: u?.name ?? '' };
}

/** The console overview from the rollups: by level, by unit, trend per day, worst units and items. */
export async function overview(db: Kysely<DB>, a: Actor, days: number, today: string) {
  const byUnit = await scoped(db, a).selectFrom('sup_stats_unit as s').innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.unit_id', 'u.name', 's.level', 's.raised', 's.open', 's.valid']).execute();
  const from = new Date(Date.parse(`${today}T00:00:00+08:00`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const trend = await scoped(db, a).selectFrom('sup_stats_day as d').select(['d.day', 'd.level', sql<number>`sum(d.raised)::int`.as('raised')])
    .where('d.day', '>=', from).groupBy(['d.day', 'd.level']).orderBy('d.day').execute();
  const items = await scoped(db, a).selectFrom('sup_stats_item as i')
    .select(['i.item_id', 'i.item_name', sql<number>`sum(i.raised)::int`.as('raised'), sql<number>`sum(i.open)::int`.as('open'),
      sql<number>`sum(case when i.level = 'red' then i.raised else 0 end)::int`.as('red')])
    .groupBy(['i.item_id', 'i.item_name']).orderBy(sql`sum(case when i.level = 'red' then i.raised else 0 end)`, 'desc').limit(10).execute();
  // By region: the units' own region (not rolled up), and per region level (SUP-8).
  const regionRows = await scoped(db, a).selectFrom('sup_stats_unit as s').innerJoin('regions as r', 'r.path', 's.region_path')
    .select(['r.code', 'r.name', 'r.level as region_level', 'r.path', 's.level', sql<number>`sum(s.raised)::int`.as('raised'), sql<number>`sum(s.open)::int`.as('open')])
    .groupBy(['r.code', 'r.name', 'r.level', 'r.path', 's.level']).orderBy('r.path').execute();
  const totals = { reminder: { raised: 0, open: 0 }, yellow: { raised: 0, open: 0 }, red: { raised: 0, open: 0 } } as Record<string, { raised: number; open: number }>;
  const units = new Map<number, { unitId: number; name: string; reminder: number; yellow: number; red: number; open: number; valid: number }>();
  for (const r of byUnit) {
    const t = totals[r.level];
    if (t) {
      t.raised += Number(r.raised);
      t.open += Number(r.open);
    }
    const u = units.get(r.unit_id) ?? { unitId: r.unit_id, name: r.name, reminder: 0, yellow: 0, red: 0, open: 0, valid: 0 };
    (u as any)[r.level] += Number(r.raised);
    u.open += Number(r.open);
    u.valid += Number(r.valid);
    units.set(r.unit_id, u);
  }
  const worstUnits = [...units.values()].sort((x, y) => y.red - x.red || y.yellow - x.yellow).slice(0, 10);
  type Counts = { reminder: number; yellow: number; red: number; open: number };
  const zero = (): Counts => ({ reminder: 0, yellow: 0, red: 0, open: 0 });
  const regions = new Map<string, { regionCode: string; name: string; regionLevel: string } & Counts>();
  const levels = new Map<string, { regionLevel: string; regions: number } & Counts>();
  for (const r of regionRows) {
    const reg = regions.get(r.code) ?? { regionCode: r.code, name: r.name, regionLevel: r.region_level, ...zero() };
    const lv = levels.get(r.region_level) ?? { regionLevel: r.region_level, regions: 0, ...zero() };
    if (!regions.has(r.code)) lv.regions++;
    for (const c of [reg, lv]) {
      if (r.level === 'reminder' || r.level === 'yellow' || r.level === 'red') c[r.level] += Number(r.raised);
      c.open += Number(r.open);
    }
    regions.set(r.code, reg);
    levels.set(r.region_level, lv);
  }
  const LEVEL_ORDER = ['province', 'city', 'county', 'township'];
  return {
    totals,
    regions: [...regions.values()],
    regionLevels: [...levels.values()].sort((x, y) => LEVEL_ORDER.indexOf(x.regionLevel) - LEVEL_ORDER.indexOf(y.regionLevel)),
    units: [...units.values()],
    trend: trend.map((t) => ({ day: t.day, level: t.level, raised: Number(t.raised) })),
    worstUnits,
    worstItems: items.map((i) => ({ itemId: i.item_id, name: i.item_name, raised: Number(i.raised), open: Number(i.open), red: Number(i.red) })),
  };
}

/** The bell (in-app notifications of the signed-in user). */
export async function bell(db: Kysely<DB>, userId: number, after: number | undefined, limit: number) {
  let q = db.selectFrom('sup_outbox').select(['id', 'subject', 'body', 'link', 'signal_id', 'task_id', 'created_at', 'read_at'])
    .where('recipient_user_id', '=', userId).where('channel', '=', 'inapp');
  if (after) q = q.where('id', '<', after);
  return q.orderBy('id', 'desc').limit(limit + 1).execute();
}

/** Unread count, capped (never an unbounded COUNT). */
export async function unreadCount(db: Kysely<DB>, userId: number, cap = 99): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from (select 1 from sup_outbox where recipient_user_id = ${userId} and channel = 'inapp' and read_at is null limit ${cap + 1}) x`.execute(db);
  return r.rows[0].n;
}

export async function markRead(db: Kysely<DB>, userId: number, id: number | null, now: Date): Promise<number> {
  let q = db.updateTable('sup_outbox').set({ read_at: now }).where('recipient_user_id', '=', userId).where('channel', '=', 'inapp').where('read_at', 'is', null);
  if (id !== null) q = q.where('id', '=', id);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

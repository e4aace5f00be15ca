// What a command needs besides itself: the locked case row (and its combined parent), the
// working-day calendar, the item version the case runs under (CAT-3) and the acting person's
// posts in the case's unit — fetched with one locking query (the hot path of every command).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Actor } from '../access/scope.ts';
import { loadCalendar } from '../calendar/service.ts';
import { getItemVersionSpec } from '../catalog/items.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import type { ItemVersionSpec } from '../domain/item.ts';
import { SYSTEM_CASE_ACTOR, type CaseActor } from '../domain/case-machine.ts';
import type { CaseRow } from './tables.ts';
import { cachedState, knownHead } from './state-cache.ts';

/** Published versions are immutable (CAT-3), so a version's spec can be kept for the process. */
const specs = new Map<number, ItemVersionSpec>();
const SPEC_CACHE_MAX = 5000;

export async function itemSpec(db: Kysely<DB>, versionId: number): Promise<ItemVersionSpec> {
  const hit = specs.get(versionId);
  if (hit) return hit;
  const spec = await getItemVersionSpec(db, versionId);
  if (specs.size >= SPEC_CACHE_MAX) specs.delete(specs.keys().next().value!);
  specs.set(versionId, spec);
  return spec;
}

/** The calendar of a data version (settings 'calendar_version', read inside the locking query). */
let calendarCache: { version: string; calendar: WorkCalendar } | null = null;

export async function calendarOf(db: Kysely<DB>, version: string): Promise<WorkCalendar> {
  if (calendarCache && calendarCache.version === version) return calendarCache.calendar;
  const calendar = await loadCalendar(db);
  calendarCache = { version, calendar };
  return calendar;
}

/** The calendar now, read as commands read it (for views and lists). */
export async function currentCalendar(db: Kysely<DB>): Promise<WorkCalendar> {
  const v = await db.selectFrom('settings').select('value').where('key', '=', 'calendar_version').executeTakeFirst();
  return calendarOf(db, String(v?.value ?? '0'));
}

export interface PostHeld {
  id: number;
  code: string;
  unitId: number;
}

/** The columns a command on a case reads (the batch path selects exactly these: BATCH_COLUMNS). */
export const COMMAND_COLUMNS = ['id', 'case_no', 'kind', 'parent_id', 'status', 'item_id', 'item_version_id', 'item_name', 'item_type', 'unit_id',
  'unit_path', 'region_path', 'window_unit_id', 'channel', 'event_count', 'last_hash', 'state'] as const;
export type CommandCaseRow = Pick<CaseRow, (typeof COMMAND_COLUMNS)[number]>;

export interface LockedCase {
  row: CommandCaseRow;
  /** The combined case of a sub-case (CASE-9), locked before it. */
  parent: CaseRow | null;
  unitName: string;
  posts: PostHeld[];
  calendarVersion: string;
  /** 文号 of the latest decision document (printed on the 送达回证). */
  decisionDocNo: string | null;
}

type LockExtras = { unit_name: string; posts: PostHeld[] | string; calendar_version: unknown; decision_doc_no: string | null };
type LockRow = CaseRow & LockExtras;

/**
 * Reads everything a command needs in one query. With `lock`, locks the case (and its combined
 * parent first, so concurrent commands on sibling sub-cases and on the combined case lock in
 * one order); without, the caller writes with a guard on event_count (optimistic).
 */
export async function lockCase(trx: Kysely<DB>, caseId: number, userId: number | null, lock = true): Promise<LockedCase | null> {
  // system: the command service reads the case the caller was already allowed to act on
  const r = await sql<LockRow>`/*hot:case_lock*/ select c.*,
      (select u.name from units u where u.id = c.unit_id) as unit_name,
      (select coalesce(json_agg(json_build_object('id', p.id, 'code', p.code, 'unitId', p.unit_id)), '[]'::json)
         from user_posts up join posts p on p.id = up.post_id
        where up.user_id = ${userId ?? 0} and p.active and (p.unit_id = c.unit_id or p.unit_id = c.window_unit_id)) as posts,
      (select s.value from settings s where s.key = 'calendar_version') as calendar_version,
      (select d.doc_no from case_documents d where d.case_id = c.id
         and d.kind in ('grant_decision', 'denial_decision', 'penalty_decision', 'no_penalty_decision') order by d.id desc limit 1) as decision_doc_no
    from cases c
    where c.id = any(array[${caseId}::bigint, (select c2.parent_id from cases c2 where c2.id = ${caseId})])
    order by c.id
    ${lock ? sql`for update of c` : sql``}`.execute(trx);
  const own = r.rows.find((x) => x.id === caseId);
  if (!own) return null;
  const parent = r.rows.find((x) => x.id !== caseId) ?? null;
  const posts = typeof own.posts === 'string' ? (JSON.parse(own.posts) as PostHeld[]) : own.posts;
  return { row: own, parent, unitName: own.unit_name, posts, calendarVersion: String(own.calendar_version ?? '0'), decisionDocNo: own.decision_doc_no };
}

/**
 * The machine's view of the person acting (CASE-3): their posts in the case's unit, and the
 * window post ('accept') they hold in the service centre that receives the case (一窗受理).
 */
export function caseActorOf(actor: Actor | null, posts: PostHeld[], row: Pick<CaseRow, 'unit_id' | 'window_unit_id'>): CaseActor {
  if (!actor) return SYSTEM_CASE_ACTOR;
  const codes = new Set<string>();
  for (const p of posts) {
    if (p.unitId === row.unit_id) codes.add(p.code);
    else if (p.unitId === row.window_unit_id && p.code === 'accept') codes.add(p.code);
  }
  return { userId: actor.userId, unitId: actor.unitId, postCodes: [...codes], roles: actor.roles };
}

/** The id of the post an act was done under, for the event's actor_post_id. */
export function postIdOf(posts: PostHeld[], code: string | null, row: Pick<CaseRow, 'unit_id' | 'window_unit_id'>): number | null {
  if (code === null) return null;
  return (posts.find((p) => p.code === code && p.unitId === row.unit_id) ?? posts.find((p) => p.code === code && p.unitId === row.window_unit_id))?.id ?? null;
}

/**
 * The columns a command on a single case uses (the machine's state, the chain head, where the
 * case sits in the organisation, the item version); the batch path reads these, not the whole
 * row, and the state only when this process does not hold it already (state-cache.ts).
 */
const BATCH_COLUMNS = COMMAND_COLUMNS.filter((c) => c !== 'state').map((c) => `c.${c}`).join(', ');

/**
 * Locks many cases for one shared transaction (command-batch.ts), each with the posts of the
 * person acting on it, in id order (concurrent batches lock in one order). Only cases outside
 * parallel approval (kind single, no parent): the others take the one-case path.
 */
export async function lockCases(trx: Kysely<DB>, wanted: { caseId: number; userId: number | null }[]): Promise<Map<number, LockedCase>> {
  // Rows are locked one index probe at a time in ascending id order (concurrent batches lock
  // in one order); the lateral form keeps that plan whatever the table's statistics were when
  // the prepared statement was planned (a join could be planned as a scan of the whole table).
  const ordered = [...wanted].sort((a, b) => a.caseId - b.caseId);
  // system: the command service reads cases the callers were already allowed to act on
  const heads = ordered.map((w) => knownHead(w.caseId));
  const r = await sql<CommandCaseRow & LockExtras>`/*hot:case_lock_many*/ select ${sql.raw(BATCH_COLUMNS)},
      case when c.event_count = w.seq and c.last_hash = w.hash then null else c.state end as state,
      (select u.name from units u where u.id = c.unit_id) as unit_name,
      (select coalesce(json_agg(json_build_object('id', p.id, 'code', p.code, 'unitId', p.unit_id)), '[]'::json)
         from user_posts up join posts p on p.id = up.post_id
        where up.user_id = w.user_id and p.active and (p.unit_id = c.unit_id or p.unit_id = c.window_unit_id)) as posts,
      (select s.value from settings s where s.key = 'calendar_version') as calendar_version,
      (select d.doc_no from case_documents d where d.case_id = c.id
         and d.kind in ('grant_decision', 'denial_decision', 'penalty_decision', 'no_penalty_decision') order by d.id desc limit 1) as decision_doc_no
    from unnest(${ordered.map((w) => w.caseId)}::bigint[], ${ordered.map((w) => w.userId ?? 0)}::bigint[], ${heads.map((h) => h.seq)}::integer[],
      ${heads.map((h) => h.hash)}::text[]) with ordinality as w(case_id, user_id, seq, hash, k)
    cross join lateral (select * from cases x where x.id = w.case_id and x.kind = 'single' and x.parent_id is null for update) c
    order by w.k`.execute(trx);
  const out = new Map<number, LockedCase>();
  const missing: typeof r.rows = [];
  for (const row of r.rows) {
    if (row.state === null) row.state = cachedState(row.id, row.event_count, row.last_hash);
    // evicted between the statement and here: read it (the row is locked, so it is the state)
    if (row.state === null) missing.push(row);
  }
  if (missing.length) {
    // system: the states of rows this transaction holds locked
    const states = await trx.selectFrom('cases').select(['id', 'state']).where('id', 'in', missing.map((m) => m.id)).execute();
    for (const m of missing) m.state = states.find((x) => x.id === m.id)!.state;
  }
  for (const row of r.rows) {
    const posts = typeof row.posts === 'string' ? (JSON.parse(row.posts) as PostHeld[]) : row.posts;
    out.set(row.id, { row, parent: null, unitName: row.unit_name, posts, calendarVersion: String(row.calendar_version ?? '0'), decisionDocNo: row.decision_doc_no });
  }
  return out;
}

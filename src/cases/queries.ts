// Reading cases for staff (SEC-1 scope; CASE-3 to-do lists; CASE-2 acceptance queue) and for
// applicants (their own cases, PUB-1/CASE-8). Lists are keyset-paginated by id and never count.
//
// Visibility: the actor's data scope over the case's unit (scopeFilter on 'cases'), OR — for
// staff who receive and issue at a window (case.accept / case.enter) — the cases their service
// centre receives (一窗受理: the hall's windows act for the departments stationed in it).
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../store/schema.ts';
import { scoped, scopeFilter, type Actor } from '../access/scope.ts';
import { notFound } from '../http/errors.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import { clockView, type ClockState } from '../domain/clock.ts';
import type { CaseRow } from './tables.ts';

export function visibility(a: Actor): Expression<SqlBool> {
  const scope = scopeFilter(a, 'cases', 'c');
  const windowStaff = a.kind === 'staff' && a.unitId !== null && (a.permissions.has('case.accept') || a.permissions.has('case.enter'));
  return windowStaff ? sql<SqlBool>`(${scope} or c.window_unit_id = ${a.unitId})` : scope;
}

/** Cases the actor may see. */
export function visibleCases(db: Kysely<DB>, a: Actor) {
  // system: jurisdiction = scopeFilter(actor, 'cases') OR the actor's window receives the case (visibility above)
  return db.selectFrom('cases as c').where(() => visibility(a));
}

export async function getVisibleCase(db: Kysely<DB>, a: Actor, id: number): Promise<CaseRow> {
  const r = await visibleCases(db, a).selectAll('c').where('c.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('办件不存在');
  return r;
}

/** The applicant's own case (public hall). */
export async function getOwnCase(db: Kysely<DB>, a: Actor, id: number): Promise<CaseRow> {
  const r = await scoped(db, a).selectFrom('cases as c').selectAll('c').where('c.id', '=', id).where('c.applicant_user_id', '=', a.userId)
    .where('c.parent_id', 'is', null).executeTakeFirst();
  if (!r) throw notFound('办件不存在');
  return r;
}

const SUMMARY = [
  'c.id', 'c.case_no', 'c.kind', 'c.parent_id', 'c.item_id', 'c.item_name', 'c.item_type', 'c.unit_id', 'c.channel', 'c.applicant_type',
  'c.applicant_name', 'c.status', 'c.current_step', 'c.current_post_code', 'c.received_at', 'c.accepted_at', 'c.decided_at', 'c.completed_at',
  'c.closed_at', 'c.outcome', 'c.acceptance_due_at', 'c.promised_due_at', 'c.legal_due_at', 'c.step_due_at', 'c.supplement_count', 'c.extended',
  'c.window_unit_id',
] as const;

/**
 * 超期 filters of the staff list (SUP-2, SUP-4 "not deciding within the promised limit"):
 * open cases — not decided, not closed — whose limit instant has passed.
 *   promised  the promised limit (承诺时限) of the whole case;
 *   legal     the legal limit (法定时限, with an approved extension) — a violation;
 *   step      the current step's limit (环节时限).
 * A clock in a counted pause (挂起, 特别程序, 补正 during processing) has no due instant and
 * is not overdue: the time does not run. Each variant has a partial index on the open cases
 * (migration 0006_case_overdue.sql), so the filter reads only open, overdue rows.
 */
export const OVERDUE_KINDS = { promised: '超承诺时限', legal: '超法定时限', step: '环节超期' } as const;
export type OverdueKind = keyof typeof OVERDUE_KINDS;
const OVERDUE_COLUMN = { promised: 'c.promised_due_at', legal: 'c.legal_due_at', step: 'c.step_due_at' } as const;

export interface ListFilter {
  status?: string;
  itemId?: number;
  unitId?: number;
  q?: string;
  overdue?: OverdueKind;
  after?: number;
  limit: number;
}

function withClocks<QB extends { select: (...a: any[]) => any }>(q: QB) {
  return q.select([
    sql<string>`(select u.name from units u where u.id = c.unit_id)`.as('unit_name'),
    sql<ClockState[] | null>`(select json_agg(k.state order by k.id) from case_clocks k where k.case_id = c.id and k.status <> 'stopped')`.as('open_clocks'),
  ]);
}

export async function listCases(db: Kysely<DB>, a: Actor, f: ListFilter, now: Date = new Date()) {
  let base = visibleCases(db, a);
  if (f.after) base = base.where('c.id', '<', f.after);
  if (f.status) base = base.where('c.status', '=', f.status);
  if (f.itemId) base = base.where('c.item_id', '=', f.itemId);
  if (f.unitId) base = base.where('c.unit_id', '=', f.unitId);
  if (f.q) {
    const t = f.q.trim();
    base = /^\d{14,}(-\d+)?$/.test(t) ? base.where('c.case_no', '=', t) : base.where('c.applicant_name', '=', t);
  }
  if (!f.overdue) return withClocks(base.select(SUMMARY).orderBy('c.id', 'desc').limit(f.limit + 1)).execute() as Promise<SummaryRow[]>;
  // Overdue: the page's ids first, from the partial index of open cases by due instant, which
  // also covers the jurisdiction columns (an index-only scan), then those rows. The predicate
  // repeats the index's (decided_at is null and closed_at is null). Ordering by "id + 0" keeps
  // the planner off a backward primary-key scan: it cannot see that "due < now" is rare among
  // open cases (the columns stay set after a decision), and that scan then walks millions of
  // closed cases (docs/cases.md "Overdue filter", measured at 10⁷ cases).
  const ids = base.select('c.id').where('c.decided_at', 'is', null).where('c.closed_at', 'is', null)
    .where(OVERDUE_COLUMN[f.overdue], '<', now).orderBy(sql`c.id + 0`, 'desc').limit(f.limit + 1);
  const q = visibleCases(db, a).select(SUMMARY).where('c.id', 'in', ids).orderBy('c.id', 'desc');
  return withClocks(q).execute() as Promise<SummaryRow[]>;
}

export async function getSummary(db: Kysely<DB>, a: Actor, id: number): Promise<SummaryRow> {
  const r = await withClocks(visibleCases(db, a).select(SUMMARY).where('c.id', '=', id)).executeTakeFirst();
  if (!r) throw notFound('办件不存在');
  return r as SummaryRow;
}

/** CASE-2: what the actor's window must accept, refuse or notify (combined cases once). */
export async function acceptanceQueue(db: Kysely<DB>, a: Actor, f: { after?: number; limit: number }) {
  let q = visibleCases(db, a).select(SUMMARY)
    .where('c.window_unit_id', '=', a.unitId ?? 0).where('c.status', 'in', ['submitted', 'supplement_requested']).where('c.parent_id', 'is', null)
    .orderBy('c.id').limit(f.limit + 1);
  if (f.after) q = q.where('c.id', '>', f.after);
  return withClocks(q).execute() as Promise<SummaryRow[]>;
}

/**
 * CASE-3 to-do list: cases whose current step's post the user holds in their own unit, and
 * ex officio cases of the unit waiting to be filed (立案). 'issue': decided cases to complete
 * and deliver at the actor's window or unit (CASE-8).
 */
export async function todoList(db: Kysely<DB>, a: Actor, postCodes: string[], f: { kind: 'steps' | 'issue'; after?: number; limit: number }) {
  let q = visibleCases(db, a).select(SUMMARY).orderBy('c.id').limit(f.limit + 1);
  if (f.kind === 'steps') {
    q = q.where('c.unit_id', '=', a.unitId ?? 0).where((eb) => eb.or([
      eb.and([eb('c.status', '=', 'in_process'), eb('c.current_post_code', 'in', postCodes.length ? postCodes : [''])]),
      eb.and([eb('c.status', '=', 'submitted'), eb('c.channel', '=', 'ex_officio')]),
    ]));
  } else {
    q = q.where('c.status', 'in', ['decided', 'completed']).where((eb) => eb.or([eb('c.window_unit_id', '=', a.unitId ?? 0), eb('c.unit_id', '=', a.unitId ?? 0)]));
  }
  if (f.after) q = q.where('c.id', '>', f.after);
  return withClocks(q).execute() as Promise<SummaryRow[]>;
}

/** The applicant's own cases (combined cases once, not their sub-cases). */
export async function ownCases(db: Kysely<DB>, a: Actor, f: { after?: number; limit: number }) {
  let q = scoped(db, a).selectFrom('cases as c').select(SUMMARY).where('c.applicant_user_id', '=', a.userId).where('c.parent_id', 'is', null)
    .orderBy('c.id', 'desc').limit(f.limit + 1);
  if (f.after) q = q.where('c.id', '<', f.after);
  return withClocks(q).execute() as Promise<SummaryRow[]>;
}

export type SummaryRow = Pick<CaseRow, 'id' | 'case_no' | 'kind' | 'parent_id' | 'item_id' | 'item_name' | 'item_type' | 'unit_id' | 'channel'
  | 'applicant_type' | 'applicant_name' | 'status' | 'current_step' | 'current_post_code' | 'received_at' | 'accepted_at' | 'decided_at'
  | 'completed_at' | 'closed_at' | 'outcome' | 'acceptance_due_at' | 'promised_due_at' | 'legal_due_at' | 'step_due_at' | 'supplement_count'
  | 'extended' | 'window_unit_id'> & { unit_name: string; open_clocks: ClockState[] | string | null };

export interface ClockBadge {
  kind: string;
  ref: string | null;
  status: 'running' | 'paused' | 'stopped';
  dueAt: string | null;
  projectedDueAt: string;
  remaining: number;
  unit: 'workday' | 'natural';
  overdue: boolean;
}

/** Badges of the open clocks: due, remaining, overdue (from the domain's clock arithmetic). */
export function badgesOf(clocks: ClockState[] | string | null, cal: WorkCalendar, now: Date): ClockBadge[] {
  const list: ClockState[] = typeof clocks === 'string' ? JSON.parse(clocks) : clocks ?? [];
  return list.map((c) => {
    const v = clockView(c, cal, now);
    return {
      kind: c.kind, ref: c.ref, status: v.status, dueAt: v.dueAt?.toISOString() ?? null, projectedDueAt: v.projectedDueAt.toISOString(),
      remaining: v.remaining, unit: c.limit.unit, overdue: v.overdue,
    };
  });
}

/** The user's post codes in their own unit (for the to-do list). */
export async function ownPostCodes(db: Kysely<DB>, a: Actor): Promise<string[]> {
  if (!a.postIds.length || a.unitId === null) return [];
  // system: the signed-in user's own posts
  const rows = await db.selectFrom('posts').select('code').where('id', 'in', a.postIds).where('unit_id', '=', a.unitId).where('active', '=', true).execute();
  return rows.map((r) => r.code);
}

/**
 * Failed anonymous queries (CASE-8) matter only inside the lockout window (query-password.ts);
 * rows older than QUERY_FAILURE_RETENTION_HOURS are deleted opportunistically on each failure:
 * the queried number's old rows, and up to 100 of the oldest rows of the table (ids follow
 * time), so rows of numbers nobody queries again go too and the table stays near one day.
 */
export const QUERY_FAILURE_RETENTION_HOURS = 24;

export async function pruneQueryFailures(db: Kysely<DB>, caseNo: string, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - QUERY_FAILURE_RETENTION_HOURS * 3_600_000);
  const own = await db.deleteFrom('case_query_failures').where('case_no', '=', caseNo).where('at', '<', cutoff).executeTakeFirst();
  const oldest = await db.deleteFrom('case_query_failures').where('at', '<', cutoff)
    .where('id', 'in', (eb) => eb.selectFrom('case_query_failures').select('id').orderBy('id').limit(100)).executeTakeFirst();
  return Number(own.numDeletedRows) + Number(oldest.numDeletedRows);
}

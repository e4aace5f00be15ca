// Supervision's own clocks (ARCHITECTURE "Time"): the unit's response to a signal (四川 §8(一)),
// rectification (整改), supervision tasks (四川 §9: 20 + ≤10 working days). Same ClockState
// arithmetic as case clocks; rows sit in sup_clocks and the same timer loop watches them.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import type { TimeLimit } from '../domain/item.ts';
import { dueAt, extendClock, startClock, stopClock, type ClockKind, type ClockState } from '../domain/clock.ts';
import { levelsFor, nextAfterChange, resolveProfile, DEFAULT_PROFILE } from './profiles.ts';
import type { SupervisionConfig } from './config.ts';

export type SupClockSource = 'signal' | 'task' | 'catalog';

export function levelSpecs(config: SupervisionConfig, kind: string, itemId: number | null) {
  const code = resolveProfile(config.bindings, kind, itemId);
  const p = config.profiles.get(code) ?? config.profiles.get(DEFAULT_PROFILE)!;
  return levelsFor(p, kind);
}

/** The next instant the timer must look at after a change (null: none / stopped). */
export function nextInstant(config: SupervisionConfig, cal: WorkCalendar, c: ClockState, itemId: number | null, signalledUpTo: Date | null): Date | null {
  return nextAfterChange(c, cal, levelSpecs(config, c.kind, itemId), signalledUpTo);
}

export interface NewSupClock {
  source: SupClockSource;
  sourceId: number;
  kind: ClockKind;
  ref?: string | null;
  limit: TimeLimit;
  unitId: number;
  unitPath: string;
  regionPath: string;
  itemId?: number | null;
  caseId?: number | null;
  startAt?: Date;
}

export function plannedDue(cal: WorkCalendar, kind: ClockKind, limit: TimeLimit, at: Date): Date {
  return dueAt(startClock(kind, limit, at), cal)!;
}

/** Starts clocks; returns their due instants in order. */
export async function startSupClocks(trx: Kysely<DB>, config: SupervisionConfig, cal: WorkCalendar, clocks: NewSupClock[], now: Date): Promise<Date[]> {
  if (!clocks.length) return [];
  // Clocks started together (a follow-up batch's response clocks) share their arithmetic.
  const planned = new Map<string, { state: ClockState; due: string | null; next: string | null }>();
  const rows = clocks.map((c) => {
    const startAt = c.startAt ?? now;
    const key = `${c.kind}|${c.limit.days}|${c.limit.unit}|${startAt.getTime()}|${c.ref ?? ''}|${c.itemId ?? ''}`;
    let p = planned.get(key);
    if (!p) {
      const state = startClock(c.kind, c.limit, startAt, c.ref ?? null);
      p = { state, due: dueAt(state, cal)?.toISOString() ?? null, next: nextInstant(config, cal, state, c.itemId ?? null, null)?.toISOString() ?? null };
      planned.set(key, p);
    }
    return {
      source: c.source, source_id: c.sourceId, kind: c.kind, ref: c.ref ?? null, state: p.state, unit_id: c.unitId, unit_path: c.unitPath,
      region_path: c.regionPath, item_id: c.itemId ?? null, case_id: c.caseId ?? null, due_at: p.due, next_threshold_at: p.next,
      status: 'open', created_at: now.toISOString(), updated_at: now.toISOString(),
    };
  });
  await sql`
    insert into sup_clocks (source, source_id, kind, ref, state, unit_id, unit_path, region_path, item_id, case_id, due_at, next_threshold_at, status, created_at, updated_at)
    select source, source_id, kind, ref, state, unit_id, unit_path, region_path, item_id, case_id, due_at, next_threshold_at, status, created_at, updated_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(source text, source_id bigint, kind text, ref text, state jsonb, unit_id bigint,
      unit_path text, region_path text, item_id bigint, case_id bigint, due_at timestamptz, next_threshold_at timestamptz, status text,
      created_at timestamptz, updated_at timestamptz)`.execute(trx);
  return rows.map((r) => new Date(r.due_at!));
}

/** Stops the open clocks of an owner (all kinds, or those named). */
export async function stopSupClocks(trx: Kysely<DB>, source: SupClockSource, sourceId: number, kinds: ClockKind[] | null, now: Date): Promise<void> {
  let q = trx.selectFrom('sup_clocks').select(['id', 'state']).where('source', '=', source).where('source_id', '=', sourceId).where('status', '!=', 'stopped');
  if (kinds) q = q.where('kind', 'in', kinds);
  for (const r of await q.forUpdate().execute()) {
    const c = r.state as ClockState;
    const st = c.stoppedAt ? c : stopClock(c, now.getTime() < new Date(c.startedAt).getTime() ? new Date(c.startedAt) : now);
    await trx.updateTable('sup_clocks').set({ state: JSON.stringify(st), status: 'stopped', next_threshold_at: null, updated_at: now }).where('id', '=', r.id).execute();
  }
}

/** Extends the open clock of an owner (a task's one extension); returns the new due instant. */
export async function extendSupClock(
  trx: Kysely<DB>, config: SupervisionConfig, cal: WorkCalendar, source: SupClockSource, sourceId: number, kind: ClockKind, days: number, reason: string, now: Date,
): Promise<Date | null> {
  const r = await trx.selectFrom('sup_clocks').select(['id', 'state', 'item_id']).where('source', '=', source).where('source_id', '=', sourceId)
    .where('kind', '=', kind).where('status', '=', 'open').forUpdate().executeTakeFirst();
  if (!r) return null;
  const c = extendClock(r.state as ClockState, { days, reason }, now);
  const due = dueAt(c, cal);
  const upTo = await signalledUpTo(trx, 'sup', r.id);
  await trx.updateTable('sup_clocks').set({
    state: JSON.stringify(c), due_at: due, next_threshold_at: nextInstant(config, cal, c, r.item_id, upTo), updated_at: now,
  }).where('id', '=', r.id).execute();
  return due;
}

/** The dedupe key of a clock's threshold signal (sweep.ts): one per clock, level and instant. */
export const clockSignalKey = (clockSource: 'case' | 'sup', clockId: number, level: string, at: Date) => `${clockPrefix(clockSource, clockId)}${level}:${at.getTime()}`;
const clockPrefix = (clockSource: 'case' | 'sup', clockId: number) => `clock:${clockSource}:${clockId}:`;

/**
 * The latest threshold instant already signalled on a clock ('case' or 'sup' clocks): a range
 * of the dedupe key's unique index (bytewise, migration 0010), so no index of its own.
 */
export async function signalledUpTo(trx: Kysely<DB>, clockSource: 'case' | 'sup', clockId: number): Promise<Date | null> {
  const prefix = clockPrefix(clockSource, clockId);
  const r = await sql<{ m: Date | null }>`select max(threshold_at) as m from signals
    where dedupe_key >= ${prefix} and dedupe_key < ${`${prefix.slice(0, -1)};`}`.execute(trx);
  return r.rows[0]?.m ?? null;
}

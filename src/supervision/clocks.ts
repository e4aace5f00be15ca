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
import { rowsFrom } from './arrays.ts';

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
  const planned = new Map<string, { state: ClockState; json: string; due: string | null; next: string | null }>();
  const n = clocks.length;
  const col = {
    source: new Array<string>(n), sourceId: new Array<number>(n), kind: new Array<string>(n), ref: new Array<string | null>(n), state: new Array<string>(n),
    unit: new Array<number>(n), up: new Array<string>(n), rp: new Array<string>(n), item: new Array<number | null>(n), case: new Array<number | null>(n),
    due: new Array<string | null>(n), next: new Array<string | null>(n),
  };
  for (let i = 0; i < n; i++) {
    const c = clocks[i];
    const startAt = c.startAt ?? now;
    const key = `${c.kind}|${c.limit.days}|${c.limit.unit}|${startAt.getTime()}|${c.ref ?? ''}|${c.itemId ?? ''}`;
    let p = planned.get(key);
    if (!p) {
      const state = startClock(c.kind, c.limit, startAt, c.ref ?? null);
      p = { state, json: JSON.stringify(state), due: dueAt(state, cal)?.toISOString() ?? null, next: nextInstant(config, cal, state, c.itemId ?? null, null)?.toISOString() ?? null };
      planned.set(key, p);
    }
    col.source[i] = c.source; col.sourceId[i] = c.sourceId; col.kind[i] = c.kind; col.ref[i] = c.ref ?? null; col.state[i] = p.json;
    col.unit[i] = c.unitId; col.up[i] = c.unitPath; col.rp[i] = c.regionPath; col.item[i] = c.itemId ?? null; col.case[i] = c.caseId ?? null;
    col.due[i] = p.due; col.next[i] = p.next;
  }
  // columns as arrays, a value shared by the whole batch (the state and instants of clocks started together) sent once
  await sql`/*hot:sup_clocks_start*/
    insert into sup_clocks (source, source_id, kind, ref, state, unit_id, unit_path, region_path, item_id, case_id, due_at, next_threshold_at, status, created_at, updated_at)
    select source, source_id, kind, ref, state::jsonb, unit_id, unit_path, region_path, item_id, case_id, due_at, next_threshold_at, 'open', ${now}, ${now}
    from (${rowsFrom([
      { name: 'source', type: 'text', values: col.source }, { name: 'source_id', type: 'bigint', values: col.sourceId }, { name: 'kind', type: 'text', values: col.kind },
      { name: 'ref', type: 'text', values: col.ref }, { name: 'state', type: 'text', values: col.state }, { name: 'unit_id', type: 'bigint', values: col.unit },
      { name: 'unit_path', type: 'text', values: col.up }, { name: 'region_path', type: 'text', values: col.rp }, { name: 'item_id', type: 'bigint', values: col.item },
      { name: 'case_id', type: 'bigint', values: col.case }, { name: 'due_at', type: 'timestamptz', values: col.due },
      { name: 'next_threshold_at', type: 'timestamptz', values: col.next },
    ], [])}) x`.execute(trx);
  return col.due.map((d) => new Date(d!));
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

// The seam between case processing and supervision (ARCHITECTURE "Application services":
// load → decide → append events → update projections → evaluate event rules → signals, all in
// one transaction). The case command service calls runCaseEventHooks once per command,
// after its events are appended and its projections (cases, case_clocks) written; supervision
// registers its handler here (src/supervision/register.ts). No dependencies, so the case
// module can import it without loading supervision.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { StoredEvent } from '../store/event-chain.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import type { ItemVersionSpec } from '../domain/item.ts';
import type { CaseState } from '../domain/case-machine.ts';
import type { ClockState } from '../domain/clock.ts';

/** The case row facts supervision needs (a subset of CaseRow). */
export interface CaseRef {
  id: number;
  case_no: string;
  unit_id: number;
  unit_path: string;
  region_path: string;
  item_id: number;
  item_version_id: number;
  item_name: string;
}

export interface CaseEventsBatch {
  row: CaseRef;
  /** The case state before and after the command. */
  before: CaseState;
  after: CaseState;
  /** The events just appended, in order, as appendEvents returned them; data.by is the machine's ActorRef. */
  events: StoredEvent[];
  item: ItemVersionSpec;
  calendar: WorkCalendar;
  now: Date;
  /**
   * A clock the command wrote had a threshold at or before `now` (a pause, resumption or
   * extension of a clock already signalled): its next instant depends on what was signalled,
   * so supervision re-derives it from the database.
   */
  clocksNeedRearm?: boolean;
  /** A clock the command wrote is already due (e.g. a 1-day step starts in yellow): wake the timer. */
  clocksDueNow?: boolean;
}

export type CaseEventsHook = (trx: Kysely<DB>, batch: CaseEventsBatch) => Promise<void>;

const hooks: CaseEventsHook[] = [];

/** Registers a handler; returns a function that removes it. */
export function onCaseEvents(fn: CaseEventsHook): () => void {
  if (!hooks.includes(fn)) hooks.push(fn);
  return () => {
    const i = hooks.indexOf(fn);
    if (i >= 0) hooks.splice(i, 1);
  };
}

/** Called by the case command service inside its transaction; a throw rolls the command back. */
export async function runCaseEventHooks(trx: Kysely<DB>, batch: CaseEventsBatch): Promise<void> {
  for (const h of hooks) await h(trx, batch);
}

/**
 * The next instant supervision must look at for a clock the command wrote (SUP-2), computed
 * in memory so the command writes next_threshold_at with its own projection (no extra
 * statement). `past`: a threshold is at or before `now` — for a clock started by the command
 * `next` is that instant; for an older clock what was signalled decides, so the hook re-derives it.
 */
export type ClockThresholdOf = (c: ClockState, item: ItemVersionSpec, cal: WorkCalendar, now: Date) => { next: Date | null; past: boolean };
export type ClockThresholdPlanner = (trx: Kysely<DB>, now: Date) => Promise<ClockThresholdOf>;

let planner: ClockThresholdPlanner | null = null;

export function setClockThresholdPlanner(p: ClockThresholdPlanner | null): void {
  planner = p;
}

/** Without supervision loaded, a clock's next instant is its due instant. */
export async function clockThresholdPlanner(trx: Kysely<DB>, now: Date): Promise<ClockThresholdOf | null> {
  return planner ? planner(trx, now) : null;
}

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

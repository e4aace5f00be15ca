// Supervising case events after the fact: replays a case's stream and runs the same
// in-transaction supervision (clock re-derivation, event rules) for the commands after a
// given sequence number. Used when events arrive outside the case command service (data
// exchange batches, the demo seed) and by tests. Idempotent: signals are keyed by the events
// that triggered them, so a command already supervised in its own transaction adds nothing.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { apply, initialCaseState, type CaseEvent, type CaseState } from '../domain/case-machine.ts';
import { loadCalendar } from '../calendar/service.ts';
import { getItemVersionSpec } from '../catalog/items.ts';
import type { StoredEvent } from '../store/event-chain.ts';
import { superviseCaseEvents } from './engine.ts';
import type { CaseRef } from './hooks.ts';

export interface StoredCaseEvent extends StoredEvent {}

/** The machine's event from a stored row (the case service keeps `by` in data). */
export function machineEvent(e: { type: string; at: Date; data: unknown }): CaseEvent {
  const { by, itemVersion: _v, ...data } = e.data as Record<string, unknown>;
  return { type: e.type, at: e.at.toISOString(), by, data } as CaseEvent;
}

/** Splits a stream into commands: consecutive events recorded together by the same actor. */
export function commandsOf<T extends { recordedAt: Date; actorId: number | null; at: Date }>(events: T[]): T[][] {
  const out: T[][] = [];
  for (const e of events) {
    const cur = out.at(-1);
    const prev = cur?.at(-1);
    if (cur && prev && prev.recordedAt.getTime() === e.recordedAt.getTime() && prev.actorId === e.actorId && prev.at.getTime() === e.at.getTime()) cur.push(e);
    else out.push([e]);
  }
  return out;
}

export async function readCaseStream(db: Kysely<DB>, caseId: number): Promise<StoredEvent[]> {
  const r = await sql<any>`select * from case_events where stream_id = ${`case:${caseId}`} order by seq`.execute(db);
  return r.rows.map((x) => ({
    id: x.id, streamId: x.stream_id, seq: x.seq, type: x.type, at: x.at, recordedAt: x.recorded_at, actorId: x.actor_id, actorName: x.actor_name,
    actorUnitId: x.actor_unit_id, actorPostId: x.actor_post_id, ip: x.ip, data: x.data, prevHash: x.prev_hash, hash: x.hash,
  }));
}

/** Runs supervision for the commands of a case after `afterSeq`; returns how many commands it looked at. */
export async function catchUpCase(db: Kysely<DB>, caseId: number, afterSeq: number, now?: Date): Promise<number> {
  // system: supervision replays a case the platform already holds
  const row = await db.selectFrom('cases').select(['id', 'case_no', 'unit_id', 'unit_path', 'region_path', 'item_id', 'item_version_id', 'item_name'])
    .where('id', '=', caseId).executeTakeFirstOrThrow();
  const events = await readCaseStream(db, caseId);
  const item = await getItemVersionSpec(db, row.item_version_id);
  const calendar = await loadCalendar(db);
  let state: CaseState = initialCaseState();
  let n = 0;
  for (const cmd of commandsOf(events)) {
    const before = state;
    const after = cmd.reduce((s, e) => apply(s, machineEvent(e)), before);
    state = after;
    if (cmd[0].seq <= afterSeq) continue;
    n++;
    await db.transaction().execute((trx) =>
      superviseCaseEvents(trx, { row: row as CaseRef, before, after, events: cmd, item, calendar, now: now ?? cmd[0].recordedAt }));
  }
  return n;
}

// Appending to the supervision event chains (signal:<id>, task:<id>, approval:<id>) — the
// shared SM3 chain of src/store/event-chain.ts, plus a bulk form for the first event of many
// new streams at once (the timer signals thousands of thresholds per second).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { GENESIS, appendEvents, chainHash, type NewEvent, type StoredEvent } from '../store/event-chain.ts';
import type { Actor } from '../access/scope.ts';

export type ChainTable = 'signal_events' | 'sup_task_events' | 'approval_events';

export interface ActorInfo {
  actorId: number | null;
  actorName: string | null;
  actorUnitId: number | null;
  ip?: string | null;
}
export const SYSTEM_INFO: ActorInfo = { actorId: null, actorName: '系统', actorUnitId: null };
export const infoOf = (a: Actor | null, ip: string | null = null): ActorInfo =>
  a ? { actorId: a.userId || null, actorName: a.displayName, actorUnitId: a.unitId, ip } : SYSTEM_INFO;

/** One event on an existing stream (the caller holds the projection row's lock). */
export async function appendOne(trx: Kysely<DB>, table: ChainTable, streamId: string, type: string, who: ActorInfo, data: Record<string, unknown>, now: Date): Promise<StoredEvent> {
  const [e] = await appendEvents(trx, table, streamId, [{ type, at: now, ...who, data }], now);
  return e;
}

/** The first event of many new streams, in one INSERT. */
export async function appendFirstEvents(trx: Kysely<DB>, table: ChainTable, items: { streamId: string; event: NewEvent }[], now: Date): Promise<void> {
  if (!items.length) return;
  const rows = items.map(({ streamId, event: e }) => ({
    stream_id: streamId, seq: 1, type: e.type, at: e.at.toISOString(), recorded_at: now.toISOString(), actor_id: e.actorId,
    actor_name: e.actorName, actor_unit_id: e.actorUnitId, actor_post_id: e.actorPostId ?? null, ip: e.ip ?? null, data: e.data,
    prev_hash: GENESIS, hash: chainHash(GENESIS, streamId, 1, e, now),
  }));
  await sql`
    insert into ${sql.table(table)} (stream_id, seq, type, at, recorded_at, actor_id, actor_name, actor_unit_id, actor_post_id, ip, data, prev_hash, hash)
    select stream_id, seq, type, at, recorded_at, actor_id, actor_name, actor_unit_id, actor_post_id, ip, data, prev_hash, hash
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(stream_id text, seq int, type text, at timestamptz, recorded_at timestamptz,
      actor_id bigint, actor_name text, actor_unit_id bigint, actor_post_id bigint, ip text, data jsonb, prev_hash text, hash text)`.execute(trx);
}

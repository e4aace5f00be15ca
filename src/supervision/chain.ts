// Appending to the supervision event chains (signal:<id>, task:<id>, approval:<id>) — the
// shared SM3 chain of src/store/event-chain.ts, plus a bulk form for the first event of many
// new streams at once (the timer signals thousands of thresholds per second).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { GENESIS, appendEvents, canonicalJson, sm3, type NewEvent, type StoredEvent } from '../store/event-chain.ts';
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

/**
 * True when JSON.stringify(v) is exactly canonicalJson(v): plain objects whose keys are in
 * sorted order at every level, finite numbers, strings, booleans, null and arrays of those
 * (undefined-valued keys are dropped by both). Anything else — a Date, a class instance, an
 * unsorted or integer-like key order, a non-finite number — answers false.
 */
function plainSorted(v: unknown): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(v)) {
    for (const x of v) if (!plainSorted(x)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  let prev: string | null = null;
  for (const k of Object.keys(v as object)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    if (prev !== null && !(prev < k)) return false;
    prev = k;
    if (!plainSorted(x)) return false;
  }
  return true;
}

/**
 * canonicalJson (src/store/event-chain.ts), byte for byte, in a fraction of the time when the
 * value is already built with sorted keys (the supervision writers build theirs that way): such
 * subtrees go through the engine's JSON.stringify; anything else falls back to canonicalJson.
 */
export function canonicalFast(v: unknown): string {
  if (plainSorted(v)) return JSON.stringify(v);
  if (v === null || typeof v !== 'object' || v instanceof Date) return canonicalJson(v);
  if (Array.isArray(v)) return `[${v.map(canonicalFast).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalFast(o[k])}`).join(',')}}`;
}

/**
 * The hash of the first event (seq 1) of a stream: chainHash(GENESIS, streamId, 1, e, recordedAt)
 * with the event's data already in canonical form (`dataJson`, e.g. from canonicalFast), so a
 * caller that also sends that JSON to the database serialises the data once. `firstEventHasher`
 * fixes everything but the stream and the data, for many events of one type, actor and instant.
 */
export function firstEventHash(streamId: string, e: Omit<NewEvent, 'data'>, recordedAt: Date, dataJson: string): string {
  return firstEventHasher(e, recordedAt)(streamId, dataJson);
}

export function firstEventHasher(e: Omit<NewEvent, 'data'>, recordedAt: Date): (streamId: string, dataJson: string) => string {
  // hashedContent's keys in sorted order; absent actor fields are stored (and verified) as null
  const head = `${GENESIS}{"actorId":${JSON.stringify(e.actorId ?? null)},"actorName":${JSON.stringify(e.actorName ?? null)},`
    + `"actorPostId":${JSON.stringify(e.actorPostId ?? null)},"actorUnitId":${JSON.stringify(e.actorUnitId ?? null)},`
    + `"at":${JSON.stringify(e.at.toISOString())},"data":`;
  const mid = `,"ip":${JSON.stringify(e.ip ?? null)},"recordedAt":${JSON.stringify(recordedAt.toISOString())},"seq":1,"streamId":`;
  const tail = `,"type":${JSON.stringify(e.type)}}`;
  // The text is hashed as UTF-8 bytes written into one buffer: as a string, one non-Latin-1
  // character (an actor's name, 系统 included) would make the whole concatenation a two-byte
  // string, several times dearer to encode than the ASCII event data it mostly is.
  // The head is written once per buffer; each event writes its data and tail after it.
  const headBytes = Buffer.from(head, 'utf8');
  let buf = Buffer.allocUnsafe(8192);
  headBytes.copy(buf, 0);
  return (streamId, dataJson) => {
    const rest = mid + JSON.stringify(streamId) + tail;
    const most = headBytes.length + 3 * (dataJson.length + rest.length);
    if (buf.length < most) {
      buf = Buffer.allocUnsafe(2 * most);
      headBytes.copy(buf, 0);
    }
    let n = headBytes.length;
    n += buf.write(dataJson, n, 'utf8');
    n += buf.write(rest, n, 'utf8');
    return sm3(buf.subarray(0, n));
  };
}

/** The first event of many new streams, in one INSERT. */
export async function appendFirstEvents(trx: Kysely<DB>, table: ChainTable, items: { streamId: string; event: NewEvent }[], now: Date): Promise<void> {
  if (!items.length) return;
  const rows = items.map(({ streamId, event: e }) => ({
    stream_id: streamId, seq: 1, type: e.type, at: e.at.toISOString(), recorded_at: now.toISOString(), actor_id: e.actorId ?? null,
    actor_name: e.actorName ?? null, actor_unit_id: e.actorUnitId ?? null, actor_post_id: e.actorPostId ?? null, ip: e.ip ?? null, data: e.data,
    prev_hash: GENESIS, hash: firstEventHash(streamId, e, now, canonicalFast(e.data)),
  }));
  await sql`
    insert into ${sql.table(table)} (stream_id, seq, type, at, recorded_at, actor_id, actor_name, actor_unit_id, actor_post_id, ip, data, prev_hash, hash)
    select stream_id, seq, type, at, recorded_at, actor_id, actor_name, actor_unit_id, actor_post_id, ip, data, prev_hash, hash
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(stream_id text, seq int, type text, at timestamptz, recorded_at timestamptz,
      actor_id bigint, actor_name text, actor_unit_id bigint, actor_post_id bigint, ip text, data jsonb, prev_hash text, hash text)`.execute(trx);
}

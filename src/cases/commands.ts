// The command service (ARCHITECTURE "Application services"): ONE function runs every case
// command, in one transaction — lock the case row, build the machine's context (calendar,
// the item version the case runs under, the actor's posts in the case's unit), run the pure
// `decide`, append the events to the case's SM3 chain with actor, unit, post and IP, fold them
// into the state and update the projections (case row, clocks, materials, documents).
// A refusal changes nothing and surfaces as HTTP 4xx with the machine's code and message.
import { clockThresholdPlanner, runCaseEventHooks } from '../supervision/hooks.ts';
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Actor } from '../access/scope.ts';
import { AppError, notFound } from '../http/errors.ts';
import { EVENT_COLUMNS, canonicalJson, chainEvents, sm3, type NewEvent, type StoredEvent } from '../store/event-chain.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import type { ItemVersionSpec } from '../domain/item.ts';
import {
  apply, decide, type CaseCommand, type CaseEvent, type CaseState, type Refusal, type RefusalCode,
} from '../domain/case-machine.ts';
import { streamOf } from './register.ts';
import { calendarOf, caseActorOf, itemSpec, lockCase, postIdOf, type LockedCase } from './context.ts';
import { caseColumns, clockRows, materialRows } from './projection.ts';
import { documentsFor, type DocumentKind } from './documents.ts';
import { runOnCombined, updateCombined } from './combined.ts';

export interface CommandMeta {
  /** null: the platform itself (§32(4) auto-acceptance). */
  actor: Actor | null;
  /** The instant of the command (ctx.now() in the server; past instants when replaying history). */
  now: Date;
  ip?: string | null;
}

export interface IssuedDocument {
  id: number;
  kind: DocumentKind;
  title: string;
  docNo: string;
  verificationCode: string;
}

export interface CommandDone {
  ok: true;
  caseId: number;
  events: StoredEvent[];
  state: CaseState;
  documents: IssuedDocument[];
}
export type CommandOutcome = CommandDone | Refusal;

/** HTTP status of a refusal: who → 403, state → 409, content → 400. */
const REFUSAL_STATUS: Partial<Record<RefusalCode | string, number>> = {
  WRONG_POST: 403, WRONG_UNIT: 403, WRONG_ROLE: 403, NOT_APPLICANT: 403,
  WRONG_STATE: 409, TIME_REVERSED: 409, ITEM_VERSION_MISMATCH: 409, EXTENSION_ALREADY_USED: 409, NOT_YET_DUE: 409,
  EXTENSION_TOO_LATE: 409, SUPPLEMENT_TOO_LATE: 409, COMBINED_CASE: 409,
};

export function refusalError(r: Refusal | { code: string; message: string }, command?: string): AppError {
  return new AppError(REFUSAL_STATUS[r.code] ?? 400, r.code, r.message, { refusal: true, ...(command ? { command } : {}) });
}

/** Events as stored: the machine's data plus `by` (who acted: ActorRef) and `itemVersion` (CAT-3). */
function toStored(e: CaseEvent, meta: CommandMeta, locked: LockedCase): NewEvent {
  return {
    type: e.type, at: new Date(e.at), actorId: e.by.system ? null : e.by.userId,
    actorName: meta.actor?.displayName ?? '系统', actorUnitId: e.by.unitId,
    actorPostId: postIdOf(locked.posts, e.by.postCode, locked.row), ip: meta.ip ?? null,
    data: { ...e.data, by: e.by, itemVersion: locked.row.item_version_id },
  };
}

/** The machine's event back from a stored row (replay, supervision). */
export function fromStored(e: { type: string; at: Date; data: unknown }): CaseEvent {
  const { by, itemVersion: _v, ...data } = e.data as Record<string, unknown>;
  return { type: e.type, at: e.at.toISOString(), by, data } as CaseEvent;
}

/** Runs a command inside the caller's transaction (row locked); returns the refusal instead of throwing. */
export async function executeCommand(trx: Kysely<DB>, caseId: number, command: CaseCommand, meta: CommandMeta): Promise<CommandOutcome> {
  const locked = await lockCase(trx, caseId, meta.actor?.userId ?? null);
  if (!locked) throw notFound('办件不存在');
  if (locked.row.kind === 'combined') return runOnCombined(trx, locked, command, meta, executeCommand);
  const r = await decideOn(trx, locked, command, meta);
  if (!r.ok) return r;
  const written = await write(trx, locked, r, meta);
  if (!written) throw new Error(`case ${caseId} changed under its row lock`);
  // Supervision's event rules run in the same transaction (ARCHITECTURE "Application services").
  const row = locked.row;
  await runCaseEventHooks(trx, {
    row: { id: row.id, case_no: row.case_no, unit_id: row.unit_id, unit_path: row.unit_path, region_path: row.region_path, item_id: row.item_id, item_version_id: row.item_version_id, item_name: r.spec.name },
    before: row.state as CaseState, after: r.next, events: written.events, item: r.spec, calendar: r.calendar, now: meta.now,
    clocksNeedRearm: written.clocksNeedRearm, clocksDueNow: written.clocksDueNow,
  });
  if (locked.row.parent_id !== null && locked.parent) await updateCombined(trx, locked.parent, meta.now);
  return { ok: true, caseId, events: written.events, state: r.next, documents: written.documents };
}


/**
 * One command, one transaction: lock the case row FOR UPDATE, decide, write events and
 * projections in one statement, run supervision's event rules; a refusal or a missing case
 * throws and nothing is written. Commands built from uploads (`command` as a function) store
 * their files first, in the same transaction.
 */
export async function runCommand(
  db: Kysely<DB>, caseId: number, command: CaseCommand | ((trx: Kysely<DB>) => Promise<CaseCommand>), meta: CommandMeta,
): Promise<CommandDone> {
  return db.transaction().execute(async (trx) => {
    const cmd = typeof command === 'function' ? await command(trx) : command;
    const r = await executeCommand(trx, caseId, cmd, meta);
    if (!r.ok) throw refusalError(r, cmd.type);
    return r;
  });
}

interface Decided {
  ok: true;
  spec: ItemVersionSpec;
  calendar: WorkCalendar;
  events: CaseEvent[];
  next: CaseState;
}

interface Written {
  events: StoredEvent[];
  documents: IssuedDocument[];
  clocksNeedRearm: boolean;
  clocksDueNow: boolean;
}

async function decideOn(db: Kysely<DB>, locked: LockedCase, command: CaseCommand, meta: CommandMeta): Promise<Decided | Refusal> {
  const spec = await itemSpec(db, locked.row.item_version_id);
  const calendar = await calendarOf(db, locked.calendarVersion);
  const state = locked.row.state as CaseState;
  const actor = caseActorOf(meta.actor, locked.posts, locked.row);
  const r = decide(state, command, { now: meta.now, calendar, item: spec, actor });
  if (!r.ok) return r;
  return { ok: true, spec, calendar, events: r.events, next: r.events.reduce(apply, state) };
}

/** The case row's projected columns, in one fixed order (the statement text never changes). */
const CASE_COLUMNS = [
  'status', 'current_step', 'current_post_code', 'accepted_at', 'accepted_as_of', 'decided_at', 'completed_at', 'delivered_at', 'closed_at',
  'outcome', 'fee_total', 'fine_amount', 'penalty_circumstance', 'certificate_no', 'valid_from', 'valid_until', 'acceptance_due_at',
  'promised_due_at', 'legal_due_at', 'step_due_at', 'supplement_count', 'return_count', 'suspension_count', 'extended',
  'state', 'event_count', 'last_hash', 'updated_at',
] as const;
type CaseColumn = (typeof CASE_COLUMNS)[number];

const RECORDSETS = {
  ev: `stream_id text, seq integer, type text, at timestamptz, recorded_at timestamptz, actor_id bigint, actor_name text, actor_unit_id bigint,
    actor_post_id bigint, ip text, data jsonb, prev_hash text, hash text`,
  ck: 'kind text, seq integer, ref text, state jsonb, started_at timestamptz, due_at timestamptz, next_threshold_at timestamptz, status text, stopped_at timestamptz',
  mat: 'material_code text, name text, file_hash text, paper boolean, round integer, phase text, received_at timestamptz, event_seq integer',
  doc: 'kind text, title text, prefix text, year text, code text, seq integer, data jsonb, hash text, at timestamptz',
};

/**
 * The write of every command, as ONE statement whose text never changes (the hot path: the
 * PostgreSQL pool prepares it once per connection — see store/db.ts, hot statements). Rows arrive as
 * jsonb arrays; an empty array writes nothing. Guarded by the event count the case was read at.
 */
const WRITE_SQL = `/*hot:case_write*/ with upd as (
    update cases set ${CASE_COLUMNS.map((c, i) => `${c} = $${i + 1}`).join(', ')}
    where id = $${CASE_COLUMNS.length + 1} and event_count = $${CASE_COLUMNS.length + 2} returning id),
  ev as (insert into case_events (${EVENT_COLUMNS})
    select ${EVENT_COLUMNS} from jsonb_to_recordset($${CASE_COLUMNS.length + 3}::jsonb) as x(${RECORDSETS.ev})
    where exists (select 1 from upd) returning id, seq),
  ck as (insert into case_clocks (case_id, kind, seq, ref, state, started_at, due_at, next_threshold_at, status, stopped_at, updated_at)
    select $${CASE_COLUMNS.length + 1}, kind, seq, ref, state, started_at, due_at, next_threshold_at, status, stopped_at, $${CASE_COLUMNS.length + 7}::timestamptz
    from jsonb_to_recordset($${CASE_COLUMNS.length + 4}::jsonb) as x(${RECORDSETS.ck})
    where exists (select 1 from upd)
    on conflict (case_id, kind, seq) do update set state = excluded.state, due_at = excluded.due_at, next_threshold_at = excluded.next_threshold_at,
      status = excluded.status, stopped_at = excluded.stopped_at, updated_at = excluded.updated_at),
  mat as (insert into case_materials (case_id, material_code, name, file_hash, paper, round, phase, received_at, event_seq)
    select $${CASE_COLUMNS.length + 1}, material_code, name, file_hash, paper, round, phase, received_at, event_seq
    from jsonb_to_recordset($${CASE_COLUMNS.length + 5}::jsonb) as x(${RECORDSETS.mat})
    where exists (select 1 from upd)),
  doc as (insert into case_documents (case_id, kind, title, doc_no, verification_code, event_seq, data, content_hash, issued_at)
    select $${CASE_COLUMNS.length + 1}, x.kind, x.title, x.prefix || '〔' || x.year || '〕' || lpad(nextval('case_document_seq')::text, 6, '0') || '号',
      x.code, x.seq, x.data, x.hash, x.at
    from jsonb_to_recordset($${CASE_COLUMNS.length + 6}::jsonb) as x(${RECORDSETS.doc})
    where exists (select 1 from upd)
    returning id, kind, title, doc_no, verification_code)
  select (select count(*)::int from upd) as updated,
    coalesce((select json_agg(json_build_object('id', id, 'seq', seq) order by seq) from ev), '[]'::json) as events,
    coalesce((select json_agg(json_build_object('id', id, 'kind', kind, 'title', title, 'docNo', doc_no, 'verificationCode', verification_code) order by id) from doc), '[]'::json) as docs`;

/**
 * The projections and events of a decided command in ONE statement: the case row (guarded by
 * the event count it was read at), the SM3-chained events, the touched clock rows (with the
 * next instant supervision watches), materials and documents. Returns null when the guard
 * failed (another command came first).
 */
async function write(db: Kysely<DB>, locked: LockedCase, d: Decided, meta: CommandMeta): Promise<Written | null> {
  const row = locked.row;
  const now = meta.now;
  const chained = chainEvents(streamOf(row.id), d.events.map((e) => toStored(e, meta, locked)), now, { seq: row.event_count, hash: row.last_hash });
  const last = chained.at(-1)!;
  const cols: Record<CaseColumn, unknown> = {
    ...caseColumns(d.next, d.calendar), state: JSON.stringify(d.next), event_count: last.seq, last_hash: last.hash, updated_at: now,
  };
  const thresholdOf = await clockThresholdPlanner(db, now);
  let clocksNeedRearm = false;
  let clocksDueNow = false;
  const clocks = clockRows(d.next, d.events, d.calendar).map(({ fresh, ...c }) => {
    if (c.status !== 'open' || !thresholdOf) return c;
    const t = thresholdOf(c.state, d.spec, d.calendar, now);
    if (t.past && !fresh) clocksNeedRearm = true;
    if (t.next && t.next.getTime() <= now.getTime()) clocksDueNow = true;
    return { ...c, next_threshold_at: t.next };
  });
  const mats = materialRows(d.events.map((e, i) => ({ e, seq: chained[i].seq })));
  const docs = documentsFor(d.events, {
    caseNo: row.case_no, unitName: locked.unitName, item: d.spec, applicant: d.next.applicant!, channel: row.channel, state: d.next,
    calendar: d.calendar, decisionDocNo: locked.decisionDocNo,
  }).map((doc) => ({
    kind: doc.kind, title: doc.title, prefix: doc.numberPrefix, year: doc.year, code: doc.verificationCode, seq: chained[doc.eventIndex].seq,
    data: doc.data, hash: sm3(canonicalJson(doc.data)), at: chained[doc.eventIndex].at,
  }));
  const params = [
    ...CASE_COLUMNS.map((c) => cols[c]), row.id, row.event_count,
    JSON.stringify(chained.map((e) => ({
      stream_id: e.streamId, seq: e.seq, type: e.type, at: e.at, recorded_at: e.recordedAt, actor_id: e.actorId, actor_name: e.actorName,
      actor_unit_id: e.actorUnitId, actor_post_id: e.actorPostId ?? null, ip: e.ip ?? null, data: e.data, prev_hash: e.prevHash, hash: e.hash,
    }))),
    JSON.stringify(clocks), JSON.stringify(mats), JSON.stringify(docs), now,
  ];
  const r = await db.executeQuery<{ updated: number; events: { id: number; seq: number }[] | string; docs: IssuedDocument[] | string }>(
    CompiledQuery.raw(WRITE_SQL, params));
  const out = r.rows[0];
  if (!out || Number(out.updated) !== 1) return null;
  const ids = typeof out.events === 'string' ? JSON.parse(out.events) as { id: number; seq: number }[] : out.events;
  const byseq = new Map(ids.map((x) => [x.seq, x.id]));
  return {
    events: chained.map((e) => ({ ...e, id: byseq.get(e.seq)! })),
    documents: typeof out.docs === 'string' ? JSON.parse(out.docs) : out.docs,
    clocksNeedRearm,
    clocksDueNow,
  };
}

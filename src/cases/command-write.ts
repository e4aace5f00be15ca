// The write of decided case commands (ARCHITECTURE "Application services"): the SM3-chained
// events and every projection (case row, clock rows with the instant supervision watches,
// materials, documents) of one or many commands in ONE statement whose text never changes —
// the hot path of the platform. Rows travel as JSON arrays (the case rows as json: the state is
// stored as sent, 0009_case_state_json.sql; the others as jsonb); on PostgreSQL the statement is
// prepared once per connection (store/db.ts, `hot:` statements). Each case row is guarded by
// the event count it was read at under its row lock.
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { EVENT_COLUMNS, canonicalJson, chainEvents, sm3, type NewEvent, type StoredEvent } from '../store/event-chain.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import type { ItemVersionSpec } from '../domain/item.ts';
import type { CaseEvent, CaseState } from '../domain/case-machine.ts';
import type { ClockThresholdOf } from '../supervision/hooks.ts';
import { streamOf } from './register.ts';
import { postIdOf, type LockedCase } from './context.ts';
import { caseColumns, clockRows, materialRows } from './projection.ts';
import { documentsFor, type DocumentKind } from './documents.ts';

export interface WriteMeta {
  actor: { displayName: string } | null;
  now: Date;
  ip?: string | null;
}

export interface DecidedCommand {
  spec: ItemVersionSpec;
  calendar: WorkCalendar;
  events: CaseEvent[];
  next: CaseState;
}

export interface IssuedDocument {
  id: number;
  kind: DocumentKind;
  title: string;
  docNo: string;
  verificationCode: string;
}

export interface Written {
  events: StoredEvent[];
  documents: IssuedDocument[];
  /** A clock written had a threshold already past and existed before: supervision re-derives it. */
  clocksNeedRearm: boolean;
  /** A clock written is due at once: the timer is woken. */
  clocksDueNow: boolean;
}

/** The rows of one decided command, ready for the statement. */
export interface WritePlan {
  caseId: number;
  chained: Omit<StoredEvent, 'id'>[];
  caseRow: Record<string, unknown>;
  events: Record<string, unknown>[];
  clocks: Record<string, unknown>[];
  materials: Record<string, unknown>[];
  documents: Record<string, unknown>[];
  clocksNeedRearm: boolean;
  clocksDueNow: boolean;
}

/** The case row's projected columns and their SQL types (the update's recordset). */
const CASE_COLUMNS: [string, string][] = [
  ['status', 'text'], ['current_step', 'text'], ['current_post_code', 'text'], ['accepted_at', 'timestamptz'], ['accepted_as_of', 'timestamptz'],
  ['decided_at', 'timestamptz'], ['completed_at', 'timestamptz'], ['delivered_at', 'timestamptz'], ['closed_at', 'timestamptz'],
  ['outcome', 'text'], ['fee_total', 'numeric'], ['fine_amount', 'numeric'], ['penalty_circumstance', 'text'], ['certificate_no', 'text'],
  ['valid_from', 'date'], ['valid_until', 'date'], ['acceptance_due_at', 'timestamptz'], ['promised_due_at', 'timestamptz'],
  ['legal_due_at', 'timestamptz'], ['step_due_at', 'timestamptz'], ['supplement_count', 'integer'], ['return_count', 'integer'],
  ['suspension_count', 'integer'], ['extended', 'boolean'], ['state', 'json'], ['event_count', 'integer'], ['last_hash', 'text'],
  ['updated_at', 'timestamptz'],
];
/** Every column caseColumns() derives is written (test/api/cases-chain.test.ts keeps them in step). */
export const WRITTEN_CASE_COLUMNS = CASE_COLUMNS.map(([c]) => c);

const RECORDSETS = {
  upd: `id bigint, expected integer, ${CASE_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')}`,
  ev: `case_id bigint, stream_id text, seq integer, type text, at timestamptz, recorded_at timestamptz, actor_id bigint, actor_name text,
    actor_unit_id bigint, actor_post_id bigint, ip text, data jsonb, prev_hash text, hash text`,
  ck: `case_id bigint, kind text, seq integer, ref text, state jsonb, started_at timestamptz, due_at timestamptz, next_threshold_at timestamptz,
    status text, stopped_at timestamptz, updated_at timestamptz`,
  mat: 'case_id bigint, material_code text, name text, file_hash text, paper boolean, round integer, phase text, received_at timestamptz, event_seq integer',
  doc: 'case_id bigint, kind text, title text, prefix text, year text, code text, seq integer, data jsonb, hash text, at timestamptz',
};

const WRITE_SQL = `/*hot:case_write*/ with upd as (
    update cases c set ${CASE_COLUMNS.map(([col]) => `${col} = x.${col}`).join(', ')}
    from json_to_recordset($1::json) as x(${RECORDSETS.upd})
    where c.id = x.id and c.event_count = x.expected and c.id = any($6::bigint[]) returning c.id),
  ev as (insert into case_events (${EVENT_COLUMNS})
    select ${EVENT_COLUMNS} from jsonb_to_recordset($2::jsonb) as x(${RECORDSETS.ev})
    where x.case_id in (select id from upd) returning id, stream_id, seq),
  ck as (insert into case_clocks (case_id, kind, seq, ref, state, started_at, due_at, next_threshold_at, status, stopped_at, updated_at)
    select case_id, kind, seq, ref, state, started_at, due_at, next_threshold_at, status, stopped_at, updated_at
    from jsonb_to_recordset($3::jsonb) as x(${RECORDSETS.ck})
    where x.case_id in (select id from upd)
    on conflict (case_id, kind, seq) do update set state = excluded.state, due_at = excluded.due_at, next_threshold_at = excluded.next_threshold_at,
      status = excluded.status, stopped_at = excluded.stopped_at, updated_at = excluded.updated_at),
  mat as (insert into case_materials (case_id, material_code, name, file_hash, paper, round, phase, received_at, event_seq)
    select case_id, material_code, name, file_hash, paper, round, phase, received_at, event_seq
    from jsonb_to_recordset($4::jsonb) as x(${RECORDSETS.mat})
    where x.case_id in (select id from upd)),
  doc as (insert into case_documents (case_id, kind, title, doc_no, verification_code, event_seq, data, content_hash, issued_at)
    select x.case_id, x.kind, x.title, x.prefix || '〔' || x.year || '〕' || lpad(nextval('case_document_seq')::text, 6, '0') || '号',
      x.code, x.seq, x.data, x.hash, x.at
    from jsonb_to_recordset($5::jsonb) as x(${RECORDSETS.doc})
    where x.case_id in (select id from upd)
    returning id, case_id, kind, title, doc_no, verification_code)
  select (select count(*)::int from upd) as updated,
    coalesce((select json_agg(json_build_object('id', id, 's', stream_id, 'seq', seq)) from ev), '[]'::json) as events,
    coalesce((select json_agg(json_build_object('id', id, 'caseId', case_id, 'kind', kind, 'title', title, 'docNo', doc_no,
      'verificationCode', verification_code) order by id) from doc), '[]'::json) as docs`;

/** Events as stored: the machine's data plus `by` (who acted: ActorRef) and `itemVersion` (CAT-3). */
function toStored(e: CaseEvent, meta: WriteMeta, locked: LockedCase): NewEvent {
  return {
    type: e.type, at: new Date(e.at), actorId: e.by.system ? null : e.by.userId,
    actorName: meta.actor?.displayName ?? '系统', actorUnitId: e.by.unitId,
    actorPostId: postIdOf(locked.posts, e.by.postCode, locked.row), ip: meta.ip ?? null,
    data: { ...e.data, by: e.by, itemVersion: locked.row.item_version_id },
  };
}

/** Chains the events and derives every projection row of one decided command (no database). */
export function planWrite(locked: LockedCase, d: DecidedCommand, meta: WriteMeta, thresholdOf: ClockThresholdOf | null): WritePlan {
  const row = locked.row;
  const now = meta.now;
  const chained = chainEvents(streamOf(row.id), d.events.map((e) => toStored(e, meta, locked)), now, { seq: row.event_count, hash: row.last_hash });
  const last = chained.at(-1)!;
  const caseRow = {
    ...caseColumns(d.next, d.calendar), state: d.next, event_count: last.seq, last_hash: last.hash, updated_at: now, id: row.id, expected: row.event_count,
  };
  let clocksNeedRearm = false;
  let clocksDueNow = false;
  const clocks = clockRows(d.next, d.events, d.calendar).map(({ fresh, ...c }) => {
    const out = { ...c, case_id: row.id, updated_at: now };
    if (c.status !== 'open' || !thresholdOf) return out;
    const t = thresholdOf(c.state, d.spec, d.calendar, now);
    if (t.past && !fresh) clocksNeedRearm = true;
    if (t.next && t.next.getTime() <= now.getTime()) clocksDueNow = true;
    return { ...out, next_threshold_at: t.next };
  });
  const materials = materialRows(d.events.map((e, i) => ({ e, seq: chained[i].seq }))).map((m) => ({ ...m, case_id: row.id }));
  const documents = documentsFor(d.events, {
    caseNo: row.case_no, unitName: locked.unitName, item: d.spec, applicant: d.next.applicant!, channel: row.channel, state: d.next,
    calendar: d.calendar, decisionDocNo: locked.decisionDocNo,
  }).map((doc) => ({
    case_id: row.id, kind: doc.kind, title: doc.title, prefix: doc.numberPrefix, year: doc.year, code: doc.verificationCode,
    seq: chained[doc.eventIndex].seq, data: doc.data, hash: sm3(canonicalJson(doc.data)), at: chained[doc.eventIndex].at,
  }));
  const events = chained.map((e) => ({
    case_id: row.id, stream_id: e.streamId, seq: e.seq, type: e.type, at: e.at, recorded_at: e.recordedAt, actor_id: e.actorId,
    actor_name: e.actorName, actor_unit_id: e.actorUnitId, actor_post_id: e.actorPostId ?? null, ip: e.ip ?? null, data: e.data,
    prev_hash: e.prevHash, hash: e.hash,
  }));
  return { caseId: row.id, chained, caseRow, events, clocks, materials, documents, clocksNeedRearm, clocksDueNow };
}

/** Thrown when a case row moved although the command held its lock (never in normal operation). */
export class WriteConflict extends Error {}

/** Writes the plans of distinct cases in one statement; all or nothing (a failed guard throws). */
export async function writePlans(db: Kysely<DB>, plans: WritePlan[]): Promise<Written[]> {
  const params = [
    JSON.stringify(plans.map((p) => p.caseRow)), JSON.stringify(plans.flatMap((p) => p.events)), JSON.stringify(plans.flatMap((p) => p.clocks)),
    JSON.stringify(plans.flatMap((p) => p.materials)), JSON.stringify(plans.flatMap((p) => p.documents)),
    // the ids again as an array: an index condition for the planner, whatever the recordset's estimate
    `{${plans.map((p) => p.caseId).join(',')}}`,
  ];
  type Out = { updated: number; events: { id: number; s: string; seq: number }[] | string; docs: (IssuedDocument & { caseId: number })[] | string };
  const r = await db.executeQuery<Out>(CompiledQuery.raw(WRITE_SQL, params));
  const out = r.rows[0];
  if (!out || Number(out.updated) !== plans.length) throw new WriteConflict(`case rows changed under their locks (${out?.updated ?? 0} of ${plans.length} written)`);
  const ids = typeof out.events === 'string' ? (JSON.parse(out.events) as { id: number; s: string; seq: number }[]) : out.events;
  const docs = typeof out.docs === 'string' ? (JSON.parse(out.docs) as (IssuedDocument & { caseId: number })[]) : out.docs;
  const idOf = new Map(ids.map((x) => [`${x.s}#${x.seq}`, x.id]));
  return plans.map((p) => ({
    events: p.chained.map((e) => ({ ...e, id: idOf.get(`${e.streamId}#${e.seq}`)! })),
    documents: docs.filter((d) => d.caseId === p.caseId).map(({ caseId: _c, ...d }) => d),
    clocksNeedRearm: p.clocksNeedRearm,
    clocksDueNow: p.clocksDueNow,
  }));
}

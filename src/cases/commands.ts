// The command service (ARCHITECTURE "Application services"): ONE function runs every case
// command, in one transaction — lock the case row, build the machine's context (calendar,
// the item version the case runs under, the actor's posts in the case's unit), run the pure
// `decide`, append the events to the case's SM3 chain with actor, unit, post and IP, fold them
// into the state and update the projections (case row, clocks, materials, documents).
// A refusal changes nothing and surfaces as HTTP 4xx with the machine's code and message.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Actor } from '../access/scope.ts';
import { AppError, notFound } from '../http/errors.ts';
import { appendEvents, canonicalJson, sm3, type NewEvent, type StoredEvent } from '../store/event-chain.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import type { ItemVersionSpec } from '../domain/item.ts';
import {
  apply, decide, type CaseCommand, type CaseEvent, type CaseState, type Refusal, type RefusalCode,
} from '../domain/case-machine.ts';
import { CASE_EVENTS, streamOf } from './register.ts';
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

/** Events as stored: the machine's data plus who acted (ActorRef) and the item version (CAT-3). */
function toStored(e: CaseEvent, meta: CommandMeta, locked: LockedCase): NewEvent {
  return {
    type: e.type, at: new Date(e.at), actorId: e.by.system ? null : e.by.userId,
    actorName: meta.actor?.displayName ?? '系统', actorUnitId: e.by.unitId,
    actorPostId: postIdOf(locked.posts, e.by.postCode, locked.row), ip: meta.ip ?? null,
    data: { ...e.data, by: e.by, itemVersionId: locked.row.item_version_id },
  };
}

/** The machine's event back from a stored row (replay, supervision). */
export function fromStored(e: { type: string; at: Date; data: unknown }): CaseEvent {
  const { by, itemVersionId: _v, ...data } = e.data as Record<string, unknown>;
  return { type: e.type, at: e.at.toISOString(), by, data } as CaseEvent;
}

/** Runs a command inside the caller's transaction; returns the refusal instead of throwing. */
export async function executeCommand(trx: Kysely<DB>, caseId: number, command: CaseCommand, meta: CommandMeta): Promise<CommandOutcome> {
  const locked = await lockCase(trx, caseId, meta.actor?.userId ?? null);
  if (!locked) throw notFound('办件不存在');
  if (locked.row.kind === 'combined') return runOnCombined(trx, locked, command, meta, executeCommand);
  const spec = await itemSpec(trx, locked.row.item_version_id);
  const calendar = await calendarOf(trx, locked.calendarVersion);
  const state = locked.row.state as CaseState;
  const actor = caseActorOf(meta.actor, locked.posts, locked.row);
  const r = decide(state, command, { now: meta.now, calendar, item: spec, actor });
  if (!r.ok) return r;
  const next = r.events.reduce(apply, state);
  const stored = await persist(trx, locked, spec, calendar, next, r.events, meta);
  return { ok: true, caseId, events: stored.events, state: next, documents: stored.documents };
}

/**
 * One command in its own transaction; a refusal or a missing case throws and nothing is written.
 * `command` may be built inside the transaction (e.g. after storing uploaded files), so a
 * refused command leaves no files behind either.
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

async function persist(
  trx: Kysely<DB>, locked: LockedCase, spec: ItemVersionSpec, calendar: WorkCalendar, next: CaseState, events: CaseEvent[], meta: CommandMeta,
): Promise<{ events: StoredEvent[]; documents: IssuedDocument[] }> {
  const row = locked.row;
  const now = meta.now;
  const stored = await appendEvents(trx, CASE_EVENTS, streamOf(row.id), events.map((e) => toStored(e, meta, locked)), now,
    { seq: row.event_count, hash: row.last_hash });
  const last = stored.at(-1)!;
  // system: the command's own case row, locked above
  await trx.updateTable('cases').set({
    ...caseColumns(next, calendar), state: JSON.stringify(next), event_count: last.seq, last_hash: last.hash, updated_at: now,
  }).where('id', '=', row.id).execute();

  const clocks = clockRows(next, events, calendar);
  if (clocks.length) {
    await trx.insertInto('case_clocks')
      .values(clocks.map((c) => ({ ...c, case_id: row.id, state: JSON.stringify(c.state), updated_at: now })))
      .onConflict((oc) => oc.columns(['case_id', 'kind', 'seq']).doUpdateSet((eb) => ({
        state: eb.ref('excluded.state'), due_at: eb.ref('excluded.due_at'), next_threshold_at: eb.ref('excluded.next_threshold_at'),
        status: eb.ref('excluded.status'), stopped_at: eb.ref('excluded.stopped_at'), updated_at: eb.ref('excluded.updated_at'),
      })))
      .execute();
  }

  const mats = materialRows(events.map((e, i) => ({ e, seq: stored[i].seq })));
  if (mats.length) await trx.insertInto('case_materials').values(mats.map((m) => ({ ...m, case_id: row.id }))).execute();

  const documents = await issueDocuments(trx, locked, spec, calendar, next, events, stored);
  if (row.parent_id !== null && locked.parent) await updateCombined(trx, locked.parent, now);
  return { events: stored, documents };
}

async function issueDocuments(
  trx: Kysely<DB>, locked: LockedCase, spec: ItemVersionSpec, calendar: WorkCalendar, next: CaseState, events: CaseEvent[], stored: StoredEvent[],
): Promise<IssuedDocument[]> {
  const row = locked.row;
  let decisionDocNo: string | null = null;
  if (events.some((e) => e.type === 'case.delivered')) {
    const d = await trx.selectFrom('case_documents').select('doc_no').where('case_id', '=', row.id)
      .where('kind', 'in', ['grant_decision', 'denial_decision', 'penalty_decision', 'no_penalty_decision']).orderBy('id', 'desc').executeTakeFirst();
    decisionDocNo = d?.doc_no ?? null;
  }
  const docs = documentsFor(events, {
    caseNo: row.case_no, unitName: locked.unitName, item: spec, applicant: next.applicant!, channel: row.channel, state: next, calendar, decisionDocNo,
  });
  if (!docs.length) return [];
  const values = docs.map((d) => sql`(${d.kind}::text, ${d.title}::text, ${d.numberPrefix}::text, ${d.year}::text, ${d.verificationCode}::text,
    ${stored[d.eventIndex].seq}::integer, ${JSON.stringify(d.data)}::jsonb, ${sm3(canonicalJson(d.data))}::text, ${stored[d.eventIndex].at}::timestamptz)`);
  const r = await sql<{ id: number; kind: DocumentKind; title: string; doc_no: string; verification_code: string }>`
    insert into case_documents (case_id, kind, title, doc_no, verification_code, event_seq, data, content_hash, issued_at)
    select ${row.id}, v.kind, v.title, v.prefix || '〔' || v.year || '〕' || lpad(nextval('case_document_seq')::text, 6, '0') || '号',
           v.code, v.seq, v.data, v.hash, v.at
    from (values ${sql.join(values)}) as v(kind, title, prefix, year, code, seq, data, hash, at)
    returning id, kind, title, doc_no, verification_code`.execute(trx);
  return r.rows.map((d) => ({ id: d.id, kind: d.kind, title: d.title, docNo: d.doc_no, verificationCode: d.verification_code }));
}

// The command service (ARCHITECTURE "Application services"): ONE function runs every case
// command, in one transaction — lock the case row, build the machine's context (calendar,
// the item version the case runs under, the actor's posts in the case's unit), run the pure
// `decide`, append the events to the case's SM3 chain with actor, unit, post and IP, fold them
// into the state and update the projections (case row, clocks, materials, documents).
// A refusal changes nothing and surfaces as HTTP 4xx with the machine's code and message.
// Commands arriving together on different cases share one transaction (command-batch.ts).
import { clockThresholdPlanner, runCaseEventHooks } from '../supervision/hooks.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Actor } from '../access/scope.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { StoredEvent } from '../store/event-chain.ts';
import { apply, decide, type CaseCommand, type CaseState, type Refusal, type RefusalCode } from '../domain/case-machine.ts';
import { calendarOf, caseActorOf, itemSpec, lockCase, lockCases, type LockedCase } from './context.ts';
import { planWrite, writePlans, WriteConflict, type DecidedCommand, type IssuedDocument, type Written } from './command-write.ts';
import { runOnCombined, updateCombined } from './combined.ts';
import { CommandBatcher, type CommandInput } from './command-batch.ts';
import { rememberState } from './state-cache.ts';

export type { IssuedDocument } from './command-write.ts';

export interface CommandMeta {
  /** null: the platform itself (§32(4) auto-acceptance). */
  actor: Actor | null;
  /** The instant of the command (ctx.now() in the server; past instants when replaying history). */
  now: Date;
  ip?: string | null;
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

/** The machine's event back from a stored row (replay, supervision). */
export function fromStored(e: { type: string; at: Date; data: unknown }): import('../domain/case-machine.ts').CaseEvent {
  const { by, itemVersion: _v, ...data } = e.data as Record<string, unknown>;
  return { type: e.type, at: e.at.toISOString(), by, data } as import('../domain/case-machine.ts').CaseEvent;
}

export type Decided = DecidedCommand & { ok: true };

/** Runs the pure machine on a locked case. */
export async function decideOn(db: Kysely<DB>, locked: LockedCase, command: CaseCommand, meta: CommandMeta): Promise<Decided | Refusal> {
  const spec = await itemSpec(db, locked.row.item_version_id);
  const calendar = await calendarOf(db, locked.calendarVersion);
  const state = locked.row.state as CaseState;
  const actor = caseActorOf(meta.actor, locked.posts, locked.row);
  const r = decide(state, command, { now: meta.now, calendar, item: spec, actor });
  if (!r.ok) return r;
  return { ok: true, spec, calendar, events: r.events, next: r.events.reduce(apply, state) };
}

/**
 * After the write, in the same transaction: supervision's event rules (ARCHITECTURE
 * "Application services") and, for a sub-case, its combined case (CASE-9).
 */
export async function afterWrite(trx: Kysely<DB>, locked: LockedCase, d: Decided, written: Written, meta: CommandMeta): Promise<CommandDone> {
  const row = locked.row;
  await runCaseEventHooks(trx, {
    row: { id: row.id, case_no: row.case_no, unit_id: row.unit_id, unit_path: row.unit_path, region_path: row.region_path, item_id: row.item_id, item_version_id: row.item_version_id, item_name: d.spec.name },
    before: row.state as CaseState, after: d.next, events: written.events, item: d.spec, calendar: d.calendar, now: meta.now,
    clocksNeedRearm: written.clocksNeedRearm, clocksDueNow: written.clocksDueNow,
  });
  if (row.parent_id !== null && locked.parent) await updateCombined(trx, locked.parent, meta.now);
  return { ok: true, caseId: row.id, events: written.events, state: d.next, documents: written.documents };
}

/** Runs a command inside the caller's transaction (row locked); returns the refusal instead of throwing. */
export async function executeCommand(trx: Kysely<DB>, caseId: number, command: CaseCommand, meta: CommandMeta): Promise<CommandOutcome> {
  const locked = await lockCase(trx, caseId, meta.actor?.userId ?? null);
  if (!locked) throw notFound('办件不存在');
  if (locked.row.kind === 'combined') return runOnCombined(trx, locked, command, meta, executeCommand);
  const d = await decideOn(trx, locked, command, meta);
  if (!d.ok) return d;
  const plan = planWrite(locked, d, meta, await clockThresholdPlanner(trx, meta.now));
  const [written] = await writePlans(trx, [plan]).catch((e) => {
    throw e instanceof WriteConflict ? new Error(`case ${caseId} changed under its row lock`) : e;
  });
  return afterWrite(trx, locked, d, written, meta);
}

/** One command alone in its own transaction. */
export async function runCommandAlone(db: Kysely<DB>, caseId: number, command: CommandInput, meta: CommandMeta): Promise<CommandDone> {
  return db.transaction().execute(async (trx) => {
    const cmd = typeof command === 'function' ? await command(trx) : command;
    const r = await executeCommand(trx, caseId, cmd, meta);
    if (!r.ok) throw refusalError(r, cmd.type);
    return r;
  });
}

/**
 * One command, atomically: lock the case row FOR UPDATE, decide, write events and
 * projections in one statement, run supervision's event rules; a refusal or a missing case
 * throws and nothing is written. Commands built from uploads (`command` as a function) store
 * their files first, in the same transaction. Inside a transaction it runs there; otherwise
 * commands on different cases that arrive together share one transaction (group commit) —
 * each still all or nothing, each with its own answer.
 */
export async function runCommand(db: Kysely<DB>, caseId: number, command: CommandInput, meta: CommandMeta): Promise<CommandDone> {
  if (db.isTransaction) {
    const cmd = typeof command === 'function' ? await command(db) : command;
    const r = await executeCommand(db, caseId, cmd, meta);
    if (!r.ok) throw refusalError(r, cmd.type);
    return r;
  }
  return batcherOf(db).submit(caseId, command, meta);
}

const batchers = new WeakMap<Kysely<DB>, CommandBatcher<CommandMeta, CommandDone>>();

export function batcherOf(db: Kysely<DB>): CommandBatcher<CommandMeta, CommandDone> {
  let b = batchers.get(db);
  if (!b) {
    b = new CommandBatcher<CommandMeta, CommandDone>(db, {
      lockCases, decideOn, planner: clockThresholdPlanner, planWrite, writePlans, afterWrite,
      refusalError: (r, command) => refusalError(r, command), runAlone: runCommandAlone,
      committed: (done) => {
        const last = done.events.at(-1);
        if (last) rememberState(done.caseId, last.seq, last.hash, done.state);
      },
    });
    batchers.set(db, b);
  }
  return b;
}

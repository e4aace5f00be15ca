// Parallel approval 并联审批 (CASE-9, Xiamen §五(五)): one application to a joint item makes a
// combined case (the umbrella the applicant sees, number N) and a sub-case per unit — the lead
// unit (N-1) and each co-unit (N-2 …) — each running the case machine with its own clocks.
// The window acts once on the combined case for the acceptance phase (一窗受理: accept, refuse,
// supplement, supplied materials, withdrawal fan out to every sub-case that allows it); steps
// and decisions are taken on the sub-cases by each unit. The combined case completes when every
// sub-case has decided (or was closed), with a 'combined.status_changed' event on its own chain.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { appendEvents } from '../store/event-chain.ts';
import {
  transitionOf, type Applicant, type CaseCommand, type CaseCommandType, type CaseState, type CaseStatus, type Refusal,
} from '../domain/case-machine.ts';
import { CASE_EVENTS, streamOf } from './register.ts';
import type { LockedCase } from './context.ts';
import type { CaseRow } from './tables.ts';
import type { CommandMeta, CommandOutcome } from './commands.ts';

export type CombinedStatus = 'submitted' | 'supplement_requested' | 'in_process' | 'completed' | 'closed';
export const COMBINED_STATUSES: Record<CombinedStatus, string> = {
  submitted: '已申报', supplement_requested: '待补正', in_process: '办理中', completed: '全部办结', closed: '已终结',
};

export interface CombinedSub {
  id: number;
  caseNo: string;
  unitId: number;
  status: CaseStatus;
  outcome: 'grant' | 'deny' | null;
}

/** The state jsonb of a combined case. */
export interface CombinedState {
  combined: true;
  caseNo: string;
  itemId: number;
  itemVersionId: number;
  applicant: Applicant;
  status: CombinedStatus;
  subCases: CombinedSub[];
}

/** Commands the window gives once for the whole application (acceptance phase, withdrawal). */
export const FAN_OUT: CaseCommandType[] = ['accept', 'refuse', 'request_supplement', 'supply_materials', 'withdraw'];

const CLOSED: CaseStatus[] = ['refused', 'withdrawn', 'terminated', 'merged'];
const DECIDED: CaseStatus[] = ['decided', 'completed', 'delivered'];

export function combinedStatusOf(subs: CombinedSub[]): CombinedStatus {
  if (subs.every((s) => CLOSED.includes(s.status))) return 'closed';
  if (subs.every((s) => DECIDED.includes(s.status) || CLOSED.includes(s.status))) return 'completed';
  if (subs.some((s) => s.status === 'supplement_requested')) return 'supplement_requested';
  if (subs.some((s) => s.status !== 'submitted')) return 'in_process';
  return 'submitted';
}

type Exec = (trx: Kysely<DB>, caseId: number, command: CaseCommand, meta: CommandMeta) => Promise<CommandOutcome>;

/** A command given on the combined case: run it on every sub-case whose state allows it. */
export async function runOnCombined(trx: Kysely<DB>, locked: LockedCase, command: CaseCommand, meta: CommandMeta, exec: Exec): Promise<CommandOutcome> {
  if (!FAN_OUT.includes(command.type)) {
    return { ok: false, code: 'COMBINED_CASE', message: '并联审批的总办件不能直接办理该操作，请在各部门的分办件上办理' } as unknown as Refusal;
  }
  // system: the sub-cases of the combined case the caller was allowed to act on
  const subs = await trx.selectFrom('cases').select(['id', 'status']).where('parent_id', '=', locked.row.id).orderBy('id').execute();
  const targets = subs.filter((s) => transitionOf(s.status as CaseStatus, command.type) !== null);
  if (!targets.length) {
    const st = (locked.row.state as CombinedState).status;
    return { ok: false, code: 'WRONG_STATE', message: `并联审批办件当前状态为「${COMBINED_STATUSES[st]}」，没有可以执行该操作的分办件` };
  }
  let last: CommandOutcome | null = null;
  const documents = [];
  const events = [];
  for (const s of targets) {
    const r = await exec(trx, s.id, command, meta);
    if (!r.ok) return r; // the caller rolls the transaction back: all sub-cases or none
    documents.push(...r.documents);
    events.push(...r.events);
    last = r;
  }
  const done = last as Extract<CommandOutcome, { ok: true }>;
  return { ok: true, caseId: locked.row.id, events, state: done.state, documents };
}

/** Re-derives the combined case after a sub-case changed; appends an event when its status moves. */
export async function updateCombined(trx: Kysely<DB>, parent: CaseRow, now: Date): Promise<void> {
  // system: the sub-cases of a combined case whose row the command holds locked
  const rows = await trx.selectFrom('cases').select(['id', 'case_no', 'unit_id', 'status', 'outcome', 'accepted_at', 'decided_at'])
    .where('parent_id', '=', parent.id).orderBy('id').execute();
  const subs: CombinedSub[] = rows.map((r) => ({ id: r.id, caseNo: r.case_no, unitId: r.unit_id, status: r.status as CaseStatus, outcome: r.outcome }));
  const prev = parent.state as CombinedState;
  const status = combinedStatusOf(subs);
  const state: CombinedState = { ...prev, status, subCases: subs };
  const accepted = rows.map((r) => r.accepted_at).filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const decided = rows.map((r) => r.decided_at).filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  let head = { seq: parent.event_count, hash: parent.last_hash };
  if (status !== prev.status) {
    const [e] = await appendEvents(trx, CASE_EVENTS, streamOf(parent.id), [{
      type: 'combined.status_changed', at: now, actorId: null, actorName: '系统', actorUnitId: null,
      data: { from: prev.status, to: status, subCases: subs.map((s) => ({ caseNo: s.caseNo, unitId: s.unitId, status: s.status, outcome: s.outcome })) },
    }], now, head);
    head = { seq: e.seq, hash: e.hash };
  }
  // system: the combined case row locked by the sub-case's command
  await trx.updateTable('cases').set({
    status, state: JSON.stringify(state), accepted_at: accepted, accepted_as_of: accepted,
    decided_at: status === 'completed' ? decided : null,
    completed_at: status === 'completed' ? (prev.status === 'completed' ? parent.completed_at : now) : null,
    closed_at: status === 'closed' ? (prev.status === 'closed' ? parent.closed_at : now) : null, event_count: head.seq, last_hash: head.hash, updated_at: now,
  }).where('id', '=', parent.id).execute();
}

/** Sub-case numbers N-1 (lead), N-2 … (co-units). */
export const subCaseNo = (caseNo: string, i: number) => `${caseNo}-${i + 1}`;


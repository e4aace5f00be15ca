// Projections of a case's events, written in the same transaction as the events
// (ARCHITECTURE "Application services"): the case row's typed columns (CASE-11), one row per
// clock with its due instant (ARCHITECTURE "Time"), and the materials as received (CASE-1).
import type { WorkCalendar } from '../domain/calendar.ts';
import { clockStatus, dueAt, type ClockKind, type ClockState } from '../domain/clock.ts';
import type { CaseEvent, CaseState } from '../domain/case-machine.ts';
import type { ClockRowStatus, MaterialPhase } from './tables.ts';

const instant = (s: string | null | undefined): Date | null => (s ? new Date(s) : null);

/** The open clock's due instant, or null when absent, stopped or in a counted pause. */
function openDue(c: ClockState | undefined, cal: WorkCalendar): Date | null {
  return c && c.stoppedAt === null ? dueAt(c, cal) : null;
}

/** Typed columns of the case row derived from the machine's state. */
export function caseColumns(s: CaseState, cal: WorkCalendar) {
  const visit = s.currentStep !== null ? s.steps.at(-1) ?? null : null;
  const promised = s.clocks.case_promised;
  const legal = s.clocks.case_legal;
  return {
    status: s.status,
    current_step: s.currentStep,
    current_post_code: visit?.postCode ?? null,
    accepted_at: instant(s.acceptedAt),
    accepted_as_of: instant(s.acceptedAsOf),
    decided_at: instant(s.decision?.decidedAt),
    completed_at: instant(s.result?.completedAt),
    delivered_at: instant(s.delivery?.at),
    closed_at: instant(s.closure?.at),
    outcome: s.decision?.outcome ?? null,
    fee_total: s.decision ? s.decision.feeTotal : null,
    fine_amount: s.decision?.penalty?.fine ?? null,
    penalty_circumstance: s.decision?.penalty?.circumstance ?? null,
    certificate_no: s.result?.number ?? null,
    valid_from: s.result?.validFrom ?? null,
    valid_until: s.result?.validUntil ?? null,
    acceptance_due_at: openDue(s.clocks.acceptance, cal),
    // whole-case limits stay derivable after the decision (was it decided in time?)
    promised_due_at: promised ? dueAt(promised, cal) : null,
    legal_due_at: legal ? dueAt(legal, cal) : null,
    step_due_at: openDue(s.clocks.step, cal),
    supplement_count: s.supplementCount,
    return_count: s.returnCount,
    suspension_count: s.suspensionCount,
    extended: s.extension !== null,
  };
}

export interface ClockRow {
  kind: ClockKind;
  seq: number;
  ref: string | null;
  state: ClockState;
  started_at: Date;
  due_at: Date | null;
  next_threshold_at: Date | null;
  status: ClockRowStatus;
  stopped_at: Date | null;
  /** Started by this command: no signal can refer to it yet. */
  fresh: boolean;
}

function clockRow(c: ClockState, seq: number, cal: WorkCalendar, fresh: boolean): ClockRow {
  const st = clockStatus(c);
  const status: ClockRowStatus = st === 'running' ? 'open' : st;
  const due = dueAt(c, cal);
  return {
    kind: c.kind, seq, ref: c.ref, state: c, started_at: new Date(c.startedAt), due_at: due,
    // Supervision owns threshold profiles (SUP-2) and moves this; until then: the due instant.
    next_threshold_at: status === 'open' ? due : null,
    status, stopped_at: instant(c.stoppedAt), fresh,
  };
}

/**
 * The clock rows a command touched. Each clock of a kind has its own row, numbered in order;
 * a newly started clock replaces the previous one of its kind (which the fold stopped).
 */
export function clockRows(next: CaseState, events: CaseEvent[], cal: WorkCalendar): ClockRow[] {
  const kinds = new Set<ClockKind>();
  const started = new Set<ClockKind>();
  for (const e of events) {
    if (!e.type.startsWith('clock.')) continue;
    const k = (e.data as { clock: ClockKind }).clock;
    kinds.add(k);
    if (e.type === 'clock.started') started.add(k);
  }
  const out: ClockRow[] = [];
  for (const k of kinds) {
    const current = next.clocks[k];
    if (!current) continue;
    const history = next.clockHistory.filter((c) => c.kind === k);
    const seq = history.length + 1;
    if (started.has(k) && history.length) out.push(clockRow(history.at(-1)!, seq - 1, cal, false));
    out.push(clockRow(current, seq, cal, started.has(k)));
  }
  return out;
}

export interface MaterialRow {
  material_code: string | null;
  name: string;
  file_hash: string | null;
  paper: boolean;
  round: number;
  phase: MaterialPhase;
  received_at: Date;
  event_seq: number;
}

/** Materials received with the events (application, supplements) and evidence (CASE-7). */
export function materialRows(events: { e: CaseEvent; seq: number }[]): MaterialRow[] {
  const out: MaterialRow[] = [];
  for (const { e, seq } of events) {
    const at = new Date(e.at);
    if (e.type === 'case.applied') {
      for (const m of e.data.materials) out.push({ material_code: m.code, name: m.name, file_hash: m.hash, paper: m.paper, round: 0, phase: 'application', received_at: at, event_seq: seq });
    } else if (e.type === 'case.materials_supplied') {
      for (const m of e.data.materials) out.push({ material_code: m.code, name: m.name, file_hash: m.hash, paper: m.paper, round: e.data.sequence, phase: e.data.phase, received_at: at, event_seq: seq });
    } else if (e.type === 'evidence.attached') {
      for (const f of e.data.files) out.push({ material_code: null, name: f.name, file_hash: f.hash, paper: false, round: 0, phase: 'evidence', received_at: at, event_seq: seq });
    }
  }
  return out;
}

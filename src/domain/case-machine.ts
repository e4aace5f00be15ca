// The case state machine (办件状态机): pure — (state, command, ctx) → events | refusal, and
// state = fold(events). No I/O, no clock reads: ctx.now is the instant of the command.
//
// Read the law against three tables below:
//   TRANSITIONS  — which command is allowed in which state, and the state it leads to;
//   WHO          — who may give each command (post in the unit, role, applicant, system);
//   CLOCKS       — which clocks run / are paused in each state (with PAUSED_BY, EXTENDED_BY_EXTENSION).
// Everything else is the checks a command must pass (reasons, legal basis, amounts …) and
// the events it produces.
//
// Events. Every command appends one business event ('case.*', 'step.*', 'special_procedure.*',
// 'evidence.*') followed by the clock events it causes ('clock.started' | 'clock.paused' |
// 'clock.resumed' | 'clock.extended' | 'clock.stopped', each naming the clock kind). Clock
// effects are separate events so that the supervision timer can follow clocks from the stream
// alone; all events of one command carry the same `at` and `by`. Instants are ISO strings,
// so events and state survive JSON unchanged and replay(events) rebuilds the state exactly.
//
// A case runs under one item version (CAT-3): ctx.item must be the version it was applied
// under. For a combined case (CASE-9) each sub-case runs this machine for its own unit.

import { chinaDateOf, isIsoDate, type WorkCalendar } from './calendar.ts';
import {
  SPECIAL_PROCEDURES, type Circumstance, type DayUnit, type FeeItem, type FlowStep, type ItemVersionSpec,
  type SpecialProcedureKind, type StepKind, type TimeLimit,
} from './item.ts';
import {
  dueAt, extendClock, isOverdue, pauseClock, resumeClock, startClock, stopClock, clockStatus,
  type ClockKind, type ClockState, type ClockStatus, type Instant,
} from './clock.ts';
import { isValidCreditCode, isValidIdNumber } from './validators.ts';

// ===========================================================================
// States and commands.

export const CASE_STATUSES = {
  new: '未申报',
  submitted: '已申报',
  supplement_requested: '待补正',
  in_process: '办理中',
  processing_supplement: '办理中补正',
  suspended: '挂起',
  special_procedure: '特别程序中',
  decided: '已决定',
  completed: '办结',
  delivered: '已送达',
  refused: '不予受理',
  withdrawn: '已撤回',
  terminated: '已终止',
  merged: '已并案',
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;

export const CASE_COMMANDS = {
  apply: '申报',
  accept: '受理',
  refuse: '不予受理',
  request_supplement: '补正告知',
  supply_materials: '补正材料',
  auto_accept: '逾期视为受理',
  pass_step: '提交环节意见',
  return_step: '退回',
  suspend: '挂起',
  resume: '恢复',
  start_special_procedure: '启动特别程序',
  record_special_result: '登记特别程序结果',
  extend: '延期',
  attach_evidence: '上传证据',
  decide: '作出决定',
  complete: '办结',
  deliver: '送达',
  withdraw: '撤回申请',
  terminate: '终止',
  merge: '并案',
} as const;
export type CaseCommandType = keyof typeof CASE_COMMANDS;

// ===========================================================================
// TRANSITIONS — the whole law of states in one table: state → command → next state.
// A command missing from a state's row is refused with WRONG_STATE.

export const TRANSITIONS = {
  new: {
    apply: 'submitted', //                               CASE-1
  },
  submitted: {
    accept: 'in_process', //                             §32(1)(5), CASE-2: 受理通知书
    auto_accept: 'in_process', //                        §32(4): no notice within 5 days ⇒ accepted as of receipt
    refuse: 'refused', //                                §32(1)(2), CASE-2: 不予受理决定书 with reason
    request_supplement: 'supplement_requested', //       §32(4): all missing materials at once
    withdraw: 'withdrawn', //                            CASE-4
  },
  supplement_requested: {
    supply_materials: 'submitted', //                    back to acceptance, a new 5-day acceptance clock
    refuse: 'refused', //                                not supplemented: 不予受理
    withdraw: 'withdrawn',
  },
  in_process: {
    pass_step: 'in_process', //                          CASE-3: opinion, next step of the fixed flow
    return_step: 'in_process', //                        CASE-4: only to a step the flow allows
    request_supplement: 'processing_supplement', //      CASE-5 (issue 4): pauses case and step clocks
    suspend: 'suspended', //                             CASE-4 挂起, with reason
    start_special_procedure: 'special_procedure', //     §45, CASE-5
    extend: 'in_process', //                             §42, CASE-6: once
    attach_evidence: 'in_process', //                    CASE-7: evidence before the decision
    decide: 'decided', //                                §34, §37, §38, CASE-7
    withdraw: 'withdrawn',
    terminate: 'terminated',
    merge: 'merged', //                                  penalty cases only (CASE-4)
  },
  processing_supplement: {
    supply_materials: 'in_process',
    extend: 'processing_supplement',
    attach_evidence: 'processing_supplement',
    withdraw: 'withdrawn',
    terminate: 'terminated',
  },
  suspended: {
    resume: 'in_process',
    extend: 'suspended',
    attach_evidence: 'suspended',
    withdraw: 'withdrawn',
    terminate: 'terminated',
    merge: 'merged',
  },
  special_procedure: {
    record_special_result: 'in_process', //              §45: the clock resumes
    extend: 'special_procedure',
    attach_evidence: 'special_procedure',
    withdraw: 'withdrawn',
    terminate: 'terminated',
  },
  decided: {
    complete: 'completed', //                            §44, CASE-8: certificate / decision document issued
  },
  completed: {
    deliver: 'delivered', //                             §44, CASE-8: 送达回证
  },
  delivered: {},
  refused: {},
  withdrawn: {},
  terminated: {},
  merged: {},
} as const satisfies Record<CaseStatus, Partial<Record<CaseCommandType, CaseStatus>>>;

export const TERMINAL_STATUSES: CaseStatus[] = (Object.keys(TRANSITIONS) as CaseStatus[]).filter((s) => Object.keys(TRANSITIONS[s]).length === 0);

/** The state a command leads to from `status`, or null when the table forbids it. */
export function transitionOf(status: CaseStatus, command: CaseCommandType): CaseStatus | null {
  const row = TRANSITIONS[status] as Partial<Record<CaseCommandType, CaseStatus>>;
  return row[command] ?? null;
}

/** The commands the table allows in `status` (for action buttons). */
export function allowedCommands(status: CaseStatus): CaseCommandType[] {
  return Object.keys(TRANSITIONS[status]) as CaseCommandType[];
}

// ===========================================================================
// WHO — who may give each command.
//
//   applicant_or_window   apply: online → the signed-in applicant; window → a window clerk;
//                         ex_officio (立案 of penalties etc.) → staff of the unit holding a post
//                         of the item's flow. supply/withdraw: the case's own applicant, or a
//                         window clerk acting on the applicant's paper.
//   window                role window_clerk, or post 'accept', or the post of the item's
//                         受理/立案 step in the case's unit.
//   window_or_step        window before acceptance; the current step's post during processing.
//   current_step          the current step's post (FlowStep.postCode) in the case's unit (CASE-3).
//   current_step_or_approver  as current_step, or role approver in the case's unit.
//   approver              role approver (the agency head, §42) in the case's unit.
//   issuer                window, or the post of the item's 办结/送达 or deciding step in the unit.
//   system                the platform itself (role 'system').

export type WhoRule = 'applicant_or_window' | 'window' | 'window_or_step' | 'current_step' | 'current_step_or_approver' | 'approver' | 'issuer' | 'system';

export const WHO: Record<CaseCommandType, WhoRule> = {
  apply: 'applicant_or_window',
  accept: 'window',
  refuse: 'window',
  request_supplement: 'window_or_step',
  supply_materials: 'applicant_or_window',
  auto_accept: 'system',
  pass_step: 'current_step',
  return_step: 'current_step',
  suspend: 'current_step_or_approver',
  resume: 'current_step_or_approver',
  start_special_procedure: 'current_step',
  record_special_result: 'current_step',
  extend: 'approver',
  attach_evidence: 'current_step',
  decide: 'current_step', // and the current step must be the deciding step
  complete: 'issuer',
  deliver: 'issuer',
  withdraw: 'applicant_or_window',
  terminate: 'current_step_or_approver',
  merge: 'current_step',
};

// ===========================================================================
// CLOCKS — time limits (ARCHITECTURE "Time", clock.ts).

/** §32(4), CASE-2: accept, refuse or notify supplements within 5 working days of receipt. */
export const ACCEPTANCE_LIMIT: TimeLimit = { days: 5, unit: 'workday' };
/** §42, CASE-6: one extension of 10 working days (§82: the law's periods are working days). */
export const DEFAULT_EXTENSION: TimeLimit = { days: 10, unit: 'workday' };
export const MAX_EXTENSION_DAYS = 10;
/** §42 para 2: unified / joint handling (统一、联合、集中办理) may extend by 15. */
export const MAX_JOINT_EXTENSION_DAYS = 15;
/** §44: issue and deliver within 10 (working) days of the decision. */
export const DELIVERY_LIMIT: TimeLimit = { days: 10, unit: 'workday' };
/**
 * The applicant's period to supplement when the notice names none. Not statutory (local
 * practice varies); the notice may set its own. Supervision uses it for the supplement signal.
 */
export const DEFAULT_SUPPLEMENT_LIMIT: TimeLimit = { days: 30, unit: 'natural' };

/**
 * Which case clocks each kind of pause stops.
 *  - special procedures: §45 — their time is not counted in any limit;
 *  - applicant supplements during processing: issue 4 (CASE-5) — the case waits on the applicant;
 *  - suspension (挂起, CASE-4) is local practice: it stops the promised and step clocks, but the
 *    statutory limit keeps running (only §45 periods are excluded from it), so a suspension can
 *    never hide a breach of the legal limit.
 */
export const PAUSED_BY = {
  special_procedure: ['case_promised', 'case_legal', 'step'],
  supplement: ['case_promised', 'case_legal', 'step'],
  suspension: ['case_promised', 'step'],
} as const satisfies Record<string, ClockKind[]>;
export type PauseCause = keyof typeof PAUSED_BY;

/** §42: the approved extension moves the whole-case limits told to the applicant. */
export const EXTENDED_BY_EXTENSION: ClockKind[] = ['case_promised', 'case_legal'];

/** What each state's clocks look like; any clock not named is absent or stopped. */
export const CLOCKS: Record<CaseStatus, Partial<Record<ClockKind, Exclude<ClockStatus, 'stopped'>>>> = {
  new: {},
  submitted: { acceptance: 'running' },
  supplement_requested: { supplement: 'running' },
  in_process: { case_promised: 'running', case_legal: 'running', step: 'running' },
  processing_supplement: { case_promised: 'paused', case_legal: 'paused', step: 'paused', supplement: 'running' },
  suspended: { case_promised: 'paused', case_legal: 'running', step: 'paused' },
  special_procedure: { case_promised: 'paused', case_legal: 'paused', step: 'paused', special_procedure: 'running' },
  decided: { delivery: 'running' },
  completed: { delivery: 'running' },
  delivered: {},
  refused: {},
  withdrawn: {},
  terminated: {},
  merged: {},
};

/** Fixed order in which clocks are listed and stopped. */
export const CLOCK_ORDER: ClockKind[] = ['acceptance', 'supplement', 'case_promised', 'case_legal', 'step', 'special_procedure', 'delivery'];

// ===========================================================================
// Data.

export interface CaseActor {
  userId: number;
  unitId: number | null;
  postCodes: string[];
  roles: string[];
}

/** The platform itself (auto-acceptance). */
export const SYSTEM_CASE_ACTOR: CaseActor = { userId: 0, unitId: null, postCodes: [], roles: ['system'] };

/** Who acted, as recorded on every event (the service adds IP and request id). */
export interface ActorRef {
  userId: number;
  unitId: number | null;
  /** The post the act was done under (step post, 'accept' …), null if by role or as applicant. */
  postCode: string | null;
  system: boolean;
}

export type Channel = 'online' | 'window' | 'ex_officio';

export type Applicant =
  | { kind: 'person'; name: string; idType: 'id_card' | 'passport' | 'other'; idNumber: string; phone: string; userId: number | null }
  | { kind: 'organisation'; name: string; creditCode: string; legalRepresentative: string; contact: string; phone: string; userId: number | null };

/** A material: content-addressed when electronic; paper may travel with the case (CASE-1). */
export interface MaterialRef {
  code: string | null;
  name: string;
  hash: string | null;
  paper: boolean;
}

export interface SupplementItem {
  materialCode: string | null;
  name: string;
  /** What is missing or defective. */
  problem: string;
}

export type Opinion = 'agree' | 'disagree';

export interface StepVisit {
  code: string;
  name: string;
  kind: StepKind;
  postCode: string;
  enteredAt: Instant;
  via: 'accept' | 'pass' | 'return';
  leftAt: Instant | null;
  exit: 'passed' | 'returned' | 'decided' | 'closed' | null;
  opinion: Opinion | null;
  comment: string | null;
  reason: string | null;
  by: ActorRef | null;
}

export interface EvidenceFile {
  hash: string;
  name: string;
  kind: 'video' | 'audio' | 'photo' | 'document';
  attachedAt: Instant;
}

export interface FeeCharge {
  name: string;
  /** Yuan, decimal text with at most 2 decimals. */
  amount: string;
  /** For rate fees: the number of units charged. */
  quantity?: string;
}

export interface PenaltyDecision {
  circumstance: Circumstance;
  /** Yuan, decimal text; '0' for none. */
  fine: string;
  otherMeasures?: string;
}

/** Something supervision must flag although the decision stands (CASE-7, SUP-4). */
export interface DecisionViolation {
  code: 'FEE_ON_FREE_ITEM' | 'FEE_NOT_IN_STANDARD' | 'FEE_AMOUNT_MISMATCH' | 'FEE_OUT_OF_RANGE' | 'FEE_QUANTITY_MISSING' | 'DECIDED_AFTER_PROMISED_LIMIT' | 'DECIDED_AFTER_LEGAL_LIMIT';
  message: string;
  data: Record<string, string | number | null>;
}

export interface CaseDecision {
  outcome: 'grant' | 'deny';
  reasons: string | null;
  legalBasis: string[];
  fees: FeeCharge[];
  /** Yuan, decimal text. */
  feeTotal: string;
  penalty: PenaltyDecision | null;
  /** Evidence frozen by hash at the decision (CASE-7). */
  evidence: string[];
  specialResults: SpecialProcedureKind[];
  step: string | null;
  comment: string | null;
  violations: DecisionViolation[];
  decidedAt: Instant;
  by: ActorRef;
}

export interface CaseResult {
  kind: 'certificate' | 'document';
  number: string;
  validFrom: string | null;
  validUntil: string | null;
  completedAt: Instant;
}

export type DeliveryMethod = 'direct' | 'window' | 'mail' | 'electronic' | 'left' | 'announcement';

export interface DeliveryReceipt {
  method: DeliveryMethod;
  recipient: string;
  /** 送达回证 number. */
  receiptNo: string;
  /** The date the recipient signed (or the deemed date). */
  signedOn: string;
}

export interface SpecialResult {
  kind: SpecialProcedureKind;
  result: string;
  outcome: 'passed' | 'failed' | 'other';
  startedAt: Instant;
  recordedAt: Instant;
}

export interface CaseState {
  status: CaseStatus;
  caseNo: string | null;
  parentCaseNo: string | null;
  itemId: number | null;
  itemVersionId: number | null;
  itemType: string | null;
  /** The responsible unit: the item's unit, or a co-unit for a sub-case (CASE-9). */
  unitId: number | null;
  channel: Channel | null;
  applicant: Applicant | null;
  appliedAt: Instant | null;
  /** Receipt of the materials the current acceptance clock runs on (§32(4) "as of receipt"). */
  receivedAt: Instant | null;
  materials: MaterialRef[];
  supplementCount: number;
  supplement: { phase: 'acceptance' | 'processing'; items: SupplementItem[]; requestedAt: Instant; sequence: number; limit: TimeLimit } | null;
  acceptedAt: Instant | null;
  /** When acceptance takes legal effect (= acceptedAt, or the receipt when late or automatic). */
  acceptedAsOf: Instant | null;
  autoAccepted: boolean;
  currentStep: string | null;
  steps: StepVisit[];
  returnCount: number;
  suspension: { reason: string; since: Instant; expected: TimeLimit | null } | null;
  suspensionCount: number;
  special: { kind: SpecialProcedureKind; startedAt: Instant; expected: TimeLimit; note: string | null } | null;
  specialResults: SpecialResult[];
  extension: { days: number; unit: DayUnit; reason: string; approvedAt: Instant; by: ActorRef } | null;
  evidence: EvidenceFile[];
  decision: CaseDecision | null;
  result: CaseResult | null;
  delivery: (DeliveryReceipt & { at: Instant }) | null;
  closure: { kind: 'refused' | 'withdrawn' | 'terminated' | 'merged'; reason: string | null; at: Instant; intoCaseNo: string | null } | null;
  /** The current clock of each kind. */
  clocks: Partial<Record<ClockKind, ClockState>>;
  /** Clocks replaced by a newer one of the same kind (earlier steps, earlier acceptance rounds). */
  clockHistory: ClockState[];
  eventCount: number;
  lastEventAt: Instant | null;
}

export function initialCaseState(): CaseState {
  return {
    status: 'new', caseNo: null, parentCaseNo: null, itemId: null, itemVersionId: null, itemType: null, unitId: null,
    channel: null, applicant: null, appliedAt: null, receivedAt: null, materials: [], supplementCount: 0, supplement: null,
    acceptedAt: null, acceptedAsOf: null, autoAccepted: false, currentStep: null, steps: [], returnCount: 0,
    suspension: null, suspensionCount: 0, special: null, specialResults: [], extension: null, evidence: [],
    decision: null, result: null, delivery: null, closure: null, clocks: {}, clockHistory: [], eventCount: 0, lastEventAt: null,
  };
}

// ===========================================================================
// Commands.

export type CaseCommand =
  | { type: 'apply'; caseNo: string; channel: Channel; applicant: Applicant; materials: MaterialRef[]; unitId?: number; parentCaseNo?: string | null }
  | { type: 'accept'; comment?: string }
  | { type: 'refuse'; reason: string }
  | { type: 'request_supplement'; items: SupplementItem[]; limit?: TimeLimit }
  | { type: 'supply_materials'; materials: MaterialRef[] }
  | { type: 'auto_accept' }
  | { type: 'pass_step'; opinion: Opinion; comment?: string; reason?: string }
  | { type: 'return_step'; to: string; reason: string }
  | { type: 'suspend'; reason: string; expected?: TimeLimit }
  | { type: 'resume'; reason: string }
  | { type: 'start_special_procedure'; kind: SpecialProcedureKind; expected: TimeLimit; note?: string }
  | { type: 'record_special_result'; result: string; outcome?: 'passed' | 'failed' | 'other' }
  | { type: 'extend'; reason: string; days?: number; unit?: DayUnit }
  | { type: 'attach_evidence'; files: { hash: string; name: string; kind: EvidenceFile['kind'] }[] }
  | { type: 'decide'; outcome: 'grant' | 'deny'; reasons?: string; legalBasis: string[]; fees?: FeeCharge[]; penalty?: PenaltyDecision; comment?: string }
  | { type: 'complete'; resultKind: 'certificate' | 'document'; number: string; validFrom?: string; validUntil?: string | null }
  | { type: 'deliver'; receipt: DeliveryReceipt }
  | { type: 'withdraw'; reason?: string }
  | { type: 'terminate'; reason: string }
  | { type: 'merge'; intoCaseNo: string; reason: string };

export interface CaseContext {
  now: Date;
  calendar: WorkCalendar;
  item: ItemVersionSpec;
  actor: CaseActor;
}

export type RefusalCode =
  | 'INVALID_COMMAND' | 'TIME_REVERSED' | 'WRONG_STATE' | 'ITEM_VERSION_MISMATCH'
  | 'WRONG_POST' | 'WRONG_UNIT' | 'WRONG_ROLE' | 'NOT_APPLICANT'
  | 'REASON_REQUIRED' | 'INVALID_APPLICANT' | 'UNIT_NOT_IN_ITEM' | 'INVALID_HASH' | 'MATERIALS_REQUIRED'
  | 'SUPPLEMENT_LIST_REQUIRED' | 'SUPPLEMENT_TOO_LATE' | 'NOT_YET_DUE'
  | 'LAST_STEP' | 'NOT_DECIDING_STEP' | 'RETURN_NOT_ALLOWED'
  | 'SPECIAL_PROCEDURE_NOT_ALLOWED' | 'EXPECTED_DURATION_REQUIRED' | 'RESULT_REQUIRED'
  | 'EXTENSION_ALREADY_USED' | 'EXTENSION_TOO_LONG' | 'EXTENSION_TOO_LATE'
  | 'EVIDENCE_REQUIRED' | 'LEGAL_BASIS_REQUIRED' | 'SPECIAL_RESULT_MISSING' | 'PENALTY_REQUIRED'
  | 'CIRCUMSTANCE_UNKNOWN' | 'PENALTY_OUT_OF_BAND' | 'INVALID_AMOUNT'
  | 'RECEIPT_REQUIRED' | 'MERGE_NOT_ALLOWED';

export type Refusal = { ok: false; code: RefusalCode; message: string };
export type CommandResult = { ok: true; events: CaseEvent[] } | Refusal;

// ===========================================================================
// Events.

export interface CaseEventData {
  'case.applied': {
    caseNo: string; parentCaseNo: string | null; channel: Channel; applicant: Applicant; materials: MaterialRef[];
    itemId: number; itemVersionId: number; itemType: string; unitId: number; missingRequired: string[];
  };
  'case.accepted': { acceptedAsOf: Instant; auto: boolean; late: boolean; comment: string | null; missingRequired: string[] };
  'case.refused': { reason: string };
  'case.supplement_requested': { phase: 'acceptance' | 'processing'; items: SupplementItem[]; sequence: number; repeat: boolean; limit: TimeLimit };
  'case.materials_supplied': { phase: 'acceptance' | 'processing'; materials: MaterialRef[]; sequence: number };
  'step.entered': { step: string; name: string; kind: StepKind; postCode: string; via: 'accept' | 'pass' | 'return'; limit: TimeLimit };
  'step.passed': { step: string; opinion: Opinion; comment: string | null; reason: string | null; to: string };
  'step.returned': { step: string; to: string; reason: string };
  'case.suspended': { reason: string; expected: TimeLimit | null; sequence: number };
  'case.resumed': { reason: string };
  'special_procedure.started': { kind: SpecialProcedureKind; name: string; expected: TimeLimit; note: string | null };
  'special_procedure.result_recorded': { kind: SpecialProcedureKind; result: string; outcome: 'passed' | 'failed' | 'other' };
  'case.extended': { days: number; unit: DayUnit; reason: string };
  'evidence.attached': { files: { hash: string; name: string; kind: EvidenceFile['kind'] }[] };
  'case.decided': Omit<CaseDecision, 'decidedAt' | 'by'>;
  'case.completed': { kind: 'certificate' | 'document'; number: string; validFrom: string | null; validUntil: string | null };
  'case.delivered': DeliveryReceipt;
  'case.withdrawn': { reason: string | null };
  'case.terminated': { reason: string };
  'case.merged': { intoCaseNo: string; reason: string };
  'clock.started': { clock: ClockKind; ref: string | null; limit: TimeLimit; startAt: Instant };
  'clock.paused': { clock: ClockKind; cause: PauseCause; reason: string; expected: TimeLimit | null };
  'clock.resumed': { clock: ClockKind };
  'clock.extended': { clock: ClockKind; days: number; unit: DayUnit; reason: string };
  'clock.stopped': { clock: ClockKind };
}
export type CaseEventType = keyof CaseEventData;
export type CaseEvent = { [K in CaseEventType]: { type: K; at: Instant; by: ActorRef; data: CaseEventData[K] } }[CaseEventType];

export const CASE_EVENT_TYPES: CaseEventType[] = [
  'case.applied', 'case.accepted', 'case.refused', 'case.supplement_requested', 'case.materials_supplied',
  'step.entered', 'step.passed', 'step.returned', 'case.suspended', 'case.resumed',
  'special_procedure.started', 'special_procedure.result_recorded', 'case.extended', 'evidence.attached',
  'case.decided', 'case.completed', 'case.delivered', 'case.withdrawn', 'case.terminated', 'case.merged',
  'clock.started', 'clock.paused', 'clock.resumed', 'clock.extended', 'clock.stopped',
];

// ===========================================================================
// The flow (CAT-4): which item steps the machine walks.

/** Steps done by the accept command (受理 / 立案). */
const ACCEPTANCE_STEP_KINDS: StepKind[] = ['accept', 'file'];
/** Steps after the decision, done by complete / deliver (办结, 送达, 执行). */
const AFTER_DECISION_STEP_KINDS: StepKind[] = ['complete', 'deliver', 'execute'];

/** The processing steps in flow order: from acceptance to the deciding step. */
export function processSteps(item: ItemVersionSpec): FlowStep[] {
  return item.steps.filter((s) => !ACCEPTANCE_STEP_KINDS.includes(s.kind) && !AFTER_DECISION_STEP_KINDS.includes(s.kind));
}

/** The step whose holder decides: the last processing step (批准 / 决定). */
export function decidingStep(item: ItemVersionSpec): FlowStep | null {
  return processSteps(item).at(-1) ?? null;
}

function currentStepOf(s: CaseState, item: ItemVersionSpec): FlowStep | null {
  return s.currentStep === null ? null : processSteps(item).find((x) => x.code === s.currentStep) ?? null;
}

// ===========================================================================
// decide: (state, command, ctx) → events | refusal.

const refuse = (code: RefusalCode, message: string): Refusal => ({ ok: false, code, message });
const text = (x: unknown): x is string => typeof x === 'string' && x.trim() !== '';
const clean = (x: unknown): string | null => (text(x) ? x.trim() : null);
const HASH_RE = /^[0-9a-f]{64}$/;

export function decide(state: CaseState, command: CaseCommand, ctx: CaseContext): CommandResult {
  if (!command || typeof command !== 'object' || !(command.type in CASE_COMMANDS)) {
    return refuse('INVALID_COMMAND', '未知的办件操作');
  }
  if (!(ctx.now instanceof Date) || !Number.isFinite(ctx.now.getTime())) return refuse('INVALID_COMMAND', '操作时间无效');
  const at = ctx.now.toISOString();
  if (state.lastEventAt !== null && at < state.lastEventAt) {
    return refuse('TIME_REVERSED', `操作时间早于本办件最后一条记录（${state.lastEventAt}）`);
  }
  const to = transitionOf(state.status, command.type);
  if (to === null) {
    return refuse('WRONG_STATE', `办件当前状态为「${CASE_STATUSES[state.status]}」，不能「${CASE_COMMANDS[command.type]}」`);
  }
  if (state.itemVersionId !== null && ctx.item.versionId !== state.itemVersionId) {
    return refuse('ITEM_VERSION_MISMATCH', '办件须按申报时的事项版本办理');
  }
  const who = checkWho(state, command, ctx);
  if (!who.ok) return who;
  const by: ActorRef = { userId: ctx.actor.userId, unitId: ctx.actor.unitId, postCode: who.postCode, system: ctx.actor.roles.includes('system') };
  const out = new Emitter(at, by, state);
  const r = HANDLERS[command.type](state, command as never, ctx, out);
  if (r) return r;
  // The table is the law: the events must lead exactly where it says.
  const next = out.events.reduce(apply, state);
  if (next.status !== to) throw new Error(`case machine bug: ${state.status} --${command.type}--> ${next.status}, table says ${to}`);
  return { ok: true, events: out.events };
}

class Emitter {
  readonly events: CaseEvent[] = [];
  constructor(readonly at: Instant, readonly by: ActorRef, readonly state: CaseState) {}
  emit<K extends CaseEventType>(type: K, data: CaseEventData[K]): void {
    this.events.push({ type, at: this.at, by: this.by, data } as CaseEvent);
  }
  /** The clock of this kind if it exists and is not stopped. */
  live(kind: ClockKind): ClockState | null {
    const c = this.state.clocks[kind];
    return c && c.stoppedAt === null ? c : null;
  }
  startClock(kind: ClockKind, limit: TimeLimit, ref: string | null = null, startAt: Instant = this.at): void {
    this.emit('clock.started', { clock: kind, ref, limit: { days: limit.days, unit: limit.unit }, startAt });
  }
  stopClock(kind: ClockKind): void {
    if (this.live(kind)) this.emit('clock.stopped', { clock: kind });
  }
  stopAll(): void {
    for (const k of CLOCK_ORDER) this.stopClock(k);
  }
  pause(cause: PauseCause, reason: string, expected: TimeLimit | null): void {
    for (const k of PAUSED_BY[cause]) {
      const c = this.live(k);
      if (c && clockStatus(c) === 'running') this.emit('clock.paused', { clock: k, cause, reason, expected });
    }
  }
  resume(cause: PauseCause): void {
    for (const k of PAUSED_BY[cause]) {
      const c = this.live(k);
      if (c && clockStatus(c) === 'paused') this.emit('clock.resumed', { clock: k });
    }
  }
  enterStep(step: FlowStep, via: 'accept' | 'pass' | 'return'): void {
    this.emit('step.entered', { step: step.code, name: step.name, kind: step.kind, postCode: step.postCode, via, limit: step.limit });
    this.startClock('step', step.limit, step.code);
  }
}

// ---------------------------------------------------------------------------
// Who.

const isWindow = (a: CaseActor, item: ItemVersionSpec, unitId: number | null): string | null | false => {
  if (a.postCodes.includes('accept')) return 'accept';
  if (a.roles.includes('window_clerk')) return null;
  const acc = item.steps.find((s) => ACCEPTANCE_STEP_KINDS.includes(s.kind) && a.postCodes.includes(s.postCode));
  if (acc && a.unitId === (unitId ?? item.unitId)) return acc.postCode;
  return false;
};

function holdPost(a: CaseActor, unitId: number | null, step: FlowStep): Refusal | null {
  if (!a.postCodes.includes(step.postCode)) return refuse('WRONG_POST', `「${step.name}」环节须由「${step.postCode}」岗位人员办理`);
  if (a.unitId === null || a.unitId !== unitId) return refuse('WRONG_UNIT', '只能办理本单位的办件');
  return null;
}

type WhoResult = { ok: true; postCode: string | null } | Refusal;

function checkWho(s: CaseState, cmd: CaseCommand, ctx: CaseContext): WhoResult {
  const a = ctx.actor;
  const item = ctx.item;
  const unitId = s.unitId ?? (cmd.type === 'apply' && cmd.unitId !== undefined ? cmd.unitId : item.unitId);
  const ok = (postCode: string | null): WhoResult => ({ ok: true, postCode });
  const window = (): WhoResult => {
    const w = isWindow(a, item, unitId);
    return w === false ? refuse('WRONG_POST', '须由窗口受理岗位人员办理') : ok(w);
  };
  const step = (): WhoResult => {
    const cur = currentStepOf(s, item);
    if (!cur) return window(); // no processing steps (即办件): the window decides
    const r = holdPost(a, unitId, cur);
    return r ?? ok(cur.postCode);
  };
  const approver = (): WhoResult => {
    if (!a.roles.includes('approver')) return refuse('WRONG_ROLE', '须由本机关负责人（审批领导）批准');
    if (a.unitId === null || a.unitId !== unitId) return refuse('WRONG_UNIT', '只能办理本单位的办件');
    return ok(null);
  };
  const applicantOrWindow = (): WhoResult => {
    if (cmd.type === 'apply') {
      if (cmd.channel === 'online') return a.roles.includes('applicant') ? ok(null) : refuse('WRONG_ROLE', '网上申报须由申请人本人登录办理');
      if (cmd.channel === 'window') return window();
      if (cmd.channel === 'ex_officio') {
        const flowPost = item.steps.find((x) => a.postCodes.includes(x.postCode));
        if (!flowPost) return refuse('WRONG_POST', '依职权立案须由本事项流程岗位人员办理');
        if (a.unitId === null || a.unitId !== unitId) return refuse('WRONG_UNIT', '只能办理本单位的办件');
        return ok(flowPost.postCode);
      }
      return refuse('INVALID_COMMAND', '申报渠道无效');
    }
    const own = s.applicant?.userId ?? null;
    if (a.roles.includes('applicant') && own !== null && own === a.userId) return ok(null);
    const w = isWindow(a, item, unitId);
    if (w !== false) return ok(w);
    return refuse('NOT_APPLICANT', '只能由申请人本人或窗口人员（凭申请人书面材料）办理');
  };
  switch (WHO[cmd.type]) {
    case 'applicant_or_window': return applicantOrWindow();
    case 'window': return window();
    case 'window_or_step': return s.status === 'in_process' ? step() : window();
    case 'current_step': return step();
    case 'current_step_or_approver': {
      const r = step();
      if (r.ok) return r;
      const ap = approver();
      return ap.ok ? ap : r;
    }
    case 'approver': return approver();
    case 'issuer': {
      const w = isWindow(a, item, unitId);
      if (w !== false) return ok(w);
      const dec = decidingStep(item);
      const posts = item.steps.filter((x) => AFTER_DECISION_STEP_KINDS.includes(x.kind) || x === dec).map((x) => x.postCode);
      const held = posts.find((p) => a.postCodes.includes(p));
      if (!held) return refuse('WRONG_POST', '须由出件窗口或本事项办结岗位人员办理');
      if (a.unitId === null || a.unitId !== unitId) return refuse('WRONG_UNIT', '只能办理本单位的办件');
      return ok(held);
    }
    case 'system': return a.roles.includes('system') ? ok(null) : refuse('WRONG_ROLE', '逾期视为受理由系统自动记录');
  }
}

// ---------------------------------------------------------------------------
// Small checks.

function checkLimit(l: unknown, min: number): l is TimeLimit {
  const x = l as TimeLimit;
  return !!x && typeof x === 'object' && Number.isSafeInteger(x.days) && x.days >= min && x.days <= 3650 && (x.unit === 'workday' || x.unit === 'natural');
}

function checkMaterials(ms: unknown): Refusal | null {
  if (!Array.isArray(ms)) return refuse('INVALID_COMMAND', '材料清单无效');
  for (const m of ms as MaterialRef[]) {
    if (!m || !text(m.name)) return refuse('INVALID_COMMAND', '材料须有名称');
    if (m.hash !== null && (typeof m.hash !== 'string' || !HASH_RE.test(m.hash))) return refuse('INVALID_HASH', `材料「${m.name}」的摘要值无效`);
    if (m.hash === null && m.paper !== true) return refuse('INVALID_HASH', `电子材料「${m.name}」须附文件摘要值`);
  }
  return null;
}

function normMaterials(ms: MaterialRef[]): MaterialRef[] {
  return ms.map((m) => ({ code: m.code ?? null, name: m.name.trim(), hash: m.hash, paper: m.paper === true }));
}

function missingRequired(item: ItemVersionSpec, ms: MaterialRef[]): string[] {
  const have = new Set(ms.map((m) => m.code).filter((c): c is string => c !== null));
  return item.materials.filter((m) => m.required && !have.has(m.code)).map((m) => m.code);
}

function checkApplicant(a: Applicant, now: Date): boolean {
  if (!a || typeof a !== 'object' || !text(a.name) || !text(a.phone)) return false;
  if (a.kind === 'person') {
    if (!text(a.idNumber)) return false;
    return a.idType === 'id_card' ? isValidIdNumber(a.idNumber, now) : a.idType === 'passport' || a.idType === 'other';
  }
  if (a.kind === 'organisation') return isValidCreditCode(a.creditCode) && text(a.legalRepresentative);
  return false;
}

// ---------------------------------------------------------------------------
// Money (CASE-11: amounts are typed facts). Decimal yuan text ↔ integer fen.

const YUAN_RE = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

export function yuanToFen(s: unknown): number | null {
  if (typeof s !== 'string' || !YUAN_RE.test(s)) return null;
  const [i, f = ''] = s.split('.');
  return Number(i) * 100 + Number((f + '00').slice(0, 2));
}

export function fenToYuan(n: number): string {
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
}

/** perUnit (yuan) × quantity (decimal text, ≤ 4 decimals), rounded half up to the fen. */
function rateFen(perUnitFen: number, quantity: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,4}))?$/.exec(quantity);
  if (!m) return null;
  const scale = 10 ** (m[2]?.length ?? 0);
  const q = Number(m[1]) * scale + Number(m[2] ?? 0);
  return Math.round((perUnitFen * q) / scale);
}

function feeViolations(item: ItemVersionSpec, fees: FeeCharge[]): DecisionViolation[] {
  const out: DecisionViolation[] = [];
  for (const f of fees) {
    const fen = yuanToFen(f.amount)!;
    if (item.free) {
      if (fen > 0) out.push({ code: 'FEE_ON_FREE_ITEM', message: `本事项不收费，却收取「${f.name}」${f.amount} 元`, data: { name: f.name, amount: f.amount } });
      continue;
    }
    const std: FeeItem | undefined = item.fees.find((x) => x.name === f.name);
    if (!std) {
      out.push({ code: 'FEE_NOT_IN_STANDARD', message: `收费项目「${f.name}」不在本事项收费标准内`, data: { name: f.name, amount: f.amount } });
      continue;
    }
    const st = std.standard;
    if (st.kind === 'fixed') {
      const exp = yuanToFen(st.amount);
      if (exp !== fen) out.push({ code: 'FEE_AMOUNT_MISMATCH', message: `「${f.name}」应收 ${st.amount} 元，实收 ${f.amount} 元`, data: { name: f.name, expected: st.amount, amount: f.amount } });
    } else if (st.kind === 'range') {
      const lo = yuanToFen(st.min) ?? 0;
      const hi = yuanToFen(st.max) ?? Number.MAX_SAFE_INTEGER;
      if (fen < lo || fen > hi) out.push({ code: 'FEE_OUT_OF_RANGE', message: `「${f.name}」应在 ${st.min}–${st.max} 元之间，实收 ${f.amount} 元`, data: { name: f.name, min: st.min, max: st.max, amount: f.amount } });
    } else {
      const per = yuanToFen(st.perUnit);
      if (f.quantity === undefined || per === null) {
        out.push({ code: 'FEE_QUANTITY_MISSING', message: `「${f.name}」按${st.unitName}计收，须填写数量`, data: { name: f.name, amount: f.amount } });
        continue;
      }
      const exp = rateFen(per, f.quantity);
      if (exp !== fen) {
        out.push({ code: 'FEE_AMOUNT_MISMATCH', message: `「${f.name}」应收 ${exp === null ? '（数量无效）' : fenToYuan(exp)} 元，实收 ${f.amount} 元`, data: { name: f.name, expected: exp === null ? null : fenToYuan(exp), amount: f.amount, quantity: f.quantity } });
      }
    }
  }
  return out;
}

/** CASE-7: the fine must sit in the band of the chosen circumstance. A null bound is open,
 *  except that a band with neither bound allows no fine at all (only other measures). */
function fineInBand(fineFen: number, band: { minFine: string | null; maxFine: string | null }): boolean {
  if (band.minFine === null && band.maxFine === null) return fineFen === 0;
  const lo = band.minFine === null ? 0 : yuanToFen(band.minFine) ?? 0;
  const hi = band.maxFine === null ? Number.MAX_SAFE_INTEGER : yuanToFen(band.maxFine) ?? Number.MAX_SAFE_INTEGER;
  return fineFen >= lo && fineFen <= hi;
}

// ---------------------------------------------------------------------------
// Handlers: checks of one command and the events it produces. Return a refusal, or nothing.

type Handler<K extends CaseCommandType> = (s: CaseState, cmd: Extract<CaseCommand, { type: K }>, ctx: CaseContext, out: Emitter) => Refusal | void;

function acceptInto(s: CaseState, ctx: CaseContext, out: Emitter, auto: boolean, comment: string | null): void {
  const acc = s.clocks.acceptance!;
  const late = isOverdue(acc, ctx.calendar, ctx.now);
  // §32(4): after the 5 days (or automatically) acceptance takes effect as of receipt.
  const asOf = auto || late ? acc.startedAt : out.at;
  out.emit('case.accepted', { acceptedAsOf: asOf, auto, late, comment, missingRequired: missingRequired(ctx.item, s.materials) });
  out.stopClock('acceptance');
  out.startClock('case_promised', ctx.item.promisedLimit, null, asOf);
  out.startClock('case_legal', ctx.item.legalLimit, null, asOf);
  const first = processSteps(ctx.item)[0];
  if (first) out.enterStep(first, 'accept');
}

const HANDLERS: { [K in CaseCommandType]: Handler<K> } = {
  apply(s, cmd, ctx, out) {
    if (!text(cmd.caseNo)) return refuse('INVALID_COMMAND', '须有办件流水号');
    if (!checkApplicant(cmd.applicant, ctx.now)) return refuse('INVALID_APPLICANT', '申请人信息不完整或证件号码无效');
    const item = ctx.item;
    const unitId = cmd.unitId ?? item.unitId;
    if (unitId !== item.unitId && !(item.joint?.coUnitIds ?? []).includes(unitId)) return refuse('UNIT_NOT_IN_ITEM', '该单位不是本事项的实施主体或并联单位');
    const bad = checkMaterials(cmd.materials);
    if (bad) return bad;
    const materials = normMaterials(cmd.materials);
    const applicant: Applicant = { ...cmd.applicant, userId: cmd.channel === 'online' ? ctx.actor.userId : cmd.applicant.userId ?? null };
    out.emit('case.applied', {
      caseNo: cmd.caseNo.trim(), parentCaseNo: clean(cmd.parentCaseNo), channel: cmd.channel, applicant, materials,
      itemId: item.itemId, itemVersionId: item.versionId, itemType: item.type, unitId, missingRequired: missingRequired(item, materials),
    });
    out.startClock('acceptance', ACCEPTANCE_LIMIT);
  },

  accept(s, cmd, ctx, out) {
    acceptInto(s, ctx, out, false, clean(cmd.comment));
  },

  auto_accept(s, _cmd, ctx, out) {
    const due = dueAt(s.clocks.acceptance!, ctx.calendar)!;
    if (ctx.now.getTime() < due.getTime()) return refuse('NOT_YET_DUE', `受理期限 ${due.toISOString()} 尚未届满`);
    acceptInto(s, ctx, out, true, null);
  },

  refuse(_s, cmd, _ctx, out) {
    if (!text(cmd.reason)) return refuse('REASON_REQUIRED', '不予受理须说明理由');
    out.emit('case.refused', { reason: cmd.reason.trim() });
    out.stopAll();
  },

  request_supplement(s, cmd, ctx, out) {
    if (!Array.isArray(cmd.items) || cmd.items.length === 0 || !cmd.items.every((i) => i && text(i.name) && text(i.problem))) {
      return refuse('SUPPLEMENT_LIST_REQUIRED', '补正告知须一次性列明全部需补正的材料及问题');
    }
    const limit = cmd.limit ?? DEFAULT_SUPPLEMENT_LIMIT;
    if (!checkLimit(limit, 1)) return refuse('INVALID_COMMAND', '补正期限无效');
    const phase = s.status === 'in_process' ? 'processing' : 'acceptance';
    if (phase === 'acceptance' && isOverdue(s.clocks.acceptance!, ctx.calendar, ctx.now)) {
      return refuse('SUPPLEMENT_TOO_LATE', '已超过五个工作日的补正告知期限，依法自收到材料之日起视为受理（行政许可法第三十二条）');
    }
    const items = cmd.items.map((i) => ({ materialCode: i.materialCode ?? null, name: i.name.trim(), problem: i.problem.trim() }));
    out.emit('case.supplement_requested', { phase, items, sequence: s.supplementCount + 1, repeat: s.supplementCount > 0, limit });
    if (phase === 'acceptance') out.stopClock('acceptance');
    else out.pause('supplement', '申请人补正材料', limit);
    out.startClock('supplement', limit);
  },

  supply_materials(s, cmd, _ctx, out) {
    const bad = checkMaterials(cmd.materials);
    if (bad) return bad;
    if (cmd.materials.length === 0) return refuse('MATERIALS_REQUIRED', '请提交补正材料');
    const phase = s.supplement!.phase;
    out.emit('case.materials_supplied', { phase, materials: normMaterials(cmd.materials), sequence: s.supplement!.sequence });
    out.stopClock('supplement');
    if (phase === 'acceptance') out.startClock('acceptance', ACCEPTANCE_LIMIT); // a new 5 days from this receipt
    else out.resume('supplement');
  },

  pass_step(s, cmd, ctx, out) {
    const steps = processSteps(ctx.item);
    const i = steps.findIndex((x) => x.code === s.currentStep);
    if (i < 0) return refuse('NOT_DECIDING_STEP', '本事项没有办理环节，请直接作出决定');
    if (i === steps.length - 1) return refuse('LAST_STEP', `「${steps[i].name}」是决定环节，请作出准予或不予的决定`);
    if (cmd.opinion !== 'agree' && cmd.opinion !== 'disagree') return refuse('INVALID_COMMAND', '意见须为同意或不同意');
    if (cmd.opinion === 'disagree' && !text(cmd.reason)) return refuse('REASON_REQUIRED', '不同意的意见须说明理由');
    const next = steps[i + 1];
    out.emit('step.passed', { step: steps[i].code, opinion: cmd.opinion, comment: clean(cmd.comment), reason: clean(cmd.reason), to: next.code });
    out.stopClock('step');
    out.enterStep(next, 'pass');
  },

  return_step(s, cmd, ctx, out) {
    if (!text(cmd.reason)) return refuse('REASON_REQUIRED', '退回须说明理由');
    const steps = processSteps(ctx.item);
    const i = steps.findIndex((x) => x.code === s.currentStep);
    const j = steps.findIndex((x) => x.code === cmd.to);
    // CASE-4 / Sichuan §10(二)4: a return that skips or breaks the flow is an illegal rollback.
    if (i < 0 || j < 0 || j >= i || !steps[i].returnTo.includes(cmd.to)) {
      return refuse('RETURN_NOT_ALLOWED', `本事项流程不允许从「${steps[i]?.name ?? '当前环节'}」退回到「${steps[j]?.name ?? String(cmd.to)}」`);
    }
    out.emit('step.returned', { step: steps[i].code, to: steps[j].code, reason: cmd.reason.trim() });
    out.stopClock('step');
    out.enterStep(steps[j], 'return');
  },

  suspend(s, cmd, _ctx, out) {
    if (!text(cmd.reason)) return refuse('REASON_REQUIRED', '挂起须说明理由');
    if (cmd.expected !== undefined && !checkLimit(cmd.expected, 1)) return refuse('INVALID_COMMAND', '预计时长无效');
    const expected = cmd.expected ?? null;
    out.emit('case.suspended', { reason: cmd.reason.trim(), expected, sequence: s.suspensionCount + 1 });
    out.pause('suspension', cmd.reason.trim(), expected);
  },

  resume(_s, cmd, _ctx, out) {
    if (!text(cmd.reason)) return refuse('REASON_REQUIRED', '恢复办理须说明理由');
    out.emit('case.resumed', { reason: cmd.reason.trim() });
    out.resume('suspension');
  },

  start_special_procedure(_s, cmd, ctx, out) {
    if (!(cmd.kind in SPECIAL_PROCEDURES) || !ctx.item.specialProcedures.includes(cmd.kind)) {
      return refuse('SPECIAL_PROCEDURE_NOT_ALLOWED', `本事项不适用「${SPECIAL_PROCEDURES[cmd.kind as SpecialProcedureKind] ?? String(cmd.kind)}」特别程序`);
    }
    // §45: the applicant is told in writing how long it takes.
    if (!checkLimit(cmd.expected, 1)) return refuse('EXPECTED_DURATION_REQUIRED', '特别程序须告知申请人所需时间');
    const name = SPECIAL_PROCEDURES[cmd.kind];
    out.emit('special_procedure.started', { kind: cmd.kind, name, expected: cmd.expected, note: clean(cmd.note) });
    out.pause('special_procedure', name, cmd.expected);
    out.startClock('special_procedure', cmd.expected, cmd.kind);
  },

  record_special_result(s, cmd, _ctx, out) {
    if (!text(cmd.result)) return refuse('RESULT_REQUIRED', '须登记特别程序的结果');
    const outcome = cmd.outcome ?? 'other';
    if (!['passed', 'failed', 'other'].includes(outcome)) return refuse('INVALID_COMMAND', '结果类别无效');
    out.emit('special_procedure.result_recorded', { kind: s.special!.kind, result: cmd.result.trim(), outcome });
    out.stopClock('special_procedure');
    out.resume('special_procedure');
  },

  extend(s, cmd, ctx, out) {
    if (s.extension) return refuse('EXTENSION_ALREADY_USED', '本办件已延期一次，不能再次延期（行政许可法第四十二条）');
    if (!text(cmd.reason)) return refuse('REASON_REQUIRED', '延期须说明理由（理由将告知申请人）');
    const days = cmd.days ?? DEFAULT_EXTENSION.days;
    const unit = cmd.unit ?? DEFAULT_EXTENSION.unit;
    if (!checkLimit({ days, unit }, 1)) return refuse('INVALID_COMMAND', '延期天数无效');
    const max = ctx.item.joint ? MAX_JOINT_EXTENSION_DAYS : MAX_EXTENSION_DAYS;
    if (days > max) return refuse('EXTENSION_TOO_LONG', `延期不得超过 ${max} 日（行政许可法第四十二条）`);
    const legal = s.clocks.case_legal!;
    if (isOverdue(legal, ctx.calendar, ctx.now)) return refuse('EXTENSION_TOO_LATE', '法定期限已届满，不能再批准延期');
    out.emit('case.extended', { days, unit, reason: cmd.reason.trim() });
    for (const k of EXTENDED_BY_EXTENSION) if (out.live(k)) out.emit('clock.extended', { clock: k, days, unit, reason: cmd.reason.trim() });
  },

  attach_evidence(_s, cmd, _ctx, out) {
    if (!Array.isArray(cmd.files) || cmd.files.length === 0) return refuse('EVIDENCE_REQUIRED', '请选择证据文件');
    for (const f of cmd.files) {
      if (!f || !text(f.name) || !['video', 'audio', 'photo', 'document'].includes(f.kind)) return refuse('INVALID_COMMAND', '证据须有名称和类型（视频、音频、照片、文书）');
      if (typeof f.hash !== 'string' || !HASH_RE.test(f.hash)) return refuse('INVALID_HASH', `证据「${f.name}」的摘要值无效`);
    }
    out.emit('evidence.attached', { files: cmd.files.map((f) => ({ hash: f.hash, name: f.name.trim(), kind: f.kind })) });
  },

  decide(s, cmd, ctx, out) {
    const item = ctx.item;
    const dec = decidingStep(item);
    if (dec && s.currentStep !== dec.code) return refuse('NOT_DECIDING_STEP', `决定须在「${dec.name}」环节作出`);
    if (cmd.outcome !== 'grant' && cmd.outcome !== 'deny') return refuse('INVALID_COMMAND', '决定须为准予或不予');
    // §38: a denial states its reasons.
    if (cmd.outcome === 'deny' && !text(cmd.reasons)) return refuse('REASON_REQUIRED', '不予决定须说明理由');
    if (!Array.isArray(cmd.legalBasis) || cmd.legalBasis.length === 0 || !cmd.legalBasis.every(text)) {
      return refuse('LEGAL_BASIS_REQUIRED', '决定须引用法律依据');
    }
    // CASE-7 / Chengdu §10(7): decisions that must follow a hearing, inspection … record it.
    for (const k of item.requiresResultOf) {
      if (!s.specialResults.some((r) => r.kind === k)) return refuse('SPECIAL_RESULT_MISSING', `本事项须依据「${SPECIAL_PROCEDURES[k]}」结果作出决定，尚未登记该结果`);
    }
    const fees = cmd.fees ?? [];
    if (!Array.isArray(fees) || !fees.every((f) => f && text(f.name) && yuanToFen(f.amount) !== null && (f.quantity === undefined || typeof f.quantity === 'string'))) {
      return refuse('INVALID_AMOUNT', '收费金额须为不超过两位小数的元数');
    }
    let penalty: PenaltyDecision | null = null;
    const isPenalty = item.type === '02';
    if (isPenalty && cmd.outcome === 'grant') {
      const p = cmd.penalty;
      if (!p) return refuse('PENALTY_REQUIRED', '处罚决定须载明处罚内容（情节、罚款金额）');
      const band = item.discretion.find((b) => b.circumstance === p.circumstance);
      if (!band) return refuse('CIRCUMSTANCE_UNKNOWN', '所选情节不在本事项裁量基准内');
      const fine = yuanToFen(p.fine);
      if (fine === null) return refuse('INVALID_AMOUNT', '罚款金额须为不超过两位小数的元数');
      if (!fineInBand(fine, band)) {
        return refuse('PENALTY_OUT_OF_BAND', `罚款 ${p.fine} 元超出「${band.description}」情节的裁量幅度（${band.minFine ?? '—'}–${band.maxFine ?? '—'} 元）`);
      }
      penalty = { circumstance: p.circumstance, fine: p.fine, ...(text(p.otherMeasures) ? { otherMeasures: p.otherMeasures.trim() } : {}) };
    } else if (cmd.penalty !== undefined) {
      return refuse('INVALID_COMMAND', '只有作出处罚的决定才能载明处罚内容');
    }
    // Sichuan §10(二)5: key evidence attached before a penalty decision, frozen by hash.
    if (isPenalty && s.evidence.length === 0) return refuse('EVIDENCE_REQUIRED', '处罚决定前须上传关键证据');

    const violations = feeViolations(item, fees);
    const promised = s.clocks.case_promised;
    const legal = s.clocks.case_legal;
    if (promised && isOverdue(promised, ctx.calendar, ctx.now)) {
      violations.push({ code: 'DECIDED_AFTER_PROMISED_LIMIT', message: '超过承诺期限作出决定', data: { due: dueAt(promised, ctx.calendar)?.toISOString() ?? null } });
    }
    if (legal && isOverdue(legal, ctx.calendar, ctx.now)) {
      violations.push({ code: 'DECIDED_AFTER_LEGAL_LIMIT', message: '超过法定期限作出决定', data: { due: dueAt(legal, ctx.calendar)?.toISOString() ?? null } });
    }
    const feeTotal = fenToYuan(fees.reduce((n, f) => n + yuanToFen(f.amount)!, 0));
    out.emit('case.decided', {
      outcome: cmd.outcome,
      reasons: clean(cmd.reasons),
      legalBasis: cmd.legalBasis.map((x) => x.trim()),
      fees: fees.map((f) => ({ name: f.name.trim(), amount: f.amount, ...(f.quantity !== undefined ? { quantity: f.quantity } : {}) })),
      feeTotal,
      penalty,
      evidence: s.evidence.map((e) => e.hash),
      specialResults: s.specialResults.map((r) => r.kind),
      step: s.currentStep,
      comment: clean(cmd.comment),
      violations,
    });
    out.stopClock('step');
    out.stopClock('case_promised');
    out.stopClock('case_legal');
    out.startClock('delivery', DELIVERY_LIMIT);
  },

  complete(s, cmd, _ctx, out) {
    if (cmd.resultKind !== 'certificate' && cmd.resultKind !== 'document') return refuse('INVALID_COMMAND', '办结结果须为证照或文书');
    if (!text(cmd.number)) return refuse('RESULT_REQUIRED', '办结须登记证照编号或决定书文号');
    const from = cmd.validFrom ?? null;
    const until = cmd.validUntil ?? null;
    if ((from !== null && !isIsoDate(from)) || (until !== null && !isIsoDate(until)) || (from !== null && until !== null && until < from)) {
      return refuse('INVALID_COMMAND', '有效期无效');
    }
    if (s.decision?.outcome === 'deny' && cmd.resultKind === 'certificate') return refuse('INVALID_COMMAND', '不予决定不能颁发证照');
    out.emit('case.completed', { kind: cmd.resultKind, number: cmd.number.trim(), validFrom: from, validUntil: until });
  },

  deliver(_s, cmd, ctx, out) {
    const r = cmd.receipt;
    const methods: DeliveryMethod[] = ['direct', 'window', 'mail', 'electronic', 'left', 'announcement'];
    if (!r || !text(r.recipient) || !text(r.receiptNo) || !methods.includes(r.method) || !isIsoDate(r.signedOn)) {
      return refuse('RECEIPT_REQUIRED', '送达须登记送达方式、受送达人、送达回证编号和签收日期');
    }
    if (r.signedOn > chinaDateOf(ctx.now)) return refuse('INVALID_COMMAND', '签收日期不能晚于今天');
    out.emit('case.delivered', { method: r.method, recipient: r.recipient.trim(), receiptNo: r.receiptNo.trim(), signedOn: r.signedOn });
    out.stopClock('delivery');
  },

  withdraw(_s, cmd, _ctx, out) {
    out.emit('case.withdrawn', { reason: clean(cmd.reason) });
    out.stopAll();
  },

  terminate(_s, cmd, _ctx, out) {
    if (!text(cmd.reason)) return refuse('REASON_REQUIRED', '终止须说明理由');
    out.emit('case.terminated', { reason: cmd.reason.trim() });
    out.stopAll();
  },

  merge(s, cmd, ctx, out) {
    if (ctx.item.type !== '02') return refuse('MERGE_NOT_ALLOWED', '只有行政处罚案件可以并案');
    if (!text(cmd.intoCaseNo) || cmd.intoCaseNo.trim() === s.caseNo) return refuse('INVALID_COMMAND', '须指定并入的另一办件');
    if (!text(cmd.reason)) return refuse('REASON_REQUIRED', '并案须说明理由');
    out.emit('case.merged', { intoCaseNo: cmd.intoCaseNo.trim(), reason: cmd.reason.trim() });
    out.stopAll();
  },
};

// ===========================================================================
// apply: the fold. Every event is applied exactly as recorded; a stream that breaks the
// clock rules throws (it cannot have come from decide).

function setClock(s: CaseState, kind: ClockKind, f: (c: ClockState) => ClockState): CaseState {
  const c = s.clocks[kind];
  if (!c) throw new Error(`event on missing ${kind} clock`);
  return { ...s, clocks: { ...s.clocks, [kind]: f(c) } };
}

function closeVisit(s: CaseState, at: Instant, by: ActorRef, patch: Partial<StepVisit>): StepVisit[] {
  const last = s.steps.at(-1);
  if (!last || last.leftAt !== null) return s.steps;
  return [...s.steps.slice(0, -1), { ...last, leftAt: at, by, ...patch }];
}

function closed(s: CaseState, e: CaseEvent, kind: NonNullable<CaseState['closure']>['kind'], reason: string | null, intoCaseNo: string | null = null): CaseState {
  return {
    ...s, status: kind, closure: { kind, reason, at: e.at, intoCaseNo },
    steps: closeVisit(s, e.at, e.by, { exit: 'closed' }), currentStep: null, suspension: null, special: null, supplement: null,
  };
}

export function apply(state: CaseState, e: CaseEvent): CaseState {
  const s: CaseState = { ...state, eventCount: state.eventCount + 1, lastEventAt: e.at };
  const at = new Date(e.at);
  switch (e.type) {
    case 'case.applied': {
      const d = e.data;
      return {
        ...s, status: 'submitted', caseNo: d.caseNo, parentCaseNo: d.parentCaseNo, itemId: d.itemId, itemVersionId: d.itemVersionId,
        itemType: d.itemType, unitId: d.unitId, channel: d.channel, applicant: d.applicant, appliedAt: e.at, receivedAt: e.at, materials: d.materials,
      };
    }
    case 'case.accepted':
      return { ...s, status: 'in_process', acceptedAt: e.at, acceptedAsOf: e.data.acceptedAsOf, autoAccepted: e.data.auto };
    case 'case.refused':
      return closed(s, e, 'refused', e.data.reason);
    case 'case.supplement_requested': {
      const d = e.data;
      return {
        ...s, status: d.phase === 'acceptance' ? 'supplement_requested' : 'processing_supplement', supplementCount: d.sequence,
        supplement: { phase: d.phase, items: d.items, requestedAt: e.at, sequence: d.sequence, limit: d.limit },
      };
    }
    case 'case.materials_supplied': {
      const d = e.data;
      return {
        ...s, status: d.phase === 'acceptance' ? 'submitted' : 'in_process', supplement: null,
        materials: [...s.materials, ...d.materials], receivedAt: d.phase === 'acceptance' ? e.at : s.receivedAt,
      };
    }
    case 'step.entered': {
      const d = e.data;
      const visit: StepVisit = {
        code: d.step, name: d.name, kind: d.kind, postCode: d.postCode, enteredAt: e.at, via: d.via,
        leftAt: null, exit: null, opinion: null, comment: null, reason: null, by: null,
      };
      return { ...s, currentStep: d.step, steps: [...s.steps, visit] };
    }
    case 'step.passed':
      return { ...s, currentStep: null, steps: closeVisit(s, e.at, e.by, { exit: 'passed', opinion: e.data.opinion, comment: e.data.comment, reason: e.data.reason }) };
    case 'step.returned':
      return { ...s, currentStep: null, returnCount: s.returnCount + 1, steps: closeVisit(s, e.at, e.by, { exit: 'returned', reason: e.data.reason }) };
    case 'case.suspended':
      return { ...s, status: 'suspended', suspension: { reason: e.data.reason, since: e.at, expected: e.data.expected }, suspensionCount: e.data.sequence };
    case 'case.resumed':
      return { ...s, status: 'in_process', suspension: null };
    case 'special_procedure.started':
      return { ...s, status: 'special_procedure', special: { kind: e.data.kind, startedAt: e.at, expected: e.data.expected, note: e.data.note } };
    case 'special_procedure.result_recorded': {
      const sp = s.special;
      if (!sp) throw new Error('special procedure result without a special procedure');
      const r: SpecialResult = { kind: e.data.kind, result: e.data.result, outcome: e.data.outcome, startedAt: sp.startedAt, recordedAt: e.at };
      return { ...s, status: 'in_process', special: null, specialResults: [...s.specialResults, r] };
    }
    case 'case.extended':
      return { ...s, extension: { days: e.data.days, unit: e.data.unit, reason: e.data.reason, approvedAt: e.at, by: e.by } };
    case 'evidence.attached':
      return { ...s, evidence: [...s.evidence, ...e.data.files.map((f) => ({ ...f, attachedAt: e.at }))] };
    case 'case.decided':
      return {
        ...s, status: 'decided', decision: { ...e.data, decidedAt: e.at, by: e.by }, currentStep: null,
        steps: closeVisit(s, e.at, e.by, { exit: 'decided', opinion: e.data.outcome === 'grant' ? 'agree' : 'disagree', comment: e.data.comment, reason: e.data.reasons }),
      };
    case 'case.completed':
      return { ...s, status: 'completed', result: { kind: e.data.kind, number: e.data.number, validFrom: e.data.validFrom, validUntil: e.data.validUntil, completedAt: e.at } };
    case 'case.delivered':
      return { ...s, status: 'delivered', delivery: { ...e.data, at: e.at } };
    case 'case.withdrawn':
      return closed(s, e, 'withdrawn', e.data.reason);
    case 'case.terminated':
      return closed(s, e, 'terminated', e.data.reason);
    case 'case.merged':
      return closed(s, e, 'merged', e.data.reason, e.data.intoCaseNo);
    case 'clock.started': {
      const d = e.data;
      const prev = s.clocks[d.clock];
      return {
        ...s,
        clocks: { ...s.clocks, [d.clock]: startClock(d.clock, d.limit, new Date(d.startAt), d.ref) },
        clockHistory: prev ? [...s.clockHistory, prev.stoppedAt === null ? stopClock(prev, at) : prev] : s.clockHistory,
      };
    }
    case 'clock.paused':
      return setClock(s, e.data.clock, (c) => pauseClock(c, at, e.data.reason, e.data.expected));
    case 'clock.resumed':
      return setClock(s, e.data.clock, (c) => resumeClock(c, at));
    case 'clock.extended':
      return setClock(s, e.data.clock, (c) => extendClock(c, { days: e.data.days, unit: e.data.unit, reason: e.data.reason }, at));
    case 'clock.stopped':
      return setClock(s, e.data.clock, (c) => stopClock(c, at));
    default:
      throw new Error(`unknown case event ${(e as { type: string }).type}`);
  }
}

/** Rebuilds a case from its events. */
export function replay(events: readonly CaseEvent[]): CaseState {
  return events.reduce(apply, initialCaseState());
}

/** The clocks of a case that are not stopped, in CLOCK_ORDER. */
export function openClocks(s: CaseState): ClockState[] {
  return CLOCK_ORDER.map((k) => s.clocks[k]).filter((c): c is ClockState => !!c && c.stoppedAt === null);
}

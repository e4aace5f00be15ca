// Cases for the rule tests, run through the real case machine (src/domain/case-machine.ts),
// plus a way to add events the machine would refuse (data reported by a unit's own system,
// or tampered with) — exactly what supervision exists to catch.
import { WorkCalendar } from '../../domain/calendar.ts';
import { loadChineseDaysOverrides } from '../../calendar/chinese-days-data.ts';
import type { ItemVersionSpec, TimeLimit } from '../../domain/item.ts';
import { makeIdNumber } from '../../domain/validators.ts';
import {
  apply, decide, initialCaseState, type ActorRef, type Applicant, type CaseActor, type CaseCommand, type CaseEvent, type CaseState,
} from '../../domain/case-machine.ts';
import type { RuleEvent, RuleFacts, RuleInput, RuleKind } from './types.ts';

export const calendar = new WorkCalendar(loadChineseDaysOverrides());
export const cst = (s: string): Date => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const wd = (days: number): TimeLimit => ({ days, unit: 'workday' });
export const hash = (n: number) => n.toString(16).padStart(64, '0');

export const PERMIT: ItemVersionSpec = {
  itemId: 1, versionId: 11, versionNo: 1, baseCode: '000123456000', implCode: '11510700MB1234567X1000123456000',
  name: '食品经营许可', type: '01', unitId: 100, legalLimit: wd(20), promisedLimit: wd(10),
  specialProcedures: ['inspection', 'hearing'],
  steps: [
    { code: 's1', kind: 'accept', name: '受理', postCode: 'accept', duty: '收件受理', limit: wd(1), returnTo: [] },
    { code: 's2', kind: 'handle', name: '承办', postCode: 'handle', duty: '审查材料', limit: wd(5), returnTo: [] },
    { code: 's3', kind: 'review', name: '审核', postCode: 'review', duty: '审核意见', limit: wd(3), returnTo: ['s2'] },
    { code: 's4', kind: 'approve', name: '批准', postCode: 'approve', duty: '作出决定', limit: wd(2), returnTo: ['s2', 's3'] },
  ],
  fees: [{ name: '工本费', basis: '某价费字〔2020〕1号', standard: { kind: 'fixed', amount: '10.00' } }],
  free: false, discretion: [], onTheSpot: false, joint: null, requiresResultOf: [],
  materials: [{ code: 'm1', name: '申请书', required: true }, { code: 'm2', name: '营业执照', required: true }, { code: 'm3', name: '平面图', required: false }],
};

export const PENALTY: ItemVersionSpec = {
  ...PERMIT, itemId: 2, versionId: 21, name: '对无证经营的处罚', type: '02', specialProcedures: ['hearing'],
  steps: [
    { code: 'p1', kind: 'file', name: '立案', postCode: 'handle', duty: '立案', limit: wd(3), returnTo: [] },
    { code: 'p2', kind: 'investigate', name: '调查取证', postCode: 'handle', duty: '调查', limit: wd(20), returnTo: [] },
    { code: 'p4', kind: 'decide', name: '决定', postCode: 'approve', duty: '作出处罚决定', limit: wd(5), returnTo: ['p2'] },
  ],
  fees: [], free: true, materials: [],
  discretion: [
    { circumstance: 'ordinary', description: '一般', minFine: '5000', maxFine: '50000', otherMeasures: null },
    { circumstance: 'serious', description: '较重', minFine: '50000', maxFine: '100000', otherMeasures: null },
  ],
};

export const INSPECTED: ItemVersionSpec = { ...PERMIT, itemId: 3, versionId: 31, name: '特种设备使用登记', requiresResultOf: ['inspection'] };

export const applicant: CaseActor = { userId: 501, unitId: null, postCodes: [], roles: ['applicant'] };
export const clerk: CaseActor = { userId: 10, unitId: 1, postCodes: ['accept'], roles: ['window_clerk'] };
export const handler: CaseActor = { userId: 11, unitId: 100, postCodes: ['handle'], roles: ['handler'] };
export const reviewer: CaseActor = { userId: 12, unitId: 100, postCodes: ['review'], roles: ['reviewer'] };
export const leader: CaseActor = { userId: 13, unitId: 100, postCodes: ['approve'], roles: ['approver'] };

export const PERSON: Applicant = { kind: 'person', name: '张三', idType: 'id_card', idNumber: makeIdNumber('51070319900307001'), phone: '13800000000', userId: null };
export const MATERIALS = [{ code: 'm1', name: '申请书', hash: hash(1), paper: false }, { code: 'm2', name: '营业执照', hash: null, paper: true }];
export const grant = (extra: Partial<Extract<CaseCommand, { type: 'decide' }>> = {}): CaseCommand =>
  ({ type: 'decide', outcome: 'grant', legalBasis: ['《中华人民共和国食品安全法》第三十五条'], fees: [{ name: '工本费', amount: '10.00' }], ...extra });

let nextId = 1;

/** One command's worth of events, as the hook receives them. */
export interface Step {
  before: CaseState;
  after: CaseState;
  events: RuleEvent[];
}

export class Story {
  state: CaseState = initialCaseState();
  steps: Step[] = [];
  seq = 0;
  constructor(readonly item: ItemVersionSpec = PERMIT) {}

  /** Runs a command through the case machine; throws when the machine refuses it. */
  do(cmd: CaseCommand, actor: CaseActor, at: string, recordedAt?: string): Step {
    const now = cst(at);
    const r = decide(this.state, cmd, { now, calendar, item: this.item, actor });
    if (!r.ok) throw new Error(`${cmd.type} refused: ${r.code} ${r.message}`);
    return this.push(r.events, recordedAt ? cst(recordedAt) : now);
  }

  /** Appends events as a unit's own system might report them (no machine checks). */
  raw(events: { type: string; data: any; by?: Partial<ActorRef> }[], at: string, recordedAt?: string): Step {
    const now = cst(at);
    const by: ActorRef = { userId: 99, unitId: 100, postCode: null, system: false };
    const ce = events.map((e) => ({ type: e.type, at: now.toISOString(), by: { ...by, ...e.by }, data: e.data }) as CaseEvent);
    return this.push(ce, recordedAt ? cst(recordedAt) : now, true);
  }

  private push(ce: CaseEvent[], recordedAt: Date, lenient = false): Step {
    const before = this.state;
    let after = before;
    for (const e of ce) {
      try {
        after = apply(after, e);
      } catch (err) {
        if (!lenient) throw err;
      }
    }
    const events: RuleEvent[] = ce.map((e) => ({
      id: nextId++, seq: ++this.seq, type: e.type, at: new Date(e.at), recordedAt, by: e.by, data: e.data,
    }));
    const step = { before, after, events };
    this.state = after;
    this.steps.push(step);
    return step;
  }

  /** Applied → accepted → at the approval step, on working days of March 2026. */
  static accepted(item: ItemVersionSpec = PERMIT): Story {
    const s = new Story(item);
    if (item.type === '02') {
      s.do({ type: 'apply', caseNo: 'CF1', channel: 'ex_officio', applicant: PERSON, materials: [] }, handler, '2026-03-02 08:30');
      s.do({ type: 'accept' }, handler, '2026-03-02 09:00');
      return s;
    }
    s.do({ type: 'apply', caseNo: 'SL1', channel: 'online', applicant: PERSON, materials: MATERIALS }, applicant, '2026-03-02 08:30');
    s.do({ type: 'accept' }, clerk, '2026-03-02 09:00');
    return s;
  }
  toApproval(): this {
    this.do({ type: 'pass_step', opinion: 'agree' }, handler, '2026-03-03 10:00');
    this.do({ type: 'pass_step', opinion: 'agree' }, reviewer, '2026-03-04 10:00');
    return this;
  }
}

/** Runs one rule kind on one step, with the kind's default parameters merged with `params`. */
export function run<P>(kind: RuleKind<P>, step: Step, item: ItemVersionSpec, params: Partial<P> = {}, facts: RuleFacts = {}) {
  const p = kind.params.parse(params) as P;
  const input: RuleInput<P> = { caseId: 1, before: step.before, after: step.after, events: step.events, item, calendar, facts, params: p };
  return kind.evaluate(input);
}

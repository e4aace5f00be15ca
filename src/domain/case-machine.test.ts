import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkCalendar, chinaDateOf, endOfChinaDay } from './calendar.ts';
import { loadChineseDaysOverrides } from '../calendar/chinese-days-data.ts';
import type { ItemVersionSpec, TimeLimit } from './item.ts';
import { makeIdNumber } from './validators.ts';
import { clockStatus, dueAt, dueDate, type ClockKind } from './clock.ts';
import {
  CASE_COMMANDS, CASE_STATUSES, CLOCKS, allowedCommands, SYSTEM_CASE_ACTOR, TERMINAL_STATUSES, TRANSITIONS, WHO, apply, decide, initialCaseState,
  replay, transitionOf, type Applicant, type CaseActor, type CaseCommand, type CaseCommandType, type CaseEvent, type CaseState,
  type CaseStatus, type CommandResult,
} from './case-machine.ts';

const cal = new WorkCalendar(loadChineseDaysOverrides());
const cst = (s: string): Date => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const HOUR = 3_600_000;
const wd = (days: number): TimeLimit => ({ days, unit: 'workday' });
const nd = (days: number): TimeLimit => ({ days, unit: 'natural' });
const hash = (n: number) => n.toString(16).padStart(64, '0');

// ---------------------------------------------------------------------------
// Items.

const PERMIT: ItemVersionSpec = {
  itemId: 1, versionId: 11, versionNo: 1, baseCode: '000123456000', implCode: '11510700MB1234567X1000123456000',
  name: '食品经营许可', type: '01', unitId: 100,
  legalLimit: wd(20), promisedLimit: wd(10),
  specialProcedures: ['inspection', 'expert_review', 'hearing'],
  steps: [
    { code: 's1', kind: 'accept', name: '受理', postCode: 'accept', duty: '收件受理', limit: wd(1), returnTo: [] },
    { code: 's2', kind: 'handle', name: '承办', postCode: 'handle', duty: '审查材料', limit: wd(5), returnTo: [] },
    { code: 's3', kind: 'review', name: '审核', postCode: 'review', duty: '审核意见', limit: wd(3), returnTo: ['s2'] },
    { code: 's4', kind: 'approve', name: '批准', postCode: 'approve', duty: '作出决定', limit: wd(2), returnTo: ['s2', 's3', 's1'] },
    { code: 's5', kind: 'complete', name: '办结', postCode: 'accept', duty: '发证', limit: wd(1), returnTo: [] },
  ],
  fees: [
    { name: '工本费', basis: '某价费字〔2020〕1号', standard: { kind: 'fixed', amount: '10.00' } },
    { name: '检测费', basis: '某价费字〔2020〕2号', standard: { kind: 'rate', perUnit: '25.50', unitName: '项' } },
    { name: '评审费', basis: '某价费字〔2020〕3号', standard: { kind: 'range', min: '100', max: '500' } },
  ],
  free: false, discretion: [], onTheSpot: false, joint: null, requiresResultOf: [],
  materials: [
    { code: 'm1', name: '申请书', required: true },
    { code: 'm2', name: '营业执照', required: true },
    { code: 'm3', name: '场所平面图', required: false },
  ],
};

const PENALTY: ItemVersionSpec = {
  ...PERMIT, itemId: 2, versionId: 21, name: '对未取得食品经营许可从事经营活动的处罚', type: '02',
  legalLimit: nd(90), promisedLimit: nd(60), specialProcedures: ['hearing', 'testing'],
  steps: [
    { code: 'p1', kind: 'file', name: '立案', postCode: 'handle', duty: '立案', limit: wd(3), returnTo: [] },
    { code: 'p2', kind: 'investigate', name: '调查取证', postCode: 'handle', duty: '调查', limit: wd(20), returnTo: [] },
    { code: 'p3', kind: 'notify', name: '告知', postCode: 'review', duty: '告知陈述申辩', limit: wd(5), returnTo: ['p2'] },
    { code: 'p4', kind: 'decide', name: '决定', postCode: 'approve', duty: '作出处罚决定', limit: wd(5), returnTo: ['p2', 'p3'] },
    { code: 'p5', kind: 'execute', name: '执行', postCode: 'handle', duty: '执行', limit: wd(15), returnTo: [] },
  ],
  fees: [], free: true,
  discretion: [
    { circumstance: 'minor', description: '轻微', minFine: null, maxFine: null, otherMeasures: '责令改正' },
    { circumstance: 'ordinary', description: '一般', minFine: '5000', maxFine: '50000', otherMeasures: null },
    { circumstance: 'serious', description: '较重', minFine: '50000', maxFine: '100000', otherMeasures: '没收违法所得' },
  ],
  materials: [],
};

const INSPECTED: ItemVersionSpec = { ...PERMIT, itemId: 3, versionId: 31, name: '特种设备使用登记', requiresResultOf: ['inspection'] };
const JOINT: ItemVersionSpec = { ...PERMIT, itemId: 4, versionId: 41, name: '建设项目联合审批', joint: { coUnitIds: [300] }, legalLimit: wd(45) };

// ---------------------------------------------------------------------------
// People.

const applicant: CaseActor = { userId: 501, unitId: null, postCodes: [], roles: ['applicant'] };
const otherApplicant: CaseActor = { userId: 502, unitId: null, postCodes: [], roles: ['applicant'] };
const clerk: CaseActor = { userId: 10, unitId: 1, postCodes: ['accept'], roles: ['window_clerk'] };
const handler: CaseActor = { userId: 11, unitId: 100, postCodes: ['handle'], roles: ['handler'] };
const reviewer: CaseActor = { userId: 12, unitId: 100, postCodes: ['review'], roles: ['reviewer'] };
const leader: CaseActor = { userId: 13, unitId: 100, postCodes: ['approve'], roles: ['approver'] };
const foreignHandler: CaseActor = { userId: 21, unitId: 200, postCodes: ['handle'], roles: ['handler'] };
const coUnitHandler: CaseActor = { userId: 31, unitId: 300, postCodes: ['handle', 'review', 'approve'], roles: ['handler', 'approver'] };
const nobody: CaseActor = { userId: 99, unitId: 100, postCodes: [], roles: [] };
const system = SYSTEM_CASE_ACTOR;
const BY_POST: Record<string, CaseActor> = { accept: clerk, handle: handler, review: reviewer, approve: leader };
const ACTORS = [applicant, otherApplicant, clerk, handler, reviewer, leader, foreignHandler, nobody, system];

const PERSON: Applicant = { kind: 'person', name: '张三', idType: 'id_card', idNumber: makeIdNumber('51070319900307001'), phone: '13800000000', userId: null };
const MATERIALS = [
  { code: 'm1', name: '申请书', hash: hash(1), paper: false },
  { code: 'm2', name: '营业执照', hash: null, paper: true },
];

// ---------------------------------------------------------------------------
// A case being run.

class Case {
  state: CaseState = initialCaseState();
  events: CaseEvent[] = [];
  constructor(readonly item: ItemVersionSpec) {}
  try(cmd: CaseCommand, actor: CaseActor, at: Date | string): CommandResult {
    const now = typeof at === 'string' ? cst(at) : at;
    return decide(this.state, cmd, { now, calendar: cal, item: this.item, actor });
  }
  do(cmd: CaseCommand, actor: CaseActor, at: Date | string): CaseEvent[] {
    const r = this.try(cmd, actor, at);
    if (!r.ok) assert.fail(`${cmd.type} refused: ${r.code} ${r.message}`);
    this.events.push(...r.events);
    this.state = r.events.reduce(apply, this.state);
    return r.events;
  }
  refused(cmd: CaseCommand, actor: CaseActor, at: Date | string, code: string): void {
    const r = this.try(cmd, actor, at);
    assert.equal(r.ok, false, `${cmd.type} should be refused with ${code}`);
    if (!r.ok) {
      assert.equal(r.code, code, r.message);
      assert.match(r.message, /[\u4e00-\u9fff]/, 'message in Chinese');
    }
  }
  clone(): Case {
    const c = new Case(this.item);
    c.state = this.state;
    c.events = [...this.events];
    return c;
  }
  stepActor(): CaseActor {
    const step = this.item.steps.find((s) => s.code === this.state.currentStep);
    return step ? BY_POST[step.postCode] : clerk;
  }
  get last(): Date {
    return new Date(this.state.lastEventAt!);
  }
}

const applyCmd = (channel: 'online' | 'window' | 'ex_officio' = 'online', extra: Partial<Extract<CaseCommand, { type: 'apply' }>> = {}): CaseCommand =>
  ({ type: 'apply', caseNo: 'SL20260302000001', channel, applicant: PERSON, materials: MATERIALS, ...extra });
const grant: CaseCommand = { type: 'decide', outcome: 'grant', legalBasis: ['《中华人民共和国食品安全法》第三十五条'], fees: [{ name: '工本费', amount: '10.00' }] };

// Fixtures: one case per state (two for in_process and suspended), built through the machine.
function fixtures(): Record<string, Case> {
  const f: Record<string, Case> = {};
  f.new = new Case(PERMIT);
  const sub = new Case(PERMIT);
  sub.do(applyCmd(), applicant, '2026-03-02 08:30');
  f.submitted = sub;
  const srq = sub.clone();
  srq.do({ type: 'request_supplement', items: [{ materialCode: 'm2', name: '营业执照', problem: '缺少副本' }] }, clerk, '2026-03-02 09:00');
  f.supplement_requested = srq;
  const inp = sub.clone();
  inp.do({ type: 'accept' }, clerk, '2026-03-02 09:00');
  f.in_process = inp;
  const dec = inp.clone();
  dec.do({ type: 'pass_step', opinion: 'agree' }, handler, '2026-03-03 10:00');
  dec.do({ type: 'pass_step', opinion: 'agree' }, reviewer, '2026-03-04 10:00');
  f.in_process_deciding = dec;
  const pen = new Case(PENALTY);
  pen.do({ ...applyCmd('ex_officio'), caseNo: 'CF20260302000001' } as CaseCommand, handler, '2026-03-02 08:30');
  pen.do({ type: 'accept' }, handler, '2026-03-02 09:00');
  f.in_process_penalty = pen;
  const psu = inp.clone();
  psu.do({ type: 'request_supplement', items: [{ materialCode: 'm3', name: '场所平面图', problem: '比例不符' }] }, handler, '2026-03-03 09:00');
  f.processing_supplement = psu;
  const sus = inp.clone();
  sus.do({ type: 'suspend', reason: '等待上级部门意见' }, handler, '2026-03-03 09:00');
  f.suspended = sus;
  const susPen = pen.clone();
  susPen.do({ type: 'suspend', reason: '当事人下落不明' }, handler, '2026-03-03 09:00');
  f.suspended_penalty = susPen;
  const spp = inp.clone();
  spp.do({ type: 'start_special_procedure', kind: 'inspection', expected: nd(7) }, handler, '2026-03-03 09:00');
  f.special_procedure = spp;
  const dcd = dec.clone();
  dcd.do(grant, leader, '2026-03-05 10:00');
  f.decided = dcd;
  const cpl = dcd.clone();
  cpl.do({ type: 'complete', resultKind: 'certificate', number: 'JY15107030000001', validFrom: '2026-03-05', validUntil: '2031-03-04' }, clerk, '2026-03-06 10:00');
  f.completed = cpl;
  const dld = cpl.clone();
  dld.do({ type: 'deliver', receipt: { method: 'window', recipient: '张三', receiptNo: 'SD2026-0001', signedOn: '2026-03-09' } }, clerk, '2026-03-09 10:00');
  f.delivered = dld;
  const rfd = sub.clone();
  rfd.do({ type: 'refuse', reason: '不属于本机关职权范围' }, clerk, '2026-03-02 09:00');
  f.refused = rfd;
  const wdn = sub.clone();
  wdn.do({ type: 'withdraw', reason: '不再需要' }, applicant, '2026-03-02 09:00');
  f.withdrawn = wdn;
  const trd = inp.clone();
  trd.do({ type: 'terminate', reason: '申请人死亡' }, leader, '2026-03-03 09:00');
  f.terminated = trd;
  const mgd = pen.clone();
  mgd.do({ type: 'merge', intoCaseNo: 'CF20260301000009', reason: '同一违法行为' }, handler, '2026-03-03 09:00');
  f.merged = mgd;
  return f;
}
const FX = fixtures();

/** A well-formed command of each type with the actor who may give it in case `c`. */
function valid(type: CaseCommandType, c: Case, at?: Date): { cmd: CaseCommand; actor: CaseActor; now: Date } {
  const now = at ?? new Date((c.state.lastEventAt ? c.last.getTime() : cst('2026-03-02 08:00').getTime()) + HOUR);
  const step = c.stepActor();
  const cur = c.item.steps.find((x) => x.code === c.state.currentStep);
  const v = (cmd: CaseCommand, actor: CaseActor, t: Date = now) => ({ cmd, actor, now: t });
  switch (type) {
    case 'apply': return v(applyCmd(), applicant);
    case 'accept': return v({ type: 'accept' }, clerk);
    case 'refuse': return v({ type: 'refuse', reason: '申请事项依法不需要取得行政许可' }, clerk);
    case 'request_supplement': return v({ type: 'request_supplement', items: [{ materialCode: 'm2', name: '营业执照', problem: '已过期' }] }, c.state.status === 'in_process' ? step : clerk);
    case 'supply_materials': return v({ type: 'supply_materials', materials: [{ code: 'm2', name: '营业执照', hash: hash(2), paper: false }] }, applicant);
    case 'auto_accept': return v({ type: 'auto_accept' }, system, at ?? new Date(now.getTime() + 20 * 24 * HOUR));
    case 'pass_step': return v({ type: 'pass_step', opinion: 'agree', comment: '材料齐全' }, step);
    case 'return_step': return v({ type: 'return_step', to: cur?.returnTo[0] ?? 's2', reason: '现场核查不充分' }, step);
    case 'suspend': return v({ type: 'suspend', reason: '等待上级部门意见' }, step);
    case 'resume': return v({ type: 'resume', reason: '已收到上级意见' }, step);
    case 'start_special_procedure': return v({ type: 'start_special_procedure', kind: c.item.specialProcedures[0], expected: nd(7) }, step);
    case 'record_special_result': return v({ type: 'record_special_result', result: '检验合格', outcome: 'passed' }, step);
    case 'extend': return v({ type: 'extend', reason: '需现场核查多个经营场所' }, leader);
    case 'attach_evidence': return v({ type: 'attach_evidence', files: [{ hash: hash(77), name: '现场照片', kind: 'photo' }] }, step);
    case 'decide':
      return v(c.item.type === '02'
        ? { type: 'decide', outcome: 'grant', legalBasis: ['《中华人民共和国食品安全法》第一百二十二条'], penalty: { circumstance: 'ordinary', fine: '10000' } }
        : grant, step);
    case 'complete': return v({ type: 'complete', resultKind: 'certificate', number: 'JY15107030000002', validFrom: '2026-03-10' }, clerk);
    case 'deliver': return v({ type: 'deliver', receipt: { method: 'mail', recipient: '张三', receiptNo: 'SD2026-0002', signedOn: chinaDateOf(now) } }, clerk);
    case 'withdraw': return v({ type: 'withdraw', reason: '申请人书面撤回' }, clerk);
    case 'terminate': return v({ type: 'terminate', reason: '申请人死亡' }, leader);
    case 'merge': return v({ type: 'merge', intoCaseNo: 'CF20260301000009', reason: '同一违法行为' }, step);
  }
}

// ---------------------------------------------------------------------------
// The table, written out by hand. Rows: states; columns: commands; cells: the next state
// (abbreviated) or '.' when the command is refused with WRONG_STATE. Changing TRANSITIONS
// without changing this grid fails the test.

const STATE_ABBR: Record<CaseStatus, string> = {
  new: 'NEW', submitted: 'SUB', supplement_requested: 'SRQ', in_process: 'INP', processing_supplement: 'PSU',
  suspended: 'SSP', special_procedure: 'SPP', decided: 'DCD', completed: 'CPL', delivered: 'DLD',
  refused: 'RFD', withdrawn: 'WDN', terminated: 'TRD', merged: 'MGD',
};
const COMMAND_ORDER: CaseCommandType[] = [
  'apply', 'accept', 'refuse', 'request_supplement', 'supply_materials', 'auto_accept', 'pass_step', 'return_step', 'suspend', 'resume',
  'start_special_procedure', 'record_special_result', 'extend', 'attach_evidence', 'decide', 'complete', 'deliver', 'withdraw', 'terminate', 'merge',
];
const EXPECTED = `
                       apl acc ref rsu sup aut pas ret sus res sps spr ext evi dec cmp dlv wdr trm mrg
new                    SUB .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .
submitted              .   INP RFD SRQ .   INP .   .   .   .   .   .   .   .   .   .   .   WDN .   .
supplement_requested   .   .   RFD .   SUB .   .   .   .   .   .   .   .   .   .   .   .   WDN .   .
in_process             .   .   .   PSU .   .   INP INP SSP .   SPP .   INP INP DCD .   .   WDN TRD MGD
processing_supplement  .   .   .   .   INP .   .   .   .   .   .   .   PSU PSU .   .   .   WDN TRD .
suspended              .   .   .   .   .   .   .   .   .   INP .   .   SSP SSP .   .   .   WDN TRD MGD
special_procedure      .   .   .   .   .   .   .   .   .   .   .   INP SPP SPP .   .   .   WDN TRD .
decided                .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   CPL .   .   .   .
completed              .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   DLD .   .   .
delivered              .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .
refused                .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .
withdrawn              .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .
terminated             .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .
merged                 .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .
`;

function parseExpected(): Map<string, CaseStatus | null> {
  const byAbbr = new Map(Object.entries(STATE_ABBR).map(([s, a]) => [a, s as CaseStatus]));
  const lines = EXPECTED.trim().split('\n').slice(1);
  const out = new Map<string, CaseStatus | null>();
  assert.equal(lines.length, Object.keys(CASE_STATUSES).length);
  for (const line of lines) {
    const [state, ...cells] = line.trim().split(/\s+/);
    assert.equal(cells.length, COMMAND_ORDER.length, state);
    cells.forEach((cell, i) => out.set(`${state} ${COMMAND_ORDER[i]}`, cell === '.' ? null : byAbbr.get(cell)!));
  }
  return out;
}

const STATES = Object.keys(CASE_STATUSES) as CaseStatus[];
const fixturesOf = (s: CaseStatus) => Object.entries(FX).filter(([, c]) => c.state.status === s);

describe('case machine: the transition table', () => {
  test('the table matches the hand-written grid cell by cell', () => {
    assert.deepEqual(COMMAND_ORDER.slice().sort(), Object.keys(CASE_COMMANDS).sort());
    const exp = parseExpected();
    for (const s of STATES) for (const c of COMMAND_ORDER) assert.equal(transitionOf(s, c), exp.get(`${s} ${c}`), `${s} × ${c}`);
    assert.deepEqual(TERMINAL_STATUSES, ['delivered', 'refused', 'withdrawn', 'terminated', 'merged']);
    for (const c of COMMAND_ORDER) assert.ok(WHO[c], `WHO has ${c}`);
  });

  test('every state has a fixture', () => {
    for (const s of STATES) assert.ok(fixturesOf(s).length > 0, s);
  });

  // Exhaustive: every state × every command.
  for (const s of STATES) {
    for (const c of COMMAND_ORDER) {
      const to = transitionOf(s, c);
      test(`${s} × ${c} → ${to ?? 'WRONG_STATE'}`, () => {
        const results = fixturesOf(s).map(([name, fx]) => {
          const v = valid(c, fx);
          return { name, fx, r: decide(fx.state, v.cmd, { now: v.now, calendar: cal, item: fx.item, actor: v.actor }) };
        });
        if (to === null) {
          for (const { name, r } of results) {
            assert.equal(r.ok, false, name);
            if (!r.ok) assert.equal(r.code, 'WRONG_STATE', `${name}: ${r.message}`);
          }
          return;
        }
        for (const { name, r } of results) if (!r.ok) assert.notEqual(r.code, 'WRONG_STATE', name);
        const oks = results.filter((x) => x.r.ok);
        assert.ok(oks.length > 0, `allowed somewhere: ${results.map((x) => (x.r.ok ? 'ok' : `${x.name}:${x.r.code}`)).join(', ')}`);
        for (const { fx, r } of oks) {
          if (!r.ok) continue;
          assert.ok(r.events.length > 0);
          assert.equal(r.events.reduce(apply, fx.state).status, to);
          assert.equal(replay([...fx.events, ...r.events]).status, to);
        }
      });
    }
  }
});

// ---------------------------------------------------------------------------
// Clock invariants per state (the CLOCKS table).

function checkClocks(s: CaseState): void {
  const expected = CLOCKS[s.status];
  for (const k of Object.keys(s.clocks) as ClockKind[]) {
    const want = expected[k] ?? 'stopped';
    if (k === 'step' && s.currentStep === null && want !== 'stopped') continue;
    assert.equal(clockStatus(s.clocks[k]!), want, `${s.status}: ${k} clock`);
  }
  for (const k of Object.keys(expected) as ClockKind[]) {
    if (k === 'step' && s.currentStep === null) continue;
    assert.ok(s.clocks[k], `${s.status}: ${k} clock exists`);
  }
  for (const c of s.clockHistory) assert.equal(clockStatus(c), 'stopped');
}

describe('case machine: clocks per state', () => {
  for (const [name, fx] of Object.entries(FX)) test(name, () => checkClocks(fx.state));
});

// ---------------------------------------------------------------------------
// Refusals: every code, with the command that earns it.

describe('case machine: refusals', () => {
  const at = (c: Case, hours = 1) => new Date((c.state.lastEventAt ? c.last.getTime() : cst('2026-03-02 08:00').getTime()) + hours * HOUR);
  type R = [name: string, fx: () => Case, cmd: CaseCommand, actor: CaseActor, code: string, hours?: number];
  const rows: R[] = [
    ['unknown command', () => FX.submitted, { type: 'fly' } as unknown as CaseCommand, clerk, 'INVALID_COMMAND'],
    ['time going backwards', () => FX.submitted, { type: 'accept' }, clerk, 'TIME_REVERSED', -2],
    ['accept after refusal', () => FX.refused, { type: 'accept' }, clerk, 'WRONG_STATE'],
    ['accept by a handler', () => FX.submitted, { type: 'accept' }, handler, 'WRONG_POST'],
    ['online apply by a clerk', () => FX.new, applyCmd('online'), clerk, 'WRONG_ROLE'],
    ['window apply by an applicant', () => FX.new, applyCmd('window'), applicant, 'WRONG_POST'],
    ['ex officio by another unit', () => FX.new, applyCmd('ex_officio'), foreignHandler, 'WRONG_UNIT'],
    ['apply with a bad ID number', () => FX.new, applyCmd('online', { applicant: { ...PERSON, idNumber: '510703199003070010' } }), applicant, 'INVALID_APPLICANT'],
    ['apply for a unit not in the item', () => FX.new, applyCmd('online', { unitId: 999 }), applicant, 'UNIT_NOT_IN_ITEM'],
    ['apply with an electronic material without hash', () => FX.new, applyCmd('online', { materials: [{ code: 'm1', name: '申请书', hash: null, paper: false }] }), applicant, 'INVALID_HASH'],
    ['apply without a case number', () => FX.new, applyCmd('online', { caseNo: ' ' }), applicant, 'INVALID_COMMAND'],
    ['refuse without reason', () => FX.submitted, { type: 'refuse', reason: ' ' }, clerk, 'REASON_REQUIRED'],
    ['supplement notice listing nothing', () => FX.submitted, { type: 'request_supplement', items: [] }, clerk, 'SUPPLEMENT_LIST_REQUIRED'],
    ['supplement notice after 5 working days', () => FX.submitted, { type: 'request_supplement', items: [{ materialCode: 'm2', name: '营业执照', problem: '缺' }] }, clerk, 'SUPPLEMENT_TOO_LATE', 24 * 8],
    ['supply by another applicant', () => FX.supplement_requested, { type: 'supply_materials', materials: MATERIALS }, otherApplicant, 'NOT_APPLICANT'],
    ['supply nothing', () => FX.supplement_requested, { type: 'supply_materials', materials: [] }, applicant, 'MATERIALS_REQUIRED'],
    ['auto-accept by a person', () => FX.submitted, { type: 'auto_accept' }, clerk, 'WRONG_ROLE', 24 * 10],
    ['auto-accept too early', () => FX.submitted, { type: 'auto_accept' }, system, 'NOT_YET_DUE'],
    ['pass a step without its post', () => FX.in_process, { type: 'pass_step', opinion: 'agree' }, reviewer, 'WRONG_POST'],
    ['pass a step from another unit', () => FX.in_process, { type: 'pass_step', opinion: 'agree' }, foreignHandler, 'WRONG_UNIT'],
    ['negative opinion without reason', () => FX.in_process, { type: 'pass_step', opinion: 'disagree' }, handler, 'REASON_REQUIRED'],
    ['pass the deciding step', () => FX.in_process_deciding, { type: 'pass_step', opinion: 'agree' }, leader, 'LAST_STEP'],
    ['return to a step not in returnTo', () => FX.in_process, { type: 'return_step', to: 's3', reason: '重新审核' }, handler, 'RETURN_NOT_ALLOWED'],
    ['return to the acceptance step', () => FX.in_process_deciding, { type: 'return_step', to: 's1', reason: '重新受理' }, leader, 'RETURN_NOT_ALLOWED'],
    ['return without reason', () => FX.in_process_deciding, { type: 'return_step', to: 's2', reason: '' }, leader, 'REASON_REQUIRED'],
    ['suspend without reason', () => FX.in_process, { type: 'suspend', reason: '' }, handler, 'REASON_REQUIRED'],
    ['suspend by someone without post or role', () => FX.in_process, { type: 'suspend', reason: '等待' }, nobody, 'WRONG_POST'],
    ['resume without reason', () => FX.suspended, { type: 'resume', reason: '' }, handler, 'REASON_REQUIRED'],
    ['special procedure the item does not allow', () => FX.in_process, { type: 'start_special_procedure', kind: 'auction', expected: nd(7) }, handler, 'SPECIAL_PROCEDURE_NOT_ALLOWED'],
    ['special procedure without expected duration', () => FX.in_process, { type: 'start_special_procedure', kind: 'inspection', expected: nd(0) }, handler, 'EXPECTED_DURATION_REQUIRED'],
    ['special result without text', () => FX.special_procedure, { type: 'record_special_result', result: '' }, handler, 'RESULT_REQUIRED'],
    ['extension by a handler', () => FX.in_process, { type: 'extend', reason: '复杂' }, handler, 'WRONG_ROLE'],
    ['extension without reason', () => FX.in_process, { type: 'extend', reason: '' }, leader, 'REASON_REQUIRED'],
    ['extension of 11 days', () => FX.in_process, { type: 'extend', reason: '复杂', days: 11 }, leader, 'EXTENSION_TOO_LONG'],
    ['extension after the legal limit', () => FX.in_process, { type: 'extend', reason: '复杂' }, leader, 'EXTENSION_TOO_LATE', 24 * 40],
    ['evidence with a bad hash', () => FX.in_process, { type: 'attach_evidence', files: [{ hash: 'abc', name: '照片', kind: 'photo' }] }, handler, 'INVALID_HASH'],
    ['no evidence files', () => FX.in_process, { type: 'attach_evidence', files: [] }, handler, 'EVIDENCE_REQUIRED'],
    ['decide before the deciding step', () => FX.in_process, grant, handler, 'NOT_DECIDING_STEP'],
    ['deny without reasons', () => FX.in_process_deciding, { type: 'decide', outcome: 'deny', legalBasis: ['某法第一条'] }, leader, 'REASON_REQUIRED'],
    ['decide without legal basis', () => FX.in_process_deciding, { type: 'decide', outcome: 'grant', legalBasis: [] }, leader, 'LEGAL_BASIS_REQUIRED'],
    ['fee amount not a decimal', () => FX.in_process_deciding, { ...grant, fees: [{ name: '工本费', amount: '10.001' }] } as CaseCommand, leader, 'INVALID_AMOUNT'],
    ['decide by the reviewer', () => FX.in_process_deciding, grant, reviewer, 'WRONG_POST'],
    ['complete without number', () => FX.decided, { type: 'complete', resultKind: 'certificate', number: '' }, clerk, 'RESULT_REQUIRED'],
    ['complete by a handler', () => FX.decided, { type: 'complete', resultKind: 'certificate', number: 'X1' }, reviewer, 'WRONG_POST'],
    ['deliver without receipt number', () => FX.completed, { type: 'deliver', receipt: { method: 'window', recipient: '张三', receiptNo: '', signedOn: '2026-03-06' } }, clerk, 'RECEIPT_REQUIRED'],
    ['withdraw by another applicant', () => FX.in_process, { type: 'withdraw' }, otherApplicant, 'NOT_APPLICANT'],
    ['terminate without reason', () => FX.in_process, { type: 'terminate', reason: '' }, leader, 'REASON_REQUIRED'],
    ['merge a permit case', () => FX.in_process, { type: 'merge', intoCaseNo: 'SL1', reason: '重复' }, handler, 'MERGE_NOT_ALLOWED'],
    ['merge without reason', () => FX.in_process_penalty, { type: 'merge', intoCaseNo: 'CF1', reason: '' }, handler, 'REASON_REQUIRED'],
    ['merge into itself', () => FX.in_process_penalty, { type: 'merge', intoCaseNo: 'CF20260302000001', reason: '重复' }, handler, 'INVALID_COMMAND'],
  ];
  for (const [name, fx, cmd, actor, code, hours] of rows) {
    test(`${name} → ${code}`, () => {
      const c = fx();
      c.refused(cmd, actor, at(c, hours ?? 1), code);
    });
  }

  test('a refused command changes nothing', () => {
    const c = FX.in_process;
    const before = JSON.stringify(c.state);
    c.try({ type: 'pass_step', opinion: 'disagree' }, handler, at(c));
    assert.equal(JSON.stringify(c.state), before);
  });

  test('a case runs under the item version it was applied under', () => {
    const c = FX.in_process;
    const r = decide(c.state, { type: 'pass_step', opinion: 'agree' }, { now: at(c), calendar: cal, item: { ...PERMIT, versionId: 12 }, actor: handler });
    assert.equal(!r.ok && r.code, 'ITEM_VERSION_MISMATCH');
  });
});

// ---------------------------------------------------------------------------
// Journeys.

const types = (es: CaseEvent[]) => es.map((e) => e.type);
const dueOf = (c: Case, k: ClockKind) => dueDate(c.state.clocks[k]!, cal);

describe('case machine: journeys', () => {
  test('apply → supplement → supply → accept → handle → review → approve (grant) → complete → deliver', () => {
    const c = new Case(PERMIT);
    assert.deepEqual(types(c.do(applyCmd(), applicant, '2026-09-28 10:00')), ['case.applied', 'clock.started']);
    assert.equal(c.state.applicant!.userId, applicant.userId, 'online applicant bound to the account');
    assert.equal(dueOf(c, 'acceptance'), '2026-10-10', '9/29 1, 9/30 2, 10/1–7 off, 10/8 3, 10/9 4, 10/10 (Sat, make-up) 5');

    const sup = c.do({ type: 'request_supplement', items: [{ materialCode: 'm2', name: '营业执照', problem: '须提交副本原件' }, { materialCode: null, name: '法定代表人身份证明', problem: '缺' }] }, clerk, '2026-09-29 09:00');
    assert.deepEqual(types(sup), ['case.supplement_requested', 'clock.stopped', 'clock.started']);
    assert.deepEqual(sup.map((e) => (e.type.startsWith('clock.') ? (e.data as { clock: string }).clock : null)), [null, 'acceptance', 'supplement']);
    assert.equal(c.state.status, 'supplement_requested');
    assert.equal(sup[0].by.postCode, 'accept');

    const supplied = c.do({ type: 'supply_materials', materials: [{ code: 'm2', name: '营业执照副本', hash: hash(3), paper: false }] }, applicant, '2026-10-09 09:00');
    assert.deepEqual(types(supplied), ['case.materials_supplied', 'clock.stopped', 'clock.started']);
    assert.equal(c.state.status, 'submitted');
    assert.equal(c.state.receivedAt, cst('2026-10-09 09:00').toISOString());
    assert.equal(dueOf(c, 'acceptance'), '2026-10-15', 'a new 5 days from the supplemented receipt: 10/10, 12, 13, 14, 15');

    const acc = c.do({ type: 'accept', comment: '材料齐全' }, clerk, '2026-10-09 11:00');
    assert.deepEqual(types(acc), ['case.accepted', 'clock.stopped', 'clock.started', 'clock.started', 'step.entered', 'clock.started']);
    assert.equal(c.state.acceptedAsOf, cst('2026-10-09 11:00').toISOString());
    assert.equal(dueOf(c, 'case_promised'), '2026-10-22', '10 working days: 10/10, 12–16, 19–22');
    assert.equal(dueOf(c, 'case_legal'), '2026-11-05', '20 working days: … 10/23, 26–30, 11/2–5');
    assert.equal(c.state.currentStep, 's2');
    assert.equal(dueOf(c, 'step'), '2026-10-15', '承办 5 working days');

    const passed = c.do({ type: 'pass_step', opinion: 'agree', comment: '符合条件' }, handler, '2026-10-12 10:00');
    assert.deepEqual(types(passed), ['step.passed', 'clock.stopped', 'step.entered', 'clock.started']);
    assert.deepEqual(passed[0].by, { userId: handler.userId, unitId: 100, postCode: 'handle', system: false });
    c.do({ type: 'pass_step', opinion: 'agree' }, reviewer, '2026-10-13 10:00');
    assert.equal(c.state.currentStep, 's4');

    const dec = c.do(grant, leader, '2026-10-14 10:00');
    assert.deepEqual(types(dec), ['case.decided', 'clock.stopped', 'clock.stopped', 'clock.stopped', 'clock.started']);
    assert.equal(c.state.status, 'decided');
    assert.deepEqual(c.state.decision!.violations, []);
    assert.equal(c.state.decision!.feeTotal, '10.00');
    assert.equal(dueOf(c, 'delivery'), '2026-10-28', '§44: 10 working days from 10/14');

    c.do({ type: 'complete', resultKind: 'certificate', number: 'JY15107030001234', validFrom: '2026-10-14', validUntil: '2031-10-13' }, clerk, '2026-10-15 10:00');
    const del = c.do({ type: 'deliver', receipt: { method: 'window', recipient: '张三', receiptNo: 'SD2026-1016', signedOn: '2026-10-16' } }, clerk, '2026-10-16 10:00');
    assert.deepEqual(types(del), ['case.delivered', 'clock.stopped']);
    assert.equal(c.state.status, 'delivered');

    assert.deepEqual(c.state.steps.map((v) => [v.code, v.exit, v.opinion, v.by?.userId]), [
      ['s2', 'passed', 'agree', handler.userId], ['s3', 'passed', 'agree', reviewer.userId], ['s4', 'decided', 'agree', leader.userId],
    ]);
    for (const clock of Object.values(c.state.clocks)) assert.equal(clockStatus(clock), 'stopped');
    assert.equal(c.state.clockHistory.length, 3, 'first acceptance clock, 承办 and 审核 step clocks');
    assert.deepEqual(replay(c.events), c.state);
    assert.deepEqual(replay(JSON.parse(JSON.stringify(c.events)) as CaseEvent[]), c.state, 'events survive JSON');
  });

  test('refused: a reason is required and every clock stops', () => {
    const c = FX.submitted.clone();
    c.refused({ type: 'refuse', reason: '' }, clerk, '2026-03-02 10:00', 'REASON_REQUIRED');
    c.do({ type: 'refuse', reason: '申请事项不属于本机关职权范围' }, clerk, '2026-03-02 10:00');
    assert.equal(c.state.status, 'refused');
    assert.deepEqual(c.state.closure, { kind: 'refused', reason: '申请事项不属于本机关职权范围', at: cst('2026-03-02 10:00').toISOString(), intoCaseNo: null });
    assert.equal(clockStatus(c.state.clocks.acceptance!), 'stopped');
  });

  test('denied with reasons: the decision document, never a certificate', () => {
    const c = FX.in_process_deciding.clone();
    c.refused({ type: 'decide', outcome: 'deny', legalBasis: ['《食品经营许可管理办法》第十二条'] }, leader, '2026-03-05 10:00', 'REASON_REQUIRED');
    c.do({ type: 'decide', outcome: 'deny', reasons: '经营场所与有毒有害场所距离不足25米', legalBasis: ['《食品经营许可管理办法》第十二条'] }, leader, '2026-03-05 10:00');
    assert.equal(c.state.decision!.outcome, 'deny');
    assert.equal(c.state.steps.at(-1)!.opinion, 'disagree');
    c.refused({ type: 'complete', resultKind: 'certificate', number: 'JY1' }, clerk, '2026-03-05 11:00', 'INVALID_COMMAND');
    c.do({ type: 'complete', resultKind: 'document', number: '某市监不许〔2026〕12号' }, clerk, '2026-03-05 11:00');
    c.do({ type: 'deliver', receipt: { method: 'mail', recipient: '张三', receiptNo: 'SD2026-0300', signedOn: '2026-03-09' } }, clerk, '2026-03-09 15:00');
    assert.equal(c.state.status, 'delivered');
  });

  test('withdrawn by the applicant during processing', () => {
    const c = new Case(PERMIT);
    c.do(applyCmd(), applicant, '2026-03-02 08:30');
    c.do({ type: 'accept' }, clerk, '2026-03-02 09:00');
    c.refused({ type: 'withdraw' }, otherApplicant, '2026-03-03 09:00', 'NOT_APPLICANT');
    const ev = c.do({ type: 'withdraw', reason: '不再经营' }, applicant, '2026-03-03 09:00');
    assert.deepEqual(types(ev), ['case.withdrawn', 'clock.stopped', 'clock.stopped', 'clock.stopped']);
    assert.equal(c.state.status, 'withdrawn');
    assert.equal(c.state.steps.at(-1)!.exit, 'closed');
    assert.equal(c.state.currentStep, null);
  });

  test('a special procedure (检验, 7 natural days) and a suspension push the clocks by exactly the paused days', () => {
    const c = new Case(PERMIT);
    c.do(applyCmd(), applicant, '2026-03-02 08:30');
    c.do({ type: 'accept' }, clerk, '2026-03-02 09:00');
    assert.deepEqual([dueOf(c, 'case_legal'), dueOf(c, 'case_promised'), dueOf(c, 'step')], ['2026-03-30', '2026-03-16', '2026-03-09']);

    const sp = c.do({ type: 'start_special_procedure', kind: 'inspection', expected: nd(7), note: '委托省特检院' }, handler, '2026-03-05 10:00');
    assert.deepEqual(types(sp), ['special_procedure.started', 'clock.paused', 'clock.paused', 'clock.paused', 'clock.started']);
    assert.equal(c.state.status, 'special_procedure');
    assert.equal(dueAt(c.state.clocks.case_legal!, cal), null, 'stopped by law (§45)');
    assert.equal(dueOf(c, 'special_procedure'), '2026-03-12', 'the procedure clock: 7 natural days');

    const res = c.do({ type: 'record_special_result', result: '检验合格', outcome: 'passed' }, handler, '2026-03-12 15:00');
    assert.deepEqual(types(res), ['special_procedure.result_recorded', 'clock.stopped', 'clock.resumed', 'clock.resumed', 'clock.resumed']);
    // paused (3/5, 3/12] = 3/6, 9, 10, 11, 12 = 5 working days
    assert.deepEqual([dueOf(c, 'case_legal'), dueOf(c, 'case_promised'), dueOf(c, 'step')], ['2026-04-07', '2026-03-23', '2026-03-16']);

    c.refused({ type: 'suspend', reason: ' ' }, handler, '2026-03-13 10:00', 'REASON_REQUIRED');
    const sus = c.do({ type: 'suspend', reason: '等待规划部门意见' }, handler, '2026-03-13 10:00');
    assert.deepEqual(types(sus), ['case.suspended', 'clock.paused', 'clock.paused'], 'the legal clock keeps running');
    c.do({ type: 'resume', reason: '已收到规划部门意见' }, handler, '2026-03-18 09:00');
    // paused (3/13, 3/18] = 3/16, 17, 18 = 3 working days — promised and step only
    assert.deepEqual([dueOf(c, 'case_legal'), dueOf(c, 'case_promised'), dueOf(c, 'step')], ['2026-04-07', '2026-03-26', '2026-03-19']);
    assert.equal(c.state.specialResults[0].kind, 'inspection');
    assert.equal(c.state.clocks.case_promised!.pauses.length, 2);
    assert.deepEqual(replay(c.events), c.state);
  });

  test('one extension by the approver (§42); a second is refused', () => {
    const c = FX.in_process.clone();
    c.refused({ type: 'extend', reason: '情况复杂' }, handler, '2026-03-10 10:00', 'WRONG_ROLE');
    const ev = c.do({ type: 'extend', reason: '需组织专家论证' }, leader, '2026-03-10 10:00');
    assert.deepEqual(types(ev), ['case.extended', 'clock.extended', 'clock.extended']);
    assert.equal(dueOf(c, 'case_legal'), '2026-04-14', '3/30 + 10 working days (4/4–6 Qingming)');
    assert.equal(dueOf(c, 'case_promised'), '2026-03-30', '3/16 + 10 working days');
    assert.deepEqual(c.state.extension && [c.state.extension.days, c.state.extension.unit, c.state.extension.by.userId], [10, 'workday', leader.userId]);
    c.refused({ type: 'extend', reason: '仍需论证' }, leader, '2026-03-20 10:00', 'EXTENSION_ALREADY_USED');

    const j = new Case(JOINT);
    j.do(applyCmd('online', { unitId: 300 }), applicant, '2026-03-02 08:30');
    j.do({ type: 'accept' }, clerk, '2026-03-02 09:00');
    j.refused({ type: 'pass_step', opinion: 'agree' }, handler, '2026-03-03 09:00', 'WRONG_UNIT');
    j.do({ type: 'pass_step', opinion: 'agree' }, coUnitHandler, '2026-03-03 09:00');
    j.refused({ type: 'extend', reason: '联合审批', days: 16 }, coUnitHandler, '2026-03-04 09:00', 'EXTENSION_TOO_LONG');
    j.do({ type: 'extend', reason: '联合审批', days: 15 }, coUnitHandler, '2026-03-04 09:00');
    assert.equal(j.state.unitId, 300);
  });

  test('no acceptance decision within 5 working days: accepted as of receipt, by the system (§32(4))', () => {
    const c = new Case(PERMIT);
    c.do(applyCmd(), applicant, '2026-09-30 10:00');
    assert.equal(dueAt(c.state.clocks.acceptance!, cal)!.toISOString(), '2026-10-13T16:00:00.000Z');
    c.refused({ type: 'auto_accept' }, system, '2026-10-13 23:59', 'NOT_YET_DUE');
    const ev = c.do({ type: 'auto_accept' }, system, '2026-10-14 00:00');
    assert.equal(ev[0].type, 'case.accepted');
    assert.deepEqual(ev[0].by, { userId: 0, unitId: null, postCode: null, system: true });
    assert.equal(c.state.autoAccepted, true);
    assert.equal(c.state.acceptedAsOf, cst('2026-09-30 10:00').toISOString());
    assert.equal(c.state.clocks.case_legal!.startedAt, cst('2026-09-30 10:00').toISOString());
    assert.equal(dueOf(c, 'case_legal'), '2026-11-03', '20 working days from 9/30');
    assert.equal(dueOf(c, 'case_promised'), '2026-10-20');

    const late = new Case(PERMIT);
    late.do(applyCmd(), applicant, '2026-09-30 10:00');
    late.refused({ type: 'request_supplement', items: [{ materialCode: 'm2', name: '营业执照', problem: '缺' }] }, clerk, '2026-10-15 09:00', 'SUPPLEMENT_TOO_LATE');
    late.do({ type: 'accept' }, clerk, '2026-10-15 09:00');
    assert.equal(late.state.acceptedAsOf, cst('2026-09-30 10:00').toISOString(), 'a late acceptance also takes effect as of receipt');
    assert.equal(late.events.find((e) => e.type === 'case.accepted')!.data.late, true);
  });

  test('penalty: evidence before the decision, amount inside the discretion band, evidence frozen after', () => {
    const c = new Case(PENALTY);
    c.do({ ...applyCmd('ex_officio'), caseNo: 'CF20260401000001' } as CaseCommand, handler, '2026-04-01 09:00');
    c.do({ type: 'accept' }, handler, '2026-04-01 10:00'); // 立案 by the holder of the 立案 step's post
    assert.equal(c.state.currentStep, 'p2');
    assert.equal(dueOf(c, 'case_legal'), '2026-06-30', '90 natural days from 4/1');
    const bare = c.clone();
    c.do({ type: 'attach_evidence', files: [{ hash: hash(101), name: '现场检查笔录', kind: 'document' }, { hash: hash(102), name: '执法记录仪视频', kind: 'video' }] }, handler, '2026-04-02 10:00');
    for (const x of [c, bare]) {
      x.do({ type: 'pass_step', opinion: 'agree' }, handler, '2026-04-10 10:00');
      x.do({ type: 'pass_step', opinion: 'agree' }, reviewer, '2026-04-20 10:00');
    }
    const basis = ['《中华人民共和国食品安全法》第一百二十二条'];
    bare.refused({ type: 'decide', outcome: 'grant', legalBasis: basis, penalty: { circumstance: 'ordinary', fine: '10000' } }, leader, '2026-04-21 10:00', 'EVIDENCE_REQUIRED');
    c.refused({ type: 'decide', outcome: 'grant', legalBasis: basis }, leader, '2026-04-21 10:00', 'PENALTY_REQUIRED');
    c.refused({ type: 'decide', outcome: 'grant', legalBasis: basis, penalty: { circumstance: 'severe', fine: '10000' } }, leader, '2026-04-21 10:00', 'CIRCUMSTANCE_UNKNOWN');
    c.refused({ type: 'decide', outcome: 'grant', legalBasis: basis, penalty: { circumstance: 'ordinary', fine: '60000' } }, leader, '2026-04-21 10:00', 'PENALTY_OUT_OF_BAND');
    c.refused({ type: 'decide', outcome: 'grant', legalBasis: basis, penalty: { circumstance: 'ordinary', fine: '4999.99' } }, leader, '2026-04-21 10:00', 'PENALTY_OUT_OF_BAND');
    c.refused({ type: 'decide', outcome: 'grant', legalBasis: basis, penalty: { circumstance: 'minor', fine: '100' } }, leader, '2026-04-21 10:00', 'PENALTY_OUT_OF_BAND');
    c.refused({ type: 'decide', outcome: 'grant', legalBasis: basis, penalty: { circumstance: 'ordinary', fine: '1e4' } }, leader, '2026-04-21 10:00', 'INVALID_AMOUNT');
    c.do({ type: 'decide', outcome: 'grant', legalBasis: basis, penalty: { circumstance: 'ordinary', fine: '50000.00', otherMeasures: '没收违法所得' } }, leader, '2026-04-21 10:00');
    assert.deepEqual(c.state.decision!.penalty, { circumstance: 'ordinary', fine: '50000.00', otherMeasures: '没收违法所得' });
    assert.deepEqual(c.state.decision!.evidence, [hash(101), hash(102)]);
    c.refused({ type: 'attach_evidence', files: [{ hash: hash(103), name: '补拍照片', kind: 'photo' }] }, handler, '2026-04-22 10:00', 'WRONG_STATE');
  });

  test('returns only where the flow allows, with a reason', () => {
    const c = FX.in_process.clone();
    c.refused({ type: 'return_step', to: 's2', reason: '重做' }, handler, '2026-03-03 09:00', 'RETURN_NOT_ALLOWED'); // s2 has no returnTo
    c.do({ type: 'pass_step', opinion: 'agree' }, handler, '2026-03-03 09:00');
    c.refused({ type: 'return_step', to: 's4', reason: '跳过' }, reviewer, '2026-03-03 10:00', 'RETURN_NOT_ALLOWED'); // forward
    c.refused({ type: 'return_step', to: 's9', reason: '不存在' }, reviewer, '2026-03-03 10:00', 'RETURN_NOT_ALLOWED');
    c.refused({ type: 'return_step', to: 's2', reason: '重做' }, handler, '2026-03-03 10:00', 'WRONG_POST');
    const ev = c.do({ type: 'return_step', to: 's2', reason: '现场核查记录缺签字' }, reviewer, '2026-03-03 10:00');
    assert.deepEqual(types(ev), ['step.returned', 'clock.stopped', 'step.entered', 'clock.started']);
    assert.equal(c.state.currentStep, 's2');
    assert.equal(c.state.returnCount, 1);
    assert.equal(c.state.steps.at(-1)!.via, 'return');
    c.do({ type: 'pass_step', opinion: 'disagree', reason: '经营场所面积不足' }, handler, '2026-03-04 10:00');
    assert.deepEqual(c.state.steps.at(-2)!.reason, '经营场所面积不足');
  });

  test('supplements during processing pause the case and step clocks; a second notice is recorded as repeat', () => {
    const c = new Case(PERMIT);
    c.do(applyCmd(), applicant, '2026-03-02 08:00');
    c.do({ type: 'request_supplement', items: [{ materialCode: 'm2', name: '营业执照', problem: '缺' }] }, clerk, '2026-03-02 08:10');
    c.do({ type: 'supply_materials', materials: [{ code: 'm2', name: '营业执照', hash: hash(9), paper: false }] }, applicant, '2026-03-02 08:30');
    c.do({ type: 'accept' }, clerk, '2026-03-02 09:00');
    const ev = c.do({ type: 'request_supplement', items: [{ materialCode: 'm3', name: '场所平面图', problem: '比例不符' }], limit: wd(5) }, handler, '2026-03-03 09:00');
    assert.deepEqual(types(ev), ['case.supplement_requested', 'clock.paused', 'clock.paused', 'clock.paused', 'clock.started']);
    const data = ev[0].data as { phase: string; sequence: number; repeat: boolean };
    assert.deepEqual([data.phase, data.sequence, data.repeat], ['processing', 2, true]);
    assert.equal(c.state.status, 'processing_supplement');
    c.do({ type: 'supply_materials', materials: [{ code: 'm3', name: '场所平面图', hash: hash(10), paper: false }] }, applicant, '2026-03-10 09:00');
    assert.equal(c.state.status, 'in_process');
    assert.equal(dueOf(c, 'case_legal'), '2026-04-07', 'paused (3/3, 3/10] = 5 working days: 3/30 → 4/7');
    assert.equal(c.state.currentStep, 's2');
  });

  test('fees are checked against the standard and flagged, not refused (CASE-7)', () => {
    const c = FX.in_process_deciding.clone();
    c.do({
      type: 'decide', outcome: 'grant', legalBasis: ['某法第一条'],
      fees: [{ name: '工本费', amount: '20.00' }, { name: '检测费', amount: '51.00', quantity: '2' }, { name: '评审费', amount: '600' }, { name: '加急费', amount: '50' }],
    }, leader, '2026-03-05 10:00');
    const d = c.state.decision!;
    assert.deepEqual(d.violations.map((v) => [v.code, v.data.name]), [['FEE_AMOUNT_MISMATCH', '工本费'], ['FEE_OUT_OF_RANGE', '评审费'], ['FEE_NOT_IN_STANDARD', '加急费']]);
    assert.equal(d.feeTotal, '721.00');
    const c2 = FX.in_process_deciding.clone();
    c2.do({ ...grant, fees: [{ name: '检测费', amount: '76.50' }] } as CaseCommand, leader, '2026-03-05 10:00');
    assert.deepEqual(c2.state.decision!.violations.map((v) => v.code), ['FEE_QUANTITY_MISSING']);
    const c3 = FX.in_process_deciding.clone();
    c3.do({ ...grant, fees: [{ name: '检测费', amount: '38.25', quantity: '1.5' }] } as CaseCommand, leader, '2026-03-05 10:00');
    assert.deepEqual(c3.state.decision!.violations, [], '25.50 × 1.5 = 38.25');
  });

  test('a decision after the promised limit is flagged', () => {
    const c = FX.in_process_deciding.clone(); // promised due 3/16, legal 3/30
    c.do(grant, leader, '2026-03-17 10:00');
    assert.deepEqual(c.state.decision!.violations.map((v) => v.code), ['DECIDED_AFTER_PROMISED_LIMIT']);
    assert.equal(c.state.decision!.violations[0].data.due, endOfChinaDay('2026-03-16').toISOString());
  });

  test('a decision that must follow an inspection needs its recorded result', () => {
    const c = new Case(INSPECTED);
    c.do(applyCmd(), applicant, '2026-03-02 08:30');
    c.do({ type: 'accept' }, clerk, '2026-03-02 09:00');
    const noResult = c.clone();
    c.do({ type: 'start_special_procedure', kind: 'inspection', expected: wd(5) }, handler, '2026-03-03 09:00');
    c.do({ type: 'record_special_result', result: '检验合格，出具报告 TJ2026-001', outcome: 'passed' }, handler, '2026-03-06 09:00');
    for (const x of [c, noResult]) {
      x.do({ type: 'pass_step', opinion: 'agree' }, handler, '2026-03-09 09:00');
      x.do({ type: 'pass_step', opinion: 'agree' }, reviewer, '2026-03-10 09:00');
    }
    noResult.refused(grant, leader, '2026-03-11 09:00', 'SPECIAL_RESULT_MISSING');
    c.do(grant, leader, '2026-03-11 09:00');
    assert.deepEqual(c.state.decision!.specialResults, ['inspection']);
  });
});

// ---------------------------------------------------------------------------
// Property: any sequence of commands keeps to the table, and replay rebuilds the state.

function blank(cmd: CaseCommand): CaseCommand {
  const x = { ...cmd } as Record<string, unknown>;
  for (const k of ['reason', 'reasons', 'result']) if (k in x) x[k] = '';
  if ('legalBasis' in x) x.legalBasis = [];
  if ('items' in x) x.items = [];
  return x as CaseCommand;
}

describe('case machine: properties', () => {
  test('random command sequences never leave the table, keep the clock invariants, and replay exactly', () => {
    const stepArb = fc.record({
      type: fc.constantFrom(...COMMAND_ORDER),
      // mostly a command the table allows in the current state (rarely one that closes the
      // case), so that the walk reaches deep states; otherwise any command at all
      guided: fc.constantFrom(false, true, true, true),
      pick: fc.nat(),
      close: fc.integer({ min: 0, max: 9 }),
      actor: fc.option(fc.constantFrom(...ACTORS), { nil: undefined, freq: 4 }),
      blank: fc.constantFrom(false, false, false, true), // sometimes strip reasons, basis, lists
      hours: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 24 * 12 })),
    });
    fc.assert(fc.property(fc.constantFrom(PERMIT, PENALTY, INSPECTED), fc.array(stepArb, { minLength: 1, maxLength: 80, size: 'large' }), (item, steps) => {
      const c = new Case(item);
      let t = cst('2026-01-05 09:00').getTime();
      for (const st of steps) {
        t += st.hours * HOUR;
        const now = new Date(t);
        const before = c.state.status;
        const all = allowedCommands(before);
        const open = all.filter((k) => !TERMINAL_STATUSES.includes(transitionOf(before, k)!) || before === 'completed');
        const allowed = st.close === 9 || open.length === 0 ? all : open;
        const type = st.guided && allowed.length ? allowed[st.pick % allowed.length] : st.type;
        const v = valid(type, c, now);
        const cmd = st.blank ? blank(v.cmd) : v.cmd;
        let r!: CommandResult;
        assert.doesNotThrow(() => { r = decide(c.state, cmd, { now, calendar: cal, item, actor: st.actor ?? v.actor }); });
        const to = transitionOf(before, type);
        if (!r.ok) {
          assert.equal(r.code === 'WRONG_STATE', to === null, `${before} × ${type}: ${r.code}`);
          continue;
        }
        assert.notEqual(to, null);
        for (const e of r.events) assert.equal(e.at, now.toISOString());
        c.state = r.events.reduce(apply, c.state);
        c.events.push(...r.events);
        assert.equal(c.state.status, to);
        checkClocks(c.state);
        if (TERMINAL_STATUSES.includes(c.state.status)) assert.equal(Object.values(c.state.clocks).filter((k) => k.stoppedAt === null).length, 0);
      }
      assert.deepEqual(replay(c.events), c.state);
      assert.deepEqual(replay(JSON.parse(JSON.stringify(c.events)) as CaseEvent[]), c.state);
    }), { numRuns: 400 });
  });

  test('a guided walk (allowed commands, right actors) reaches every state', () => {
    const seen = new Set<CaseStatus>(['new']);
    const step = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 48 }));
    fc.assert(fc.property(fc.constantFrom(PERMIT, PENALTY), fc.array(step, { minLength: 30, maxLength: 80 }), (item, steps) => {
      const c = new Case(item);
      let t = cst('2026-01-05 09:00').getTime();
      for (const [pick, end, h] of steps) {
        const all = allowedCommands(c.state.status);
        // mostly commands that keep the case open, so that the walk gets deep
        const open = all.filter((k) => !TERMINAL_STATUSES.includes(transitionOf(c.state.status, k)!) || c.state.status === 'completed');
        const allowed = end === 9 || open.length === 0 ? all : open;
        if (!allowed.length) break;
        const type = allowed[pick % allowed.length];
        t += h * HOUR;
        const v = valid(type, c, new Date(t));
        const r = decide(c.state, v.cmd, { now: new Date(t), calendar: cal, item, actor: v.actor });
        if (r.ok) c.state = r.events.reduce(apply, c.state);
        seen.add(c.state.status);
      }
    }), { numRuns: 600 });
    assert.deepEqual([...seen].sort(), [...STATES].sort());
  });
});

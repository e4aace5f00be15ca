// 成都 §9 anomalies: each rule fires on the case that breaks it and stays silent on the lawful one.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backfilledEntry, inconsistentData, reasonMissing, supplementNotAtOnce, supplementRepeated } from './anomalies.ts';
import { MATERIALS, PENALTY, PERMIT, PERSON, Story, applicant, clerk, grant, handler, leader, reviewer, run } from './testkit.ts';
import { SHIPPED_RULES, parseParams } from './index.ts';

const reasonRule = (code: string) => SHIPPED_RULES.find((r) => r.code === code)!.params as any;

describe('咨询异常 (成都§9(2))', () => {
  test('SUPPLEMENT_REPEATED fires on the second supplement notice', () => {
    const s = new Story();
    s.do({ type: 'apply', caseNo: 'SL1', channel: 'online', applicant: PERSON, materials: MATERIALS }, applicant, '2026-03-02 08:30');
    const first = s.do({ type: 'request_supplement', items: [{ materialCode: 'm2', name: '营业执照', problem: '缺副本' }] }, clerk, '2026-03-02 09:00');
    assert.deepEqual(run(supplementRepeated, first, PERMIT), [], 'the first notice is lawful');
    s.do({ type: 'supply_materials', materials: [{ code: 'm2', name: '营业执照', hash: null, paper: true }] }, applicant, '2026-03-03 09:00');
    const second = s.do({ type: 'request_supplement', items: [{ materialCode: 'm1', name: '申请书', problem: '未签字' }] }, clerk, '2026-03-03 10:00');
    const f = run(supplementRepeated, second, PERMIT);
    assert.equal(f.length, 1);
    assert.match(f[0].explanation, /第 2 次/);
    assert.deepEqual(f[0].eventIds, [second.events[0].id]);
    assert.deepEqual(run(supplementRepeated, second, PERMIT, { maxNotices: 2 }), [], 'a region may allow two');
  });

  test('SUPPLEMENT_NOT_AT_ONCE fires when a missing required material is not listed, silent when all are', () => {
    const s = new Story();
    s.do({ type: 'apply', caseNo: 'SL1', channel: 'online', applicant: PERSON, materials: [MATERIALS[0]] }, applicant, '2026-03-02 08:30');
    const partial = new Story();
    partial.state = s.state;
    const bad = partial.do({ type: 'request_supplement', items: [{ materialCode: 'm3', name: '平面图', problem: '不清晰' }] }, clerk, '2026-03-02 09:00');
    const f = run(supplementNotAtOnce, bad, PERMIT);
    assert.equal(f.length, 1);
    assert.match(f[0].explanation, /营业执照/);
    const good = s.do({ type: 'request_supplement', items: [{ materialCode: 'm2', name: '营业执照', problem: '未提交' }] }, clerk, '2026-03-02 09:00');
    assert.deepEqual(run(supplementNotAtOnce, good, PERMIT), []);
  });
});

describe('不受理/不许可/暂停/终止异常 (成都§9(3)–(6))', () => {
  test('REFUSE_WITHOUT_REASON: a placeholder reason fires, a real reason is silent', () => {
    const mk = (reason: string) => {
      const s = new Story();
      s.do({ type: 'apply', caseNo: 'SL1', channel: 'online', applicant: PERSON, materials: MATERIALS }, applicant, '2026-03-02 08:30');
      return s.do({ type: 'refuse', reason }, clerk, '2026-03-02 09:00');
    };
    assert.equal(run(reasonMissing, mk('不符合'), PERMIT, reasonRule('REFUSE_WITHOUT_REASON')).length, 1);
    assert.equal(run(reasonMissing, mk('。。'), PERMIT, reasonRule('REFUSE_WITHOUT_REASON')).length, 1);
    assert.deepEqual(run(reasonMissing, mk('申请事项不属于本机关职权范围，已告知向市住建局申请'), PERMIT, reasonRule('REFUSE_WITHOUT_REASON')), []);
  });

  test('DENY_WITHOUT_REASON: only denials, reasons checked; an exchange record without reasons fires', () => {
    const s = Story.accepted().toApproval();
    const deny = s.do({ type: 'decide', outcome: 'deny', reasons: '无', legalBasis: ['《行政许可法》第三十八条'] }, leader, '2026-03-05 10:00');
    assert.equal(run(reasonMissing, deny, PERMIT, reasonRule('DENY_WITHOUT_REASON')).length, 1);
    const ok = Story.accepted().toApproval().do({ type: 'decide', outcome: 'deny', reasons: '经现场核查，经营场所与申报不符', legalBasis: ['《行政许可法》第三十八条'] }, leader, '2026-03-05 10:00');
    assert.deepEqual(run(reasonMissing, ok, PERMIT, reasonRule('DENY_WITHOUT_REASON')), []);
    const granted = Story.accepted().toApproval().do(grant(), leader, '2026-03-05 10:00');
    assert.deepEqual(run(reasonMissing, granted, PERMIT, reasonRule('DENY_WITHOUT_REASON')), [], 'a grant needs no reasons');
    const raw = Story.accepted().toApproval().raw([{ type: 'case.decided', data: { outcome: 'deny', reasons: null, legalBasis: ['x法第1条'], fees: [], feeTotal: '0.00', evidence: [], specialResults: [], violations: [] } }], '2026-03-05 10:00');
    assert.equal(run(reasonMissing, raw, PERMIT, reasonRule('DENY_WITHOUT_REASON')).length, 1);
  });

  test('SUSPEND_WITHOUT_REASON and TERMINATE_WITHOUT_REASON', () => {
    const s = Story.accepted();
    const sus = s.do({ type: 'suspend', reason: '略' }, handler, '2026-03-03 10:00');
    assert.equal(run(reasonMissing, sus, PERMIT, reasonRule('SUSPEND_WITHOUT_REASON')).length, 1);
    const res = s.do({ type: 'resume', reason: '申请人已补充说明' }, handler, '2026-03-04 10:00');
    assert.deepEqual(run(reasonMissing, res, PERMIT, reasonRule('SUSPEND_WITHOUT_REASON')), []);
    const sus2 = Story.accepted().do({ type: 'suspend', reason: '等待规划部门出具用地意见' }, handler, '2026-03-03 10:00');
    assert.deepEqual(run(reasonMissing, sus2, PERMIT, reasonRule('SUSPEND_WITHOUT_REASON')), []);
    const term = Story.accepted().do({ type: 'terminate', reason: '其他' }, handler, '2026-03-03 10:00');
    assert.equal(run(reasonMissing, term, PERMIT, reasonRule('TERMINATE_WITHOUT_REASON')).length, 1);
    const term2 = Story.accepted().do({ type: 'terminate', reason: '申请人死亡，无继承人继续申请' }, handler, '2026-03-03 10:00');
    assert.deepEqual(run(reasonMissing, term2, PERMIT, reasonRule('TERMINATE_WITHOUT_REASON')), []);
  });
});

describe('事后补录与虚假报送 (成都§9(8))', () => {
  test('BACKFILLED_ENTRY fires when recorded more than a day after it happened', () => {
    const s = Story.accepted();
    const late = s.do({ type: 'pass_step', opinion: 'agree' }, handler, '2026-03-03 10:00', '2026-03-06 10:00');
    const f = run(backfilledEntry, late, PERMIT);
    assert.equal(f.length, 1);
    assert.match(f[0].explanation, /滞后约 72 小时/);
    assert.equal(f[0].eventIds.length, late.events.length);
    const onTime = Story.accepted().do({ type: 'pass_step', opinion: 'agree' }, handler, '2026-03-03 10:00', '2026-03-03 10:01');
    assert.deepEqual(run(backfilledEntry, onTime, PERMIT), []);
    assert.equal(run(backfilledEntry, onTime, PERMIT, { maxLagMinutes: 0 + 1 }).length, 0);
  });

  test('INCONSISTENT_DATA fires on impossible facts, silent on a clean run', () => {
    const s = Story.accepted().toApproval();
    const clean = s.do(grant(), leader, '2026-03-05 10:00');
    assert.deepEqual(run(inconsistentData, clean, PERMIT), []);
    const bad = Story.accepted().toApproval().raw([{ type: 'case.decided', data: { outcome: 'grant', reasons: null, legalBasis: ['x'], fees: [{ name: '工本费', amount: '10.00' }], feeTotal: '100.00', evidence: [], specialResults: [], violations: [] } }], '2026-03-05 10:00');
    const f = run(inconsistentData, bad, PERMIT);
    assert.equal(f.length, 1);
    assert.match(f[0].explanation, /收费合计/);
    const future = Story.accepted().raw([{ type: 'case.suspended', data: { reason: '等待检测', expected: null, sequence: 1 } }], '2026-03-09 10:00', '2026-03-05 10:00');
    assert.match(run(inconsistentData, future, PERMIT)[0].explanation, /晚于录入时间/);
    const back = Story.accepted().raw([{ type: 'case.suspended', data: { reason: '等待检测', expected: null, sequence: 1 } }], '2026-03-01 10:00');
    assert.match(run(inconsistentData, back, PERMIT)[0].explanation, /早于前一条记录/);
  });
});

test('the reason rules validate their parameters', () => {
  assert.equal(parseParams('reason_missing', { eventType: 'case.refused', field: 'reason', label: '不受理异常' }).ok, true);
  const bad = parseParams('reason_missing', { eventType: 'case.deleted', field: 'reason', label: 'x' });
  assert.equal(bad.ok, false);
  assert.equal(parseParams('nope', {}).ok, false);
  assert.ok(PENALTY && reviewer);
});

// 成都 §10 violations and 四川 §10(二) checks: fire on the breach, silent on the lawful case.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { approvalChanged, caseOnInactiveItem, decidedLate, feeNotStandard, penaltyOutOfBand, specialResultIgnored } from './violations.ts';
import { decisionWithoutEvidence, evidenceChanged, executionInconsistent, illegalReturn, noLegalBasis, stepWithoutPost } from './sichuan.ts';
import { INSPECTED, PENALTY, PERMIT, PERSON, MATERIALS, Story, applicant, clerk, grant, handler, hash, leader, reviewer, run } from './testkit.ts';

const penaltyDecided = (fine: string, circumstance: 'ordinary' | 'serious' = 'ordinary', evidence = true) => {
  const s = Story.accepted(PENALTY);
  if (evidence) s.do({ type: 'attach_evidence', files: [{ hash: hash(7), name: '现场照片', kind: 'photo' }] }, handler, '2026-03-03 11:00');
  s.do({ type: 'pass_step', opinion: 'agree' }, handler, '2026-03-04 10:00');
  return { s, step: s.do({ type: 'decide', outcome: 'grant', legalBasis: ['《食品安全法》第一百二十二条'], penalty: { circumstance, fine } }, leader, '2026-03-05 10:00') };
};

describe('成都§10', () => {
  test('CASE_ON_INACTIVE_ITEM fires for a case applied on a cancelled or paused item', () => {
    const s = new Story();
    const applied = s.do({ type: 'apply', caseNo: 'SL1', channel: 'online', applicant: PERSON, materials: MATERIALS }, applicant, '2026-03-02 08:30');
    assert.match(run(caseOnInactiveItem, applied, PERMIT, {}, { itemStatus: 'cancelled' })[0].explanation, /取消/);
    assert.equal(run(caseOnInactiveItem, applied, PERMIT, {}, { itemStatus: 'paused' }).length, 1);
    assert.deepEqual(run(caseOnInactiveItem, applied, PERMIT, {}, { itemStatus: 'active' }), []);
    assert.deepEqual(run(caseOnInactiveItem, applied, PERMIT, { statuses: ['cancelled'] }, { itemStatus: 'paused' }), []);
  });

  test('DECIDED_LATE fires after the promised limit (10 working days), silent within it', () => {
    const late = Story.accepted().toApproval().do(grant(), leader, '2026-03-20 10:00');
    const f = run(decidedLate, late, PERMIT);
    assert.equal(f.length, 1);
    assert.match(f[0].title, /承诺期限/);
    const legal = Story.accepted().toApproval().do(grant(), leader, '2026-04-02 10:00');
    assert.match(run(decidedLate, legal, PERMIT)[0].title, /法定期限/);
    assert.deepEqual(run(decidedLate, Story.accepted().toApproval().do(grant(), leader, '2026-03-16 10:00'), PERMIT), [], '3/16 is the 10th working day');
  });

  test('FEE_NOT_STANDARD fires on a fee off the standard, silent on the standard fee', () => {
    const bad = Story.accepted().toApproval().do(grant({ fees: [{ name: '工本费', amount: '20.00' }] }), leader, '2026-03-05 10:00');
    assert.match(run(feeNotStandard, bad, PERMIT)[0].explanation, /应收 10.00 元/);
    const extra = Story.accepted().toApproval().do(grant({ fees: [{ name: '加急费', amount: '100.00' }] }), leader, '2026-03-05 10:00');
    assert.equal(run(feeNotStandard, extra, PERMIT).length, 1);
    assert.deepEqual(run(feeNotStandard, Story.accepted().toApproval().do(grant(), leader, '2026-03-05 10:00'), PERMIT), []);
  });

  test('PENALTY_OUT_OF_BAND (四川§10(二)7) fires on an exchange record outside the band, silent inside', () => {
    const { step } = penaltyDecided('20000');
    assert.deepEqual(run(penaltyOutOfBand, step, PENALTY), []);
    const s = penaltyDecided('20000').s;
    void s;
    const raw = Story.accepted(PENALTY).raw([{ type: 'case.decided', data: { outcome: 'grant', reasons: null, legalBasis: ['x'], fees: [], feeTotal: '0.00', penalty: { circumstance: 'ordinary', fine: '80000' }, evidence: [hash(7)], specialResults: [], violations: [] } }], '2026-03-05 10:00');
    assert.match(run(penaltyOutOfBand, raw, PENALTY)[0].explanation, /5000–50000/);
    const unknown = Story.accepted(PENALTY).raw([{ type: 'case.decided', data: { outcome: 'grant', legalBasis: ['x'], fees: [], feeTotal: '0.00', penalty: { circumstance: 'severe', fine: '1' }, evidence: [], specialResults: [], violations: [] } }], '2026-03-05 10:00');
    assert.match(run(penaltyOutOfBand, unknown, PENALTY)[0].explanation, /不在本事项裁量基准内/);
  });

  test('SPECIAL_RESULT_IGNORED fires without the required inspection or against a failed one', () => {
    const s = Story.accepted(INSPECTED).toApproval();
    s.do({ type: 'start_special_procedure', kind: 'inspection', expected: { days: 5, unit: 'workday' } }, leader, '2026-03-05 09:00');
    s.do({ type: 'record_special_result', result: '检验合格', outcome: 'passed' }, leader, '2026-03-09 09:00');
    assert.deepEqual(run(specialResultIgnored, s.do(grant(), leader, '2026-03-09 10:00'), INSPECTED), []);
    const failed = Story.accepted(INSPECTED).toApproval();
    failed.do({ type: 'start_special_procedure', kind: 'inspection', expected: { days: 5, unit: 'workday' } }, leader, '2026-03-05 09:00');
    failed.do({ type: 'record_special_result', result: '压力容器检验不合格', outcome: 'failed' }, leader, '2026-03-09 09:00');
    assert.match(run(specialResultIgnored, failed.do(grant(), leader, '2026-03-09 10:00'), INSPECTED)[0].explanation, /不合格/);
    const none = Story.accepted(INSPECTED).toApproval().raw([{ type: 'case.decided', data: { outcome: 'grant', legalBasis: ['x'], fees: [], feeTotal: '0.00', evidence: [], specialResults: [], violations: [] } }], '2026-03-05 10:00');
    assert.match(run(specialResultIgnored, none, INSPECTED)[0].explanation, /未经「检验」/);
  });

  test('APPROVAL_CHANGED fires on a second decision or result after completion, silent on delivery', () => {
    const s = Story.accepted().toApproval();
    s.do(grant(), leader, '2026-03-05 10:00');
    const done = s.do({ type: 'complete', resultKind: 'certificate', number: 'JY15107000001', validFrom: '2026-03-06', validUntil: '2031-03-05' }, clerk, '2026-03-06 10:00');
    assert.deepEqual(run(approvalChanged, done, PERMIT), []);
    const changed = s.raw([{ type: 'case.completed', data: { kind: 'certificate', number: 'JY15107000002', validFrom: '2026-03-06', validUntil: '2036-03-05' } }], '2026-03-10 10:00');
    assert.equal(run(approvalChanged, changed, PERMIT).length, 1);
    const delivered = Story.accepted().toApproval();
    delivered.do(grant(), leader, '2026-03-05 10:00');
    delivered.do({ type: 'complete', resultKind: 'certificate', number: 'N1' }, clerk, '2026-03-06 10:00');
    assert.deepEqual(run(approvalChanged, delivered.do({ type: 'deliver', receipt: { method: 'window', recipient: '张三', receiptNo: 'SD1', signedOn: '2026-03-06' } }, clerk, '2026-03-06 11:00'), PERMIT), []);
  });
});

describe('四川§10(二)', () => {
  test('STEP_WITHOUT_POST fires when a step is passed by someone without its post', () => {
    const s = Story.accepted();
    const bad = s.raw([{ type: 'step.passed', data: { step: 's2', opinion: 'agree', comment: null, reason: null, to: 's3' }, by: { userId: 12, postCode: 'review' } }], '2026-03-03 10:00');
    assert.match(run(stepWithoutPost, bad, PERMIT)[0].explanation, /「handle」岗位/);
    assert.deepEqual(run(stepWithoutPost, Story.accepted().do({ type: 'pass_step', opinion: 'agree' }, handler, '2026-03-03 10:00'), PERMIT), []);
  });

  test('ILLEGAL_RETURN fires on a return the flow does not allow', () => {
    const s = Story.accepted().toApproval();
    assert.deepEqual(run(illegalReturn, s.do({ type: 'return_step', to: 's3', reason: '审核意见不充分' }, leader, '2026-03-05 10:00'), PERMIT), []);
    const bad = Story.accepted().toApproval().raw([{ type: 'step.returned', data: { step: 's4', to: 's1', reason: '重新受理' } }], '2026-03-05 10:00');
    assert.equal(run(illegalReturn, bad, PERMIT).length, 1);
    const fwd = Story.accepted().raw([{ type: 'step.returned', data: { step: 's2', to: 's4', reason: 'x' } }], '2026-03-05 10:00');
    assert.equal(run(illegalReturn, fwd, PERMIT).length, 1);
  });

  test('DECISION_WITHOUT_EVIDENCE fires on a penalty decided without evidence', () => {
    assert.deepEqual(run(decisionWithoutEvidence, penaltyDecided('20000').step, PENALTY), []);
    const bare = Story.accepted(PENALTY).raw([{ type: 'case.decided', data: { outcome: 'grant', legalBasis: ['x'], fees: [], feeTotal: '0.00', penalty: { circumstance: 'ordinary', fine: '6000' }, evidence: [], specialResults: [], violations: [] } }], '2026-03-05 10:00');
    assert.equal(run(decisionWithoutEvidence, bare, PENALTY).length, 1);
    assert.deepEqual(run(decisionWithoutEvidence, bare, PERMIT), [], 'permits are not listed by default');
  });

  test('EVIDENCE_CHANGED fires on evidence after the decision or a decision citing other evidence', () => {
    const { s, step } = penaltyDecided('20000');
    assert.deepEqual(run(evidenceChanged, step, PENALTY), []);
    const after = s.raw([{ type: 'evidence.attached', data: { files: [{ hash: hash(8), name: '补拍照片', kind: 'photo' }] } }], '2026-03-06 10:00');
    assert.match(run(evidenceChanged, after, PENALTY)[0].title, /决定后更改/);
    const swapped = Story.accepted(PENALTY);
    swapped.do({ type: 'attach_evidence', files: [{ hash: hash(7), name: '现场照片', kind: 'photo' }] }, handler, '2026-03-02 10:00');
    const d = swapped.raw([{ type: 'case.decided', data: { outcome: 'grant', legalBasis: ['x'], fees: [], feeTotal: '0.00', penalty: { circumstance: 'ordinary', fine: '6000' }, evidence: [hash(9)], specialResults: [], violations: [] } }], '2026-03-05 10:00');
    assert.match(run(evidenceChanged, d, PENALTY)[0].title, /不一致/);
  });

  test('NO_LEGAL_BASIS fires on a decision without a real legal basis', () => {
    assert.deepEqual(run(noLegalBasis, Story.accepted().toApproval().do(grant(), leader, '2026-03-05 10:00'), PERMIT), []);
    const raw = Story.accepted().toApproval().raw([{ type: 'case.decided', data: { outcome: 'grant', legalBasis: ['无'], fees: [], feeTotal: '0.00', evidence: [], specialResults: [], violations: [] } }], '2026-03-05 10:00');
    assert.equal(run(noLegalBasis, raw, PERMIT).length, 1);
  });

  test('EXECUTION_INCONSISTENT fires on a certificate after a denial or an execution off the decided fine', () => {
    const d = Story.accepted().toApproval();
    d.do({ type: 'decide', outcome: 'deny', reasons: '场所不符合食品安全要求', legalBasis: ['《行政许可法》第三十八条'] }, leader, '2026-03-05 10:00');
    assert.deepEqual(run(executionInconsistent, d.do({ type: 'complete', resultKind: 'document', number: 'BY1' }, clerk, '2026-03-06 10:00'), PERMIT), []);
    const c = Story.accepted().toApproval();
    c.do({ type: 'decide', outcome: 'deny', reasons: '场所不符合食品安全要求', legalBasis: ['《行政许可法》第三十八条'] }, leader, '2026-03-05 10:00');
    const cert = c.raw([{ type: 'case.completed', data: { kind: 'certificate', number: 'JY1', validFrom: null, validUntil: null } }], '2026-03-06 10:00');
    assert.match(run(executionInconsistent, cert, PERMIT)[0].explanation, /颁发了证照/);
    const { s } = penaltyDecided('20000');
    const exec = s.raw([{ type: 'case.completed', data: { kind: 'document', number: 'CF1', validFrom: null, validUntil: null, execution: { fine: '2000' } } }], '2026-03-10 10:00');
    assert.match(run(executionInconsistent, exec, PENALTY)[0].explanation, /执行记录为 2000 元/);
    const ok = penaltyDecided('20000').s.raw([{ type: 'case.completed', data: { kind: 'document', number: 'CF1', validFrom: null, validUntil: null, execution: { fine: '20000.00' } } }], '2026-03-10 10:00');
    assert.deepEqual(run(executionInconsistent, ok, PENALTY), []);
    assert.ok(reviewer);
  });
});

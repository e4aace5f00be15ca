// CAT-1 / CAT-4 rules as a table of cases (pure).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeCreditCode } from '../domain/validators.ts';
import { ElementsSchema, changedFields, partsOf } from './elements.ts';
import { elementProblems, flowApprovalProblems, flowProblems, limitExceeds, stepsTotal, submitProblems } from './validate.ts';

const credit = makeCreditCode('11510700708000740');
const unit = { creditCode: credit, postCodes: new Set(['accept', 'handle', 'review', 'approve']) };
const step = (code: string, days: number, returnTo: string[] = [], postCode = 'handle', unitName: 'workday' | 'natural' = 'workday') =>
  ({ code, kind: 'handle' as const, name: code, postCode, duty: '', limit: { days, unit: unitName }, returnTo });
const base = ElementsSchema.parse({
  baseCode: '000110001000', name: '食品经营许可', type: '01', unitId: 1, legalLimit: { days: 20, unit: 'workday' }, promisedLimit: { days: 10, unit: 'workday' },
  steps: [step('s1', 1, [], 'accept'), step('s2', 5, ['s1']), step('s3', 4, ['s1', 's2'], 'approve')],
});
const codes = (over: object) => elementProblems({ ...base, ...over } as typeof base, unit).map((p) => p.code);

test('a valid permit has no problems and derives its 31-character 实施编码', () => {
  assert.deepEqual(codes({}), []);
  assert.deepEqual(codes({ implCode: `${credit}1000110001000` }), []);
});

test('table of refusals', () => {
  const cases: [object, string][] = [
    [{ baseCode: '00011000100' }, 'INVALID_BASE_CODE'],
    [{ baseCode: '00011000100a' }, 'INVALID_BASE_CODE'],
    [{ implCode: `${credit}2000110001000` }, 'INVALID_IMPL_CODE'],
    [{ implCode: 'X'.repeat(31) }, 'INVALID_IMPL_CODE'],
    [{ promisedLimit: { days: 21, unit: 'workday' } }, 'PROMISED_EXCEEDS_LEGAL'],
    [{ legalLimit: { days: 14, unit: 'natural' }, promisedLimit: { days: 11, unit: 'workday' } }, 'PROMISED_EXCEEDS_LEGAL'],
    [{ onTheSpot: true }, 'ON_THE_SPOT_LIMIT'],
    [{ free: false }, 'FEE_REQUIRED'],
    [{ fees: [{ name: '费', basis: '', standard: { kind: 'fixed', amount: '1' } }] }, 'FEES_ON_FREE_ITEM'],
    [{ free: false, fees: [{ name: '费', basis: '', standard: { kind: 'rate', perUnit: '-1', unitName: '次' } }] }, 'INVALID_FEE_STANDARD'],
    [{ discretion: [{ circumstance: 'minor', description: 'x', minFine: '10', maxFine: '5', otherMeasures: null }] }, 'INVALID_DISCRETION_BAND'],
    [{ discretion: [{ circumstance: 'minor', description: 'x', minFine: null, maxFine: null, otherMeasures: null }] }, 'INVALID_DISCRETION_BAND'],
    [{ secret: true }, 'SECRET_DOC_REQUIRED'],
    [{ coUnitIds: [1] }, 'INVALID_CO_UNIT'],
  ];
  for (const [over, code] of cases) assert.ok(codes(over).includes(code), `${JSON.stringify(over)} → ${code}, got ${codes(over)}`);
  assert.deepEqual(elementProblems(base, { ...unit, creditCode: null }).map((p) => p.code), ['UNIT_WITHOUT_CREDIT_CODE']);
});

test('flow: steps inside the promise, known posts, returns only to earlier steps, unique codes', () => {
  const p = (steps: ReturnType<typeof step>[], promised = { days: 10, unit: 'workday' as const }) =>
    flowProblems({ steps, promisedLimit: promised }, unit.postCodes).map((x) => x.code);
  assert.deepEqual(p([step('a', 5), step('b', 5, ['a'])]), []);
  assert.deepEqual(p([step('a', 6), step('b', 5, ['a'])]), ['STEPS_EXCEED_PROMISED']);
  assert.deepEqual(p([step('a', 1, ['b']), step('b', 1)]), ['ILLEGAL_RETURN_TARGET']);
  assert.deepEqual(p([step('a', 1, ['a'])]), ['ILLEGAL_RETURN_TARGET'], 'not to itself');
  assert.deepEqual(p([step('a', 1), step('a', 1)]), ['DUPLICATE_STEP_CODE']);
  assert.deepEqual(p([step('a', 1, [], 'cashier')]), ['STEP_POST_UNKNOWN']);
  // mixed units compare in working days: 7 natural days ≈ 5 working days
  assert.deepEqual(p([step('a', 7, [], 'handle', 'natural'), step('b', 5)]), []);
  assert.deepEqual(p([step('a', 10, [], 'handle', 'natural'), step('b', 5, [])]), ['STEPS_EXCEED_PROMISED']);
  assert.deepEqual(stepsTotal([step('a', 2), step('b', 3)], { days: 9, unit: 'workday' }), { days: 5, unit: 'workday' });
  assert.equal(limitExceeds({ days: 60, unit: 'natural' }, { days: 90, unit: 'natural' }), false);
});

test('submission needs a flow; 法制 approval of a penalty needs a discretion benchmark', () => {
  assert.deepEqual(submitProblems({ ...base, steps: [] }).map((p) => p.code), ['FLOW_REQUIRED']);
  assert.deepEqual(submitProblems(base), []);
  assert.deepEqual(flowApprovalProblems({ ...base, type: '02' }).map((p) => p.code), ['DISCRETION_REQUIRED']);
  assert.deepEqual(flowApprovalProblems(base), []);
});

test('changed fields decide who reviews (CAT-3)', () => {
  assert.deepEqual(partsOf(changedFields(base, { ...base, name: '改名' })), ['basic']);
  assert.deepEqual(partsOf(changedFields(base, { ...base, steps: base.steps.slice(0, 2) })), ['flow']);
  assert.deepEqual(partsOf(changedFields(base, { ...base, name: '改名', discretion: [] , steps: [] })), ['basic', 'flow']);
  assert.deepEqual(changedFields(base, base), []);
  assert.deepEqual(partsOf(changedFields(null, base)), ['basic', 'flow']);
});

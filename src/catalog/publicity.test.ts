// CAT-6 / SUP-12 publicity check (pure).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ElementsSchema } from './elements.ts';
import { PUBLICITY_CODES, publicityProblems } from './publicity.ts';

const full = ElementsSchema.parse({
  baseCode: '000110001000', name: '食品经营许可', type: '01', unitId: 1,
  legalBasis: [{ lawName: '中华人民共和国食品安全法', article: '第三十五条', text: '国家对食品生产经营实行许可制度。' }],
  conditions: '有与经营相适应的场所', materials: [{ code: 'm1', name: '申请书' }], externalProcedure: '申请—受理—审查—决定',
  legalLimit: { days: 10, unit: 'workday' }, promisedLimit: { days: 5, unit: 'workday' }, result: { kind: 'certificate', name: '食品经营许可证' },
  office: '政务服务中心', address: '绵阳市', hours: '工作日', consultPhone: '0816-12345', complaintPhone: '0816-12388',
});
const codes = (over: object) => publicityProblems({ ...full, ...over } as typeof full).map((p) => p.code);

test('a complete item has no publicity problems', () => {
  assert.deepEqual(codes({}), []);
});

test('each missing or inconsistent element is one coded problem with a Chinese message', () => {
  const cases: [object, string[]][] = [
    [{ legalBasis: [] }, ['NO_LEGAL_BASIS']],
    [{ legalBasis: [{ lawName: '某法', article: '第一条', text: '' }] }, ['LEGAL_BASIS_TEXT_MISSING']],
    [{ materials: [] }, ['NO_MATERIALS']],
    [{ conditions: '' }, ['NO_CONDITIONS']],
    [{ externalProcedure: '' }, ['NO_EXTERNAL_PROCEDURE']],
    [{ promisedLimit: { days: 0, unit: 'workday' } }, ['PROMISED_LIMIT_MISSING']],
    [{ promisedLimit: { days: 12, unit: 'workday' } }, ['PROMISED_EXCEEDS_LEGAL']],
    [{ free: false }, ['FEE_STANDARD_MISSING']],
    [{ free: false, fees: [{ name: '工本费', basis: '', standard: { kind: 'fixed', amount: '10' } }] }, ['FEE_BASIS_MISSING']],
    [{ free: false, fees: [{ name: '工本费', basis: '文件', standard: { kind: 'fixed', amount: 'abc' } }] }, ['FEE_STANDARD_INVALID']],
    [{ consultPhone: '' }, ['NO_CONSULT_PHONE']],
    [{ complaintPhone: '' }, ['NO_COMPLAINT_PHONE']],
    [{ address: '' }, ['NO_OFFICE_ADDRESS']],
    [{ hours: '' }, ['NO_OFFICE_HOURS']],
    [{ online: true }, ['ONLINE_URL_MISSING']],
    [{ onlineUrl: 'www.example' }, ['ONLINE_URL_INVALID']],
    [{ result: { kind: 'certificate', name: '', validity: '' } }, ['NO_RESULT_NAME']],
  ];
  for (const [over, expected] of cases) assert.deepEqual(codes(over), expected, JSON.stringify(over));
  for (const p of publicityProblems({ ...full, consultPhone: '', legalBasis: [] })) {
    assert.ok(PUBLICITY_CODES[p.code]);
    assert.match(p.message, /[\u4e00-\u9fff]/);
  }
});

test('ex officio powers: no materials or conditions expected; a penalty needs its discretion benchmark', () => {
  assert.deepEqual(codes({ type: '02', materials: [], conditions: '', externalProcedure: '', hours: '' }), ['NO_DISCRETION']);
  assert.deepEqual(codes({ type: '02', discretion: [{ circumstance: 'ordinary', description: '一般', minFine: '1', maxFine: '2' }] }), []);
});

test('即办件 need no day limits', () => {
  assert.deepEqual(codes({ onTheSpot: true, legalLimit: { days: 0, unit: 'workday' }, promisedLimit: { days: 0, unit: 'workday' } }), []);
});

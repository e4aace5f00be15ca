// SUP-2 threshold profiles on real clocks (calendar 2026 with the holidays of §0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extendClock, pauseClock, resumeClock, startClock, stopClock } from '../domain/clock.ts';
import { BUILTIN_PROFILES, checkLevels, levelsFor, nextAfterChange, resolveProfile, sweepDecision, thresholdInstants } from './profiles.ts';
import { publicityFinding } from './rules/publicity.ts';
import { calendar, cst } from './rules/testkit.ts';

const chengdu = BUILTIN_PROFILES.find((p) => p.code === 'chengdu')!;
const pl = BUILTIN_PROFILES.find((p) => p.code === 'promised_legal')!;
const iso = (d: Date | null) => d?.toISOString() ?? null;

test('chengdu: a 20-working-day clock turns yellow with 4 days left (20 % > 2 days) and red at the due instant', () => {
  // accepted Mon 2026-03-02; 20 working days → due Mon 3/30 24:00 (China time)
  const c = startClock('case_legal', { days: 20, unit: 'workday' }, cst('2026-03-02 09:00'));
  const t = thresholdInstants(c, calendar, levelsFor(chengdu, 'case_legal'));
  assert.deepEqual(t.map((x) => [x.level, iso(x.at)]), [
    ['yellow', cst('2026-03-24 00:00').toISOString()], // the 16th counted day starts: 4 left after it (3/25, 26, 27, 30)
    ['red', cst('2026-03-31 00:00').toISOString()],
  ]);
});

test('chengdu: a 5-day clock turns yellow with 2 working days left (2 > 20 %)', () => {
  const c = startClock('acceptance', { days: 5, unit: 'workday' }, cst('2026-03-02 09:00'));
  const [y, r] = thresholdInstants(c, calendar, levelsFor(chengdu, 'acceptance'));
  assert.equal(iso(y.at), cst('2026-03-05 00:00').toISOString(), '3/3 1, 3/4 2, 3/5 3: from its start 2 remain (3/6, 3/9)');
  assert.equal(iso(r.at), cst('2026-03-10 00:00').toISOString());
});

test('promised_legal: reminder 2 days before the promised limit, yellow at it, red at the legal limit', () => {
  const p = startClock('case_promised', { days: 10, unit: 'workday' }, cst('2026-03-02 09:00'));
  const l = startClock('case_legal', { days: 20, unit: 'workday' }, cst('2026-03-02 09:00'));
  assert.deepEqual(thresholdInstants(p, calendar, levelsFor(pl, 'case_promised')).map((x) => x.level), ['reminder', 'yellow']);
  assert.deepEqual(thresholdInstants(l, calendar, levelsFor(pl, 'case_legal')).map((x) => [x.level, iso(x.at)]), [['red', cst('2026-03-31 00:00').toISOString()]]);
  assert.equal(levelsFor(pl, 'step'), levelsFor(chengdu, 'step'), 'other clocks fall back to the Chengdu levels');
});

test('the sweep fires the highest level reached and waits for the next', () => {
  const c = startClock('acceptance', { days: 5, unit: 'workday' }, cst('2026-03-02 09:00'));
  const specs = levelsFor(chengdu, 'acceptance');
  assert.deepEqual(sweepDecision(c, calendar, specs, cst('2026-03-03 12:00')), { fire: null, next: cst('2026-03-05 00:00') });
  const y = sweepDecision(c, calendar, specs, cst('2026-03-05 00:00'));
  assert.equal(y.fire?.level, 'yellow');
  assert.equal(iso(y.next), cst('2026-03-10 00:00').toISOString());
  const late = sweepDecision(c, calendar, specs, cst('2026-03-12 08:00'));
  assert.equal(late.fire?.level, 'red', 'yellow is superseded when both are past');
  assert.equal(late.next, null);
  assert.deepEqual(sweepDecision(stopClock(c, cst('2026-03-04 09:00')), calendar, specs, cst('2026-03-12 08:00')), { fire: null, next: null });
});

test('pauses and extensions move the next threshold; signalled ones are not repeated', () => {
  const specs = levelsFor(chengdu, 'case_promised');
  let c = startClock('case_promised', { days: 10, unit: 'workday' }, cst('2026-03-02 09:00'));
  const yellow = cst('2026-03-12 00:00'); // 10 days → due 3/16; from the start of 3/12, 2 remain (3/13, 3/16)
  assert.equal(iso(nextAfterChange(c, calendar, specs, null)), yellow.toISOString());
  c = pauseClock(c, cst('2026-03-04 10:00'), '检验', { days: 5, unit: 'workday' });
  assert.equal(nextAfterChange(c, calendar, specs, null), null, 'nothing fires while stopped by law');
  c = resumeClock(c, cst('2026-03-11 10:00')); // 5 working days removed (3/5 … 3/11)
  assert.equal(iso(nextAfterChange(c, calendar, specs, null)), cst('2026-03-19 00:00').toISOString(), 'counted: 3/3, 3/4, (pause) 3/12 … 3/19 is the 8th');
  c = extendClock(c, { days: 10, reason: '情况复杂' }, cst('2026-03-20 10:00'));
  assert.equal(iso(nextAfterChange(c, calendar, specs, cst('2026-03-19 00:00'))), cst('2026-03-31 00:00').toISOString(), 'due 4/7 (清明 4/4–6): 20 % of 20 = 4 days left from the start of 3/31');
  assert.equal(nextAfterChange(c, calendar, specs, cst('2026-04-08 00:00')), null, 'everything already signalled');
});

test('bindings: item and kind beat the default; levels are checked', () => {
  const b = [
    { clockKind: '*', itemId: null, profileCode: 'chengdu' },
    { clockKind: 'case_promised', itemId: null, profileCode: 'promised_legal' },
    { clockKind: 'step', itemId: 7, profileCode: 'strict' },
  ];
  assert.equal(resolveProfile(b, 'case_promised', 1), 'promised_legal');
  assert.equal(resolveProfile(b, 'step', 7), 'strict');
  assert.equal(resolveProfile(b, 'step', 8), 'chengdu');
  assert.equal(resolveProfile([], 'step', null), 'chengdu');
  assert.equal(checkLevels({ '*': [{ level: 'red', any: [{ kind: 'due' }] }] }), null);
  assert.match(checkLevels({ '*': [{ level: 'red', any: [] }] })!, /没有阈值/);
});

test('PUBLICITY_INCOMPLETE: a finding for missing elements, none when all are public or ignored', () => {
  const problems = [{ code: 'NO_CONSULT_PHONE', field: 'consultPhone', message: '未公开咨询电话' }];
  assert.match(publicityFinding('食品经营许可', 2, problems, { ignore: [] })!.explanation, /未公开咨询电话/);
  assert.equal(publicityFinding('食品经营许可', 2, [], { ignore: [] }), null);
  assert.equal(publicityFinding('食品经营许可', 2, problems, { ignore: ['NO_CONSULT_PHONE'] }), null);
});

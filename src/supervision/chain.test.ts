// The sweep's fast chain path must hash exactly what `verify` recomputes: canonicalFast is
// canonicalJson byte for byte (for any value), and firstEventHash is chainHash of seq 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson, chainHash, GENESIS } from '../store/event-chain.ts';
import { canonicalFast, firstEventHash } from './chain.ts';
import { raisedDataJson, type SignalDraft } from './signals.ts';

const sortDeep = (v: unknown): unknown =>
  v === null || typeof v !== 'object' ? v : Array.isArray(v) ? v.map(sortDeep)
    : Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]));

test('canonicalFast is canonicalJson for any JSON value, sorted or not', () => {
  fc.assert(fc.property(fc.jsonValue(), (v) => {
    assert.equal(canonicalFast(v), canonicalJson(v));
    assert.equal(canonicalFast(sortDeep(v)), canonicalJson(v));
  }), { numRuns: 500 });
  fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
    const reversed = Object.fromEntries(Object.entries(o).reverse());
    assert.equal(canonicalFast(reversed), canonicalJson(o));
  }), { numRuns: 300 });
});

test('canonicalFast falls back where JSON.stringify differs: integer keys, undefined, Dates, class instances', () => {
  class P { b = 1; a = 2; }
  const odd: unknown[] = [
    { 10: 'x', 2: 'y', a: 1 },
    { a: undefined, b: [undefined, 1], c: { z: undefined } },
    { at: new Date('2026-11-02T02:00:00Z'), list: [new Date(0)] },
    { p: new P() },
    { s: 'é\u2028"\\\ud800', e: '' },
    [{ b: 1, a: 2 }, -0, 1e21, 0.1],
  ];
  for (const v of odd) assert.equal(canonicalFast(v), canonicalJson(v), JSON.stringify(v));
  assert.throws(() => canonicalFast({ x: Number.NaN }), TypeError);
});

test('firstEventHash is the chain hash of the first event', () => {
  const data = { title: '环节时限已超时：食品经营许可', evidence: { clock: { id: 7, pauses: [] }, thresholdAt: '2026-11-04T16:00:00.000Z' }, level: 'red' };
  const at = new Date('2027-06-01T00:00:00Z');
  const recordedAt = new Date('2027-06-01T00:00:00.123Z');
  for (const who of [
    { actorId: null, actorName: '系统', actorUnitId: null },
    { actorId: 12, actorName: '监察员', actorUnitId: 3, actorPostId: 4, ip: '10.0.0.1' },
  ]) {
    const e = { type: 'signal.raised', at, ...who, data };
    assert.equal(firstEventHash('signal:42', e, recordedAt, canonicalFast(data)), chainHash(GENESIS, 'signal:42', 1, e, recordedAt));
  }
});

test('raisedDataJson is canonicalJson of the first event data (prose only for rule and manual signals), whatever the draft holds', () => {
  const text = fc.string({ unit: 'grapheme' });
  const draft = fc.record({
    origin: fc.constantFrom('clock', 'rule', 'manual'), category: fc.constantFrom('timeliness', 'anomaly', 'violation'), kind: text,
    ruleCode: fc.option(text, { nil: undefined }), ruleVersion: fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }),
    level: fc.constantFrom('reminder', 'yellow', 'red'), title: text, explanation: text, evidence: fc.dictionary(fc.string(), fc.jsonValue()),
    caseId: fc.option(fc.integer({ min: 1 }), { nil: undefined }), unitId: fc.integer({ min: 1 }),
    thresholdAt: fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), { nil: null }),
  });
  fc.assert(fc.property(draft, fc.string(), (d, signalNo) => {
    const prose = d.origin === 'clock' ? {} : { explanation: d.explanation, title: d.title };
    const data = {
      caseId: d.caseId ?? null, category: d.category, evidence: d.evidence, kind: d.kind, level: d.level, origin: d.origin, ...prose,
      ruleCode: d.ruleCode ?? null, ruleVersion: d.ruleVersion ?? null, signalNo, thresholdAt: d.thresholdAt?.toISOString() ?? null, unitId: d.unitId,
    };
    const full = { ...d, unitPath: '/1/', regionPath: '/1/', dedupeKey: 'k' } as SignalDraft;
    assert.equal(raisedDataJson(full, signalNo, canonicalFast(d.evidence)), canonicalJson(data));
  }), { numRuns: 400 });
});

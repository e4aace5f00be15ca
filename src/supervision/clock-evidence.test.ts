// The timer hashes clockEvidenceJson into each clock signal's first event; `verify` recomputes
// canonicalJson of the stored evidence. They must agree for any clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson } from '../store/event-chain.ts';
import type { ClockState } from '../domain/clock.ts';
import { clockEvidence, clockEvidenceJson } from './clock-evidence.ts';

const instant = fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const text = fc.string({ unit: 'grapheme' });
const unit = fc.constantFrom('workday', 'day', 'month');
const clock = fc.record({
  kind: fc.constantFrom('step', 'case_promised', 'case_legal', 'acceptance', 'signal_response'),
  ref: fc.option(text, { nil: null }),
  limit: fc.record({ days: fc.integer({ min: 1, max: 400 }), unit }),
  startedAt: instant,
  pauses: fc.array(fc.record({ from: instant, to: fc.option(instant, { nil: null }), reason: text, expected: fc.constant(null) }), { maxLength: 3 }),
  extensions: fc.array(fc.record({ days: fc.integer({ min: 1, max: 30 }), unit, reason: text, approvedAt: instant }), { maxLength: 2 }),
  stoppedAt: fc.constant(null),
}) as fc.Arbitrary<ClockState>;

test('clockEvidenceJson is canonicalJson of the clock evidence (case and supervision clocks)', () => {
  const owner = fc.option(fc.record({ source: fc.constantFrom('signal', 'task', 'catalog'), sourceId: fc.integer({ min: 1 }) }), { nil: undefined });
  const when = fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true });
  fc.assert(fc.property(fc.integer({ min: 1 }), clock, fc.option(when, { nil: null }), when, owner, (id, c, due, at, o) => {
    const json = clockEvidenceJson(id, c.kind, c.ref, c, due, at, o);
    assert.equal(json, canonicalJson(clockEvidence(id, c.kind, c.ref, c, due, at, o)));
    JSON.parse(json);
  }), { numRuns: 500 });
});

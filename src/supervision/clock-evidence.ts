// The evidence of a clock signal (SUP-5: each signal stores why it was raised): the clock as it
// stood when the threshold was reached. The timer writes it out directly as canonical JSON
// (clockEvidenceJson), which it hashes into the signal's first event; clockEvidence is the
// same as an object, the form canonicalJson is checked against (clock-evidence.test.ts).
import type { ClockState } from '../domain/clock.ts';
import { canonicalFast } from './chain.ts';

export interface ClockOwner {
  source: string;
  sourceId: number;
}

export function clockEvidence(id: number, kind: string, ref: string | null, c: ClockState, due: Date | null, at: Date, owner?: ClockOwner) {
  return {
    clock: {
      dueAt: due?.toISOString() ?? null, extensions: c.extensions.map((e) => ({ days: e.days, reason: e.reason, unit: e.unit })), id, kind,
      limit: { days: c.limit.days, unit: c.limit.unit }, pauses: c.pauses.map((p) => ({ from: p.from, reason: p.reason, to: p.to })), ref,
      ...(owner ? { source: owner.source, sourceId: owner.sourceId } : {}), startedAt: c.startedAt,
    },
    thresholdAt: at.toISOString(),
  };
}

/** canonicalJson(clockEvidence(…)), byte for byte, without building the object. */
export function clockEvidenceJson(id: number, kind: string, ref: string | null, c: ClockState, due: Date | null, at: Date, owner?: ClockOwner): string {
  const j = JSON.stringify;
  const ext = c.extensions.length ? canonicalFast(c.extensions.map((e) => ({ days: e.days, reason: e.reason, unit: e.unit }))) : '[]';
  const pauses = c.pauses.length ? canonicalFast(c.pauses.map((p) => ({ from: p.from, reason: p.reason, to: p.to }))) : '[]';
  const src = owner ? `"source":${j(owner.source)},"sourceId":${j(owner.sourceId)},` : '';
  return `{"clock":{"dueAt":${due ? `"${due.toISOString()}"` : 'null'},"extensions":${ext},"id":${j(id)},"kind":${j(kind)},`
    + `"limit":{"days":${j(c.limit.days)},"unit":${j(c.limit.unit)}},"pauses":${pauses},"ref":${j(ref)},${src}"startedAt":${j(c.startedAt)}},`
    + `"thresholdAt":"${at.toISOString()}"}`;
}

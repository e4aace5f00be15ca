import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkCalendar, chinaDateOf, endOfChinaDay } from './calendar.ts';
import { loadChineseDaysOverrides } from '../calendar/chinese-days-data.ts';
import {
  ClockError, clockStatus, clockView, dueAt, dueDate, extendClock, isOverdue, pauseClock, pauseHistory, projectedDueAt,
  remaining, resumeClock, startClock, stopClock, thresholdAt, usage, usedTime, type ClockState, type Threshold,
} from './clock.ts';
import type { TimeLimit } from './item.ts';

const cal = new WorkCalendar(loadChineseDaysOverrides());

/** An instant given in China time: cst('2026-09-30 10:00'). */
const cst = (s: string): Date => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const wd = (days: number): TimeLimit => ({ days, unit: 'workday' });
const nd = (days: number): TimeLimit => ({ days, unit: 'natural' });

type Op =
  | ['pause', string, string?]
  | ['resume', string]
  | ['extend', number, ('workday' | 'natural')?, string?]
  | ['stop', string];

function build(start: string, limit: TimeLimit, ops: Op[] = []): ClockState {
  let c = startClock('case_legal', limit, cst(start));
  for (const op of ops) {
    if (op[0] === 'pause') c = pauseClock(c, cst(op[1]), op[2] ?? '检验');
    else if (op[0] === 'resume') c = resumeClock(c, cst(op[1]));
    else if (op[0] === 'extend') c = extendClock(c, { days: op[1], unit: op[2], reason: '情况复杂' }, cst(op[3] ?? start));
    else c = stopClock(c, cst(op[1]));
  }
  return c;
}

// ---------------------------------------------------------------------------
// Statutory table. 2026: holidays 1/1–3, 2/15–23, 4/4–6, 5/1–5, 6/19–21, 9/25–27, 10/1–7;
// make-up working days 1/4 (Sun), 2/14 (Sat), 2/28 (Sat), 5/9 (Sat), 9/20 (Sun), 10/10 (Sat).
// Every expected date is counted by hand in the note; due = end of that China day (16:00Z).

interface Row { name: string; start: string; limit: TimeLimit; ops?: Op[]; due: string | null; note: string }

const TABLE: Row[] = [
  {
    name: 'issue 4: accepted 2026-09-30, 5-working-day step', start: '2026-09-30 10:00', limit: wd(5), due: '2026-10-13',
    note: '10/1–7 National Day; 10/8(Thu)1 10/9(Fri)2 10/10(Sat, make-up)3 10/12(Mon)4 10/13(Tue)5',
  },
  {
    name: 'acceptance clock: received before May Day', start: '2026-04-30 15:00', limit: wd(5), due: '2026-05-11',
    note: '5/1–5 holiday; 5/6 1, 5/7 2, 5/8 3, 5/9(Sat, make-up) 4, 5/11(Mon) 5',
  },
  {
    name: '§42: 20 working days across Spring Festival 2026', start: '2026-02-09 09:30', limit: wd(20), due: '2026-03-13',
    note: '2/10–13 = 1–4, 2/14(Sat, make-up) 5, 2/15–23 holiday, 2/24–27 = 6–9, 2/28(Sat, make-up) 10, 3/2–6 = 11–15, 3/9–13 = 16–20',
  },
  {
    name: 'start on a Saturday counts from Monday', start: '2026-01-10 11:00', limit: wd(5), due: '2026-01-16',
    note: '1/12(Mon) 1 … 1/16(Fri) 5',
  },
  {
    name: 'start on New Year holiday, make-up Sunday counts', start: '2026-01-01 09:00', limit: wd(3), due: '2026-01-06',
    note: '1/2–3 holiday, 1/4(Sun, make-up) 1, 1/5 2, 1/6 3',
  },
  {
    name: '即办件: 0 working days on a working day', start: '2026-03-03 10:00', limit: wd(0), due: '2026-03-03',
    note: 'due the same day',
  },
  {
    name: '§44 delivery: 10 working days around Mid-Autumn/National Day', start: '2026-09-18 16:00', limit: wd(10), due: '2026-10-09',
    note: '9/20(Sun, make-up) 1, 9/21–24 = 2–5, 9/25–27 off, 9/28–30 = 6–8, 10/1–7 off, 10/8 9, 10/9 10',
  },
  {
    name: '§45: special procedure of 7 natural days inside a 20-working-day clock', start: '2026-03-02 09:00', limit: wd(20),
    ops: [['pause', '2026-03-10 10:00', '检验'], ['resume', '2026-03-17 15:00']], due: '2026-04-07',
    note: 'base due 3/30; paused (3/10, 3/17] = 3/11,12,13,16,17 = 5 working days; 3/31 1, 4/1 2, 4/2 3, 4/3 4, 4/4–6 Qingming, 4/7 5',
  },
  {
    name: 'supplement pauses: one of 5 days, one same-day, one Friday→Monday', start: '2026-05-06 09:00', limit: wd(20),
    ops: [
      ['pause', '2026-05-12 16:00', '补正'], ['resume', '2026-05-19 09:00'],
      ['pause', '2026-05-20 09:00', '补正'], ['resume', '2026-05-20 17:00'],
      ['pause', '2026-05-22 15:00', '补正'], ['resume', '2026-05-25 10:00'],
    ],
    due: '2026-06-10',
    note: 'base: 5/7 1, 5/8 2, 5/9(Sat, make-up) 3, 5/11–15 = 4–8, 5/18–22 = 9–13, 5/25–29 = 14–18, 6/1 19, 6/2 20; shifts 5 (5/13,14,15,18,19) + 0 + 1 (5/25) = 6 → 6/3,4,5,8,9,10',
  },
  {
    name: '§42: one 10-working-day extension', start: '2026-06-15 10:00', limit: wd(20), ops: [['extend', 10, 'workday', '2026-07-01 10:00']],
    due: '2026-07-28',
    note: 'base: 6/16–18 = 1–3, 6/19 Dragon Boat, 6/22–26 = 4–8, 6/29–7/3 = 9–13, 7/6–10 = 14–18, 7/13 19, 7/14 20; +10: 7/15–17, 7/20–24, 7/27–28',
  },
  {
    name: 'natural-day item: 30 days ending on a working day', start: '2026-01-05 09:00', limit: nd(30), due: '2026-02-04',
    note: '1/5 + 30 = 2/4 (Wed)',
  },
  {
    name: 'natural-day item: §203 end moved off Spring Festival', start: '2026-01-16 09:00', limit: nd(30), due: '2026-02-24',
    note: '1/16 + 30 = 2/15 (holiday until 2/23) → 2/24',
  },
  {
    name: 'natural-day item: §203 end moved off National Day', start: '2026-09-24 09:00', limit: nd(7), due: '2026-10-08',
    note: '9/24 + 7 = 10/1 (holiday until 10/7) → 10/8',
  },
  {
    name: 'natural-day item with a 7-day pause', start: '2026-03-02 09:00', limit: nd(15),
    ops: [['pause', '2026-03-05 10:00'], ['resume', '2026-03-12 10:00']], due: '2026-03-24',
    note: 'base 3/17; paused (3/5, 3/12] = 7 days → 3/2 + 22 = 3/24 (Tue)',
  },
  {
    name: 'a pause begun after the due does not count (already overdue)', start: '2026-09-30 10:00', limit: wd(5),
    ops: [['pause', '2026-10-14 09:00'], ['resume', '2026-10-20 09:00']], due: '2026-10-13',
    note: 'due 10/13 stays',
  },
  {
    name: 'a pause begun on the due date moves the due to the resumption day', start: '2026-09-30 10:00', limit: wd(5),
    ops: [['pause', '2026-10-13 10:00'], ['resume', '2026-10-16 09:00']], due: '2026-10-16',
    note: 'paused (10/13, 10/16] = 10/14,15,16 = 3 → 10/13 + 3 working days = 10/16',
  },
  {
    name: 'an open pause: due unknown', start: '2026-03-02 09:00', limit: wd(20), ops: [['pause', '2026-03-10 10:00']], due: null,
    note: 'the clock is stopped by law until the result',
  },
  {
    name: 'stopped while paused: the pause ends at the stop', start: '2026-03-02 09:00', limit: wd(20),
    ops: [['pause', '2026-03-10 10:00'], ['stop', '2026-03-17 15:00']], due: '2026-04-07',
    note: 'same shift as the §45 row',
  },
  {
    name: 'natural-day extension on a working-day clock is applied after the count', start: '2026-09-30 10:00', limit: wd(5),
    ops: [['extend', 7, 'natural', '2026-10-09 10:00']], due: '2026-10-20',
    note: 'due 10/13 + 7 natural = 10/20 (Tue)',
  },
];

describe('clock: statutory table', () => {
  for (const r of TABLE) {
    test(`${r.name} → ${r.due ?? 'unknown'}`, () => {
      const c = build(r.start, r.limit, r.ops);
      assert.equal(dueDate(c, cal), r.due, r.note);
      assert.deepEqual(dueAt(c, cal), r.due === null ? null : endOfChinaDay(r.due), r.note);
    });
  }

  test('the issue-4 example is exactly 2026-10-13T16:00:00Z', () => {
    assert.equal(dueAt(build('2026-09-30 10:00', wd(5)), cal)!.toISOString(), '2026-10-13T16:00:00.000Z');
  });
});

describe('clock: used, remaining, overdue', () => {
  const c = build('2026-09-30 10:00', wd(5)); // due 10/13

  test('used and remaining in working days and fractions', () => {
    assert.deepEqual(usedTime(c, cal, cst('2026-10-05 12:00')), { days: 0, unit: 'workday', fraction: 0 }); // holiday week
    assert.deepEqual(usedTime(c, cal, cst('2026-10-09 12:00')), { days: 2, unit: 'workday', fraction: 0.4 }); // 10/8, 10/9
    assert.deepEqual(remaining(c, cal, cst('2026-10-09 12:00')), { days: 3, unit: 'workday', fraction: 0.6 }); // 10/10, 12, 13
    assert.deepEqual(remaining(c, cal, cst('2026-10-13 23:59')), { days: 0, unit: 'workday', fraction: 0 });
    assert.equal(isOverdue(c, cal, cst('2026-10-13 23:59')), false);
    assert.equal(isOverdue(c, cal, cst('2026-10-14 00:00')), true);
    assert.deepEqual(remaining(c, cal, cst('2026-10-15 10:00')), { days: -2, unit: 'workday', fraction: -0.4 });
  });

  test('a stopped clock freezes at the stop and tells whether it was late', () => {
    const early = stopClock(c, cst('2026-10-12 10:00'));
    assert.equal(clockStatus(early), 'stopped');
    assert.equal(usage(early, cal, cst('2026-12-01 10:00')).used, 4);
    assert.equal(isOverdue(early, cal, cst('2026-12-01 10:00')), false);
    const late = stopClock(c, cst('2026-10-14 10:00'));
    assert.equal(isOverdue(late, cal, cst('2026-12-01 10:00')), true);
    assert.equal(usage(late, cal, cst('2026-12-01 10:00')).remaining, -1);
  });

  test('during a special procedure: used excludes paused days, due unknown, projection uses the expected duration', () => {
    const p = pauseClock(build('2026-03-02 09:00', wd(20)), cst('2026-03-10 10:00'), '检验', nd(7));
    assert.equal(clockStatus(p), 'paused');
    assert.equal(dueAt(p, cal), null);
    const u = usage(p, cal, cst('2026-03-12 12:00'));
    assert.equal(u.used, 6); // 3/3,4,5,6,9,10 — 3/11, 3/12 paused
    assert.equal(u.remaining, 14);
    assert.equal(u.overdue, false);
    assert.equal(isOverdue(p, cal, cst('2026-06-01 12:00')), false, 'never overdue inside a counted pause');
    // expected end 3/10 + 7 natural = 3/17 → as if resumed then: due 4/7
    assert.equal(projectedDueAt(p, cal, cst('2026-03-12 12:00')).toISOString(), endOfChinaDay('2026-04-07').toISOString());
    // past the expected end, the projection assumes resumption now: 3/20 → paused 3/11–13, 16–20 = 8 → 3/30 + 8 = 4/10
    assert.equal(projectedDueAt(p, cal, cst('2026-03-20 12:00')).toISOString(), endOfChinaDay('2026-04-10').toISOString());
  });

  test('pause history', () => {
    const c2 = build('2026-05-06 09:00', wd(20), [
      ['pause', '2026-05-12 16:00', '补正'], ['resume', '2026-05-19 09:00'], ['pause', '2026-05-20 09:00', '补正'],
    ]);
    const h = pauseHistory(c2, cal, cst('2026-05-22 10:00'));
    assert.equal(h.length, 2);
    assert.deepEqual(h.map((x) => [x.fromDate, x.toDate, x.counted, x.days, x.daysSoFar]), [
      ['2026-05-12', '2026-05-19', true, 5, 5],
      ['2026-05-20', null, true, 0, 2], // 5/21, 5/22 so far
    ]);
    const late = build('2026-09-30 10:00', wd(5), [['pause', '2026-10-14 09:00'], ['resume', '2026-10-20 09:00']]);
    assert.equal(pauseHistory(late, cal, cst('2026-10-21 09:00'))[0].counted, false);
  });

  test('clockView summarises', () => {
    const v = clockView(c, cal, cst('2026-10-09 12:00'));
    assert.equal(v.status, 'running');
    assert.equal(v.dueAt!.toISOString(), '2026-10-13T16:00:00.000Z');
    assert.equal(v.used + v.remaining, v.effectiveLimit);
    assert.equal(v.effectiveLimit, 5);
  });
});

describe('clock: thresholds for supervision profiles', () => {
  test('Chengdu profile on the issue-4 clock', () => {
    const c = build('2026-09-30 10:00', wd(5)); // counted days 10/8, 10/9, 10/10, 10/12, 10/13
    const at = (t: Threshold) => thresholdAt(c, cal, t)!.toISOString();
    assert.equal(at({ kind: 'before_due', days: 2 }), '2026-10-09T16:00:00.000Z'); // start of 10/10: 10/12, 10/13 remain
    assert.equal(at({ kind: 'remaining_fraction', fraction: 0.2 }), '2026-10-11T16:00:00.000Z'); // ⌊0.2·5⌋ = 1 → start of 10/12
    assert.equal(at({ kind: 'due' }), '2026-10-13T16:00:00.000Z');
    assert.equal(at({ kind: 'after_due', days: 1 }), '2026-10-14T16:00:00.000Z');
    assert.equal(at({ kind: 'before_due', days: 0 }), '2026-10-12T16:00:00.000Z'); // start of the due day
    assert.equal(at({ kind: 'before_due', days: 9 }), c.startedAt, 'limit ≤ k: reached at the start');
  });

  test('20-day clock across Spring Festival', () => {
    const c = build('2026-02-09 09:30', wd(20));
    assert.equal(thresholdAt(c, cal, { kind: 'before_due', days: 2 })!.toISOString(), '2026-03-10T16:00:00.000Z'); // start of 3/11 (18th day)
    assert.equal(thresholdAt(c, cal, { kind: 'remaining_fraction', fraction: 0.2 })!.toISOString(), '2026-03-08T16:00:00.000Z'); // 4 left → start of 3/9 (16th)
  });

  test('promised/legal profile: reminder 2 days before promised, yellow at promised, red at legal', () => {
    const promised = startClock('case_promised', wd(10), cst('2026-02-09 09:30'));
    const legal = startClock('case_legal', wd(20), cst('2026-02-09 09:30'));
    // promised counted days: 2/10–13, 2/14, 2/24–27, 2/28 → due 2/28; 8th = 2/26
    assert.equal(thresholdAt(promised, cal, { kind: 'before_due', days: 2 })!.toISOString(), '2026-02-25T16:00:00.000Z');
    assert.equal(thresholdAt(promised, cal, { kind: 'due' })!.toISOString(), '2026-02-28T16:00:00.000Z');
    assert.equal(thresholdAt(legal, cal, { kind: 'due' })!.toISOString(), '2026-03-13T16:00:00.000Z');
  });

  test('pauses move thresholds; an open pause holds those not yet reached', () => {
    const p = build('2026-03-02 09:00', wd(20), [['pause', '2026-03-10 10:00'], ['resume', '2026-03-17 15:00']]);
    // counted: 3/3–6, 3/9–10 (6), 3/18–20, 3/23–27, 3/30–31, 4/1–3, 4/7 → 18th = 4/2
    assert.equal(chinaDateOf(new Date(thresholdAt(p, cal, { kind: 'before_due', days: 2 })!.getTime() + 1)), '2026-04-02');
    const open = build('2026-09-30 10:00', wd(5), [['pause', '2026-10-09 10:00']]);
    assert.equal(thresholdAt(open, cal, { kind: 'before_due', days: 2 }), null, 'would be 10/10, after the pause began');
    assert.equal(thresholdAt(open, cal, { kind: 'due' }), null);
    assert.equal(thresholdAt(open, cal, { kind: 'before_due', days: 4 })!.toISOString(), '2026-10-07T16:00:00.000Z', 'reached before the pause');
    const overduePaused = build('2026-09-30 10:00', wd(5), [['pause', '2026-10-14 09:00']]);
    assert.equal(thresholdAt(overduePaused, cal, { kind: 'due' })!.toISOString(), '2026-10-13T16:00:00.000Z');
    assert.equal(isOverdue(overduePaused, cal, cst('2026-10-15 09:00')), true, 'pausing never clears an overdue clock');
  });
});

describe('clock: misuse is refused', () => {
  const c = build('2026-03-02 09:00', wd(20));
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof ClockError);
      return e.code;
    }
    return 'no error';
  };
  test('codes', () => {
    assert.equal(code(() => resumeClock(c, cst('2026-03-03 09:00'))), 'NOT_PAUSED');
    assert.equal(code(() => pauseClock(pauseClock(c, cst('2026-03-03 09:00'), 'x'), cst('2026-03-04 09:00'), 'y')), 'ALREADY_PAUSED');
    assert.equal(code(() => pauseClock(c, cst('2026-03-01 09:00'), 'x')), 'TIME_REVERSED');
    assert.equal(code(() => pauseClock(stopClock(c, cst('2026-03-05 09:00')), cst('2026-03-06 09:00'), 'x')), 'CLOCK_STOPPED');
    assert.equal(code(() => startClock('step', { days: -1, unit: 'workday' }, cst('2026-03-02 09:00'))), 'INVALID_LIMIT');
    assert.equal(code(() => extendClock(c, { days: 0, reason: 'x' }, cst('2026-03-03 09:00'))), 'INVALID_LIMIT');
    assert.equal(code(() => startClock('step', wd(1), new Date(NaN))), 'INVALID_INSTANT');
  });
  test('state is plain JSON', () => {
    const x = extendClock(pauseClock(c, cst('2026-03-03 09:00'), 'x', nd(7)), { days: 10, reason: 'r' }, cst('2026-03-04 09:00'));
    assert.deepEqual(JSON.parse(JSON.stringify(x)), x);
  });
});

// ---------------------------------------------------------------------------
// Properties.

const T0 = Date.parse('2024-01-01T00:00:00+08:00');
const T1 = Date.parse('2026-10-31T00:00:00+08:00');
const HOUR = 3_600_000;

const limitArb = fc.record({ days: fc.integer({ min: 0, max: 60 }), unit: fc.constantFrom<'workday' | 'natural'>('workday', 'natural') });
const instantArb = fc.integer({ min: T0, max: T1 }).map((t) => new Date(t));
/** Gaps between successive instants: minutes to several weeks. */
const gapArb = fc.integer({ min: 0, max: 30 * 24 }).map((h) => h * HOUR + 7 * 60_000);

/** A clock with random closed pauses and extensions, built in time order; ends not paused. */
const clockArb = fc
  .record({
    start: instantArb,
    limit: limitArb,
    ops: fc.array(fc.record({ kind: fc.constantFrom('pause', 'extend'), gap: gapArb, len: gapArb, days: fc.integer({ min: 1, max: 15 }) }), { maxLength: 4 }),
  })
  .map(({ start, limit, ops }) => {
    let c = startClock('step', limit, start);
    let t = start.getTime();
    for (const op of ops) {
      t += op.gap;
      if (op.kind === 'pause') {
        c = pauseClock(c, new Date(t), '检验');
        t += op.len;
        c = resumeClock(c, new Date(t));
      } else {
        c = extendClock(c, { days: op.days, reason: '延期' }, new Date(t));
      }
    }
    return { c, last: t };
  });

/** A 0-day limit started on a rest day: due at the end of the next working day by the §203 rule, not by counting. */
const degenerate = (c: ClockState) =>
  c.limit.days + c.extensions.reduce((x, y) => x + y.days, 0) === 0 && !cal.isWorkingDay(chinaDateOf(new Date(c.startedAt)));

describe('clock: properties', () => {
  test('due ≥ start, and the due date is a counted end (a working day for working-day clocks)', () => {
    fc.assert(fc.property(clockArb, ({ c }) => {
      const due = dueAt(c, cal)!;
      assert.ok(due.getTime() > new Date(c.startedAt).getTime());
      if (c.limit.unit === 'workday') assert.ok(cal.isWorkingDay(dueDate(c, cal)!));
    }), { numRuns: 300 });
  });

  test('a pause never makes the due earlier', () => {
    fc.assert(fc.property(clockArb, gapArb, gapArb, ({ c, last }, g1, g2) => {
      const before = dueAt(c, cal)!.getTime();
      const p = pauseClock(c, new Date(last + g1), 'x');
      const r = resumeClock(p, new Date(last + g1 + g2));
      assert.ok(dueAt(r, cal)!.getTime() >= before);
    }), { numRuns: 300 });
  });

  test('pausing and resuming at the same instant changes nothing', () => {
    fc.assert(fc.property(clockArb, gapArb, ({ c, last }, g) => {
      const at = new Date(last + g);
      const r = resumeClock(pauseClock(c, at, 'x'), at);
      assert.deepEqual(dueAt(r, cal), dueAt(c, cal));
      assert.deepEqual(usage(r, cal, new Date(last + g + 5 * 24 * HOUR)), usage(c, cal, new Date(last + g + 5 * 24 * HOUR)));
    }), { numRuns: 300 });
  });

  test('a pause shifts the due by exactly its counted days (when it begins before the due)', () => {
    fc.assert(fc.property(clockArb, gapArb, gapArb, ({ c, last }, g1, g2) => {
      const from = new Date(last + g1);
      fc.pre(from.getTime() < dueAt(c, cal)!.getTime());
      fc.pre(!degenerate(c));
      const r = resumeClock(pauseClock(c, from, 'x'), new Date(last + g1 + g2));
      const h = pauseHistory(r, cal, new Date(last + g1 + g2)).at(-1)!;
      assert.equal(h.counted, true);
      const moved = c.limit.unit === 'workday' ? cal.workingDaysBetween(dueDate(c, cal)!, dueDate(r, cal)!) : null;
      if (moved !== null) assert.equal(moved, h.days);
    }), { numRuns: 300 });
  });

  test('extending a working-day clock by n working days moves the due by exactly n working days', () => {
    fc.assert(fc.property(clockArb, gapArb, fc.integer({ min: 1, max: 15 }), ({ c, last }, g, n) => {
      fc.pre(c.limit.unit === 'workday');
      // A 0-day limit started on a rest day is already due at the end of the next working day
      // (§203), the same date a 1-day limit gives; exclude that degenerate start.
      fc.pre(!degenerate(c));
      const e = extendClock(c, { days: n, reason: '延期' }, new Date(last + g));
      assert.equal(cal.workingDaysBetween(dueDate(c, cal)!, dueDate(e, cal)!), n);
    }), { numRuns: 300 });
  });

  test('used + remaining = limit (+ extensions) when not paused; natural clocks may gain §203 days', () => {
    fc.assert(fc.property(clockArb, gapArb, ({ c, last }, g) => {
      const u = usage(c, cal, new Date(last + g));
      const limit = c.limit.days + c.extensions.reduce((n, e) => n + e.days, 0);
      assert.equal(u.used + u.remaining, u.effectiveLimit);
      // A 0-day working-day limit started on a rest day counts one day (due at the end of the next working day).
      const restStart0 = c.limit.days === 0 && !cal.isWorkingDay(chinaDateOf(new Date(c.startedAt)));
      if (c.limit.unit === 'workday') assert.equal(u.effectiveLimit, (restStart0 ? 1 : 0) + limit);
      else assert.ok(u.effectiveLimit >= limit && u.effectiveLimit <= limit + 10);
    }), { numRuns: 300 });
  });

  test('used never decreases with time; overdue exactly from the due instant', () => {
    fc.assert(fc.property(clockArb, gapArb, gapArb, ({ c, last }, g1, g2) => {
      const a = usage(c, cal, new Date(last + g1));
      const b = usage(c, cal, new Date(last + g1 + g2));
      assert.ok(b.used >= a.used);
      const due = dueAt(c, cal)!;
      assert.equal(isOverdue(c, cal, new Date(due.getTime() - 1)), false);
      assert.equal(isOverdue(c, cal, due), true);
    }), { numRuns: 300 });
  });

  test('before_due k is the first instant with at most k days remaining', () => {
    fc.assert(fc.property(clockArb, fc.integer({ min: 0, max: 10 }), ({ c }, k) => {
      const at = thresholdAt(c, cal, { kind: 'before_due', days: k })!;
      assert.ok(remaining(c, cal, at).days <= k);
      if (at.getTime() > new Date(c.startedAt).getTime()) assert.ok(remaining(c, cal, new Date(at.getTime() - 1)).days > k);
      assert.ok(at.getTime() <= dueAt(c, cal)!.getTime());
    }), { numRuns: 300 });
  });

  test('thresholds are ordered: more days before ⇒ earlier; fraction threshold meets its fraction', () => {
    fc.assert(fc.property(clockArb, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 1, noNaN: true }), ({ c }, a, b, f) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(thresholdAt(c, cal, { kind: 'before_due', days: hi })!.getTime() <= thresholdAt(c, cal, { kind: 'before_due', days: lo })!.getTime());
      const at = thresholdAt(c, cal, { kind: 'remaining_fraction', fraction: f })!;
      const u = usage(c, cal, at);
      assert.ok(u.remaining <= f * u.effectiveLimit + 1e-9);
      assert.ok(thresholdAt(c, cal, { kind: 'due' })!.getTime() <= thresholdAt(c, cal, { kind: 'after_due', days: 1 })!.getTime());
    }), { numRuns: 300 });
  });

  test('JSON round trip keeps every derivation', () => {
    fc.assert(fc.property(clockArb, ({ c, last }) => {
      const j = JSON.parse(JSON.stringify(c)) as ClockState;
      assert.deepEqual(j, c);
      assert.deepEqual(clockView(j, cal, new Date(last)), clockView(c, cal, new Date(last)));
    }), { numRuns: 100 });
  });
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import {
  WorkCalendar, addDays, chinaDateOf, diffDays, endOfChinaDay, fromDayNumber, isIsoDate,
  overridesFromChineseDays, startOfChinaDay, toDayNumber, weekday, type CalendarOverride, type ChineseDaysJson,
} from './calendar.ts';
import { loadChineseDaysOverrides } from '../calendar/chinese-days-data.ts';

const overrides = loadChineseDaysOverrides();
const cal = new WorkCalendar(overrides);

// ---------------------------------------------------------------------------
// State Council notices (国务院办公厅关于2024/2025/2026年部分节假日安排的通知).
// Expand 'MM-DD..MM-DD' ranges into ISO dates.
function days(year: number, ...specs: string[]): string[] {
  const out: string[] = [];
  for (const spec of specs) {
    const [a, b = a] = spec.split('..');
    for (let d = `${year}-${a}`; d <= `${year}-${b}`; d = addDays(d, 1)) out.push(d);
  }
  return out;
}

const NOTICES: Record<number, { holidays: string[]; workdays: string[] }> = {
  2024: {
    holidays: days(2024, '01-01', '02-10..02-17', '04-04..04-06', '05-01..05-05', '06-10', '09-15..09-17', '10-01..10-07'),
    workdays: days(2024, '02-04', '02-18', '04-07', '04-28', '05-11', '09-14', '09-29', '10-12'),
  },
  2025: {
    holidays: days(2025, '01-01', '01-28..02-04', '04-04..04-06', '05-01..05-05', '05-31..06-02', '10-01..10-08'),
    workdays: days(2025, '01-26', '02-08', '04-27', '09-28', '10-11'),
  },
  2026: {
    holidays: days(2026, '01-01..01-03', '02-15..02-23', '04-04..04-06', '05-01..05-05', '06-19..06-21', '09-25..09-27', '10-01..10-07'),
    workdays: days(2026, '01-04', '02-14', '02-28', '05-09', '09-20', '10-10'),
  },
};

describe('chinese-days data agrees with the State Council notices', () => {
  for (const [year, notice] of Object.entries(NOTICES)) {
    test(`${year}`, () => {
      const inYear = overrides.filter((o) => o.date.startsWith(`${year}-`));
      assert.deepEqual(inYear.filter((o) => o.kind === 'holiday').map((o) => o.date), notice.holidays);
      assert.deepEqual(inYear.filter((o) => o.kind === 'workday').map((o) => o.date), notice.workdays);
      // make-up working days are always weekend days
      for (const d of notice.workdays) assert.ok([0, 6].includes(weekday(d)), d);
    });
  }

  test('covers 2004..2026 and every name is Chinese', () => {
    assert.equal(overrides[0].date.slice(0, 4), '2004');
    assert.equal(overrides.at(-1)!.date.slice(0, 4), '2026');
    for (const o of overrides) assert.match(o.name, /^[\u4e00-\u9fff][\u4e00-\u9fff0-9]*$/, o.date);
    assert.equal(cal.dayInfo('2025-10-06').name, '中秋');
    assert.equal(cal.dayInfo('2026-02-14').name, '春节');
  });
});

// ---------------------------------------------------------------------------
// Hand-verified deadline table. Weekdays noted as (Mon)…(Sun). `workday` rows use
// addWorkingDays (counting starts the next day, 民法典 §201); `natural` rows use
// addNaturalDays (end moved off a rest day/holiday, 民法典 §203).
type Row = [start: string, n: number, unit: 'workday' | 'natural', expected: string, note: string];
const TABLE: Row[] = [
  // ---- 2024 ----
  ['2023-12-29', 1, 'workday', '2024-01-02', '元旦 2024: 12/30–31 weekend, 1/1(Mon) holiday'],
  ['2024-02-02', 1, 'workday', '2024-02-04', '春节 2024: make-up Sunday 2/4'],
  ['2024-02-08', 2, 'workday', '2024-02-18', '春节 2024: 2/9(Fri), holiday 2/10–17, make-up Sunday 2/18'],
  ['2024-02-08', 3, 'workday', '2024-02-19', '春节 2024: …then 2/19(Mon)'],
  ['2024-02-03', 14, 'natural', '2024-02-18', '春节 2024: ends 2/17 (holiday) → 2/18 make-up Sunday'],
  ['2024-04-03', 1, 'workday', '2024-04-07', '清明 2024: holiday 4/4–6, make-up Sunday 4/7'],
  ['2024-04-01', 3, 'natural', '2024-04-07', '清明 2024: ends 4/4 (holiday) → 4/7'],
  ['2024-04-26', 1, 'workday', '2024-04-28', '劳动节 2024: make-up Sunday 4/28'],
  ['2024-04-30', 1, 'workday', '2024-05-06', '劳动节 2024: holiday 5/1–5 → 5/6(Mon)'],
  ['2024-04-30', 6, 'workday', '2024-05-11', '劳动节 2024: 5/6–10, make-up Saturday 5/11'],
  ['2024-06-07', 1, 'workday', '2024-06-11', '端午 2024: weekend + 6/10(Mon) holiday'],
  ['2024-09-13', 1, 'workday', '2024-09-14', '中秋 2024: make-up Saturday 9/14'],
  ['2024-09-13', 2, 'workday', '2024-09-18', '中秋 2024: holiday 9/15–17 → 9/18(Wed)'],
  ['2024-09-27', 1, 'workday', '2024-09-29', '国庆节 2024: make-up Sunday 9/29'],
  ['2024-09-29', 2, 'workday', '2024-10-08', '国庆节 2024: 9/30(Mon), holiday 10/1–7, 10/8(Tue)'],
  ['2024-09-30', 5, 'workday', '2024-10-12', '国庆节 2024: 10/8–11, make-up Saturday 10/12'],
  ['2024-09-30', 7, 'natural', '2024-10-08', '国庆节 2024: ends 10/7 (holiday) → 10/8'],
  // ---- 2025 ----
  ['2024-12-31', 1, 'workday', '2025-01-02', '元旦 2025: 1/1(Wed) holiday, year boundary'],
  ['2024-12-25', 7, 'natural', '2025-01-02', '元旦 2025: ends 1/1 (holiday) → 1/2'],
  ['2025-01-24', 1, 'workday', '2025-01-26', '春节 2025: make-up Sunday 1/26'],
  ['2025-01-24', 2, 'workday', '2025-01-27', '春节 2025: 1/27(Mon)'],
  ['2025-01-24', 3, 'workday', '2025-02-05', '春节 2025: holiday 1/28–2/4 → 2/5(Wed)'],
  ['2025-01-27', 4, 'workday', '2025-02-08', '春节 2025: 2/5–7, make-up Saturday 2/8'],
  ['2025-01-20', 10, 'natural', '2025-02-05', '春节 2025: ends 1/30 (holiday) → 2/5'],
  ['2025-04-03', 1, 'workday', '2025-04-07', '清明 2025: holiday 4/4–6 → 4/7(Mon)'],
  ['2025-04-25', 1, 'workday', '2025-04-27', '劳动节 2025: make-up Sunday 4/27'],
  ['2025-04-27', 3, 'workday', '2025-04-30', '劳动节 2025: 4/28–30'],
  ['2025-04-27', 4, 'workday', '2025-05-06', '劳动节 2025: holiday 5/1–5 → 5/6(Tue)'],
  ['2025-05-30', 1, 'workday', '2025-06-03', '端午 2025: holiday 5/31–6/2 → 6/3(Tue)'],
  ['2025-05-25', 7, 'natural', '2025-06-03', '端午 2025: ends 6/1 (holiday) → 6/3'],
  ['2025-09-26', 1, 'workday', '2025-09-28', '国庆节 2025: make-up Sunday 9/28'],
  ['2025-09-30', 1, 'workday', '2025-10-09', '国庆节+中秋 2025: holiday 10/1–8 → 10/9(Thu)'],
  ['2025-09-30', 3, 'workday', '2025-10-11', '国庆节 2025: 10/9–10, make-up Saturday 10/11'],
  ['2025-09-30', 4, 'workday', '2025-10-13', '国庆节 2025: 10/12 Sunday → 10/13(Mon)'],
  ['2025-09-29', 7, 'natural', '2025-10-09', '中秋 2025: ends 10/6 (中秋 holiday) → 10/9'],
  // ---- 2026 ----
  ['2025-12-30', 3, 'workday', '2026-01-05', '元旦 2026: 12/31, holiday 1/1–3, make-up Sunday 1/4, 1/5'],
  ['2025-12-31', 1, 'workday', '2026-01-04', '元旦 2026: make-up Sunday 1/4'],
  ['2025-12-29', 3, 'natural', '2026-01-04', '元旦 2026: ends 1/1 (holiday) → 1/4 make-up Sunday'],
  ['2026-02-12', 3, 'workday', '2026-02-24', '春节 2026: 2/13, make-up Saturday 2/14, holiday 2/15–23, 2/24'],
  ['2026-02-13', 1, 'workday', '2026-02-14', '春节 2026: make-up Saturday 2/14'],
  ['2026-02-14', 1, 'workday', '2026-02-24', '春节 2026: holiday 2/15–23 → 2/24(Tue)'],
  ['2026-02-24', 4, 'workday', '2026-02-28', '春节 2026: 2/25–27, make-up Saturday 2/28'],
  ['2026-02-24', 5, 'workday', '2026-03-02', '春节 2026: 3/1 Sunday → 3/2(Mon)'],
  ['2026-02-10', 10, 'natural', '2026-02-24', '春节 2026: ends 2/20 (holiday) → 2/24'],
  ['2026-02-16', 0, 'workday', '2026-02-24', '春节 2026: n=0 on a holiday → next working day'],
  ['2026-02-28', 0, 'workday', '2026-02-28', '春节 2026: n=0 on a make-up Saturday → itself'],
  ['2026-04-03', 1, 'workday', '2026-04-07', '清明 2026: holiday 4/4–6 → 4/7(Tue)'],
  ['2026-03-31', 5, 'natural', '2026-04-07', '清明 2026: ends 4/5 (holiday) → 4/7'],
  ['2026-04-30', 1, 'workday', '2026-05-06', '劳动节 2026: holiday 5/1–5 → 5/6(Wed)'],
  ['2026-04-30', 4, 'workday', '2026-05-09', '劳动节 2026: 5/6–8, make-up Saturday 5/9'],
  ['2026-04-30', 5, 'workday', '2026-05-11', '劳动节 2026: 5/10 Sunday → 5/11(Mon)'],
  ['2026-04-26', 5, 'natural', '2026-05-06', '劳动节 2026: ends 5/1 (holiday) → 5/6'],
  ['2026-06-18', 1, 'workday', '2026-06-22', '端午 2026: holiday 6/19–21 → 6/22(Mon)'],
  ['2026-06-12', 7, 'natural', '2026-06-22', '端午 2026: ends 6/19 (holiday) → 6/22'],
  ['2026-09-18', 1, 'workday', '2026-09-20', '中秋 2026: make-up Sunday 9/20'],
  ['2026-09-24', 1, 'workday', '2026-09-28', '中秋 2026: holiday 9/25–27 → 9/28(Mon)'],
  ['2026-09-24', 3, 'workday', '2026-09-30', '中秋 2026: 9/28–30'],
  ['2026-09-24', 4, 'workday', '2026-10-08', '国庆节 2026: holiday 10/1–7 → 10/8(Thu)'],
  ['2026-09-30', 5, 'workday', '2026-10-13', '国庆节 2026 statutory example: 10/8, 10/9, make-up Sat 10/10, 10/12, 10/13'],
  ['2026-09-30', 3, 'workday', '2026-10-10', '国庆节 2026: make-up Saturday 10/10'],
  ['2026-09-24', 7, 'natural', '2026-10-08', '国庆节 2026: ends 10/1 (holiday) → 10/8(Thu)'],
  ['2026-10-03', 7, 'natural', '2026-10-10', '国庆节 2026: ends on make-up Saturday 10/10 → unchanged'],
  ['2026-10-04', 7, 'natural', '2026-10-12', '国庆节 2026: ends 10/11 (Sunday) → 10/12'],
  // ordinary weeks
  ['2026-03-02', 5, 'natural', '2026-03-09', 'plain weekend: ends 3/7 (Sat) → 3/9(Mon)'],
  ['2026-03-02', 10, 'natural', '2026-03-12', 'plain: ends 3/12 (Thu), a working day'],
  ['2026-03-06', 1, 'workday', '2026-03-09', 'plain: Friday + 1 → Monday'],
  ['2026-03-07', 0, 'natural', '2026-03-09', 'plain: n=0 on a Saturday → Monday'],
];

describe('deadline table (State Council notices 2024–2026)', () => {
  assert.ok(TABLE.length >= 35);
  for (const [start, n, unit, expected, note] of TABLE) {
    test(`${start} + ${n} ${unit} → ${expected} — ${note}`, () => {
      const got = unit === 'workday' ? cal.addWorkingDays(start, n) : cal.addNaturalDays(start, n);
      assert.equal(got, expected);
      if (unit === 'workday' && n >= 1) assert.equal(cal.workingDaysBetween(start, expected), n);
    });
  }
});

describe('WorkCalendar', () => {
  test('working days per year (weekdays − weekday holidays + make-up days)', () => {
    assert.equal(cal.workingDaysBetween('2023-12-31', '2024-12-31'), 262 - 19 + 8); // 251
    assert.equal(cal.workingDaysBetween('2024-12-31', '2025-12-31'), 261 - 18 + 5); // 248
    assert.equal(cal.workingDaysBetween('2025-12-31', '2026-12-31'), 261 - 19 + 6); // 248
  });

  test('workingDaysBetween is half-open (a, b] and 0 when b ≤ a', () => {
    assert.equal(cal.workingDaysBetween('2026-03-09', '2026-03-09'), 0);
    assert.equal(cal.workingDaysBetween('2026-03-10', '2026-03-09'), 0);
    assert.equal(cal.workingDaysBetween('2026-03-08', '2026-03-09'), 1);
    assert.equal(cal.workingDaysBetween('2026-03-09', '2026-03-10'), 1);
    assert.equal(cal.workingDaysBetween('2026-09-30', '2026-10-13'), 5);
  });

  test('isWorkingDay and dayInfo', () => {
    assert.deepEqual(cal.dayInfo('2026-02-14'), { date: '2026-02-14', working: true, kind: 'makeup', name: '春节' });
    assert.deepEqual(cal.dayInfo('2026-02-15'), { date: '2026-02-15', working: false, kind: 'holiday', name: '春节' });
    assert.deepEqual(cal.dayInfo('2026-02-16'), { date: '2026-02-16', working: false, kind: 'holiday', name: '春节' });
    assert.deepEqual(cal.dayInfo('2026-03-07'), { date: '2026-03-07', working: false, kind: 'weekend' });
    assert.deepEqual(cal.dayInfo('2026-03-09'), { date: '2026-03-09', working: true, kind: 'workday' });
    assert.equal(cal.isWorkingDay('2026-10-10'), true);
    assert.equal(cal.isWorkingDay('2026-10-11'), false);
    assert.equal(cal.isWorkingDay('2026-10-01'), false);
    assert.equal(cal.isWorkingDay('2026-10-08'), true);
  });

  test('nextWorkingDay is strictly after', () => {
    assert.equal(cal.nextWorkingDay('2026-03-09'), '2026-03-10');
    assert.equal(cal.nextWorkingDay('2026-09-30'), '2026-10-08');
    assert.equal(cal.nextWorkingDay('2026-09-19'), '2026-09-20');
  });

  test('monthGrid', () => {
    const feb = cal.monthGrid(2026, 2);
    assert.equal(feb.length, 28);
    assert.equal(feb[0].date, '2026-02-01');
    assert.equal(feb[27].date, '2026-02-28');
    // 20 weekdays − 6 weekday holidays (2/16–20, 2/23) + 2 make-up Saturdays (2/14, 2/28)
    assert.equal(feb.filter((d) => d.working).length, 16);
    assert.equal(cal.monthGrid(2024, 2).length, 29);
    assert.equal(cal.monthGrid(2026, 12).at(-1)!.date, '2026-12-31');
    assert.throws(() => cal.monthGrid(2026, 13), RangeError);
    assert.throws(() => cal.monthGrid(2026, 0), RangeError);
  });

  test('argument validation', () => {
    assert.throws(() => cal.addWorkingDays('2026-03-09', -1), RangeError);
    assert.throws(() => cal.addWorkingDays('2026-03-09', 1.5), RangeError);
    assert.throws(() => cal.addWorkingDays('2026-03-09', NaN), RangeError);
    assert.throws(() => cal.addNaturalDays('2026-03-09', -1), RangeError);
    assert.throws(() => cal.addWorkingDays('2026-02-30', 1), RangeError);
    assert.throws(() => cal.isWorkingDay('2026/03/09'), RangeError);
  });

  test('constructor rejects conflicting or invalid overrides', () => {
    assert.throws(() => new WorkCalendar([
      { date: '2026-10-10', kind: 'workday', name: 'a' },
      { date: '2026-10-10', kind: 'holiday', name: 'b' },
    ]), RangeError);
    assert.throws(() => new WorkCalendar([{ date: '2026-02-29', kind: 'holiday', name: 'x' }]), RangeError);
    // identical duplicates are fine
    const c = new WorkCalendar([
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
    ]);
    assert.equal(c.overrides().length, 1);
  });

  test('empty calendar = weekends only; weekday workday override stays kind workday', () => {
    const c = new WorkCalendar([{ date: '2026-03-10', kind: 'workday', name: 'x' }]);
    assert.equal(c.addWorkingDays('2026-10-01', 5), '2026-10-08');
    assert.deepEqual(c.dayInfo('2026-03-10'), { date: '2026-03-10', working: true, kind: 'workday', name: 'x' });
  });
});

describe('overridesFromChineseDays', () => {
  test('converts, takes the Chinese name, sorts', () => {
    const got = overridesFromChineseDays({
      holidays: { '2026-10-02': 'National Day,国庆节,3', '2026-10-01': 'National Day,国庆节,3' },
      workdays: { '2026-10-10': 'National Day,国庆节,3' },
      inLieuDays: { '2026-10-02': 'National Day,国庆节,3' },
    });
    assert.deepEqual(got, [
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-02', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-10', kind: 'workday', name: '国庆节' },
    ] satisfies CalendarOverride[]);
  });

  test('an in-lieu day missing from holidays is still a rest day', () => {
    const got = overridesFromChineseDays({ holidays: {}, workdays: {}, inLieuDays: { '2026-10-07': 'National Day,国庆节,3' } });
    assert.deepEqual(got, [{ date: '2026-10-07', kind: 'holiday', name: '国庆节' }]);
  });

  test('rejects a date listed as both holiday and workday', () => {
    assert.throws(() => overridesFromChineseDays({ holidays: { '2026-10-10': 'a,甲,1' }, workdays: { '2026-10-10': 'a,甲,1' } }), RangeError);
  });

  test('bundled data: every in-lieu day is already a holiday; workdays are weekends', () => {
    // The assumption documented in overridesFromChineseDays, checked on the raw JSON.
    const raw = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysJson;
    const inLieu = Object.keys(raw.inLieuDays ?? {});
    assert.ok(inLieu.length > 100);
    for (const d of inLieu) assert.ok(d in raw.holidays, d);
    for (const d of Object.keys(raw.workdays)) {
      assert.ok(!(d in raw.holidays), d);
      assert.ok([0, 6].includes(weekday(d)), d);
    }
    assert.equal(overrides.length, Object.keys(raw.holidays).length + Object.keys(raw.workdays).length);
  });
});

describe('date helpers', () => {
  test('isIsoDate', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31']) assert.equal(isIsoDate(ok), true, ok);
    for (const bad of ['2025-02-29', '1900-02-29', '2026-1-01', '2026-13-01', '2026-00-10', '2026-04-31', ' 2026-01-01',
      '2026-01-01T00:00', '20260101', '', '0000-01-01', 20260101, null]) assert.equal(isIsoDate(bad), false, String(bad));
  });

  test('toDayNumber: the same number every time, and an invalid date refused before and after valid ones were converted', () => {
    for (const bad of ['2025-02-29', '2026-04-31', '2026-1-01', '']) assert.throws(() => toDayNumber(bad), RangeError, bad);
    for (let i = 0; i < 3; i++) {
      assert.equal(toDayNumber('1970-01-01'), 0);
      assert.equal(toDayNumber('2026-10-01'), 20727);
    }
    for (const bad of ['2025-02-29', '2026-04-31', 20260101 as unknown as string, null as unknown as string]) assert.throws(() => toDayNumber(bad), RangeError, String(bad));
  });

  test('addDays / diffDays / weekday', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2025-02-28', 1), '2025-03-01');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
    assert.equal(diffDays('2025-12-31', '2026-12-31'), 365);
    assert.equal(diffDays('2026-12-31', '2025-12-31'), -365);
    assert.equal(weekday('2026-10-01'), 4); // Thursday
    assert.equal(weekday('2026-10-10'), 6); // Saturday
    assert.equal(weekday('1970-01-01'), 4);
    assert.equal(weekday('1969-12-28'), 0);
    assert.throws(() => addDays('2026-01-01', 0.5), RangeError);
  });

  test('China time', () => {
    assert.equal(endOfChinaDay('2026-10-13').toISOString(), '2026-10-13T16:00:00.000Z');
    assert.equal(startOfChinaDay('2026-10-13').toISOString(), '2026-10-12T16:00:00.000Z');
    assert.equal(chinaDateOf(new Date('2026-10-13T15:59:59.999Z')), '2026-10-13');
    assert.equal(chinaDateOf(new Date('2026-10-13T16:00:00.000Z')), '2026-10-14');
    assert.equal(chinaDateOf(new Date('2025-12-31T16:00:00Z')), '2026-01-01');
    assert.throws(() => chinaDateOf(new Date(NaN)), RangeError);
  });

  test('day numbers agree with Date.UTC (property)', () => {
    fc.assert(fc.property(fc.integer({ min: toDayNumber('0001-01-01'), max: toDayNumber('9999-12-31') }), (n) => {
      const viaDate = new Date(n * 86_400_000);
      assert.equal(fromDayNumber(n), viaDate.toISOString().slice(0, 10));
      assert.equal(toDayNumber(fromDayNumber(n)), n);
      assert.equal(weekday(fromDayNumber(n)), viaDate.getUTCDay());
    }), { numRuns: 2000 });
  });
});

// ---------------------------------------------------------------------------
// Properties over the span of the bundled data.
const dateArb = fc.integer({ min: toDayNumber('2004-01-01'), max: toDayNumber('2026-12-31') }).map(fromDayNumber);
const nArb = fc.integer({ min: 1, max: 400 });

describe('calendar properties', () => {
  test('addWorkingDays: working day, later than start, workingDaysBetween round-trips', () => {
    fc.assert(fc.property(dateArb, nArb, (s, n) => {
      const r = cal.addWorkingDays(s, n);
      assert.ok(cal.isWorkingDay(r));
      assert.ok(r > s);
      assert.equal(cal.workingDaysBetween(s, r), n);
      assert.equal(cal.workingDaysBetween(s, addDays(r, -1)), n - 1);
    }));
  });

  test('addNaturalDays: ≥ start+n, a working day, nothing working in between', () => {
    fc.assert(fc.property(dateArb, fc.integer({ min: 0, max: 400 }), (s, n) => {
      const r = cal.addNaturalDays(s, n);
      const plain = addDays(s, n);
      assert.ok(r >= plain);
      assert.ok(cal.isWorkingDay(r));
      for (let d = plain; d < r; d = addDays(d, 1)) assert.equal(cal.isWorkingDay(d), false, d);
    }));
  });

  test('monotonic in n and in start', () => {
    fc.assert(fc.property(dateArb, nArb, nArb, (s, a, b) => {
      fc.pre(a !== b);
      const [n, m] = a < b ? [a, b] : [b, a];
      assert.ok(cal.addWorkingDays(s, n) < cal.addWorkingDays(s, m));
      assert.ok(cal.addNaturalDays(s, n) <= cal.addNaturalDays(s, m));
    }));
    fc.assert(fc.property(dateArb, dateArb, nArb, (x, y, n) => {
      fc.pre(x !== y);
      const [a, b] = x < y ? [x, y] : [y, x];
      assert.ok(cal.addWorkingDays(a, n) <= cal.addWorkingDays(b, n));
      assert.ok(cal.addNaturalDays(a, n) <= cal.addNaturalDays(b, n));
    }));
  });

  test('n = 0 and nextWorkingDay', () => {
    fc.assert(fc.property(dateArb, (s) => {
      const z = cal.addWorkingDays(s, 0);
      assert.equal(z, cal.isWorkingDay(s) ? s : cal.nextWorkingDay(s));
      assert.equal(cal.addWorkingDays(s, 1), cal.nextWorkingDay(s));
      assert.equal(cal.addNaturalDays(s, 0), z);
    }));
  });

  test('chinaDateOf(endOfChinaDay(d) − 1ms) === d, chinaDateOf(startOfChinaDay(d)) === d', () => {
    fc.assert(fc.property(dateArb, (d) => {
      assert.equal(chinaDateOf(new Date(endOfChinaDay(d).getTime() - 1)), d);
      assert.equal(chinaDateOf(endOfChinaDay(d)), addDays(d, 1));
      assert.equal(chinaDateOf(startOfChinaDay(d)), d);
      assert.equal(endOfChinaDay(d).getTime() - startOfChinaDay(d).getTime(), 86_400_000);
    }));
  });

  test('monthGrid covers the month exactly and agrees with dayInfo', () => {
    fc.assert(fc.property(fc.integer({ min: 2004, max: 2026 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
      const g = cal.monthGrid(y, m);
      assert.equal(g[0].date, `${y}-${String(m).padStart(2, '0')}-01`);
      assert.ok(g.every((d) => d.date.startsWith(g[0].date.slice(0, 8))));
      assert.ok(addDays(g.at(-1)!.date, 1).endsWith('-01'));
      for (const d of g) assert.equal(d.working, cal.isWorkingDay(d.date));
    }), { numRuns: 50 });
  });
});

// A clock: one time limit on one thing (ARCHITECTURE "Time"). Pure: no I/O, no clock reads;
// every instant is an argument. A ClockState is plain JSON-safe data (instants are ISO 8601
// UTC strings), so it can be stored, shipped in events and rebuilt by replay.
//
// ── Counting rules ─────────────────────────────────────────────────────────────────────
//
//  • Unit. A clock counts in its limit's unit: working days (工作日, 行政许可法 §82) or natural
//    days (自然日) when the item says so.
//  • Start. Counting starts the day AFTER the start instant's China date (民法典 §201); a
//    start on a rest day therefore counts from the next working day (WorkCalendar does both).
//  • Due. The due instant is the END of the last counted day, China time (endOfChinaDay).
//    Working-day clock: due date = cal.addWorkingDays(startDate, total).
//    Natural-day clock: due date = cal.addNaturalDays(startDate, total) — if that last day is a
//    rest day or holiday the period ends on the next working day (民法典 §203).
//    total = limit.days + same-unit extensions + counted pause days (below).
//    A 0-day limit (即办件) is due at the end of the start day — or, started on a rest day, at
//    the end of the next working day (the same date a 1-day limit gives).
//  • Pauses (行政许可法 §45: time for 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审 is not
//    counted; CASE-5). Whole days only. A pause from instant P to instant R removes the days
//    in the half-open date interval (date(P), date(R)] — the working days in it for a
//    working-day clock (= cal.workingDaysBetween(date(P), date(R))), all days for a natural-day
//    clock — and the due date moves later by exactly that many counted days.
//    This is the §201 rule applied to a resumption: the day the pause starts was (partly)
//    used and counts; the day of resumption is like a new start and does not count; counting
//    resumes the day after. Consequences:
//      – a pause that starts and ends on the same China date shifts nothing;
//      – a pause from Friday to the following Monday shifts 1 working day (Monday);
//      – a pause started on the due date itself, before the due instant, moves the due to the
//        resumption day (when that is a working day).
//    A pause that starts at or after the due instant (the clock is already overdue) is
//    recorded but does not count: pausing never turns an overdue clock back into a running
//    one. Pauses and extensions are evaluated in time order (on a tie, the extension first).
//    While a counted pause is open the due instant is unknown: dueAt() is null,
//    projectedDueAt() assumes resumption now or at the pause's expected end, whichever is later.
//  • Extensions (行政许可法 §42). An extension in the clock's own unit adds to total, so
//    extending by n working days moves the due by exactly n working days. An extension in the
//    other unit is applied to the resulting due date afterwards (addWorkingDays/addNaturalDays).
//  • Stop. Stopping records when the thing was done; due and thresholds stay derivable, so a
//    stopped clock still tells whether it finished in time. Stopping closes an open pause.
//  • Used / remaining (whole counted days, China dates). At instant t (capped at the stop):
//      used(t)      = counted days in (startDate, date(t)]   (paused days excluded)
//      remaining(t) = counted days in (date(t), dueDate]    (negative when overdue)
//    so used + remaining = the effective limit = counted days in (startDate, dueDate], which is
//    limit + same-unit extensions for a working-day clock (a natural-day clock may gain the
//    §203 end-of-holiday days). On the due date itself remaining is 0 but the clock is not yet
//    overdue (overdue = t ≥ due instant).
//  • Thresholds (for supervision's signal profiles, SUP-2): 'before_due' k = the first instant
//    at which at most k counted days remain (the start of the (T−k)-th counted day, T = the
//    effective limit; the start instant if T ≤ k); 'remaining_fraction' f = 'before_due'
//    ⌊f·T⌋; 'due' = the due instant; 'after_due' k = the end of the k-th day (in the clock's
//    unit) after the due date. While a counted pause is open, a threshold that would have
//    fallen before the pause began is returned as it was; later ones are null (nothing fires
//    while the clock is stopped by law).

import { WorkCalendar, addDays, chinaDateOf, diffDays, endOfChinaDay, startOfChinaDay, type IsoDate } from './calendar.ts';
import type { DayUnit, TimeLimit } from './item.ts';

/** An instant as ISO 8601 UTC text, exactly as Date#toISOString() writes it. */
export type Instant = string;

/**
 * What the clock limits. Case kinds (CASE-2…CASE-8) and the kinds other modules run on the
 * same arithmetic (SUP-2, SUP-6, SUP-7, CMP-2, CAT-3).
 */
export const CLOCK_KINDS = {
  acceptance: '受理时限',
  supplement: '补正时限',
  case_promised: '承诺时限',
  case_legal: '法定时限',
  step: '环节时限',
  special_procedure: '特别程序时限',
  delivery: '送达时限',
  supervision_task: '督办时限',
  complaint: '投诉处理时限',
  signal_response: '说明申诉时限',
  rectification: '整改时限',
  catalog_review: '事项审核时限',
} as const;
export type ClockKind = keyof typeof CLOCK_KINDS;

export interface ClockPause {
  from: Instant;
  /** null while the pause is open. */
  to: Instant | null;
  reason: string;
  /** The expected duration told to the applicant (行政许可法 §45 written notice), if any. */
  expected: TimeLimit | null;
}

export interface ClockExtension {
  days: number;
  unit: DayUnit;
  reason: string;
  approvedAt: Instant;
}

export interface ClockState {
  kind: ClockKind;
  /** What the clock is on within its owner, e.g. the step code or the special procedure kind. */
  ref: string | null;
  limit: TimeLimit;
  startedAt: Instant;
  pauses: ClockPause[];
  extensions: ClockExtension[];
  /** When the thing was done (or abandoned); null while open. */
  stoppedAt: Instant | null;
}

export type ClockStatus = 'running' | 'paused' | 'stopped';

/** Misuse of the clock API (pausing a paused clock, going back in time …): a programming error. */
export class ClockError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ClockError';
  }
}

// ---------------------------------------------------------------------------
// Construction and changes.

function iso(at: Date): Instant {
  if (!(at instanceof Date) || !Number.isFinite(at.getTime())) throw new ClockError('INVALID_INSTANT', 'invalid Date');
  return at.toISOString();
}

function checkLimit(l: TimeLimit, what: string): void {
  if (!l || !Number.isSafeInteger(l.days) || l.days < 0 || (l.unit !== 'workday' && l.unit !== 'natural')) {
    throw new ClockError('INVALID_LIMIT', `${what} must be {days ≥ 0 integer, unit workday|natural}, got ${JSON.stringify(l)}`);
  }
}

/** The latest instant recorded on the clock; every change must be at or after it. */
function lastInstant(c: ClockState): Instant {
  let last = c.startedAt;
  for (const p of c.pauses) {
    if (p.from > last) last = p.from;
    if (p.to && p.to > last) last = p.to;
  }
  for (const e of c.extensions) if (e.approvedAt > last) last = e.approvedAt;
  return last;
}

function mutable(c: ClockState, at: Instant, what: string): void {
  if (c.stoppedAt !== null) throw new ClockError('CLOCK_STOPPED', `cannot ${what} a stopped ${c.kind} clock`);
  if (at < lastInstant(c)) throw new ClockError('TIME_REVERSED', `cannot ${what} at ${at}: the clock's last change was at ${lastInstant(c)}`);
}

export function openPause(c: ClockState): ClockPause | null {
  const p = c.pauses.at(-1);
  return p && p.to === null ? p : null;
}

export function clockStatus(c: ClockState): ClockStatus {
  if (c.stoppedAt !== null) return 'stopped';
  return openPause(c) ? 'paused' : 'running';
}

export function startClock(kind: ClockKind, limit: TimeLimit, at: Date, ref: string | null = null): ClockState {
  if (!(kind in CLOCK_KINDS)) throw new ClockError('INVALID_KIND', `unknown clock kind ${String(kind)}`);
  checkLimit(limit, 'limit');
  return { kind, ref, limit: { days: limit.days, unit: limit.unit }, startedAt: iso(at), pauses: [], extensions: [], stoppedAt: null };
}

export function pauseClock(c: ClockState, at: Date, reason: string, expected: TimeLimit | null = null): ClockState {
  const t = iso(at);
  mutable(c, t, 'pause');
  if (openPause(c)) throw new ClockError('ALREADY_PAUSED', `the ${c.kind} clock is already paused`);
  if (expected !== null) checkLimit(expected, 'expected duration');
  return { ...c, pauses: [...c.pauses, { from: t, to: null, reason, expected: expected && { days: expected.days, unit: expected.unit } }] };
}

export function resumeClock(c: ClockState, at: Date): ClockState {
  const t = iso(at);
  mutable(c, t, 'resume');
  const open = openPause(c);
  if (!open) throw new ClockError('NOT_PAUSED', `the ${c.kind} clock is not paused`);
  return { ...c, pauses: [...c.pauses.slice(0, -1), { ...open, to: t }] };
}

export function extendClock(c: ClockState, ext: { days: number; unit?: DayUnit; reason: string }, at: Date): ClockState {
  const t = iso(at);
  mutable(c, t, 'extend');
  const unit = ext.unit ?? c.limit.unit;
  checkLimit({ days: ext.days, unit }, 'extension');
  if (ext.days < 1) throw new ClockError('INVALID_LIMIT', 'an extension is at least 1 day');
  return { ...c, extensions: [...c.extensions, { days: ext.days, unit, reason: ext.reason, approvedAt: t }] };
}

/** Marks the thing done; an open pause ends at the same instant. */
export function stopClock(c: ClockState, at: Date): ClockState {
  const t = iso(at);
  mutable(c, t, 'stop');
  const open = openPause(c);
  const pauses = open ? [...c.pauses.slice(0, -1), { ...open, to: t }] : c.pauses;
  return { ...c, pauses, stoppedAt: t };
}

// ---------------------------------------------------------------------------
// Day counting.

/** Days of `unit` in the half-open date interval (a, b]; 0 when b ≤ a. */
function countDays(cal: WorkCalendar, unit: DayUnit, a: IsoDate, b: IsoDate): number {
  if (b <= a) return 0;
  return unit === 'workday' ? cal.workingDaysBetween(a, b) : diffDays(a, b);
}

function addInUnit(cal: WorkCalendar, unit: DayUnit, d: IsoDate, n: number): IsoDate {
  return unit === 'workday' ? cal.addWorkingDays(d, n) : cal.addNaturalDays(d, n);
}

/** The n-th day (n ≥ 1) strictly after d that the unit counts, without the §203 end rule. */
function nthDayAfter(cal: WorkCalendar, unit: DayUnit, d: IsoDate, n: number): IsoDate {
  return unit === 'workday' ? cal.addWorkingDays(d, n) : addDays(d, n);
}

/** How one pause acts on the clock. */
export interface PauseEffect {
  pause: ClockPause;
  fromDate: IsoDate;
  /** null while open. */
  toDate: IsoDate | null;
  /** false when the pause began at or after the due instant (already overdue): not counted. */
  counted: boolean;
  /** Counted days the pause removed, in the clock's unit (0 when not counted or still open). */
  days: number;
}

interface Schedule {
  startDate: IsoDate;
  /** null while a counted pause is open. */
  dueDate: IsoDate | null;
  effects: PauseEffect[];
}

// Clock states are values: the machine and the sweep build new ones and never change one in
// place, so a schedule worked out for a state object (with one calendar) holds as long as the
// object lives. A command derives the same clocks several times (projection, thresholds,
// supervision) and the case state cache keeps unchanged clocks across commands.
const schedules = new WeakMap<ClockState, { cal: WorkCalendar; s: Schedule }>();

function schedule(c: ClockState, cal: WorkCalendar): Schedule {
  const hit = schedules.get(c);
  if (hit && hit.cal === cal) return hit.s;
  const s = computeSchedule(c, cal);
  schedules.set(c, { cal, s });
  return s;
}

function computeSchedule(c: ClockState, cal: WorkCalendar): Schedule {
  const unit = c.limit.unit;
  const startDate = chinaDateOf(new Date(c.startedAt));
  // A 0-day (即办) working-day limit started on a rest day runs to the end of the next working
  // day, i.e. it counts one day; counting it as 1 keeps pauses shifting it like any other limit.
  let total = unit === 'workday' && c.limit.days === 0 && !cal.isWorkingDay(startDate) ? 1 : c.limit.days;
  const foreign: { days: number; unit: DayUnit }[] = [];
  const due = () => foreign.reduce((d, f) => addInUnit(cal, f.unit, d, f.days), addInUnit(cal, unit, startDate, total));

  type Ev = { t: Instant; order: number; ext?: ClockExtension; pause?: ClockPause };
  const evs: Ev[] = [
    ...c.extensions.map((ext, i) => ({ t: ext.approvedAt, order: i, ext })),
    ...c.pauses.map((pause, i) => ({ t: pause.from, order: 1e6 + i, pause })),
  ].sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.order - b.order));

  const effects: PauseEffect[] = [];
  for (const ev of evs) {
    if (ev.ext) {
      if (ev.ext.unit === unit) total += ev.ext.days;
      else foreign.push(ev.ext);
      continue;
    }
    const p = ev.pause!;
    const fromDate = chinaDateOf(new Date(p.from));
    const toDate = p.to === null ? null : chinaDateOf(new Date(p.to));
    const counted = new Date(p.from).getTime() < endOfChinaDay(due()).getTime();
    if (counted && toDate === null) {
      effects.push({ pause: p, fromDate, toDate, counted, days: 0 });
      return { startDate, dueDate: null, effects };
    }
    const days = counted ? countDays(cal, unit, fromDate, toDate!) : 0;
    total += days;
    effects.push({ pause: p, fromDate, toDate, counted, days });
  }
  return { startDate, dueDate: due(), effects };
}

/** Counted days in (a, b]: days of the unit minus those inside counted pauses. */
function countedBetween(cal: WorkCalendar, unit: DayUnit, effects: PauseEffect[], a: IsoDate, b: IsoDate): number {
  let n = countDays(cal, unit, a, b);
  for (const e of effects) {
    if (!e.counted) continue;
    const lo = e.fromDate > a ? e.fromDate : a;
    const hi = e.toDate === null ? b : e.toDate < b ? e.toDate : b;
    n -= countDays(cal, unit, lo, hi);
  }
  return n;
}

/** The n-th counted day (n ≥ 1) after the start: runs through the gaps between counted pauses. */
function nthCountedDay(cal: WorkCalendar, unit: DayUnit, startDate: IsoDate, effects: PauseEffect[], n: number): IsoDate {
  let segStart = startDate;
  for (const e of effects) {
    if (!e.counted || e.toDate === null) continue;
    const avail = countDays(cal, unit, segStart, e.fromDate > segStart ? e.fromDate : segStart);
    if (n <= avail) return nthDayAfter(cal, unit, segStart, n);
    n -= avail;
    if (e.toDate > segStart) segStart = e.toDate;
  }
  return nthDayAfter(cal, unit, segStart, n);
}

/** The clock with its open pause (if any) taken as ending at t (never before it began). */
function resolvedAt(c: ClockState, t: Instant): ClockState {
  const open = openPause(c);
  if (!open) return c;
  return { ...c, pauses: [...c.pauses.slice(0, -1), { ...open, to: t > open.from ? t : open.from }] };
}

/** The instant at which derived values are evaluated: now, or the stop if earlier. */
function evalInstant(c: ClockState, now: Date): Instant {
  const t = iso(now);
  return c.stoppedAt !== null && c.stoppedAt < t ? c.stoppedAt : t;
}

// ---------------------------------------------------------------------------
// Derivations.

/** The due date (China date of the last counted day); null while a counted pause is open. */
export function dueDate(c: ClockState, cal: WorkCalendar): IsoDate | null {
  return schedule(c, cal).dueDate;
}

/** The due instant (end of the due date, China time); null while a counted pause is open. */
export function dueAt(c: ClockState, cal: WorkCalendar): Date | null {
  const d = dueDate(c, cal);
  return d === null ? null : endOfChinaDay(d);
}

/**
 * The due instant for display ("预计办结日期"): as dueAt, and while a counted pause is open,
 * assuming it ends now or at its expected end (start date + expected duration), whichever is later.
 */
export function projectedDueAt(c: ClockState, cal: WorkCalendar, now: Date): Date {
  const known = dueAt(c, cal);
  if (known) return known;
  const open = openPause(c)!;
  let resume = iso(now);
  if (open.expected) {
    const end = startOfChinaDay(addInUnit(cal, open.expected.unit, chinaDateOf(new Date(open.from)), open.expected.days)).toISOString();
    if (end > resume) resume = end;
  }
  return dueAt(resolvedAt(c, resume), cal)!;
}

export interface ClockUsage {
  unit: DayUnit;
  /** Counted days used up to now (or the stop). */
  used: number;
  /** Counted days left after today until the due date; negative when overdue. */
  remaining: number;
  /** used + remaining: the limit with extensions (and, for natural days, any §203 end days). */
  effectiveLimit: number;
  usedFraction: number;
  remainingFraction: number;
  /** Derived as if an open pause ended at the evaluation instant. */
  dueAt: Date;
  overdue: boolean;
}

/** Used and remaining time at `now` (or at the stop, if earlier). */
export function usage(c: ClockState, cal: WorkCalendar, now: Date): ClockUsage {
  const t = evalInstant(c, now);
  const view = resolvedAt(c, t);
  const s = schedule(view, cal);
  const due = s.dueDate!;
  const today = chinaDateOf(new Date(t));
  const unit = c.limit.unit;
  const used = countedBetween(cal, unit, s.effects, s.startDate, today);
  const effectiveLimit = countedBetween(cal, unit, s.effects, s.startDate, due);
  const remaining = effectiveLimit - used;
  const denom = Math.max(effectiveLimit, 1);
  const dueInstant = endOfChinaDay(due);
  // In a counted pause that is still open the clock is stopped by law: never overdue.
  const inCountedPause = c.stoppedAt === null && openPause(c) !== null && dueDate(c, cal) === null;
  return {
    unit, used, remaining, effectiveLimit,
    usedFraction: used / denom,
    remainingFraction: remaining / denom,
    dueAt: dueInstant,
    overdue: !inCountedPause && new Date(t).getTime() >= dueInstant.getTime(),
  };
}

export function usedTime(c: ClockState, cal: WorkCalendar, now: Date): { days: number; unit: DayUnit; fraction: number } {
  const u = usage(c, cal, now);
  return { days: u.used, unit: u.unit, fraction: u.usedFraction };
}

export function remaining(c: ClockState, cal: WorkCalendar, now: Date): { days: number; unit: DayUnit; fraction: number } {
  const u = usage(c, cal, now);
  return { days: u.remaining, unit: u.unit, fraction: u.remainingFraction };
}

/**
 * Past due at `now`: a running clock whose due instant has passed, or a stopped clock that
 * stopped at or after its due instant (done late). A clock in a counted pause is not overdue.
 */
export function isOverdue(c: ClockState, cal: WorkCalendar, now: Date): boolean {
  return usage(c, cal, now).overdue;
}

export interface PauseRecord extends PauseEffect {
  /** For an open counted pause: the days it has removed so far (as if it ended now). */
  daysSoFar: number;
}

/** Every pause with how it acted on the due date. */
export function pauseHistory(c: ClockState, cal: WorkCalendar, now: Date): PauseRecord[] {
  const base = schedule(c, cal).effects;
  const resolved = schedule(resolvedAt(c, evalInstant(c, now)), cal).effects;
  return c.pauses.map((p, i) => {
    const e = base[i] ?? { pause: p, fromDate: chinaDateOf(new Date(p.from)), toDate: null, counted: false, days: 0 };
    return { ...e, pause: p, daysSoFar: resolved[i]?.days ?? e.days };
  });
}

// ---------------------------------------------------------------------------
// Thresholds (supervision signal profiles, SUP-2).

export type Threshold =
  /** When at most `days` counted days remain (e.g. Chengdu yellow: ≤ 2 working days). */
  | { kind: 'before_due'; days: number }
  /** When at most ⌊fraction × limit⌋ counted days remain (e.g. Chengdu yellow: ≤ 20 %). */
  | { kind: 'remaining_fraction'; fraction: number }
  /** The due instant (e.g. red; "the promised limit passes"). */
  | { kind: 'due' }
  /** The end of the `days`-th day after the due date (escalation). */
  | { kind: 'after_due'; days: number };

function thresholdOf(c: ClockState, cal: WorkCalendar, th: Threshold, s: Schedule = schedule(c, cal), counted?: { total?: number }): Date {
  const due = s.dueDate!;
  const unit = c.limit.unit;
  switch (th.kind) {
    case 'due':
      return endOfChinaDay(due);
    case 'after_due':
      if (!Number.isSafeInteger(th.days) || th.days < 0) throw new ClockError('INVALID_THRESHOLD', 'after_due days must be an integer ≥ 0');
      return endOfChinaDay(th.days === 0 ? due : nthDayAfter(cal, unit, due, th.days));
    case 'before_due':
    case 'remaining_fraction': {
      let total = counted?.total;
      if (total === undefined) {
        total = countedBetween(cal, unit, s.effects, s.startDate, due);
        if (counted) counted.total = total;
      }
      let k: number;
      if (th.kind === 'before_due') {
        if (!Number.isSafeInteger(th.days) || th.days < 0) throw new ClockError('INVALID_THRESHOLD', 'before_due days must be an integer ≥ 0');
        k = th.days;
      } else {
        if (!(th.fraction >= 0 && th.fraction <= 1)) throw new ClockError('INVALID_THRESHOLD', 'fraction must be within [0, 1]');
        k = Math.floor(th.fraction * total + 1e-9);
      }
      if (k >= total) return new Date(c.startedAt);
      const day = nthCountedDay(cal, unit, s.startDate, s.effects, total - k);
      const at = startOfChinaDay(day);
      return at.getTime() < new Date(c.startedAt).getTime() ? new Date(c.startedAt) : at;
    }
  }
}

/**
 * The instant the threshold is reached. null while a counted pause is open and the threshold
 * had not been reached before the pause began (the instant moves once the clock resumes).
 */
export function thresholdAt(c: ClockState, cal: WorkCalendar, th: Threshold): Date | null {
  const open = openPause(c);
  if (!open || c.stoppedAt !== null || dueAt(c, cal) !== null) return thresholdOf(c, cal, th);
  const before: ClockState = { ...c, pauses: c.pauses.slice(0, -1) };
  const at = thresholdOf(before, cal, th);
  return at.getTime() < new Date(open.from).getTime() ? at : null;
}

/**
 * thresholdAt and dueAt of one clock for many thresholds (a profile's levels): the schedule
 * (pauses, extensions, due date) and the counted days are worked out once, not per threshold.
 * Same answers as thresholdAt(c, cal, th) / dueAt(c, cal); the clock must not change meanwhile.
 */
export function clockThresholds(c: ClockState, cal: WorkCalendar): { dueAt: Date | null; at: (th: Threshold) => Date | null } {
  const s = schedule(c, cal);
  const due = s.dueDate === null ? null : endOfChinaDay(s.dueDate);
  const open = openPause(c);
  if (!open || c.stoppedAt !== null || due !== null) {
    const counted: { total?: number } = {};
    return { dueAt: due, at: (th) => thresholdOf(c, cal, th, s, counted) };
  }
  const before: ClockState = { ...c, pauses: c.pauses.slice(0, -1) };
  const sb = schedule(before, cal);
  const counted: { total?: number } = {};
  const from = new Date(open.from).getTime();
  return {
    dueAt: due,
    at: (th) => {
      const at = thresholdOf(before, cal, th, sb, counted);
      return at.getTime() < from ? at : null;
    },
  };
}

// ---------------------------------------------------------------------------
// One summary for screens and supervision.

export interface ClockView {
  kind: ClockKind;
  ref: string | null;
  status: ClockStatus;
  limit: TimeLimit;
  startedAt: Instant;
  stoppedAt: Instant | null;
  /** null while a counted pause is open. */
  dueAt: Date | null;
  projectedDueAt: Date;
  used: number;
  remaining: number;
  effectiveLimit: number;
  usedFraction: number;
  remainingFraction: number;
  overdue: boolean;
  pauses: PauseRecord[];
  extensions: ClockExtension[];
}

export function clockView(c: ClockState, cal: WorkCalendar, now: Date): ClockView {
  const u = usage(c, cal, now);
  return {
    kind: c.kind, ref: c.ref, status: clockStatus(c), limit: c.limit, startedAt: c.startedAt, stoppedAt: c.stoppedAt,
    dueAt: dueAt(c, cal), projectedDueAt: projectedDueAt(c, cal, now),
    used: u.used, remaining: u.remaining, effectiveLimit: u.effectiveLimit,
    usedFraction: u.usedFraction, remainingFraction: u.remainingFraction,
    overdue: isOverdue(c, cal, now), pauses: pauseHistory(c, cal, now), extensions: c.extensions,
  };
}

// Chinese statutory working-day calendar (pure: no I/O, no clock reads).
//
// Rules:
//  - A date is a working day iff (Mon–Fri and not an override holiday) or it is an
//    override workday (a weekend day declared a working day, 调休上班). Ordinary
//    weekends are not stored; only the State Council's annual notice is
//    (全国年节及纪念日放假办法 + 国务院办公厅关于部分节假日安排的通知).
//  - Periods counted in days start the day AFTER the starting day (民法典 §201).
//  - If the last day of a period is a rest day or statutory holiday, the period ends
//    on the day after the holiday, i.e. the next working day (民法典 §203).
//
// Dates are 'YYYY-MM-DD' strings; internally every date is an integer day number
// (days since 1970-01-01, proleptic Gregorian), so no local-timezone arithmetic.

export type IsoDate = string;

export interface CalendarOverride {
  date: IsoDate;
  /** 'holiday' = statutory rest day (法定节假日 or day off in lieu); 'workday' = weekend day declared a working day (调休上班). */
  kind: 'holiday' | 'workday';
  name: string;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  /** 'makeup' = weekend day that is a working day (调休上班); 'holiday' = override rest day (may fall on a weekend). */
  kind: DayKind;
  name?: string;
}

// ---------------------------------------------------------------------------
// Day numbers (Howard Hinnant's civil-from-days algorithms, integer-only).

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** China Standard Time is UTC+8 all year (no DST since 1991). */
const CST_OFFSET_MS = 8 * 3_600_000;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Strict 'YYYY-MM-DD' with a real calendar date (years 0001–9999). */
export function isIsoDate(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const y = +m[1], mo = +m[2], d = +m[3];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

// Valid dates already converted: clocks and sweeps convert the same few hundred dates over and
// over, and the strict check costs more than the arithmetic. Bounded; invalid input never enters.
const dayNumbers = new Map<string, number>();

/** Day number (days since 1970-01-01) of an ISO date; throws RangeError when invalid. */
export function toDayNumber(d: IsoDate): number {
  const known = dayNumbers.get(d);
  if (known !== undefined) return known;
  if (!isIsoDate(d)) throw new RangeError(`invalid ISO date: ${JSON.stringify(d)}`);
  const n = daysFromCivil(+d.slice(0, 4), +d.slice(5, 7), +d.slice(8, 10));
  if (dayNumbers.size < 100_000) dayNumbers.set(d, n);
  return n;
}

/** ISO date of a day number. */
export function fromDayNumber(n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`invalid day number: ${n}`);
  const [y, m, d] = civilFromDays(n);
  if (y < 1 || y > 9999) throw new RangeError(`date out of range: day ${n}`);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function requireInt(n: number, what: string, min = -Infinity): void {
  if (!Number.isSafeInteger(n) || n < min) {
    throw new RangeError(`${what} must be an integer${min > -Infinity ? ` ≥ ${min}` : ''}, got ${n}`);
  }
}

/** d + n calendar days (n may be negative). */
export function addDays(d: IsoDate, n: number): IsoDate {
  requireInt(n, 'n');
  return fromDayNumber(toDayNumber(d) + n);
}

/** Signed number of calendar days from a to b (b − a), so addDays(a, diffDays(a, b)) === b. */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: IsoDate): number {
  return weekdayOf(toDayNumber(d));
}

function weekdayOf(dn: number): number {
  return (((dn + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

// ---------------------------------------------------------------------------
// China Standard Time helpers.

/** The calendar date in China (UTC+8) at the given instant. */
export function chinaDateOf(instant: Date): IsoDate {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid Date');
  return fromDayNumber(Math.floor((t + CST_OFFSET_MS) / MS_PER_DAY));
}

/** The instant d 00:00:00.000 CST (= d−1 16:00Z). */
export function startOfChinaDay(d: IsoDate): Date {
  return new Date(toDayNumber(d) * MS_PER_DAY - CST_OFFSET_MS);
}

/** The instant d+1 00:00:00.000 CST (= d 16:00:00.000Z): the exclusive end of day d. */
export function endOfChinaDay(d: IsoDate): Date {
  return new Date((toDayNumber(d) + 1) * MS_PER_DAY - CST_OFFSET_MS);
}

// ---------------------------------------------------------------------------
// The calendar.

interface Entry { kind: CalendarOverride['kind']; name: string }

export class WorkCalendar {
  readonly #overrides = new Map<number, Entry>();

  /** Throws RangeError on an invalid date or one date listed both as holiday and as workday. */
  constructor(overrides: Iterable<CalendarOverride> = []) {
    for (const o of overrides) {
      const dn = toDayNumber(o.date);
      if (o.kind !== 'holiday' && o.kind !== 'workday') throw new RangeError(`invalid override kind for ${o.date}: ${String(o.kind)}`);
      const prev = this.#overrides.get(dn);
      if (prev && prev.kind !== o.kind) throw new RangeError(`conflicting overrides for ${o.date}: ${prev.kind} and ${o.kind}`);
      this.#overrides.set(dn, { kind: o.kind, name: o.name });
    }
  }

  /** All overrides, sorted by date. */
  overrides(): CalendarOverride[] {
    return [...this.#overrides.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([dn, e]) => ({ date: fromDayNumber(dn), kind: e.kind, name: e.name }));
  }

  #working(dn: number): boolean {
    const o = this.#overrides.get(dn);
    if (o) return o.kind === 'workday';
    const w = weekdayOf(dn);
    return w !== 0 && w !== 6;
  }

  #nextWorking(dn: number): number {
    do dn++;
    while (!this.#working(dn));
    return dn;
  }

  isWorkingDay(d: IsoDate): boolean {
    return this.#working(toDayNumber(d));
  }

  dayInfo(d: IsoDate): DayInfo {
    const dn = toDayNumber(d);
    const date = fromDayNumber(dn);
    const w = weekdayOf(dn);
    const weekend = w === 0 || w === 6;
    const o = this.#overrides.get(dn);
    if (!o) return { date, working: !weekend, kind: weekend ? 'weekend' : 'workday' };
    if (o.kind === 'holiday') return { date, working: false, kind: 'holiday', name: o.name };
    return { date, working: true, kind: weekend ? 'makeup' : 'workday', name: o.name };
  }

  /** The first working day strictly after d. */
  nextWorkingDay(d: IsoDate): IsoDate {
    return fromDayNumber(this.#nextWorking(toDayNumber(d)));
  }

  /**
   * The n-th working day strictly after start (counting starts the next day, 民法典 §201).
   * n = 0 returns start if it is a working day, else the next working day.
   */
  addWorkingDays(start: IsoDate, n: number): IsoDate {
    requireInt(n, 'n', 0);
    let dn = toDayNumber(start);
    if (n === 0) return fromDayNumber(this.#working(dn) ? dn : this.#nextWorking(dn));
    for (let i = 0; i < n; i++) dn = this.#nextWorking(dn);
    return fromDayNumber(dn);
  }

  /**
   * start + n calendar days (民法典 §201: counting starts the next day); if that last day
   * is a rest day or statutory holiday, the period ends on the next working day (民法典 §203).
   */
  addNaturalDays(start: IsoDate, n: number): IsoDate {
    requireInt(n, 'n', 0);
    const dn = toDayNumber(start) + n;
    return fromDayNumber(this.#working(dn) ? dn : this.#nextWorking(dn));
  }

  /** Working days in the half-open interval (a, b]; 0 if b ≤ a. */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    let count = 0;
    for (let dn = from + 1; dn <= to; dn++) if (this.#working(dn)) count++;
    return count;
  }

  /** Every day of the month (month 1–12), for the admin calendar view. */
  monthGrid(year: number, month: number): DayInfo[] {
    requireInt(year, 'year', 1);
    requireInt(month, 'month', 1);
    if (year > 9999 || month > 12) throw new RangeError(`invalid year/month: ${year}-${month}`);
    const first = `${pad(year, 4)}-${pad(month, 2)}-01`;
    const out: DayInfo[] = [];
    for (let i = 0; i < daysInMonth(year, month); i++) out.push(this.dayInfo(addDays(first, i)));
    return out;
  }
}

// ---------------------------------------------------------------------------
// chinese-days data (https://github.com/vsme/chinese-days) → overrides.

/** Shape of chinese-days/dist/chinese-days.json: 'YYYY-MM-DD' → 'English,中文,N'. */
export interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays?: Record<string, string>;
}

function chineseName(value: string): string {
  const parts = value.split(',');
  return (parts[1] ?? '').trim() || (parts[0] ?? '').trim();
}

/**
 * holidays → 'holiday', workdays → 'workday' (name = the Chinese field).
 * inLieuDays (调休 days off) are, in the published data, a subset of holidays; any that
 * were not would still be rest days, so they are added as 'holiday' rather than dropped.
 * Result is sorted by date.
 */
export function overridesFromChineseDays(json: ChineseDaysJson): CalendarOverride[] {
  const byDate = new Map<IsoDate, CalendarOverride>();
  for (const [date, v] of Object.entries(json.holidays)) byDate.set(date, { date, kind: 'holiday', name: chineseName(v) });
  for (const [date, v] of Object.entries(json.inLieuDays ?? {})) {
    if (!byDate.has(date)) byDate.set(date, { date, kind: 'holiday', name: chineseName(v) });
  }
  for (const [date, v] of Object.entries(json.workdays)) {
    if (byDate.has(date)) throw new RangeError(`chinese-days lists ${date} both as holiday and workday`);
    byDate.set(date, { date, kind: 'workday', name: chineseName(v) });
  }
  for (const date of byDate.keys()) if (!isIsoDate(date)) throw new RangeError(`invalid date in chinese-days data: ${date}`);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

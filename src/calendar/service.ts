// The calendar as data (§0): chinese-days seeds 2004–2026; admins add or override days.
// Loaded into a pure WorkCalendar, cached per process and refreshed when the data changes.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { WorkCalendar, isIsoDate, type CalendarOverride } from '../domain/calendar.ts';
import { loadChineseDaysOverrides } from './chinese-days-data.ts';
import { badRequest } from '../http/errors.ts';

let cache: { version: string; calendar: WorkCalendar } | null = null;
type CalendarListener = (db: Kysely<DB>, now: Date) => Promise<unknown>;
const listeners: CalendarListener[] = [];

/**
 * Called after every calendar change in this process, with the database it was made in:
 * open clocks re-derive their instants, the server refreshes the CLI's snapshot.
 */
export function onCalendarChange(fn: CalendarListener): void {
  if (!listeners.includes(fn)) listeners.push(fn);
}
async function changed(db: Kysely<DB>, now: Date) {
  for (const fn of listeners) await fn(db, now);
}

async function dataVersion(db: Kysely<DB>): Promise<string> {
  const r = await db.selectFrom('settings').select('value').where('key', '=', 'calendar_version').executeTakeFirst();
  return String(r?.value ?? '0');
}

async function bumpVersion(db: Kysely<DB>, now: Date) {
  const v = JSON.stringify(`${now.getTime()}-${Math.random().toString(36).slice(2, 8)}`);
  await db
    .insertInto('settings')
    .values({ key: 'calendar_version', value: sql`${v}::jsonb`, updated_at: now, updated_by: null })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`${v}::jsonb`, updated_at: now }))
    .execute();
}

export async function loadCalendar(db: Kysely<DB>): Promise<WorkCalendar> {
  const version = await dataVersion(db);
  if (cache && cache.version === version) return cache.calendar;
  const rows = await db.selectFrom('calendar_days').select(['date', 'kind', 'name']).execute();
  const calendar = new WorkCalendar(rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name })));
  cache = { version, calendar };
  return calendar;
}

/** Seeds the calendar from chinese-days when the table is empty (first start). */
export async function seedCalendarIfEmpty(db: Kysely<DB>, now: Date): Promise<number> {
  const any = await db.selectFrom('calendar_days').select('date').limit(1).executeTakeFirst();
  if (any) return 0;
  const days = loadChineseDaysOverrides();
  for (let i = 0; i < days.length; i += 500) {
    await db
      .insertInto('calendar_days')
      .values(days.slice(i, i + 500).map((d) => ({ date: d.date, kind: d.kind, name: d.name, source: 'chinese-days' as const, updated_at: now, updated_by: null })))
      .execute();
  }
  await bumpVersion(db, now);
  return days.length;
}

export async function sourceOf(db: Kysely<DB>, from: string, to: string) {
  const rows = await db.selectFrom('calendar_days').select(['date', 'source']).where('date', '>=', from).where('date', '<=', to).execute();
  return new Map(rows.map((r) => [r.date, r.source]));
}

export async function setDay(
  db: Kysely<DB>, date: string, kind: 'holiday' | 'workday' | 'default', name: string | null, by: number | null, now: Date,
  source: 'admin' | 'import' = 'admin',
) {
  if (!isIsoDate(date)) throw badRequest('INVALID_DATE', '日期格式应为 YYYY-MM-DD');
  await db.transaction().execute(async (trx) => {
    if (kind === 'default') {
      await trx.deleteFrom('calendar_days').where('date', '=', date).execute();
    } else {
      const label = name?.trim() || (kind === 'holiday' ? '节假日' : '调休上班');
      await trx
        .insertInto('calendar_days')
        .values({ date, kind, name: label, source, updated_at: now, updated_by: by })
        .onConflict((oc) => oc.column('date').doUpdateSet({ kind, name: label, source, updated_at: now, updated_by: by }))
        .execute();
    }
    await bumpVersion(trx, now);
  });
  await changed(db, now);
}

export interface ImportRowError { row: number; message: string }

/** Parses `YYYY-MM-DD,holiday|workday|休|班,名称` lines (CSV) or a JSON array. */
export function parseCalendarImport(text: string): { days: CalendarOverride[]; errors: ImportRowError[] } {
  const trimmed = text.trim();
  let raw: unknown[];
  if (trimmed.startsWith('[')) {
    try {
      raw = JSON.parse(trimmed);
    } catch {
      return { days: [], errors: [{ row: 0, message: 'JSON 格式不正确' }] };
    }
  } else {
    raw = trimmed.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#')).map((l) => {
      const [date, kind, ...name] = l.split(/[,，\t]/).map((s) => s.trim());
      return { date, kind, name: name.join(',') };
    });
  }
  return validateImport(raw);
}

export function validateImport(raw: unknown[]): { days: CalendarOverride[]; errors: ImportRowError[] } {
  const days: CalendarOverride[] = [];
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  raw.forEach((r: any, i) => {
    const row = i + 1;
    const kind = ({ holiday: 'holiday', workday: 'workday', 休: 'holiday', 班: 'workday' } as Record<string, 'holiday' | 'workday'>)[r?.kind];
    if (!r || !isIsoDate(r.date)) errors.push({ row, message: `日期「${r?.date ?? ''}」格式不正确，应为 YYYY-MM-DD` });
    else if (!kind) errors.push({ row, message: `类型「${r.kind ?? ''}」不正确，应为 holiday（休）或 workday（班）` });
    else if (seen.has(r.date)) errors.push({ row, message: `日期 ${r.date} 重复` });
    else {
      seen.add(r.date);
      days.push({ date: r.date, kind, name: String(r.name ?? '').trim() || (kind === 'holiday' ? '节假日' : '调休上班') });
    }
  });
  return { days, errors };
}

/** All or nothing: any bad row refuses the whole import. */
export async function importDays(db: Kysely<DB>, raw: unknown[], by: number | null, now: Date): Promise<number> {
  const { days, errors } = validateImport(raw);
  if (errors.length) throw badRequest('IMPORT_INVALID', `导入数据有 ${errors.length} 行错误，未导入任何数据`, { rows: errors });
  await db.transaction().execute(async (trx) => {
    for (const d of days) {
      await trx
        .insertInto('calendar_days')
        .values({ date: d.date, kind: d.kind, name: d.name, source: 'import', updated_at: now, updated_by: by })
        .onConflict((oc) => oc.column('date').doUpdateSet({ kind: d.kind, name: d.name, source: 'import', updated_at: now, updated_by: by }))
        .execute();
    }
    await bumpVersion(trx, now);
  });
  await changed(db, now);
  return days.length;
}

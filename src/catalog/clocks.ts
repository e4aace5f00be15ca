// CAT-3 time limits as clock rows, for supervision to flag (SUP-2): the unit files a change
// within 20 working days of the triggering event (new law, reorganisation …); 编办 and 法制
// review within 10 working days of submission (徐州 §17, §22–24). Deadlines are the end of
// the last counted day, China time; counting starts the day after the start (民法典 §201).
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { chinaDateOf, endOfChinaDay } from '../domain/calendar.ts';
import { loadCalendar } from '../calendar/service.ts';
import type { CatalogChange, ClockKind, ReviewPart } from './tables.ts';

export const FILING_WORKDAYS = 20;
export const REVIEW_WORKDAYS = 10;

export async function dueAt(db: Kysely<DB>, startDate: string, workdays: number): Promise<Date> {
  const cal = await loadCalendar(db);
  return endOfChinaDay(cal.addWorkingDays(startDate, workdays));
}

type ChangeRef = Pick<CatalogChange, 'id' | 'item_id' | 'unit_id' | 'unit_path' | 'region_path'>;

async function open(trx: Kysely<DB>, c: ChangeRef, kind: ClockKind, startDate: string, days: number, now: Date) {
  await trx.insertInto('catalog_clocks').values({
    kind, item_id: c.item_id, change_id: c.id, unit_id: c.unit_id, unit_path: c.unit_path, region_path: c.region_path,
    start_date: startDate, days, day_unit: 'workday', due_at: await dueAt(trx, startDate, days), done_at: null, created_at: now,
  }).execute();
}

/** The filing clock starts at the trigger date; it is replaced while the draft is open and closed at submission. */
export async function setFilingClock(trx: Kysely<DB>, c: ChangeRef, triggerDate: string, now: Date, done: boolean) {
  // system: the change's own clock row, located by the change the caller already checked
  await trx.deleteFrom('catalog_clocks').where('change_id', '=', c.id).where('kind', '=', 'filing').where('done_at', 'is', null).execute();
  // system: an already closed filing clock of this change stays as recorded
  const closed = await trx.selectFrom('catalog_clocks').select('id').where('change_id', '=', c.id).where('kind', '=', 'filing').executeTakeFirst();
  if (closed) return;
  await open(trx, c, 'filing', triggerDate, FILING_WORKDAYS, now);
  if (done) await closeClocks(trx, c.id, ['filing'], now);
}

export async function openReviewClocks(trx: Kysely<DB>, c: ChangeRef, parts: ReviewPart[], now: Date) {
  for (const p of parts) await open(trx, c, p === 'basic' ? 'review_basic' : 'review_flow', chinaDateOf(now), REVIEW_WORKDAYS, now);
}

export async function closeClocks(trx: Kysely<DB>, changeId: number, kinds: ClockKind[], now: Date) {
  // system: closing the change's own clocks inside its command
  await trx.updateTable('catalog_clocks').set({ done_at: now })
    .where('change_id', '=', changeId).where('kind', 'in', kinds).where('done_at', 'is', null).execute();
}

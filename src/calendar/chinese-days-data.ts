// Loads the bundled chinese-days holiday data (State Council notices, 2004 onwards)
// as calendar overrides. The only I/O in the calendar: a synchronous JSON require.
import { createRequire } from 'node:module';
import { overridesFromChineseDays, type CalendarOverride, type ChineseDaysJson } from '../domain/calendar.ts';

export function loadChineseDaysOverrides(): CalendarOverride[] {
  const json = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysJson;
  return overridesFromChineseDays(json);
}

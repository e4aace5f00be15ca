// ARCHITECTURE "Time": the calendar is data; changing it re-derives the instants of open clocks.
// After an administrator marks a holiday or imports a year, every open case clock gets its due
// instant and its next supervision threshold recomputed from its stored ClockState.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { dueAt, type ClockState } from '../domain/clock.ts';
import { loadCalendar } from '../calendar/service.ts';
import { getConfig } from './config.ts';
import { nextInstant, signalledUpTo } from './clocks.ts';

/** Recomputes open case clocks in keyset batches; returns how many rows changed. */
export async function rederiveOpenCaseClocks(db: Kysely<DB>, now: Date, batch = 1000): Promise<number> {
  const cal = await loadCalendar(db);
  const config = await getConfig(db, now);
  let after = 0;
  let changed = 0;
  for (;;) {
    const rows = (
      await sql<{ id: number; state: ClockState; item_id: number; due_at: Date | null; next_threshold_at: Date | null }>`
        select cc.id, cc.state, c.item_id, cc.due_at, cc.next_threshold_at
        from case_clocks cc join cases c on c.id = cc.case_id
        where cc.status = 'open' and cc.id > ${after} order by cc.id limit ${batch}`.execute(db)
    ).rows;
    if (!rows.length) return changed;
    after = rows[rows.length - 1].id;
    for (const r of rows) {
      const due = dueAt(r.state, cal);
      const next = nextInstant(config, cal, r.state, r.item_id, await signalledUpTo(db, 'case', r.id));
      const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
      if (same(due, r.due_at) && same(next, r.next_threshold_at)) continue;
      await sql`update case_clocks set due_at = ${due}, next_threshold_at = ${next}, updated_at = ${now} where id = ${r.id} and status = 'open'`.execute(db);
      changed++;
    }
  }
}

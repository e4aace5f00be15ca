// 行政许可法 §32(4), CASE-2: when the window neither accepts, refuses nor notifies supplements
// within 5 working days of receipt, the application counts as accepted from the day the
// materials arrived. The platform records that as 'auto_accept' by the system: a sweep claims
// submitted cases whose acceptance clock is due with FOR UPDATE SKIP LOCKED (several server
// processes may sweep at once; each case is accepted exactly once) from a partial index of open
// acceptance clocks, so its cost grows with what is due, not with open cases.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { executeCommand } from './commands.ts';

export interface SweepResult {
  accepted: number;
  skipped: number;
}

/** Accepts every case whose acceptance clock is due at `now`; batches of `batch` per transaction. */
export async function runAutoAcceptances(db: Kysely<DB>, now: Date, batch = 50): Promise<SweepResult> {
  const out: SweepResult = { accepted: 0, skipped: 0 };
  const skip = new Set<number>();
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      // system: the §32(4) sweep runs for the platform, not for a user
      const due = await sql<{ id: number }>`
        select c.id from case_clocks k join cases c on c.id = k.case_id
        where k.kind = 'acceptance' and k.status = 'open' and k.due_at <= ${now} and c.status = 'submitted'
          and not (c.id = any(${[...skip, 0]}::bigint[]))
        order by k.due_at, c.id
        limit ${batch}
        for update of c skip locked`.execute(trx);
      for (const { id } of due.rows) {
        const r = await executeCommand(trx, id, { type: 'auto_accept' }, { actor: null, now });
        if (r.ok) out.accepted++;
        else {
          out.skipped++;
          skip.add(id);
        }
      }
      return due.rows.length;
    });
    if (n < batch) return out;
  }
}

export interface CaseScheduler {
  /** Runs one sweep now (also what the timer does). */
  tick(): Promise<SweepResult>;
  stop(): void;
}

/**
 * Starts the case module's timers in a server process: the §32(4) sweep every `intervalMs`
 * (default 60 s). `now` is the application's clock (tests inject theirs). Errors are reported
 * to `onError` and the next tick tries again.
 */
export function startCaseScheduler(opts: { db: Kysely<DB>; now: () => Date; intervalMs?: number; onError?: (e: unknown) => void }): CaseScheduler {
  let running: Promise<SweepResult> | null = null;
  const tick = () => {
    running ??= runAutoAcceptances(opts.db, opts.now()).finally(() => { running = null; });
    return running;
  };
  const timer = setInterval(() => { tick().catch((e) => opts.onError?.(e)); }, opts.intervalMs ?? 60_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}

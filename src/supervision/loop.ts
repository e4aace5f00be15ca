// The server's supervision loop: the timer sweep every ~250 ms (and at once when a command
// makes a threshold due: NOTIFY 'sunlight_timer' on PostgreSQL, an in-process event
// otherwise) followed at once by the follow-ups it left owed (response clocks, 督办通知书,
// notifications — followups.ts), the catalogue-clock mirror every 5 s, the 公开异常 scan every minute, the
// outbox dispatcher every second. Production always runs on real time; `now` exists for tests
// that drive the loop itself and is not reachable from configuration.
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../store/schema.ts';
import { sweepAll } from './sweep.ts';
import { scanPublicity, syncCatalogClocks } from './scans.ts';
import { dispatchOutbox } from './notify/dispatch.ts';
import { transportsFromEnv, type Transports } from './notify/transports.ts';
import { timerBus } from './timer-bus.ts';

export interface LoopOptions {
  intervalMs?: number;
  /** PostgreSQL URL for LISTEN (wake-ups from other processes). */
  databaseUrl?: string;
  transports?: Transports;
  log?: (msg: string, err?: unknown) => void;
  /** Tests only. */
  now?: () => Date;
}

export function startTimerLoop(db: Kysely<DB>, opts: LoopOptions = {}): () => Promise<void> {
  const now = opts.now ?? (() => new Date());
  const interval = opts.intervalMs ?? 250;
  // PostgreSQL: two batches at once (one's JavaScript overlaps the other's statements); PGlite has one connection
  const workers = opts.databaseUrl ? 2 : 1;
  const transports = opts.transports ?? transportsFromEnv(process.env, (l) => opts.log?.(l));
  const log = opts.log ?? ((m, e) => console.error(m, e));
  let stopped = false;
  let running = false;
  let again = false;
  let lastSync = 0;
  let lastScan = 0;
  let lastDispatch = 0;
  let listener: pg.Client | null = null;

  const tick = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const t = now();
        await sweepAll(db, t, 2000, 20, workers);
        const ms = t.getTime();
        if (ms - lastSync >= 5000) {
          lastSync = ms;
          await syncCatalogClocks(db, t);
        }
        if (ms - lastScan >= 60_000) {
          lastScan = ms;
          await scanPublicity(db, t);
        }
        if (ms - lastDispatch >= 1000) {
          lastDispatch = ms;
          await dispatchOutbox(db, transports, t);
        }
      } while (again && !stopped);
    } catch (e) {
      log('supervision loop error', e);
    } finally {
      running = false;
    }
  };
  const wake = () => void tick();
  timerBus.on('wake', wake);
  const timer = setInterval(wake, interval);
  timer.unref();
  if (opts.databaseUrl) {
    const c = new pg.Client({ connectionString: opts.databaseUrl });
    c.connect().then(async () => {
      c.on('notification', wake);
      c.on('error', () => {});
      await c.query('listen sunlight_timer');
      if (stopped) await c.end();
      else listener = c;
    }).catch((e) => log('supervision LISTEN failed (polling only)', e));
  }
  void tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    timerBus.off('wake', wake);
    if (listener) await listener.end().catch(() => {});
    while (running) await new Promise((r) => setTimeout(r, 10));
  };
}

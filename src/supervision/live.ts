// Live updates (SUP-1): new and changed signals pushed to the console over server-sent events.
// Every signal change appends to signal_events in its transaction, so that table is the feed:
// one poller per process reads past the last id it saw (every 250 ms, or at once when woken —
// in this process by wakeLive(), from other processes by PostgreSQL NOTIFY 'sunlight_supervision',
// which is delivered at commit). Ids that commit out of order are caught by remembering gaps
// for 10 s. Each subscriber gets only the signals in its jurisdiction (SEC-1).
import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../store/schema.ts';
import type { Actor } from '../access/scope.ts';

const bus = new EventEmitter();
bus.setMaxListeners(0);

/** Asks this process's poller to look now (called after signal writes). */
export function wakeLive(): void {
  bus.emit('wake');
}

export interface LiveSignal {
  eventId: number;
  eventType: string;
  signalId: number;
  signalNo: string;
  level: string;
  status: string;
  title: string;
  category: string;
  unitId: number;
  /** The responsible unit's name. */
  unitName: string;
  unitPath: string;
  regionPath: string;
  caseId: number | null;
  at: string;
}

export function visibleTo(a: Actor, s: { unitId: number; unitPath: string; regionPath: string }): boolean {
  switch (a.scope) {
    case 'all': return true;
    case 'region': return !!a.regionPath && s.regionPath.startsWith(a.regionPath);
    case 'unit_tree': return !!a.unitPath && s.unitPath.startsWith(a.unitPath);
    default: return a.unitId !== null && s.unitId === a.unitId;
  }
}

type Listener = (s: LiveSignal) => void;

export class LiveHub {
  private subs = new Set<{ actor: Actor; fn: Listener }>();
  private last = 0;
  private gaps = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<number> = Promise.resolve(0);
  private closed = false;
  private listener: pg.Client | null = null;
  private started = false;
  private readonly onWake = () => void this.poll();

  constructor(private db: Kysely<DB>, private opts: { databaseUrl?: string; intervalMs?: number } = {}) {}

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const r = await sql<{ m: number | null }>`select max(id) as m from signal_events`.execute(this.db);
    this.last = Number(r.rows[0]?.m ?? 0);
    bus.on('wake', this.onWake);
    this.timer = setInterval(() => void this.poll(), this.opts.intervalMs ?? 250);
    this.timer.unref();
    if (this.opts.databaseUrl) {
      try {
        const c = new pg.Client({ connectionString: this.opts.databaseUrl });
        await c.connect();
        c.on('notification', () => void this.poll());
        c.on('error', () => {});
        await c.query('listen sunlight_supervision');
        this.listener = c;
      } catch {
        this.listener = null; // polling still works
      }
    }
  }

  async subscribe(actor: Actor, fn: Listener): Promise<() => void> {
    await this.start();
    const s = { actor, fn };
    this.subs.add(s);
    return () => void this.subs.delete(s);
  }

  get subscribers(): number {
    return this.subs.size;
  }

  /** Reads new feed rows and fans them out; calls are serialised. Public for tests (no timers needed). */
  poll(): Promise<number> {
    if (!this.started || !this.subs.size || this.closed) return Promise.resolve(0);
    const run = this.chain.then(() => (this.closed ? 0 : this.pollOnce())).catch(() => 0);
    this.chain = run;
    return run;
  }

  private async pollOnce(): Promise<number> {
    const now = Date.now();
    for (const [id, until] of this.gaps) if (until < now) this.gaps.delete(id);
    const gaps = [...this.gaps.keys()];
    const r = await sql<{
      event_id: number; event_type: string; at: Date; id: number; signal_no: string; level: string; status: string; title: string;
      category: string; unit_id: number; unit_name: string; unit_path: string; region_path: string; case_id: number | null;
    }>`
      select e.id as event_id, e.type as event_type, e.at, s.id, s.signal_no, s.level, s.status, s.title, s.category, s.unit_id, u.name as unit_name,
        s.unit_path, s.region_path, s.case_id
      from signal_events e join signals s on s.id = substr(e.stream_id, 8)::bigint join units u on u.id = s.unit_id
      where e.id > ${this.last} or e.id = any(${gaps}::bigint[])
      order by e.id limit 2000`.execute(this.db);
    for (const row of r.rows) {
      if (this.gaps.has(row.event_id)) this.gaps.delete(row.event_id);
      else {
        for (let g = this.last + 1; g < row.event_id; g++) this.gaps.set(g, now + 10_000);
        if (row.event_id > this.last) this.last = row.event_id;
      }
      const s: LiveSignal = {
        eventId: row.event_id, eventType: row.event_type, signalId: row.id, signalNo: row.signal_no, level: row.level, status: row.status, title: row.title,
        category: row.category, unitId: row.unit_id, unitName: row.unit_name, unitPath: row.unit_path, regionPath: row.region_path, caseId: row.case_id, at: row.at.toISOString(),
      };
      for (const sub of this.subs) if (visibleTo(sub.actor, s)) sub.fn(s);
    }
    return r.rows.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    bus.off('wake', this.onWake);
    this.subs.clear();
    if (this.listener) await this.listener.end().catch(() => {});
    this.listener = null;
    await this.chain;
  }
}

// `sunlight bench` / `npm run bench`: figures for the issue notes. Runs on a fresh in-memory
// PGlite database, and on PostgreSQL too when BENCH_DATABASE_URL is set (a scratch database
// is created there and dropped afterwards). Timing lives here, never in tests.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../store/db.ts';
import { prepareDatabase } from '../app.ts';
import { seedDemoCity } from '../access/demo-city.ts';
import { loadActor } from '../access/actor.ts';
import { listUsers } from '../access/users.ts';
import { loadCalendar } from '../calendar/service.ts';
import { hashPassword, verifyPassword } from '../access/password.ts';
import { benchCatalog } from '../catalog/bench.ts';
import { benchSupervision } from '../supervision/bench.ts';
import { benchCases } from '../cases/bench.ts';

export type BenchResult = Record<string, number | string>;
export type BenchFn = (database: Database) => Promise<BenchResult>;

const extra: { name: string; fn: BenchFn }[] = [
  { name: 'catalog', fn: async (d) => benchCatalog(d.db) },
  { name: 'supervision', fn: benchSupervision },
  { name: 'cases', fn: (d) => benchCases(d) },
];
/** Modules add their benchmarks here. */
export function registerBench(name: string, fn: BenchFn) {
  extra.push({ name, fn });
}

export async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return Math.round(t[Math.floor(t.length / 2)] * 100) / 100;
}

/** CPU time (ms, user + system) a process on this machine has used, from /proc; null when unreadable. */
export function procCpuMs(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return ((Number(parts[11]) + Number(parts[12])) * 1000) / 100; // utime + stime, USER_HZ = 100
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) the PostgreSQL backends of this database spend while `fn` runs, sampled from
 * /proc every 100 ms (backends come and go with the pool) — only when the server runs on this
 * machine; null otherwise and on PGlite.
 */
export async function databaseCpuDuring(database: Database, fn: () => Promise<void>): Promise<number | null> {
  if (database.kind !== 'postgres') {
    await fn();
    return null;
  }
  const pids = async () => (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(database.db)).rows.map((r) => r.pid);
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  for (const pid of await pids()) {
    const c = procCpuMs(pid);
    if (c === null) return (await fn(), null);
    first.set(pid, c);
  }
  let done = false;
  const sample = async () => {
    for (const pid of await pids()) {
      const c = procCpuMs(pid);
      if (c === null) continue;
      if (!first.has(pid)) first.set(pid, 0);
      last.set(pid, c);
    }
  };
  const sampler = (async () => {
    while (!done) {
      await sample();
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await fn();
  done = true;
  await sampler;
  await sample();
  let ms = 0;
  for (const [pid, c] of last) ms += c - (first.get(pid) ?? 0);
  return ms;
}

/**
 * Wall time and CPU (ms) of this process and of the PostgreSQL backends (null on PGlite or a
 * remote server) while `fn` runs. CPU, unlike wall time, hardly depends on what else the
 * machine is doing, so capacity can be judged on a shared machine.
 */
export async function cpuDuring<T>(database: Database, fn: () => Promise<T>): Promise<{ result: T; wallMs: number; nodeMs: number; dbMs: number | null }> {
  let result!: T;
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const dbMs = await databaseCpuDuring(database, async () => {
    result = await fn();
  });
  const cpu = process.cpuUsage(cpu0);
  return { result, wallMs: performance.now() - t, nodeMs: (cpu.user + cpu.system) / 1000, dbMs };
}

async function foundation(database: Database): Promise<BenchResult> {
  const { db } = database;
  const out: BenchResult = {};
  const cal = await loadCalendar(db);
  let n = 0;
  const s = performance.now();
  for (let i = 0; i < 20_000; i++) n += cal.addWorkingDays('2026-01-05', (i % 60) + 1).length;
  out['calendar.addWorkingDays ops/s'] = Math.round(20_000 / ((performance.now() - s) / 1000));
  void n;

  const hash = await hashPassword('Bench#Pass1');
  out['password verify ms (scrypt N=16384)'] = await median(5, () => verifyPassword('Bench#Pass1', hash));

  // 10⁶ users spread over the demo units: scoped keyset list stays flat.
  const t0 = performance.now();
  await sql`insert into users (username, display_name, kind, unit_id, password_hash, demo)
    select 'bench' || g, '压测用户' || g, 'staff', (select id from units where kind = 'department' order by id limit 1 offset (g % 5)), 'x', true
    from generate_series(1, 1000000) g`.execute(db);
  await sql`analyze users`.execute(db);
  out['insert 10^6 users s'] = Math.round((performance.now() - t0) / 100) / 10;
  // system: the benchmark picks its demo actors by username
  const sup = (await loadActor(db, (await db.selectFrom('users').select('id').where('username', '=', 'jcj_city').executeTakeFirstOrThrow()).id))!;
  // system: the benchmark picks its demo actors by username
  const ua = (await loadActor(db, (await db.selectFrom('users').select('id').where('username', '=', 'scjg_admin').executeTakeFirstOrThrow()).id))!;
  const now = new Date();
  out['users list page 1, region scope, 10^6 users ms'] = await median(7, () => listUsers(db, sup, { limit: 50 }, now));
  out['users list deep keyset page (after 900000), region scope ms'] = await median(7, () => listUsers(db, sup, { limit: 50, after: 900_000 }, now));
  out['users list page 1, unit-tree scope ms'] = await median(7, () => listUsers(db, ua, { limit: 50 }, now));
  return out;
}

async function scratchPostgres(url: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  const name = `sl_bench_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString() });
  return {
    database,
    drop: async () => {
      await database.close();
      const c2 = new pg.Client({ connectionString: url });
      await c2.connect();
      await c2.query(`drop database if exists ${name} with (force)`);
      await c2.end();
    },
  };
}

export async function runBench(filter?: string): Promise<void> {
  const targets: { label: string; open: () => Promise<{ database: Database; drop: () => Promise<void> }> }[] = [
    { label: 'pglite', open: async () => { const d = await openDatabase({ memory: true }); return { database: d, drop: () => d.close() }; } },
  ];
  if (process.env.BENCH_DATABASE_URL) targets.push({ label: 'postgres', open: () => scratchPostgres(process.env.BENCH_DATABASE_URL!) });
  // BENCH_TARGETS=postgres (or pglite) runs one engine only
  const only = process.env.BENCH_TARGETS?.split(',');
  if (only) targets.splice(0, targets.length, ...targets.filter((t) => only.includes(t.label)));
  const all = [{ name: 'foundation', fn: foundation }, ...extra];
  for (const t of targets) {
    for (const b of all) {
      if (filter && !b.name.includes(filter)) continue;
      const { database, drop } = await t.open();
      try {
        await prepareDatabase(database);
        await seedDemoCity(database.db, new Date());
        const r = await b.fn(database);
        console.log(`\n## ${b.name} on ${t.label}`);
        for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(64)} ${v}`);
      } finally {
        await drop();
      }
    }
  }
}

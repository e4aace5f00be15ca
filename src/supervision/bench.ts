// `npm run bench` figures for electronic supervision (issue 5 quality bar), on 10⁶ open clocks:
//  - the sweep with nothing due (goal ≤ 5 ms, flat in the number of open clocks);
//  - the rate of signalling 10⁵ due thresholds (goal ≥ 20,000/s): the sweep alone (signal row,
//    chain event, rollups, the clock's next threshold, the owed follow-up), the follow-up alone
//    (response clock, 督办通知书, notifications), and both together; rows written per signal;
//  - the overhead the in-transaction supervision (clock re-derivation + event rules) adds to a
//    case command.
// Register in src/cli/bench.ts: `{ name: 'supervision', fn: benchSupervision }`.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Database } from '../store/db.ts';
import { loadActor } from '../access/actor.ts';
import { hashPassword } from '../access/password.ts';
import { cpuDuring, median, type BenchResult } from '../cli/bench.ts';
import { inProcesses } from '../cli/bench-processes.ts';
import { seedDemoItems } from '../catalog/demo-items.ts';
import { getItemVersionSpec } from '../catalog/items.ts';
import { loadCalendar } from '../calendar/service.ts';
import { makeIdNumber } from '../domain/validators.ts';
import { apply, type CaseState } from '../domain/case-machine.ts';
import { applyForCase } from '../cases/create.ts';
import { runCommand } from '../cases/commands.ts';
import { machineEvent } from './catchup.ts';
import { superviseCaseEvents } from './engine.ts';
import { getConfig } from './config.ts';
import { sweep, sweepClocksAll } from './sweep.ts';
import { runAllFollowups } from './followups.ts';
import { writeStats } from './signals.ts';

async function userId(db: Kysely<DB>, username: string): Promise<number> {
  // system: the bench resolves demo accounts by name
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

export async function benchSupervision(database: Database, opts: { clocks?: number; due?: number; commands?: number } = {}): Promise<BenchResult> {
  const db = database.db;
  const out: BenchResult = {};
  const now = new Date('2026-11-02T02:00:00Z');
  const clocks = opts.clocks ?? Number(process.env.BENCH_CLOCKS ?? 1_000_000);
  const due = opts.due ?? Number(process.env.BENCH_DUE ?? 100_000);
  const nCmd = opts.commands ?? 200;
  await seedDemoItems(db, now);
  await getConfig(db, now);
  // system: the bench picks the demo item 食品经营许可 of 市场监管局
  const item = await db.selectFrom('catalog_items as i').innerJoin('units as u', 'u.id', 'i.unit_id').select(['i.id'])
    .where('i.name', '=', '食品经营许可').where('u.name', '=', '绵阳市市场监督管理局').executeTakeFirstOrThrow();
  const [ck] = await Promise.all(['ck01'].map(async (u) => (await loadActor(db, await userId(db, u)))!));
  const qp = { password: 'BENCH123', hash: await hashPassword('BENCH123') };
  const applicant = { kind: 'person' as const, name: '压测申请人', idType: 'id_card' as const, idNumber: makeIdNumber('51070319850612231'), phone: '13800000000' };

  // Overhead of supervision in a command: the same commands' events supervised in their own transaction.
  const ids: number[] = [];
  for (let i = 0; i < nCmd; i++) {
    const c = await applyForCase(db, { itemId: item.id, channel: 'window', applicant, materials: [{ code: 'm1', paper: true }] }, { actor: ck, now, ip: null }, { queryPassword: qp });
    ids.push(c.caseId);
  }
  const cmdTimes: number[] = [];
  const hookTimes: number[] = [];
  // system: the version of the bench's own case
  const spec = await getItemVersionSpec(db, (await db.selectFrom('cases').select('item_version_id').where('id', '=', ids[0]).executeTakeFirstOrThrow()).item_version_id);
  const cal = await loadCalendar(db);
  // system: the bench's own cases
  const rowOf = (id: number) => db.selectFrom('cases').select(['id', 'case_no', 'unit_id', 'unit_path', 'region_path', 'item_id', 'item_version_id', 'item_name', 'state']).where('id', '=', id).executeTakeFirstOrThrow();
  for (const id of ids) {
    const before = (await rowOf(id)).state as CaseState;
    let t = performance.now();
    const done = await runCommand(db, id, { type: 'accept' }, { actor: ck, now, ip: null });
    cmdTimes.push(performance.now() - t);
    const row = await rowOf(id);
    const after = done.events.reduce((s, e) => apply(s, machineEvent(e)), before);
    t = performance.now();
    await db.transaction().execute((trx) => superviseCaseEvents(trx, { row, before, after, events: done.events, item: spec, calendar: cal, now }));
    hookTimes.push(performance.now() - t);
  }
  const med = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] * 100) / 100;
  out['case command (accept) median ms'] = med(cmdTimes);
  out['supervision in the command (rearm clocks + rules) median ms'] = med(hookTimes);

  // 10⁶ open clocks, cloned from a real step clock, far from due.
  // system: the bench's template clock
  const tpl = await db.selectFrom('case_clocks').select(['id', 'case_id']).where('case_id', '=', ids[0]).where('kind', '=', 'step').executeTakeFirstOrThrow();
  const t0 = performance.now();
  await sql`insert into case_clocks (case_id, kind, seq, ref, state, started_at, due_at, next_threshold_at, status, updated_at)
    select ${tpl.case_id}, 'step', 1000 + g, ref, state, started_at, due_at, timestamptz '2030-01-01' + g * interval '1 second', 'open', updated_at
    from case_clocks, generate_series(1, ${clocks}) g where id = ${tpl.id}`.execute(db);
  await sql`analyze case_clocks`.execute(db);
  out[`insert ${clocks} open clocks s`] = Math.round((performance.now() - t0) / 100) / 10;
  out['sweep with nothing due, 10^6 open clocks ms'] = await median(21, () => sweep(db, now));

  // 10⁵ of them due now: each gets its red threshold signalled (yellow superseded).
  await sql`update case_clocks set next_threshold_at = started_at where case_id = ${tpl.case_id} and seq between 1001 and ${1000 + due}`.execute(db);
  const later = new Date('2027-06-01T00:00:00Z');
  const rows = async () => (await sql<{ n: number }>`select ((select count(*) from sup_clocks) + (select count(*) from sup_documents)
    + (select count(*) from sup_outbox))::int as n`.execute(db)).rows[0].n;
  const followBefore = await rows();
  const stats0 = { ...writeStats };
  // as the loop runs them: two batches at once on PostgreSQL (BENCH_SWEEP_WORKERS overrides)
  const workers = Number(process.env.BENCH_SWEEP_WORKERS ?? (database.kind === 'postgres' ? 2 : 1));
  // clocks claimed per table and batch: the loop's 2000 (BENCH_SWEEP_LIMIT overrides)
  const limit = Number(process.env.BENCH_SWEEP_LIMIT ?? 2000);
  const sw = await cpuDuring(database, () => sweepClocksAll(db, later, limit, 10_000, workers));
  const r = sw.result;
  const tSweep = sw.wallMs / 1000;
  const fu = await cpuDuring(database, () => runAllFollowups(db, later, 10_000, workers));
  const followed = fu.result;
  const tFollow = fu.wallMs / 1000;
  out['sweep workers (batches at once), clocks per batch'] = `${workers}, ${limit}`;
  out['thresholds signalled'] = r.signalled;
  out['signalling rate, sweep alone (signal, event, rollups, next threshold) thresholds/s'] = Math.round(r.signalled / tSweep);
  out['follow-up rate (response clock, 督办通知书, notifications) signals/s'] = Math.round(followed / tFollow);
  out['signalling rate, sweep + follow-up thresholds/s'] = Math.round(r.signalled / (tSweep + tFollow));
  // CPU per signal of this process and of the PostgreSQL backends (/proc): with the database on
  // the same 2 cores, the rate is at most 2 s of CPU / (node + database) per signal
  const us = (ms: number, n: number) => Math.round((ms * 1000) / Math.max(1, n));
  const cpuLine = (c: { nodeMs: number; dbMs: number | null }, n: number) => (c.dbMs === null ? `${us(c.nodeMs, n)} / –` : `${us(c.nodeMs, n)} / ${us(c.dbMs, n)}`);
  out['  CPU µs per signal, sweep (node / PostgreSQL)'] = cpuLine(sw, r.signalled);
  out['  CPU µs per signal, follow-up (node / PostgreSQL)'] = cpuLine(fu, followed);
  if (sw.dbMs !== null && fu.dbMs !== null) {
    const cap = (c: { nodeMs: number; dbMs: number | null }, n: number) => Math.round((2000 * n) / (c.nodeMs + c.dbMs!));
    out['  capacity on 2 cores, sweep / follow-up / both per s (2 s / CPU per signal)'] =
      `${cap(sw, r.signalled)} / ${cap(fu, followed)} / ${Math.round((2000 * r.signalled) / (sw.nodeMs + sw.dbMs + fu.nodeMs + fu.dbMs))}`;
  }
  // rows inserted or updated: signals, events, owed follow-ups, rollups (per batch), the claimed clocks' next threshold
  out['rows written per signal, sweep'] = Math.round(((writeStats.rows - stats0.rows + r.claimed) / r.signalled) * 100) / 100;
  // response clocks, documents, outbox rows (the owed rows deleted: one per sweep batch)
  out['rows written per signal, follow-up'] = Math.round((((await rows()) - followBefore) / followed) * 100) / 100;
  out['sweep with nothing due afterwards ms'] = await median(21, () => sweep(db, later));

  // The sweep alone again on another 10⁵ due clocks, by `processes` server processes at once
  // (WORKERS=n: each runs its own timer loop; SKIP LOCKED shares the due clocks out).
  const processes = Number(process.env.BENCH_PROCESSES ?? (database.kind === 'postgres' ? 2 : 1));
  if (processes > 1 && database.url && clocks >= 2 * due) {
    await sql`update case_clocks set next_threshold_at = started_at where case_id = ${tpl.case_id} and seq between ${1001 + due} and ${1000 + 2 * due}`.execute(db);
    // each process as its timer loop runs on PostgreSQL (loop.ts): two batches at once
    const perProcess = Number(process.env.BENCH_SWEEP_WORKERS_PER_PROCESS ?? workers);
    const job: SweepJob = { now: later.getTime(), limit, workers: perProcess };
    const many = await inProcesses(database, 'sweep', Array.from({ length: processes - 1 }, () => job), () => sweepClocksAll(db, later, limit, 10_000, perProcess));
    const signalled = many.results.reduce((n, r) => n + r.signalled, 0);
    out[`signalling rate, sweep alone, ${processes} server processes (${perProcess} batch at once each) thresholds/s`] = Math.round(signalled / (many.wallMs / 1000));
    out['  thresholds signalled, CPU µs per signal (server processes / PostgreSQL)'] =
      `${signalled}, ${us(many.serverMs, signalled)} / ${many.dbMs === null ? '–' : us(many.dbMs, signalled)}`;
  }
  return out;
}

export interface SweepJob {
  now: number;
  limit: number;
  workers: number;
}

/** The sweep in a worker process (cli/bench-worker.ts): batches until nothing due is left. */
export const sweepTask = async (database: Database, args: unknown) => {
  const job = args as SweepJob;
  await getConfig(database.db, new Date(job.now));
  return () => sweepClocksAll(database.db, new Date(job.now), job.limit, 10_000, job.workers);
};

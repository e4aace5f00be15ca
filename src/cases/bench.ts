// `npm run bench` figures for case processing (issue 4 quality bar):
//  - commands per second through the full pipeline (lock, decide, SM3 chain append, projections,
//    clocks, documents) with many cases in flight at once;
//  - staff list latency with 10⁶ cases (projection rows bulk-inserted with generate_series):
//    region-scope list (first and deep keyset page), to-do list per post, acceptance queue.
// Needs the demo city; publishes the demo items itself. Timing lives here, never in tests.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Database } from '../store/db.ts';
import { loadActor } from '../access/actor.ts';
import { hashPassword } from '../access/password.ts';
import { databaseCpuDuring, median, type BenchResult } from '../cli/bench.ts';
import { inProcesses } from '../cli/bench-processes.ts';
import { seedDemoItems } from '../catalog/demo-items.ts';
import type { CaseCommand } from '../domain/case-machine.ts';
import { makeIdNumber } from '../domain/validators.ts';
import { applyForCase } from './create.ts';
import { batcherOf, runCommand } from './commands.ts';
import { acceptanceQueue, listCases, ownPostCodes, todoList } from './queries.ts';

async function userId(db: Kysely<DB>, username: string): Promise<number> {
  // system: the bench resolves demo accounts by name
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** Runs `n` tasks with at most `width` in flight. */
async function pool(n: number, width: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, n) }, async () => {
    while (next < n) await task(next++);
  }));
}

type Actor = NonNullable<Awaited<ReturnType<typeof loadActor>>>;

/**
 * The rounds of the cases' life: command j of every case before command j+1 of any, `width`
 * in flight; round j runs at `start` + (j + 1) minutes.
 */
function lifeRounds(db: Kysely<DB>, ids: number[], life: [Actor, CaseCommand][], start: number, width: number): Promise<void> {
  return pool(ids.length * life.length, width, async (k) => {
    const j = Math.floor(k / ids.length);
    const [actor, cmd] = life[j];
    await runCommand(db, ids[k % ids.length], cmd, { actor, now: new Date(start + (j + 1) * 60_000), ip: '127.0.0.1' });
  });
}

export async function benchCases(database: Database, opts: { cases?: number; inFlight?: number; listRows?: number } = {}): Promise<BenchResult> {
  const db = database.db;
  const out: BenchResult = {};
  const now = new Date('2026-11-02T02:00:00Z');
  await seedDemoItems(db, now);
  // system: the bench picks the demo item 食品经营许可 of 市场监管局 (4 steps)
  const item = await db.selectFrom('catalog_items as i').innerJoin('units as u', 'u.id', 'i.unit_id').select(['i.id', 'i.unit_id'])
    .where('i.name', '=', '食品经营许可').where('u.name', '=', '绵阳市市场监督管理局').executeTakeFirstOrThrow();
  const [ck, hd, rv, ld, ck3, sup] = await Promise.all(['ck01', 'scjg_handler', 'scjg_reviewer', 'scjg_leader', 'ck03', 'jcj_city']
    .map(async (u) => (await loadActor(db, await userId(db, u)))!));
  const qp = { password: 'BENCH123', hash: await hashPassword('BENCH123') };
  const n = opts.cases ?? Number(process.env.BENCH_CASES ?? (database.kind === 'postgres' ? 4000 : 500));
  const width = opts.inFlight ?? Number(process.env.BENCH_IN_FLIGHT ?? 128);
  const applicant = { kind: 'person' as const, name: '压测申请人', idType: 'id_card' as const, idNumber: makeIdNumber('51070319850612231'), phone: '13800000000' };

  // 1. applications (window entry: numbering, materials, 'apply' through the pipeline)
  // one server process on the first half of the cases, then `processes` (this one and forked
  // workers opening the same database, as WORKERS does for `sunlight serve`) on the other half;
  // each worker first runs WARM_UP cases of its own, untimed: a server in service is warm, as
  // this process is by then
  const processes = Number(process.env.BENCH_PROCESSES ?? (database.kind === 'postgres' ? 2 : 1));
  const WARM_UP = 300;
  const applied = n + (processes > 1 ? WARM_UP * (processes - 1) : 0);
  const ids: number[] = new Array(applied);
  let t = performance.now();
  await pool(applied, width, async (i) => {
    ids[i] = (await applyForCase(db, { itemId: item.id, channel: 'window', applicant, materials: [{ code: 'm1', paper: true }] },
      { actor: ck, now, ip: '127.0.0.1' }, { queryPassword: qp })).caseId;
  });
  out['applications/s (window entry, full pipeline)'] = Math.round(applied / ((performance.now() - t) / 1000));
  // the tables were empty a minute ago: give them the statistics autovacuum keeps for a table in
  // service, so the commands are planned as they are in production
  await sql`analyze cases, case_clocks, case_events`.execute(db);

  // 2. the rest of each case's life: 6 commands per case, cases interleaved, `width` in flight
  const life: [Actor, CaseCommand][] = [
    [ck, { type: 'accept' }],
    [hd, { type: 'pass_step', opinion: 'agree', comment: '材料齐全' }],
    [rv, { type: 'pass_step', opinion: 'agree' }],
    [ld, { type: 'decide', outcome: 'grant', legalBasis: ['《中华人民共和国食品安全法》第三十五条'] }],
    [ck3, { type: 'complete', resultKind: 'certificate', number: 'JY-BENCH' }],
    [ck3, { type: 'deliver', receipt: { method: 'window', recipient: '压测申请人', receiptNo: 'SD-BENCH', signedOn: '2026-11-02' } }],
  ];
  const split = processes > 1 ? Math.floor(n / 2) : n;
  const inThisProcess = (share: number[]) => lifeRounds(db, share, life, now.getTime(), width);
  const stats0 = { ...batcherOf(db).stats };
  const one = ids.slice(0, split);
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const dbCpu = await databaseCpuDuring(database, () => inThisProcess(one));
  const secs = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const commands = one.length * life.length;
  out['commands/s (accept…deliver, full pipeline), one server process'] = Math.round(commands / secs);
  // the server process's own CPU per command (decide, fold, clocks, SM3, JSON, driver): with the
  // database on the same 2 cores, throughput ≤ 1000 / (this + the database's share)
  out['  server CPU ms per command'] = Math.round(((cpu.user + cpu.system) / 1000 / commands) * 100) / 100;
  if (dbCpu !== null) {
    const serverMs = (cpu.user + cpu.system) / 1000 / commands;
    const dbMs = dbCpu / commands;
    // CPU, unlike wall time, does not depend on what else the machine is doing: the capacity
    // of this 2-core machine for commands when nothing else runs.
    out['  PostgreSQL backends CPU ms per command'] = Math.round(dbMs * 100) / 100;
    out['  capacity on 2 cores, commands/s (2000 ms / CPU ms per command)'] = Math.round(2000 / (serverMs + dbMs));
  }
  const st = batcherOf(db).stats;
  out['  commands per transaction (group commit), replayed alone'] =
    `${Math.round(((st.commands - stats0.commands) / Math.max(1, st.batches - stats0.batches)) * 10) / 10}, ${st.replayed - stats0.replayed}`;
  out[`  cases × commands, in flight`] = `${one.length} × ${life.length}, ${width}`;
  if (processes > 1 && database.url) {
    const rest = ids.slice(split, n);
    const shares = Array.from({ length: processes }, (_, p) => rest.filter((_, i) => i % processes === p));
    const job = (share: number[], k: number): CaseCommandsJob => ({
      ids: share, warmUp: ids.slice(n + k * WARM_UP, n + (k + 1) * WARM_UP), life: life.map(([a, c]) => [a.userId, c]), at: now.getTime(), width,
    });
    const many = await inProcesses(database, 'case-commands', shares.slice(1).map(job), () => inThisProcess(shares[0]));
    const total = rest.length * life.length;
    out[`commands/s (accept…deliver, full pipeline), ${processes} server processes`] = Math.round(total / (many.wallMs / 1000));
    out['  server processes CPU ms per command (all processes)'] = Math.round((many.serverMs / total) * 100) / 100;
    if (many.dbMs !== null) out['  PostgreSQL backends CPU ms per command, these processes'] = Math.round((many.dbMs / total) * 100) / 100;
    out[`  cases × commands, in flight per process`] = `${rest.length} × ${life.length}, ${width}`;
  }
  // system: the bench counts what it wrote
  const ev = await sql<{ n: number }>`select count(*)::int as n from case_events`.execute(db);
  out['  events written'] = ev.rows[0].n;
  const size = await sql<{ state: number; events: number }>`select (select avg(length(state::text))::int from cases) as state,
    (select avg(length(data::text))::int from case_events) as events`.execute(db);
  out['  bytes of case state / event data (JSON, average)'] = `${size.rows[0].state} / ${size.rows[0].events}`;

  // 3. lists at scale: bulk projection rows (state '{}': lists never read it)
  const rows = opts.listRows ?? Number(process.env.BENCH_CASE_ROWS ?? 1_000_000);
  t = performance.now();
  await sql`
    insert into cases (case_no, kind, query_password_hash, item_id, item_version_id, item_name, item_type, unit_id, unit_path, region_path,
      window_unit_id, channel, applicant_type, applicant_name, applicant_id_number, applicant_phone, status, current_step, current_post_code,
      received_at, accepted_at, state, event_count, last_hash, created_at, updated_at)
    select 'B' || lpad(g::text, 13, '0'), 'single', 'x', ${item.id}, c.item_version_id, c.item_name, c.item_type, u.id, u.path, u.region_path,
      c.window_unit_id, 'window', 'person', '申请人' || g, c.applicant_id_number, c.applicant_phone,
      (array['in_process','in_process','delivered','delivered','delivered','submitted','refused','decided'])[1 + g % 8],
      (array['s2','s3','s4'])[1 + g % 3], (array['handle','review','approve'])[1 + g % 3],
      ${now}::timestamptz - (g % 90) * interval '1 day', ${now}::timestamptz - (g % 90) * interval '1 day', '{}'::json, 0, '', ${now}, ${now}
    from generate_series(1, ${rows}) g
    join (select row_number() over (order by id) - 1 as k, id, path, region_path from units where kind in ('department','agency')) u
      on u.k = g % (select count(*) from units where kind in ('department','agency'))
    cross join (select * from cases where id = ${ids[0]}) c`.execute(db);
  await sql`analyze cases`.execute(db);
  out[`insert ${rows} case rows s`] = Math.round((performance.now() - t) / 100) / 10;
  const posts = await ownPostCodes(db, hd);
  out['list page 1, region scope (supervisor) ms'] = await median(7, () => listCases(db, sup, { limit: 50 }));
  const mid = (await sql<{ id: number }>`select id from cases order by id offset ${Math.floor(rows / 2)} limit 1`.execute(db)).rows[0]?.id ?? 1;
  out['list deep keyset page, region scope ms'] = await median(7, () => listCases(db, sup, { limit: 50, after: mid }));
  out['list by status (in_process), region scope ms'] = await median(7, () => listCases(db, sup, { limit: 50, status: 'in_process' }));
  out['to-do list of a handler (post in unit) ms'] = await median(7, () => todoList(db, hd, posts, { kind: 'steps', limit: 50 }));
  out['acceptance queue of a window ms'] = await median(7, () => acceptanceQueue(db, ck, { limit: 50 }));
  return out;
}


export interface CaseCommandsJob {
  ids: number[];
  /** Cases of this worker's own, run first and untimed (the JIT warm, as in a server in service). */
  warmUp: number[];
  /** The acting user and the command of each round. */
  life: [number, CaseCommand][];
  /** Business time (ms) the rounds count from (lifeRounds). */
  at: number;
  width: number;
}

/** The commands of a share of the cases in a worker process (cli/bench-worker.ts). */
export const caseCommandsTask = async (database: Database, args: unknown) => {
  const job = args as CaseCommandsJob;
  const life = await Promise.all(job.life.map(async ([userId, cmd]): Promise<[Actor, CaseCommand]> => [(await loadActor(database.db, userId))!, cmd]));
  await lifeRounds(database.db, job.warmUp, life, job.at, job.width);
  return () => lifeRounds(database.db, job.ids, life, job.at, job.width);
};

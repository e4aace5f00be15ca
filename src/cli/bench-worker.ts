// Another server process for the benchmarks that measure several processes on one PostgreSQL
// database, as `sunlight serve` runs with WORKERS (bench-processes.ts forks it): opens the same
// database, prepares the module's task, runs it when told, and reports its CPU time and result.
// Talks over the IPC channel only.
import { prepareDatabase } from '../app.ts';
import { openDatabase, type Database } from '../store/db.ts';

/** A task prepares with the database (actors, caches) and returns the run, timed by the parent. */
export type BenchTask = (database: Database, args: unknown) => Promise<() => Promise<unknown>>;

export interface WorkerJob {
  task: 'case-commands' | 'sweep';
  url: string;
  args: unknown;
}

export type WorkerReply = { type: 'ready' } | { type: 'done'; cpuMs: number; result: unknown } | { type: 'failed'; message: string };

const TASKS: Record<WorkerJob['task'], () => Promise<BenchTask>> = {
  'case-commands': async () => (await import('../cases/bench.ts')).caseCommandsTask,
  sweep: async () => (await import('../supervision/bench.ts')).sweepTask,
};

const send = (m: WorkerReply) => new Promise<void>((done) => process.send!(m, () => done()));

async function work(job: WorkerJob): Promise<void> {
  const database = await openDatabase({ databaseUrl: job.url });
  try {
    await prepareDatabase(database); // applied already: checks only
    const run = await (await TASKS[job.task]())(database, job.args);
    await send({ type: 'ready' });
    await new Promise<void>((go) => process.once('message', () => go()));
    const cpu0 = process.cpuUsage();
    const result = await run();
    const cpu = process.cpuUsage(cpu0);
    await send({ type: 'done', cpuMs: (cpu.user + cpu.system) / 1000, result });
  } finally {
    await database.close();
  }
}

process.once('message', (job: WorkerJob) => {
  work(job)
    .catch((e: unknown) => send({ type: 'failed', message: e instanceof Error ? e.stack ?? e.message : String(e) }))
    .finally(() => process.disconnect());
});

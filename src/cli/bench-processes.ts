// Runs one benchmark step in several server processes at once on one PostgreSQL database: this
// process and forked workers (bench-worker.ts), as `sunlight serve` runs with WORKERS=n. The
// wall time counts from the moment every worker is ready; CPU is summed over the processes,
// and the database's backends are sampled from /proc as for one process (cli/bench.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Database } from '../store/db.ts';
import { databaseCpuDuring } from './bench.ts';
import type { WorkerJob, WorkerReply } from './bench-worker.ts';

interface Worker {
  child: ChildProcess;
  next: () => Promise<WorkerReply>;
}

function startWorker(job: WorkerJob): Worker {
  // the same heap settings as this process (npm run bench sets the young generation's size, as npm start does)
  const heap = process.execArgv.filter((a) => a.startsWith('--max-semi-space-size') || a.startsWith('--max-old-space-size'));
  const child = fork(fileURLToPath(new URL('./bench-worker.ts', import.meta.url)), [], { execArgv: [...heap, '--import', 'tsx'], stdio: 'inherit' });
  const replies: WorkerReply[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  child.on('message', (m: WorkerReply) => {
    replies.push(m);
    wake();
  });
  child.on('exit', wake);
  child.send(job);
  return {
    child,
    next: async () => {
      while (!replies.length) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error('bench worker exited early');
        await new Promise<void>((r) => waiters.push(r));
      }
      const m = replies.shift()!;
      if (m.type === 'failed') throw new Error(`bench worker: ${m.message}`);
      return m;
    },
  };
}

export interface ProcessesRun<T> {
  /** This process's result first, then each worker's. */
  results: T[];
  wallMs: number;
  /** CPU of every server process. */
  serverMs: number;
  dbMs: number | null;
}

/**
 * `local` runs here; `args[i]` is the task's input in worker i. Throws when the database is not
 * a PostgreSQL server (PGlite is one process).
 */
export async function inProcesses<T>(database: Database, task: WorkerJob['task'], args: unknown[], local: () => Promise<T>): Promise<ProcessesRun<T>> {
  if (!database.url) throw new Error('several server processes need a PostgreSQL database');
  const workers = args.map((a) => startWorker({ task, url: database.url!, args: a }));
  try {
    for (const w of workers) await w.next(); // ready
    let results: T[] = [];
    let childMs = 0;
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    const dbMs = await databaseCpuDuring(database, async () => {
      for (const w of workers) w.child.send('go');
      const remote = workers.map(async (w) => {
        const m = await w.next();
        if (m.type !== 'done') throw new Error('bench worker answered out of turn');
        childMs += m.cpuMs;
        return m.result as T;
      });
      results = await Promise.all([local(), ...remote]);
    });
    const wallMs = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    return { results, wallMs, serverMs: (cpu.user + cpu.system) / 1000 + childMs, dbMs };
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill();
  }
}

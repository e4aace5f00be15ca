// A second server process for the case command benchmark (bench.ts): opens the same PostgreSQL
// database as the parent, as another `sunlight serve` worker would (WORKERS, docs/cases.md),
// runs its share of the commands through the same pipeline and reports its CPU time.
// Started by bench.ts with `fork`; talks over the IPC channel only.
import { prepareDatabase } from '../app.ts';
import { openDatabase } from '../store/db.ts';
import { loadActor } from '../access/actor.ts';
import type { CaseCommand } from '../domain/case-machine.ts';
import { runCommand } from './commands.ts';

export interface WorkerJob {
  url: string;
  /** Case ids, commands by round: round j runs life[j] on every case before round j+1. */
  ids: number[];
  life: [number, CaseCommand][];
  /** Business time of round 0 (ms since epoch); round j runs at + (j + 1) minutes. */
  at: number;
  width: number;
}

export type WorkerReply = { type: 'ready' } | { type: 'done'; cpuMs: number; commands: number } | { type: 'failed'; message: string };

const send = (m: WorkerReply) => new Promise<void>((done) => process.send!(m, () => done()));

async function work(job: WorkerJob): Promise<void> {
  const database = await openDatabase({ databaseUrl: job.url });
  await prepareDatabase(database); // migrations are applied already: checks only
  const actors = await Promise.all(job.life.map(async ([userId]) => (await loadActor(database.db, userId))!));
  await send({ type: 'ready' });
  await new Promise<void>((go) => process.once('message', () => go()));
  const cpu0 = process.cpuUsage();
  const total = job.ids.length * job.life.length;
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(job.width, total) }, async () => {
    while (next < total) {
      const k = next++;
      const j = Math.floor(k / job.ids.length);
      await runCommand(database.db, job.ids[k % job.ids.length], job.life[j][1], { actor: actors[j], now: new Date(job.at + (j + 1) * 60_000), ip: '127.0.0.1' });
    }
  }));
  const cpu = process.cpuUsage(cpu0);
  await send({ type: 'done', cpuMs: (cpu.user + cpu.system) / 1000, commands: total });
  await database.close();
}

process.once('message', (job: WorkerJob) => {
  work(job).catch((e: unknown) => send({ type: 'failed', message: e instanceof Error ? e.stack ?? e.message : String(e) }))
    .finally(() => process.disconnect());
});

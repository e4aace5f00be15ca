// Group commit of case commands (issue 4 throughput). Commands on different cases that arrive
// while earlier ones are being written share ONE transaction: one locking statement for all
// their cases, the pure machine per command, one write statement for all their events and
// projections, supervision's rules per command, one commit. Each command is still all or
// nothing and gets its own answer:
//  - a refusal answers its caller and writes nothing (a command built from uploads that is
//    refused may have stored files in the shared transaction, so the batch is replayed);
//  - any failure (database error, a rule throwing, a moved row) rolls the whole batch back,
//    and every command of it is replayed alone in its own transaction, so one bad command
//    never fails another.
// Two commands on the same case never share a batch (the second waits for the next one), and
// cases of parallel approval (combined cases, sub-cases) take the one-case path.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { CaseCommand, Refusal } from '../domain/case-machine.ts';
import type { ClockThresholdOf } from '../supervision/hooks.ts';
import type { LockedCase } from './context.ts';
import type { DecidedCommand, WritePlan, Written } from './command-write.ts';

export type CommandInput = CaseCommand | ((trx: Kysely<DB>) => Promise<CaseCommand>);

/** What the batcher needs from the command service (injected: no import cycle). */
export interface BatchDeps<Meta extends { actor: { userId: number } | null; now: Date }, Done> {
  lockCases(trx: Kysely<DB>, wanted: { caseId: number; userId: number | null }[]): Promise<Map<number, LockedCase>>;
  decideOn(trx: Kysely<DB>, locked: LockedCase, command: CaseCommand, meta: Meta): Promise<(DecidedCommand & { ok: true }) | Refusal>;
  planner(trx: Kysely<DB>, now: Date): Promise<ClockThresholdOf | null>;
  planWrite(locked: LockedCase, d: DecidedCommand, meta: Meta, thresholdOf: ClockThresholdOf | null): WritePlan;
  writePlans(trx: Kysely<DB>, plans: WritePlan[]): Promise<Written[]>;
  afterWrite(trx: Kysely<DB>, locked: LockedCase, d: DecidedCommand & { ok: true }, written: Written, meta: Meta): Promise<Done>;
  refusalError(r: Refusal, command: string): Error;
  runAlone(db: Kysely<DB>, caseId: number, command: CommandInput, meta: Meta): Promise<Done>;
  /** Told of every command of a batch once the batch has committed. */
  committed?(done: Done): void;
}

interface Pending<Meta, Done> {
  caseId: number;
  command: CommandInput;
  meta: Meta;
  resolve: (d: Done) => void;
  reject: (e: unknown) => void;
}

/** Largest batch; concurrent batches (each holds one pooled connection while it runs). */
const MAX_BATCH = 64;
const MAX_RUNNING = Number(process.env.CASE_COMMAND_BATCHES ?? 2);

class ReplayAlone extends Error {}

export class CommandBatcher<Meta extends { actor: { userId: number } | null; now: Date }, Done> {
  private queue: Pending<Meta, Done>[] = [];
  private running = 0;
  private scheduled = false;
  /** Counters for the benchmark and operations: transactions, commands through them, replays. */
  readonly stats = { batches: 0, commands: 0, replayed: 0 };

  constructor(private readonly db: Kysely<DB>, private readonly deps: BatchDeps<Meta, Done>) {}

  submit(caseId: number, command: CommandInput, meta: Meta): Promise<Done> {
    return new Promise<Done>((resolve, reject) => {
      this.queue.push({ caseId, command, meta, resolve, reject });
      // commands submitted in the same tick (concurrent requests) start as one batch
      if (!this.scheduled) {
        this.scheduled = true;
        queueMicrotask(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.running < MAX_RUNNING && this.queue.length) {
      const batch = this.take();
      this.running++;
      void this.run(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  /** Up to MAX_BATCH commands in arrival order, at most one per case. */
  private take(): Pending<Meta, Done>[] {
    const batch: Pending<Meta, Done>[] = [];
    const cases = new Set<number>();
    const rest: Pending<Meta, Done>[] = [];
    for (const p of this.queue) {
      if (batch.length < MAX_BATCH && !cases.has(p.caseId)) {
        batch.push(p);
        cases.add(p.caseId);
      } else rest.push(p);
    }
    this.queue = rest;
    return batch;
  }

  private async run(batch: Pending<Meta, Done>[]): Promise<void> {
    this.stats.batches++;
    this.stats.commands += batch.length;
    if (batch.length === 1) return this.alone(batch[0]);
    let answers: (() => void)[];
    try {
      answers = await this.db.transaction().execute((trx) => this.together(trx, batch));
    } catch {
      // replay each command alone: its own error (or success) is then its own
      this.stats.replayed += batch.length;
      await Promise.all(batch.map((p) => this.alone(p)));
      return;
    }
    for (const answer of answers) answer();
  }

  private async alone(p: Pending<Meta, Done>): Promise<void> {
    try {
      p.resolve(await this.deps.runAlone(this.db, p.caseId, p.command, p.meta));
    } catch (e) {
      p.reject(e);
    }
  }

  /** The shared transaction; returns how to answer each caller once it has committed. */
  private async together(trx: Kysely<DB>, batch: Pending<Meta, Done>[]): Promise<(() => void)[]> {
    const { deps } = this;
    const locked = await deps.lockCases(trx, batch.map((p) => ({ caseId: p.caseId, userId: p.meta.actor?.userId ?? null })));
    const answers: (() => void)[] = [];
    const decided: { p: Pending<Meta, Done>; l: LockedCase; d: DecidedCommand & { ok: true } }[] = [];
    const alone: Pending<Meta, Done>[] = [];
    for (const p of batch) {
      const l = locked.get(p.caseId);
      // unknown case (its 404), or parallel approval: the one-case path, after this batch
      if (!l) {
        alone.push(p);
        continue;
      }
      const cmd = typeof p.command === 'function' ? await p.command(trx) : p.command;
      const d = await deps.decideOn(trx, l, cmd, p.meta);
      if (!d.ok) {
        if (typeof p.command === 'function') throw new ReplayAlone('a refused upload command may have stored files');
        const err = deps.refusalError(d, cmd.type);
        answers.push(() => p.reject(err));
        continue;
      }
      decided.push({ p, l, d });
    }
    if (decided.length) {
      const thresholdOf = await deps.planner(trx, decided[0].p.meta.now);
      const written = await deps.writePlans(trx, decided.map((x) => deps.planWrite(x.l, x.d, x.p.meta, thresholdOf)));
      for (let i = 0; i < decided.length; i++) {
        const { p, l, d } = decided[i];
        const done = await deps.afterWrite(trx, l, d, written[i], p.meta);
        answers.push(() => {
          deps.committed?.(done);
          p.resolve(done);
        });
      }
    }
    // after the commit: the one-case path for what could not share the batch
    for (const p of alone) answers.push(() => void this.alone(p));
    return answers;
  }
}

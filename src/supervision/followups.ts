// The follow-up of a signal (SUP-2, 晋中 二(二), 四川 §8(一)): what a raised signal sets in motion
// beyond its own row and chain —
//  • red: the unit's response clock (signal_response, counted from the signal's raising) and
//    the 督办通知书 demanding an explanation;
//  • the notifications per sup_notify_rules (a burst becomes a digest);
//  • a signal on a response or rectification clock marks its parent signal's chain
//    (signal.deadline_passed); one on a supervision task's clock 催办 the task (owners.ts).
// Signals raised by a command, a scan or a supervisor get it at once, in their transaction.
// The timer's sweep leaves it owed — one row in sup_signal_followups per sweep batch, listing
// its signals, committed with them — and the follow-up step of the same timer loop does it
// right after the sweep: each row claimed FOR UPDATE SKIP LOCKED and deleted in the
// transaction that does the work, so exactly once, by one process, and never lost (a crash
// leaves the row for the next tick).
// A handling act on a signal first settles what its signal is owed (followUpOwed), so the
// act never overtakes the follow-up (e.g. an explanation before its response clock exists).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import { loadCalendar } from '../calendar/service.ts';
import { getConfig, type SupervisionConfig } from './config.ts';
import { plannedDue, startSupClocks } from './clocks.ts';
import { issueDocuments } from './documents.ts';
import { enqueueForSignals } from './notify/outbox.ts';
import { onClockSignals } from './owners.ts';
import { wakeLive } from './live.ts';
import { arrayLit } from './arrays.ts';
import type { Level } from './tables.ts';

/** What the follow-up needs of a signal (a raised draft, or a signals row). */
export interface FollowupSignal {
  id: number;
  signalNo: string;
  level: Level;
  title: string;
  explanation: string;
  unitId: number;
  unitPath: string;
  regionPath: string;
  itemId: number | null;
  itemName: string | null;
  caseId: number | null;
  caseNo: string | null;
  /** The post whose holders are "the responsible handler" (晋中 二(二)). */
  handlerPost: string | null;
  /** Set on red signals that await the unit's explanation (a response clock runs to it). */
  responseDueAt: Date | null;
  raisedAt: Date;
  clockSource: string | null;
  clockKind: string | null;
  parentId: number | null;
  taskId: number | null;
}

/** Does the follow-up of these signals (in the caller's transaction). */
export async function followUp(trx: Kysely<DB>, config: SupervisionConfig, cal: WorkCalendar, signals: FollowupSignal[], now: Date): Promise<void> {
  if (!signals.length) return;
  // The response clock counts from the raising, so its due instant is the signal's response_due_at.
  await startSupClocks(trx, config, cal, signals.filter((s) => s.responseDueAt).map((s) => ({
    source: 'signal' as const, sourceId: s.id, kind: 'signal_response' as const, limit: config.settings.responseLimit,
    unitId: s.unitId, unitPath: s.unitPath, regionPath: s.regionPath, itemId: s.itemId, caseId: s.caseId, startAt: s.raisedAt,
  })), now);
  // 晋中 二(二): red → a 督办通知书 to the unit demanding an explanation.
  const docs = await issueDocuments(trx, signals.filter((s) => s.level === 'red').map((s) => ({
    kind: 'supervision_notice' as const, signalId: s.id, unitId: s.unitId, unitPath: s.unitPath, regionPath: s.regionPath,
    data: {
      caseNo: s.caseNo, explanation: s.explanation, itemName: s.itemName, responseDue: s.responseDueAt?.toISOString() ?? null,
      signalNo: s.signalNo, title: s.title,
    },
  })), null, now);
  // The response date named in a message: the signal's own, else the one a signal raised then would get.
  const planned = new Map<number, Date>();
  const responseDue = (s: FollowupSignal) => {
    if (s.responseDueAt) return s.responseDueAt;
    const t = s.raisedAt.getTime();
    let d = planned.get(t);
    if (!d) planned.set(t, (d = plannedDue(cal, 'signal_response', config.settings.responseLimit, s.raisedAt)));
    return d;
  };
  await enqueueForSignals(trx, config, signals, { responseDue, docNos: new Map(docs.map((d) => [d.signalId!, d.docNo])) }, now);
  await onClockSignals(trx, config, signals.filter((s) => s.clockSource === 'sup'), now);
}

interface OwedRow {
  id: number;
  signal_no: string;
  level: Level;
  title: string;
  explanation: string;
  unit_id: number;
  unit_path: string;
  region_path: string;
  item_id: number | null;
  item_name: string | null;
  case_id: number | null;
  case_no: string | null;
  handler_post: string | null;
  response_due_at: Date | null;
  raised_at: Date;
  clock_source: string | null;
  clock_kind: string | null;
  parent_id: number | null;
  task_id: number | null;
}

const fromRow = (r: OwedRow): FollowupSignal => ({
  id: Number(r.id), signalNo: r.signal_no, level: r.level, title: r.title, explanation: r.explanation, unitId: Number(r.unit_id), unitPath: r.unit_path,
  regionPath: r.region_path, itemId: r.item_id === null ? null : Number(r.item_id), itemName: r.item_name, caseId: r.case_id === null ? null : Number(r.case_id),
  caseNo: r.case_no, handlerPost: r.handler_post, responseDueAt: r.response_due_at, raisedAt: r.raised_at, clockSource: r.clock_source,
  clockKind: r.clock_kind, parentId: r.parent_id === null ? null : Number(r.parent_id), taskId: r.task_id === null ? null : Number(r.task_id),
});

export interface FollowupRun {
  /** Owed rows claimed (one per sweep batch). */
  batches: number;
  signals: number;
}

/**
 * One owed row (the signals of one sweep batch): claimed FOR UPDATE SKIP LOCKED (a row another
 * process is doing is left to it), its signals followed up and the row deleted, in one
 * transaction.
 */
export async function runFollowups(db: Kysely<DB>, now: Date): Promise<FollowupRun> {
  return db.transaction().execute(async (trx) => {
    const owed = await sql<{ signal_ids: (number | string)[]; handler_posts: (string | null)[] }>`
      delete from sup_signal_followups where id in (
        select id from sup_signal_followups order by id limit 1 for update skip locked)
      returning signal_ids, handler_posts`.execute(trx);
    if (!owed.rows.length) return { batches: 0, signals: 0 };
    const { signal_ids: ids, handler_posts: posts } = owed.rows[0];
    if (!ids.length) return { batches: 1, signals: 0 }; // every signal of it was settled by a handling act
    const signals = await loadOwed(trx, ids.map(Number), posts);
    await followUp(trx, await getConfig(trx, now), await loadCalendar(trx), signals, now);
    // parent signals' chains may have grown (signal.deadline_passed): wake the live feeds
    await sql`select pg_notify('sunlight_supervision', '')`.execute(trx);
    wakeLive();
    return { batches: 1, signals: signals.length };
  });
}

async function loadOwed(trx: Kysely<DB>, ids: number[], posts: (string | null)[]): Promise<FollowupSignal[]> {
  // system: the timer's follow-up works for the platform, over every jurisdiction
  const r = await sql<OwedRow>`
    select s.id, s.signal_no, s.level, s.title, s.explanation, s.unit_id, s.unit_path, s.region_path, s.item_id, s.item_name,
      s.case_id, s.case_no, o.hp as handler_post, s.response_due_at, s.raised_at, s.clock_source, s.clock_kind, s.parent_id, s.task_id
    from unnest(${arrayLit(ids)}::bigint[], ${arrayLit(posts)}::text[]) as o(id, hp) join signals s on s.id = o.id
    order by s.id`.execute(trx);
  return r.rows.map(fromRow);
}

/** Follows up owed rows until none is left (or `maxBatches`), `workers` at once; returns how many signals were done. */
export async function runAllFollowups(db: Kysely<DB>, now: Date, maxBatches = 1000, workers = 1): Promise<number> {
  let done = 0;
  let started = 0;
  let drained = false;
  const work = async () => {
    while (!drained && started < maxBatches) {
      started++;
      const r = await runFollowups(db, now);
      if (!r.batches) drained = true;
      done += r.signals;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, workers) }, work));
  return done;
}

/**
 * Settles the follow-up still owed to these signals inside the caller's transaction (a
 * handling act, which holds the signal's lock): takes each off its owed row and follows it up.
 * A row the loop is doing right now is waited for (its lock), after which it is gone and
 * nothing is left to do.
 */
export async function followUpOwed(trx: Kysely<DB>, signalIds: number[], now: Date): Promise<number> {
  const owed: { id: number; hp: string | null }[] = [];
  for (const signalId of signalIds) {
    const hit = await sql<{ row: number; i: number; hp: string | null; n: number }>`
      select id as row, array_position(signal_ids, ${signalId}::bigint) as i, handler_posts[array_position(signal_ids, ${signalId}::bigint)] as hp,
        cardinality(signal_ids) as n
      from sup_signal_followups where signal_ids @> array[${signalId}::bigint] for update`.execute(trx);
    const h = hit.rows[0];
    if (!h) continue;
    if (Number(h.n) <= 1) await sql`delete from sup_signal_followups where id = ${h.row}`.execute(trx);
    else {
      await sql`update sup_signal_followups set signal_ids = signal_ids[:${h.i}::int - 1] || signal_ids[${h.i}::int + 1:],
        handler_posts = handler_posts[:${h.i}::int - 1] || handler_posts[${h.i}::int + 1:] where id = ${h.row}`.execute(trx);
    }
    owed.push({ id: signalId, hp: h.hp });
  }
  if (!owed.length) return 0;
  const signals = await loadOwed(trx, owed.map((o) => o.id), owed.map((o) => o.hp));
  await followUp(trx, await getConfig(trx, now), await loadCalendar(trx), signals, now);
  return signals.length;
}

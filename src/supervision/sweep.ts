// The timer (SUP-2, ARCHITECTURE "Time"): claims clocks whose next threshold instant is due —
// `FOR UPDATE SKIP LOCKED` on the partial indexes of open clocks' next instant, so its cost
// grows with what is due, never with the number of open clocks, and several servers can run
// it at once — writes the signal (with evidence), its first chain event and the rollups, and
// moves the row to its next threshold (or null), all in one transaction and set-based (a
// handful of statements per batch of up to `limit` clocks, whatever the batch size). What a
// signal sets in motion beyond that (response clock, 督办通知书, notifications, the owner's
// mark) is owed in the same transaction and done by the follow-up step right after
// (followups.ts). Case clocks live in case_clocks (case module), supervision's own and the
// catalogue's in sup_clocks. 即办件 are not signalled; CAT-7-exempted items are stepped over
// silently (so a revoked exemption resumes signalling).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { loadCalendar } from '../calendar/service.ts';
import { CLOCK_KINDS, clockThresholds, type ClockKind, type ClockState } from '../domain/clock.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import { getConfig, type SupervisionConfig } from './config.ts';
import { clockSignalKey, levelSpecs } from './clocks.ts';
import { clockEvidenceJson } from './clock-evidence.ts';
import { sweepDecision } from './profiles.ts';
import { raiseSignals, type SignalDraft } from './signals.ts';
import { arrayLit } from './arrays.ts';
import { fmtTime } from './rules/common.ts';
import { LEVEL_NAMES } from './tables.ts';
import { runAllFollowups } from './followups.ts';

export interface SweepResult {
  claimed: number;
  signalled: number;
}

interface CaseClockRow {
  id: number;
  case_id: number;
  kind: string;
  ref: string | null;
  state: ClockState;
  case_no: string;
  unit_id: number;
  unit_path: string;
  region_path: string;
  item_id: number;
  item_name: string;
  current_post_code: string | null;
  on_the_spot: boolean;
  exempt: boolean;
}

interface SupClockRow {
  id: number;
  source: 'signal' | 'task' | 'catalog';
  source_id: number;
  kind: string;
  ref: string | null;
  state: ClockState;
  unit_id: number;
  unit_path: string;
  region_path: string;
  item_id: number | null;
  case_id: number | null;
  owner_title: string | null;
  owner_no: string | null;
  case_no: string | null;
  item_name: string | null;
  catalog_done: boolean;
  exempt: boolean;
}

const HANDLER_POST: Partial<Record<string, string>> = { acceptance: 'accept', supplement: 'accept', delivery: 'accept' };

export function clockTitle(kind: string, level: keyof typeof LEVEL_NAMES): string {
  const name = CLOCK_KINDS[kind as ClockKind] ?? kind;
  return level === 'red' ? `${name}已超时` : level === 'yellow' ? `${name}即将到期` : `${name}到期提醒`;
}

// Threshold instants are few (ends of working days, mostly), so their text is kept (bounded).
const timeTexts = new Map<number, string>();
function timeText(ms: number): string {
  let t = timeTexts.get(ms);
  if (t === undefined) {
    if (timeTexts.size >= 4096) timeTexts.clear();
    timeTexts.set(ms, (t = fmtTime(new Date(ms))));
  }
  return t;
}

function explain(subject: string, kind: string, level: keyof typeof LEVEL_NAMES, at: Date, due: Date | null): string {
  const name = CLOCK_KINDS[kind as ClockKind] ?? kind;
  const dueText = due ? `，到期时间 ${timeText(due.getTime() - 1)}` : '';
  if (level === 'red') return `${subject}的${name}已于 ${timeText(at.getTime())} 届满仍未办结${dueText}（成都办法第八条：超时红色纠错）。`;
  return `${subject}的${name}将于近期届满${dueText}，已达${LEVEL_NAMES[level]}阈值（${timeText(at.getTime())}）（成都办法第八条）。`;
}

/** The threshold levels of a clock kind (and item), resolved once per batch. */
function specsOf(config: SupervisionConfig) {
  const memo = new Map<string, ReturnType<typeof levelSpecs>>();
  return (kind: string, itemId: number | null) => {
    const k = `${kind}|${itemId ?? ''}`;
    let v = memo.get(k);
    if (!v) memo.set(k, (v = levelSpecs(config, kind, itemId)));
    return v;
  };
}

/** Moves the claimed rows to their next instants: one UPDATE from two arrays. */
async function updateNext(trx: Kysely<DB>, table: 'case_clocks' | 'sup_clocks', ids: number[], next: (string | null)[]): Promise<void> {
  if (!ids.length) return;
  // `t.id = any(…)` pins the prepared statement's plan to probes of the primary key, whatever
  // size the table had when its generic plan was made
  await sql`/*hot:sweep_next*/ with x as (select * from unnest(${arrayLit(ids)}::bigint[], ${arrayLit(next)}::timestamptz[]) as x(id, next))
    update ${sql.table(table)} t set next_threshold_at = x.next from x where t.id = x.id and t.id = any(array(select id from x))`.execute(trx);
}

async function sweepCaseClocks(trx: Kysely<DB>, config: SupervisionConfig, cal: WorkCalendar, now: Date, limit: number): Promise<SweepResult> {
  const r = await sql<CaseClockRow>`/*hot:sweep_claim_case*/
    select cc.id, cc.case_id, cc.kind, cc.ref, cc.state, c.case_no, c.unit_id, c.unit_path, c.region_path, c.item_id, c.item_name,
      c.current_post_code, v.on_the_spot, i.exempt
    from (select id from case_clocks where status = 'open' and next_threshold_at <= ${now}
          order by next_threshold_at limit ${limit} for update skip locked) due
    join case_clocks cc on cc.id = due.id
    join cases c on c.id = cc.case_id
    join catalog_item_versions v on v.id = c.item_version_id
    join catalog_items i on i.id = c.item_id`.execute(trx);
  const ids: number[] = [];
  const next: (string | null)[] = [];
  const drafts: SignalDraft[] = [];
  const specs = specsOf(config);
  for (const c of r.rows) {
    ids.push(c.id);
    if (c.on_the_spot) {
      next.push(null);
      continue;
    }
    const ths = clockThresholds(c.state, cal);
    const d = sweepDecision(c.state, cal, specs(c.kind, c.item_id), now, ths);
    next.push(d.next?.toISOString() ?? null);
    if (!d.fire || c.exempt) continue;
    const { level, at } = d.fire;
    const due = ths.dueAt;
    drafts.push({
      origin: 'clock', category: 'timeliness', kind: `clock.${c.kind}`, level, title: `${clockTitle(c.kind, level)}：${c.item_name}`,
      explanation: explain(`办件 ${c.case_no}（${c.item_name}）`, c.kind, level, at, due),
      evidenceJson: clockEvidenceJson(c.id, c.kind, c.ref, c.state, due, at),
      caseId: c.case_id, caseNo: c.case_no, itemId: c.item_id, itemName: c.item_name, unitId: c.unit_id, unitPath: c.unit_path, regionPath: c.region_path,
      clockSource: 'case', clockId: c.id, clockKind: c.kind, thresholdAt: at, dedupeKey: clockSignalKey('case', c.id, level, at),
      handlerPost: HANDLER_POST[c.kind] ?? (c.kind === 'step' || c.kind.startsWith('case_') ? c.current_post_code : null),
    });
  }
  await updateNext(trx, 'case_clocks', ids, next);
  const raised = await raiseSignals(trx, drafts, now, { deferFollowup: true, exclusiveKeys: true });
  return { claimed: r.rows.length, signalled: raised.length };
}

async function sweepSupClocks(trx: Kysely<DB>, config: SupervisionConfig, cal: WorkCalendar, now: Date, limit: number): Promise<SweepResult> {
  const r = await sql<SupClockRow>`/*hot:sweep_claim_sup*/
    select sc.id, sc.source, sc.source_id, sc.kind, sc.ref, sc.state, sc.unit_id, sc.unit_path, sc.region_path, sc.item_id, sc.case_id,
      coalesce(s.title, t.title, ci.name) as owner_title, coalesce(s.signal_no, t.task_no) as owner_no, s.case_no, coalesce(s.item_name, ci.name) as item_name,
      (cc.id is not null and cc.done_at is not null) as catalog_done, coalesce(ci.exempt, false) as exempt
    from (select id from sup_clocks where status = 'open' and next_threshold_at <= ${now}
          order by next_threshold_at limit ${limit} for update skip locked) due
    join sup_clocks sc on sc.id = due.id
    left join signals s on sc.source = 'signal' and s.id = sc.source_id
    left join sup_tasks t on sc.source = 'task' and t.id = sc.source_id
    left join catalog_clocks cc on sc.source = 'catalog' and cc.id = sc.source_id
    left join catalog_items ci on ci.id = sc.item_id`.execute(trx);
  const ids: number[] = [];
  const next: (string | null)[] = [];
  const stop: number[] = [];
  const drafts: SignalDraft[] = [];
  const specs = specsOf(config);
  for (const c of r.rows) {
    if (c.catalog_done) {
      stop.push(c.id);
      continue;
    }
    const ths = clockThresholds(c.state, cal);
    const d = sweepDecision(c.state, cal, specs(c.kind, c.item_id), now, ths);
    ids.push(c.id);
    next.push(d.next?.toISOString() ?? null);
    if (!d.fire || (c.source === 'catalog' && c.exempt)) continue;
    const { level, at } = d.fire;
    const subject = c.source === 'signal' ? `监察信号 ${c.owner_no}「${c.owner_title}」` : c.source === 'task' ? `督办事项 ${c.owner_no}「${c.owner_title}」` : `事项「${c.owner_title}」的变更`;
    drafts.push({
      origin: 'clock', category: 'timeliness', kind: `clock.${c.kind}`, level, title: `${clockTitle(c.kind, level)}：${c.owner_title ?? ''}`,
      explanation: explain(subject, c.kind, level, at, null),
      evidenceJson: clockEvidenceJson(c.id, c.kind, c.ref, c.state, ths.dueAt, at, { source: c.source, sourceId: c.source_id }),
      caseId: c.case_id, caseNo: c.case_no, itemId: c.item_id, itemName: c.item_name, unitId: c.unit_id, unitPath: c.unit_path, regionPath: c.region_path,
      clockSource: 'sup', clockId: c.id, clockKind: c.kind, thresholdAt: at, taskId: c.source === 'task' ? c.source_id : null,
      parentId: c.source === 'signal' ? c.source_id : null, dedupeKey: clockSignalKey('sup', c.id, level, at),
      noResponseClock: c.source === 'signal', handlerPost: null,
    });
  }
  if (stop.length) await sql`update sup_clocks set status = 'stopped', next_threshold_at = null, updated_at = ${now} where id = any(${stop}::bigint[])`.execute(trx);
  await updateNext(trx, 'sup_clocks', ids, next);
  // the late response's mark on its parent signal and a task's 催办 are in the follow-up (owners.ts)
  const raised = await raiseSignals(trx, drafts, now, { deferFollowup: true, exclusiveKeys: true });
  return { claimed: r.rows.length, signalled: raised.length };
}

/** What the loop has to do: due clocks in either table, owed follow-ups (one round trip of index probes). */
async function pending(db: Kysely<DB>, now: Date): Promise<{ due: boolean; owed: boolean }> {
  const r = await sql<{ due: boolean; owed: boolean }>`
    select exists (select 1 from case_clocks where status = 'open' and next_threshold_at <= ${now})
        or exists (select 1 from sup_clocks where status = 'open' and next_threshold_at <= ${now}) as due,
      (select id from sup_signal_followups order by id limit 1) is not null as owed`.execute(db);
  return r.rows[0] ?? { due: false, owed: false };
}

/**
 * The sweep proper, one batch at `now`: claims up to `limit` due clocks of each table in one
 * transaction, signals them and leaves their follow-up owed. The loop and the tests use
 * sweep/sweepAll, which also run the follow-up; this is the half the bench times alone.
 */
export async function sweepClocks(db: Kysely<DB>, now: Date, limit = 2000): Promise<SweepResult> {
  const config = await getConfig(db, now);
  const cal = await loadCalendar(db);
  return db.transaction().execute(async (trx) => {
    const a = await sweepCaseClocks(trx, config, cal, now, limit);
    const b = await sweepSupClocks(trx, config, cal, now, limit);
    return { claimed: a.claimed + b.claimed, signalled: a.signalled + b.signalled };
  });
}

/**
 * Sweep batches until nothing due is left (or `maxBatches`), follow-ups left owed. `workers`
 * batches run at once on their own connections (PostgreSQL), so one batch's JavaScript
 * (clock arithmetic, evidence, SM3) overlaps another's statements; SKIP LOCKED keeps them apart.
 */
export async function sweepClocksAll(db: Kysely<DB>, now: Date, limit = 2000, maxBatches = 1000, workers = 1): Promise<SweepResult> {
  const total = { claimed: 0, signalled: 0 };
  let started = 0;
  let drained = false;
  const work = async () => {
    while (!drained && started < maxBatches) {
      started++;
      const r = await sweepClocks(db, now, limit);
      total.claimed += r.claimed;
      total.signalled += r.signalled;
      if (r.claimed < limit) drained = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, workers) }, work));
  return total;
}

/**
 * One sweep at `now` (tests pass it explicitly; the loop passes the real time): one batch of
 * due clocks (see sweepClocks), then the follow-ups owed (followups.ts). With nothing due and
 * nothing owed it is one query of index probes.
 */
export async function sweep(db: Kysely<DB>, now: Date, limit = 2000): Promise<SweepResult> {
  const p = await pending(db, now);
  const r = p.due ? await sweepClocks(db, now, limit) : { claimed: 0, signalled: 0 };
  if (p.due || p.owed) await runAllFollowups(db, now);
  return r;
}

/**
 * Sweeps until nothing due is left (or `maxBatches`), then does the follow-ups owed (at most
 * `maxBatches` rows of them too, so one tick of the loop stays bounded). `workers`: see
 * sweepClocksAll (the loop uses 2 on PostgreSQL).
 */
export async function sweepAll(db: Kysely<DB>, now: Date, limit = 2000, maxBatches = 1000, workers = 1): Promise<SweepResult> {
  const p = await pending(db, now);
  const r = p.due ? await sweepClocksAll(db, now, limit, maxBatches, workers) : { claimed: 0, signalled: 0 };
  if (p.due || p.owed) await runAllFollowups(db, now, maxBatches, workers);
  return r;
}

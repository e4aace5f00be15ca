// The timer (SUP-2, ARCHITECTURE "Time"): claims clocks whose next threshold instant is due —
// `FOR UPDATE SKIP LOCKED` on the partial indexes of open clocks' next instant, so its cost
// grows with what is due, never with the number of open clocks, and several servers can run
// it at once — writes the signal (with evidence) and moves the row to its next threshold (or
// null), all in one transaction. Case clocks live in case_clocks (case module), supervision's
// own and the catalogue's in sup_clocks. 即办件 are not signalled; CAT-7-exempted items are
// stepped over silently (so a revoked exemption resumes signalling).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { loadCalendar } from '../calendar/service.ts';
import { CLOCK_KINDS, dueAt, type ClockKind, type ClockState } from '../domain/clock.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import { getConfig, type SupervisionConfig } from './config.ts';
import { levelSpecs } from './clocks.ts';
import { sweepDecision } from './profiles.ts';
import { raiseSignals, type SignalDraft } from './signals.ts';
import { fmtTime } from './rules/common.ts';
import { LEVEL_NAMES } from './tables.ts';
import { onClockSignals } from './owners.ts';

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

function explain(subject: string, kind: string, level: keyof typeof LEVEL_NAMES, at: Date, due: Date | null): string {
  const name = CLOCK_KINDS[kind as ClockKind] ?? kind;
  const dueText = due ? `，到期时间 ${fmtTime(new Date(due.getTime() - 1))}` : '';
  if (level === 'red') return `${subject}的${name}已于 ${fmtTime(at)} 届满仍未办结${dueText}（成都办法第八条：超时红色纠错）。`;
  return `${subject}的${name}将于近期届满${dueText}，已达${LEVEL_NAMES[level]}阈值（${fmtTime(at)}）（成都办法第八条）。`;
}

/** The clock as it stood when the threshold was reached (evidence, SUP-5). */
function clockFacts(id: number, kind: string, ref: string | null, c: ClockState, due: Date | null) {
  return {
    id, kind, ref, limit: c.limit, startedAt: c.startedAt, dueAt: due?.toISOString() ?? null,
    pauses: c.pauses.map((p) => ({ from: p.from, to: p.to, reason: p.reason })), extensions: c.extensions.map((e) => ({ days: e.days, unit: e.unit, reason: e.reason })),
  };
}

async function updateNext(trx: Kysely<DB>, table: 'case_clocks' | 'sup_clocks', next: { id: number; next: string | null }[]): Promise<void> {
  if (!next.length) return;
  await sql`update ${sql.table(table)} t set next_threshold_at = x.next
    from jsonb_to_recordset(${JSON.stringify(next)}::jsonb) as x(id bigint, next timestamptz) where t.id = x.id`.execute(trx);
}

async function sweepCaseClocks(trx: Kysely<DB>, config: SupervisionConfig, cal: WorkCalendar, now: Date, limit: number): Promise<SweepResult> {
  const r = await sql<CaseClockRow>`
    select cc.id, cc.case_id, cc.kind, cc.ref, cc.state, c.case_no, c.unit_id, c.unit_path, c.region_path, c.item_id, c.item_name,
      c.current_post_code, v.on_the_spot, i.exempt
    from (select id from case_clocks where status = 'open' and next_threshold_at <= ${now}
          order by next_threshold_at limit ${limit} for update skip locked) due
    join case_clocks cc on cc.id = due.id
    join cases c on c.id = cc.case_id
    join catalog_item_versions v on v.id = c.item_version_id
    join catalog_items i on i.id = c.item_id`.execute(trx);
  const next: { id: number; next: string | null }[] = [];
  const drafts: SignalDraft[] = [];
  for (const c of r.rows) {
    if (c.on_the_spot) {
      next.push({ id: c.id, next: null });
      continue;
    }
    const d = sweepDecision(c.state, cal, levelSpecs(config, c.kind, c.item_id), now);
    next.push({ id: c.id, next: d.next?.toISOString() ?? null });
    if (!d.fire || c.exempt) continue;
    const { level, at } = d.fire;
    const due = dueAt(c.state, cal);
    drafts.push({
      origin: 'clock', category: 'timeliness', kind: `clock.${c.kind}`, level, title: `${clockTitle(c.kind, level)}：${c.item_name}`,
      explanation: explain(`办件 ${c.case_no}（${c.item_name}）`, c.kind, level, at, due),
      evidence: { clock: clockFacts(c.id, c.kind, c.ref, c.state, due), thresholdAt: at.toISOString() },
      caseId: c.case_id, caseNo: c.case_no, itemId: c.item_id, itemName: c.item_name, unitId: c.unit_id, unitPath: c.unit_path, regionPath: c.region_path,
      clockSource: 'case', clockId: c.id, clockKind: c.kind, thresholdAt: at, dedupeKey: `clock:case:${c.id}:${level}:${at.getTime()}`,
      handlerPost: HANDLER_POST[c.kind] ?? (c.kind === 'step' || c.kind.startsWith('case_') ? c.current_post_code : null),
    });
  }
  await updateNext(trx, 'case_clocks', next);
  const raised = await raiseSignals(trx, drafts, now);
  return { claimed: r.rows.length, signalled: raised.length };
}

async function sweepSupClocks(trx: Kysely<DB>, config: SupervisionConfig, cal: WorkCalendar, now: Date, limit: number): Promise<SweepResult> {
  const r = await sql<SupClockRow>`
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
  const next: { id: number; next: string | null }[] = [];
  const stop: number[] = [];
  const drafts: SignalDraft[] = [];
  for (const c of r.rows) {
    if (c.catalog_done) {
      stop.push(c.id);
      continue;
    }
    const d = sweepDecision(c.state, cal, levelSpecs(config, c.kind, c.item_id), now);
    next.push({ id: c.id, next: d.next?.toISOString() ?? null });
    if (!d.fire || (c.source === 'catalog' && c.exempt)) continue;
    const { level, at } = d.fire;
    const subject = c.source === 'signal' ? `监察信号 ${c.owner_no}「${c.owner_title}」` : c.source === 'task' ? `督办事项 ${c.owner_no}「${c.owner_title}」` : `事项「${c.owner_title}」的变更`;
    drafts.push({
      origin: 'clock', category: 'timeliness', kind: `clock.${c.kind}`, level, title: `${clockTitle(c.kind, level)}：${c.owner_title ?? ''}`,
      explanation: explain(subject, c.kind, level, at, null),
      evidence: { clock: { ...clockFacts(c.id, c.kind, c.ref, c.state, dueAt(c.state, cal)), source: c.source, sourceId: c.source_id }, thresholdAt: at.toISOString() },
      caseId: c.case_id, caseNo: c.case_no, itemId: c.item_id, itemName: c.item_name, unitId: c.unit_id, unitPath: c.unit_path, regionPath: c.region_path,
      clockSource: 'sup', clockId: c.id, clockKind: c.kind, thresholdAt: at, taskId: c.source === 'task' ? c.source_id : null,
      parentId: c.source === 'signal' ? c.source_id : null, dedupeKey: `clock:sup:${c.id}:${level}:${at.getTime()}`,
      noResponseClock: c.source === 'signal', handlerPost: null,
    });
  }
  if (stop.length) await sql`update sup_clocks set status = 'stopped', next_threshold_at = null, updated_at = ${now} where id = any(${stop}::bigint[])`.execute(trx);
  await updateNext(trx, 'sup_clocks', next);
  const raised = await raiseSignals(trx, drafts, now);
  await onClockSignals(trx, config, raised, now);
  return { claimed: r.rows.length, signalled: raised.length };
}

/** Is anything due? One probe on each partial index (the nothing-due sweep is just this). */
async function anythingDue(db: Kysely<DB>, now: Date): Promise<boolean> {
  const r = await sql<{ x: number }>`
    select 1 as x where exists (select 1 from case_clocks where status = 'open' and next_threshold_at <= ${now})
      or exists (select 1 from sup_clocks where status = 'open' and next_threshold_at <= ${now})`.execute(db);
  return r.rows.length > 0;
}

/**
 * One sweep at `now` (tests pass it explicitly; the loop passes the real time): claims up to
 * `limit` due clocks of each table in one transaction and signals them.
 */
export async function sweep(db: Kysely<DB>, now: Date, limit = 1000): Promise<SweepResult> {
  if (!(await anythingDue(db, now))) return { claimed: 0, signalled: 0 };
  const config = await getConfig(db, now);
  const cal = await loadCalendar(db);
  return db.transaction().execute(async (trx) => {
    const a = await sweepCaseClocks(trx, config, cal, now, limit);
    const b = await sweepSupClocks(trx, config, cal, now, limit);
    return { claimed: a.claimed + b.claimed, signalled: a.signalled + b.signalled };
  });
}

/** Sweeps until nothing due is left (or `maxBatches`). */
export async function sweepAll(db: Kysely<DB>, now: Date, limit = 1000, maxBatches = 1000): Promise<SweepResult> {
  const total = { claimed: 0, signalled: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const r = await sweep(db, now, limit);
    total.claimed += r.claimed;
    total.signalled += r.signalled;
    if (r.claimed < limit) break;
  }
  return total;
}

// Raising signals (SUP-2…SUP-5): one write path for the timer, the event rules, the scans and
// the supervisors' manual signals. In the caller's transaction and in bulk: the signals rows
// (deduplicated by key: a threshold or a rule hit is signalled exactly once), the first event
// of each signal's chain, the console rollups, the response clock (red), the 督办通知书 (red)
// and the notifications (yellow: handler + unit leader, 晋中 二(二)).
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import { loadCalendar } from '../calendar/service.ts';
import { appendFirstEvents, type ActorInfo, SYSTEM_INFO } from './chain.ts';
import { getConfig } from './config.ts';
import { plannedDue, startSupClocks } from './clocks.ts';
import { issueDocuments } from './documents.ts';
import { enqueueForSignals } from './notify/outbox.ts';
import { wakeLive } from './live.ts';
import type { Level, SignalCategory, SignalOrigin } from './tables.ts';

export interface SignalDraft {
  origin: SignalOrigin;
  category: SignalCategory;
  kind: string;
  ruleCode?: string | null;
  ruleVersion?: number | null;
  level: Level;
  title: string;
  explanation: string;
  evidence: { eventIds?: number[]; [k: string]: unknown };
  caseId?: number | null;
  caseNo?: string | null;
  itemId?: number | null;
  itemName?: string | null;
  unitId: number;
  unitPath: string;
  regionPath: string;
  clockSource?: 'case' | 'sup' | null;
  clockId?: number | null;
  clockKind?: string | null;
  thresholdAt?: Date | null;
  taskId?: number | null;
  parentId?: number | null;
  /** Unique key: the same threshold or rule hit is never signalled twice. */
  dedupeKey: string;
  /** The post whose holders are "the responsible handler" (晋中 二(二)). */
  handlerPost?: string | null;
  /** Red signals open a response clock unless they are themselves about a response or rectification. */
  noResponseClock?: boolean;
  by?: ActorInfo;
}

export interface RaisedSignal {
  id: number;
  signalNo: string;
  draft: SignalDraft;
}

export const STATUS_RAISED = 'raised';
export const streamOfSignal = (id: number) => `signal:${id}`;

/** Writes the signals that are new; returns those (duplicates of earlier ones are skipped). */
export async function raiseSignals(trx: Kysely<DB>, drafts: SignalDraft[], now: Date): Promise<RaisedSignal[]> {
  if (!drafts.length) return [];
  const config = await getConfig(trx, now);
  const cal = await loadCalendar(trx);
  const responseDue = plannedDue(cal, 'signal_response', config.settings.responseLimit, now);
  const needsResponse = (d: SignalDraft) => d.level === 'red' && !d.noResponseClock;
  const rows = drafts.map((d) => ({
    origin: d.origin, category: d.category, kind: d.kind, rule_code: d.ruleCode ?? null, rule_version: d.ruleVersion ?? null, level: d.level,
    status: STATUS_RAISED, title: d.title, explanation: d.explanation, evidence: d.evidence, case_id: d.caseId ?? null, case_no: d.caseNo ?? null,
    item_id: d.itemId ?? null, item_name: d.itemName ?? null, unit_id: d.unitId, unit_path: d.unitPath, region_path: d.regionPath,
    clock_source: d.clockSource ?? null, clock_id: d.clockId ?? null, clock_kind: d.clockKind ?? null, threshold_at: d.thresholdAt?.toISOString() ?? null,
    task_id: d.taskId ?? null, parent_id: d.parentId ?? null, dedupe_key: d.dedupeKey,
    response_due_at: needsResponse(d) ? responseDue.toISOString() : null,
  }));
  const year = chinaDateOf(now).slice(0, 4);
  const inserted = await sql<{ id: number; signal_no: string; dedupe_key: string }>`
    insert into signals (signal_no, origin, category, kind, rule_code, rule_version, level, status, title, explanation, evidence, case_id, case_no,
      item_id, item_name, unit_id, unit_path, region_path, clock_source, clock_id, clock_kind, threshold_at, task_id, parent_id, dedupe_key,
      raised_at, response_due_at, updated_at)
    select ${'JC' + year}::text || lpad(nextval('sup_signal_no_seq')::text, 8, '0'), origin, category, kind, rule_code, rule_version, level, status,
      title, explanation, evidence, case_id, case_no, item_id, item_name, unit_id, unit_path, region_path, clock_source, clock_id, clock_kind,
      threshold_at, task_id, parent_id, dedupe_key, ${now}, response_due_at, ${now}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(origin text, category text, kind text, rule_code text, rule_version int,
      level text, status text, title text, explanation text, evidence jsonb, case_id bigint, case_no text, item_id bigint, item_name text,
      unit_id bigint, unit_path text, region_path text, clock_source text, clock_id bigint, clock_kind text, threshold_at timestamptz,
      task_id bigint, parent_id bigint, dedupe_key text, response_due_at timestamptz)
    on conflict (dedupe_key) do nothing
    returning id, signal_no, dedupe_key`.execute(trx);
  if (!inserted.rows.length) return [];
  const byKey = new Map(drafts.map((d) => [d.dedupeKey, d]));
  const raised: RaisedSignal[] = inserted.rows.map((r) => ({ id: r.id, signalNo: r.signal_no, draft: byKey.get(r.dedupe_key)! }));

  await appendFirstEvents(trx, 'signal_events', raised.map((s) => ({
    streamId: streamOfSignal(s.id),
    event: {
      type: 'signal.raised', at: now, ...(s.draft.by ?? SYSTEM_INFO),
      data: {
        signalNo: s.signalNo, origin: s.draft.origin, category: s.draft.category, kind: s.draft.kind, ruleCode: s.draft.ruleCode ?? null,
        ruleVersion: s.draft.ruleVersion ?? null, level: s.draft.level, title: s.draft.title, explanation: s.draft.explanation,
        evidence: s.draft.evidence, caseId: s.draft.caseId ?? null, unitId: s.draft.unitId, thresholdAt: s.draft.thresholdAt?.toISOString() ?? null,
      },
    },
  })), now);

  await bumpRollups(trx, raised, now);
  const red = raised.filter((s) => needsResponse(s.draft));
  await startSupClocks(trx, config, cal, red.map((s) => ({
    source: 'signal' as const, sourceId: s.id, kind: 'signal_response' as const, limit: config.settings.responseLimit,
    unitId: s.draft.unitId, unitPath: s.draft.unitPath, regionPath: s.draft.regionPath, itemId: s.draft.itemId ?? null, caseId: s.draft.caseId ?? null,
  })), now);
  // 晋中 二(二): red → a 督办通知书 to the unit demanding an explanation.
  const docs = await issueDocuments(trx, raised.filter((s) => s.draft.level === 'red').map((s) => ({
    kind: 'supervision_notice' as const, signalId: s.id, unitId: s.draft.unitId, unitPath: s.draft.unitPath, regionPath: s.draft.regionPath,
    data: {
      signalNo: s.signalNo, title: s.draft.title, explanation: s.draft.explanation, caseNo: s.draft.caseNo ?? null, itemName: s.draft.itemName ?? null,
      responseDue: needsResponse(s.draft) ? responseDue.toISOString() : null,
    },
  })), null, now);
  await enqueueForSignals(trx, config, raised, { responseDue, docNos: new Map(docs.map((d) => [d.signalId!, d.docNo])) }, now);
  await notifyChange(trx);
  return raised;
}

/** Console rollups (ARCHITECTURE Scale): counts by unit × level, day, item — never COUNT(*). */
async function bumpRollups(trx: Kysely<DB>, raised: RaisedSignal[], now: Date): Promise<void> {
  const day = chinaDateOf(now);
  const unit = new Map<string, { unit_id: number; level: string; unit_path: string; region_path: string; n: number }>();
  const item = new Map<string, { item_id: number; unit_id: number; level: string; item_name: string; unit_path: string; region_path: string; n: number }>();
  for (const { draft: d } of raised) {
    const k = `${d.unitId}:${d.level}`;
    const u = unit.get(k) ?? { unit_id: d.unitId, level: d.level, unit_path: d.unitPath, region_path: d.regionPath, n: 0 };
    u.n++;
    unit.set(k, u);
    if (d.itemId) {
      const ik = `${d.itemId}:${d.unitId}:${d.level}`;
      const it = item.get(ik) ?? { item_id: d.itemId, unit_id: d.unitId, level: d.level, item_name: d.itemName ?? '', unit_path: d.unitPath, region_path: d.regionPath, n: 0 };
      it.n++;
      item.set(ik, it);
    }
  }
  const u = JSON.stringify([...unit.values()]);
  await sql`insert into sup_stats_unit (unit_id, level, unit_path, region_path, raised, open)
    select unit_id, level, unit_path, region_path, n, n from jsonb_to_recordset(${u}::jsonb) as x(unit_id bigint, level text, unit_path text, region_path text, n bigint)
    on conflict (unit_id, level) do update set raised = sup_stats_unit.raised + excluded.raised, open = sup_stats_unit.open + excluded.open`.execute(trx);
  await sql`insert into sup_stats_day (day, unit_id, level, unit_path, region_path, raised)
    select ${day}::date, unit_id, level, unit_path, region_path, n from jsonb_to_recordset(${u}::jsonb) as x(unit_id bigint, level text, unit_path text, region_path text, n bigint)
    on conflict (day, unit_id, level) do update set raised = sup_stats_day.raised + excluded.raised`.execute(trx);
  if (item.size) {
    await sql`insert into sup_stats_item (item_id, unit_id, level, item_name, unit_path, region_path, raised, open)
      select item_id, unit_id, level, item_name, unit_path, region_path, n, n
      from jsonb_to_recordset(${JSON.stringify([...item.values()])}::jsonb) as x(item_id bigint, unit_id bigint, level text, item_name text, unit_path text, region_path text, n bigint)
      on conflict (item_id, unit_id, level) do update set raised = sup_stats_item.raised + excluded.raised, open = sup_stats_item.open + excluded.open`.execute(trx);
  }
}

/** Open-count changes when a signal closes (-1) or reopens (+1), and valid findings. */
export async function adjustOpen(trx: Kysely<DB>, s: { unit_id: number; level: string; item_id: number | null }, delta: number, validDelta = 0): Promise<void> {
  await sql`update sup_stats_unit set open = open + ${delta}, valid = valid + ${validDelta} where unit_id = ${s.unit_id} and level = ${s.level}`.execute(trx);
  if (s.item_id) await sql`update sup_stats_item set open = open + ${delta} where item_id = ${s.item_id} and unit_id = ${s.unit_id} and level = ${s.level}`.execute(trx);
}

/** Wakes live listeners: NOTIFY is delivered at commit (PostgreSQL); this process polls at once. */
export async function notifyChange(trx: Kysely<DB>): Promise<void> {
  await sql`select pg_notify('sunlight_supervision', '')`.execute(trx);
  wakeLive();
}

export const newDedupeKey = (prefix: string) => `${prefix}:${randomBytes(8).toString('hex')}`;

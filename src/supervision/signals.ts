// Raising signals (SUP-2…SUP-5): one write path for the timer, the event rules, the scans and
// the supervisors' manual signals. In the caller's transaction and set-based (one statement
// for any number of signals): the signals rows (deduplicated by key: a threshold or a rule hit
// is signalled exactly once), the first event of each signal's chain, the console rollups.
// Then the follow-up (followups.ts): for red a response clock and a 督办通知书, notifications
// (yellow: handler + unit leader, 晋中 二(二)), a late response's mark on its parent signal —
// at once in the caller's transaction, or, for the timer, owed in sup_signal_followups and
// done by the follow-up step of the same loop (`deferFollowup`).
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { GENESIS } from '../store/event-chain.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import { loadCalendar } from '../calendar/service.ts';
import { canonicalFast, firstEventHasher, type ActorInfo, SYSTEM_INFO } from './chain.ts';
import { getConfig } from './config.ts';
import { plannedDue } from './clocks.ts';
import { followUp, type FollowupSignal } from './followups.ts';
import { arrayLit } from './arrays.ts';
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

export interface RaiseOptions {
  /**
   * The timer: leave the follow-up to the follow-up step (runFollowups), owed by one row in
   * sup_signal_followups listing the call's signals, committed with them. Otherwise it is
   * done here, at once.
   */
  deferFollowup?: boolean;
}

export const STATUS_RAISED = 'raised';
export const streamOfSignal = (id: number) => `signal:${id}`;

/** Rows written by raiseSignals: signals, events, owed-follow-up rows, rollups (the bench reports rows per signal). */
export const writeStats = { calls: 0, signals: 0, rows: 0 };

/** Writes the signals that are new; returns those (duplicates of earlier ones are skipped). */
export async function raiseSignals(trx: Kysely<DB>, drafts: SignalDraft[], now: Date, opts: RaiseOptions = {}): Promise<RaisedSignal[]> {
  if (!drafts.length) return [];
  const config = await getConfig(trx, now);
  const cal = await loadCalendar(trx);
  const responseDue = plannedDue(cal, 'signal_response', config.settings.responseLimit, now);
  const raised = await writeSignals(trx, drafts, now, responseDue, !!opts.deferFollowup);
  if (!raised.length) return [];
  if (!opts.deferFollowup) {
    await followUp(trx, config, cal, raised.map((s) => followupOf(s, now, responseDue)), now);
  }
  await notifyChange(trx);
  return raised;
}

const needsResponse = (d: SignalDraft) => d.level === 'red' && !d.noResponseClock;

function followupOf(s: RaisedSignal, now: Date, responseDue: Date): FollowupSignal {
  const d = s.draft;
  return {
    id: s.id, signalNo: s.signalNo, level: d.level, title: d.title, explanation: d.explanation, unitId: d.unitId, unitPath: d.unitPath,
    regionPath: d.regionPath, itemId: d.itemId ?? null, itemName: d.itemName ?? null, caseId: d.caseId ?? null, caseNo: d.caseNo ?? null,
    handlerPost: d.handlerPost ?? null, responseDueAt: needsResponse(d) ? responseDue : null, raisedAt: now, clockSource: d.clockSource ?? null,
    clockKind: d.clockKind ?? null, parentId: d.parentId ?? null, taskId: d.taskId ?? null,
  };
}

/**
 * The signal rows, their first chain events (and the owed follow-up) in one statement, then
 * the rollups. Ids and numbers are taken from the sequences first, so each event's hash —
 * which covers the stream id and the signal number — is computed before the insert, and the
 * event data (canonical JSON, built with sorted keys) is sent once: the signal's columns are
 * read from it. A duplicate dedupe_key skips the signal and everything written with it.
 * No per-row statements and no query building per row, whatever the number of signals.
 */
async function writeSignals(trx: Kysely<DB>, drafts: SignalDraft[], now: Date, responseDue: Date, defer: boolean): Promise<RaisedSignal[]> {
  const n = drafts.length;
  const seq = await sql<{ id: number; no: number }>`
    select nextval('signals_id_seq') as id, nextval('sup_signal_no_seq') as no from generate_series(1, ${n})`.execute(trx);
  const year = chinaDateOf(now).slice(0, 4);
  const dueIso = responseDue.toISOString();
  // one array per column (typed arrays parse faster in the server than the same in JSON) and the
  // event data as one JSON array of the canonical texts already hashed
  const ids: number[] = new Array(n);
  const nos: string[] = new Array(n);
  const hashes: string[] = new Array(n);
  const datas: string[] = new Array(n);
  const col = {
    cn: [] as (string | null)[], ii: [] as (number | null)[], in: [] as (string | null)[], up: [] as string[], rp: [] as string[], cs: [] as (string | null)[],
    ci: [] as (number | null)[], ck: [] as (string | null)[], ti: [] as (number | null)[], pi: [] as (number | null)[], dk: [] as string[],
    rd: [] as (string | null)[], hp: [] as (string | null)[], ai: [] as (number | null)[], an: [] as (string | null)[], au: [] as (number | null)[], ip: [] as (string | null)[],
  };
  const raised: RaisedSignal[] = new Array(n);
  const hashers = new Map<ActorInfo, (streamId: string, dataJson: string) => string>();
  for (let i = 0; i < n; i++) {
    const d = drafts[i];
    const id = Number(seq.rows[i].id);
    const signalNo = `JC${year}${String(seq.rows[i].no).padStart(8, '0')}`;
    const by = d.by ?? SYSTEM_INFO;
    // keys in sorted order (canonical JSON is then the engine's own JSON.stringify)
    const data = {
      caseId: d.caseId ?? null, category: d.category, evidence: d.evidence, explanation: d.explanation, kind: d.kind, level: d.level,
      origin: d.origin, ruleCode: d.ruleCode ?? null, ruleVersion: d.ruleVersion ?? null, signalNo, thresholdAt: d.thresholdAt?.toISOString() ?? null,
      title: d.title, unitId: d.unitId,
    };
    const dataJson = canonicalFast(data);
    ids[i] = id;
    nos[i] = signalNo;
    datas[i] = dataJson;
    let hash = hashers.get(by);
    if (!hash) hashers.set(by, (hash = firstEventHasher({ type: 'signal.raised', at: now, ...by }, now)));
    hashes[i] = hash(streamOfSignal(id), dataJson);
    col.cn.push(d.caseNo ?? null); col.ii.push(d.itemId ?? null); col.in.push(d.itemName ?? null); col.up.push(d.unitPath); col.rp.push(d.regionPath);
    col.cs.push(d.clockSource ?? null); col.ci.push(d.clockId ?? null); col.ck.push(d.clockKind ?? null); col.ti.push(d.taskId ?? null);
    col.pi.push(d.parentId ?? null); col.dk.push(d.dedupeKey); col.rd.push(needsResponse(d) ? dueIso : null); col.hp.push(d.handlerPost ?? null);
    col.ai.push(by.actorId ?? null); col.an.push(by.actorName ?? null); col.au.push(by.actorUnitId ?? null); col.ip.push(by.ip ?? null);
    raised[i] = { id, signalNo, draft: d };
  }
  const payload = `[${datas.join(',')}]`;
  const r = await sql<{ ids: (number | string)[] | null; owed: number }>`
    with x as (
      select * from rows from (unnest(${arrayLit(ids)}::bigint[]), unnest(${arrayLit(nos)}::text[]), unnest(${arrayLit(hashes)}::text[]),
        jsonb_array_elements(${payload}::jsonb), unnest(${arrayLit(col.cn)}::text[]), unnest(${arrayLit(col.ii)}::bigint[]),
        unnest(${arrayLit(col.in)}::text[]), unnest(${arrayLit(col.up)}::text[]), unnest(${arrayLit(col.rp)}::text[]), unnest(${arrayLit(col.cs)}::text[]),
        unnest(${arrayLit(col.ci)}::bigint[]), unnest(${arrayLit(col.ck)}::text[]), unnest(${arrayLit(col.ti)}::bigint[]), unnest(${arrayLit(col.pi)}::bigint[]),
        unnest(${arrayLit(col.dk)}::text[]), unnest(${arrayLit(col.rd)}::timestamptz[]), unnest(${arrayLit(col.hp)}::text[]),
        unnest(${arrayLit(col.ai)}::bigint[]), unnest(${arrayLit(col.an)}::text[]), unnest(${arrayLit(col.au)}::bigint[]), unnest(${arrayLit(col.ip)}::text[]))
        as x(id, no, h, d, cn, ii, "in", up, rp, cs, ci, ck, ti, pi, dk, rd, hp, ai, an, au, ip)
    ), s as (
      insert into signals (id, signal_no, origin, category, kind, rule_code, rule_version, level, status, title, explanation, evidence, case_id, case_no,
        item_id, item_name, unit_id, unit_path, region_path, clock_source, clock_id, clock_kind, threshold_at, task_id, parent_id, dedupe_key,
        raised_at, response_due_at, updated_at)
      overriding system value
      select id, no, d->>'origin', d->>'category', d->>'kind', d->>'ruleCode', (d->>'ruleVersion')::int, d->>'level', ${STATUS_RAISED}, d->>'title',
        d->>'explanation', d->'evidence', (d->>'caseId')::bigint, cn, ii, "in", (d->>'unitId')::bigint, up, rp, cs, ci, ck,
        (d->>'thresholdAt')::timestamptz, ti, pi, dk, ${now}, rd, ${now}
      from x
      on conflict (dedupe_key) do nothing
      returning id
    ), e as (
      insert into signal_events (stream_id, seq, type, at, recorded_at, actor_id, actor_name, actor_unit_id, actor_post_id, ip, data, prev_hash, hash)
      select 'signal:' || x.id, 1, 'signal.raised', ${now}, ${now}, x.ai, x.an, x.au, null, x.ip, x.d, ${GENESIS}, x.h
      from x join s on s.id = x.id
    ), f as (
      insert into sup_signal_followups (signal_ids, handler_posts, created_at)
      select array_agg(x.id order by x.id), array_agg(x.hp order by x.id), ${now} from x join s on s.id = x.id
      where ${defer}::boolean having count(*) > 0
      returning 1
    )
    select coalesce((select array_agg(id) from s), '{}') as ids, (select count(*) from f)::int as owed`.execute(trx);
  const ok = new Set((r.rows[0]?.ids ?? []).map(Number));
  const out = ok.size === n ? raised : raised.filter((s) => ok.has(s.id));
  // last before the commit, so concurrent batches wait on the shared rollup rows only briefly
  const rollups = await bumpRollups(trx, out, now);
  writeStats.calls++;
  writeStats.signals += out.length;
  writeStats.rows += out.length * 2 + Number(r.rows[0]?.owed ?? 0) + rollups;
  return out;
}

/** Console rollups (ARCHITECTURE Scale): counts by unit × level, day, item — never COUNT(*); upserts in key order. */
async function bumpRollups(trx: Kysely<DB>, raised: RaisedSignal[], now: Date): Promise<number> {
  if (!raised.length) return 0;
  const unit = new Map<string, { unitId: number; level: string; unitPath: string; regionPath: string; n: number }>();
  const item = new Map<string, { itemId: number; unitId: number; level: string; itemName: string; unitPath: string; regionPath: string; n: number }>();
  for (const { draft: d } of raised) {
    const k = `${d.unitId}:${d.level}`;
    const u = unit.get(k);
    if (u) u.n++;
    else unit.set(k, { unitId: d.unitId, level: d.level, unitPath: d.unitPath, regionPath: d.regionPath, n: 1 });
    if (d.itemId) {
      const ik = `${d.itemId}:${k}`;
      const it = item.get(ik);
      if (it) it.n++;
      else item.set(ik, { itemId: d.itemId, unitId: d.unitId, level: d.level, itemName: d.itemName ?? '', unitPath: d.unitPath, regionPath: d.regionPath, n: 1 });
    }
  }
  const us = [...unit.values()];
  const is = [...item.values()];
  const r = await sql<{ n: number }>`
    with u as (
      select * from unnest(${arrayLit(us.map((x) => x.unitId))}::bigint[], ${arrayLit(us.map((x) => x.level))}::text[],
        ${arrayLit(us.map((x) => x.unitPath))}::text[], ${arrayLit(us.map((x) => x.regionPath))}::text[], ${arrayLit(us.map((x) => x.n))}::bigint[])
        as u(unit_id, level, unit_path, region_path, n)
    ), su as (
      insert into sup_stats_unit (unit_id, level, unit_path, region_path, raised, open)
      select unit_id, level, unit_path, region_path, n, n from u order by unit_id, level
      on conflict (unit_id, level) do update set raised = sup_stats_unit.raised + excluded.raised, open = sup_stats_unit.open + excluded.open
      returning 1
    ), sd as (
      insert into sup_stats_day (day, unit_id, level, unit_path, region_path, raised)
      select ${chinaDateOf(now)}::date, unit_id, level, unit_path, region_path, n from u order by unit_id, level
      on conflict (day, unit_id, level) do update set raised = sup_stats_day.raised + excluded.raised
      returning 1
    ), si as (
      insert into sup_stats_item (item_id, unit_id, level, item_name, unit_path, region_path, raised, open)
      select item_id, unit_id, level, item_name, unit_path, region_path, n, n from unnest(${arrayLit(is.map((x) => x.itemId))}::bigint[], ${arrayLit(is.map((x) => x.unitId))}::bigint[],
        ${arrayLit(is.map((x) => x.level))}::text[], ${arrayLit(is.map((x) => x.itemName))}::text[], ${arrayLit(is.map((x) => x.unitPath))}::text[],
        ${arrayLit(is.map((x) => x.regionPath))}::text[], ${arrayLit(is.map((x) => x.n))}::bigint[]) as i(item_id, unit_id, level, item_name, unit_path, region_path, n)
      order by item_id, unit_id, level
      on conflict (item_id, unit_id, level) do update set raised = sup_stats_item.raised + excluded.raised, open = sup_stats_item.open + excluded.open
      returning 1
    )
    select ((select count(*) from su) + (select count(*) from sd) + (select count(*) from si))::int as n`.execute(trx);
  return Number(r.rows[0]?.n ?? 0);
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

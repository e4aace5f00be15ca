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
import { arrayLit, jsonColumn, rowsFrom, textColumn } from './arrays.ts';
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
  evidence?: { eventIds?: number[]; [k: string]: unknown };
  /** The evidence as canonical JSON, when the caller writes it out itself (the timer); else from `evidence`. */
  evidenceJson?: string;
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
  /**
   * The caller holds the locks that make each dedupe key its own for the transaction (the
   * timer: a clock's keys are made only by the sweep that has claimed the clock, FOR UPDATE),
   * so a key can only collide with a signal already committed: those are left out before the
   * insert (a probe of the key index per row) instead of by ON CONFLICT, whose speculative
   * insertion costs every row a second record in the log and the statement two joins. A
   * collision with a concurrent insert, impossible under that lock, would fail the batch
   * (unique index) rather than be skipped.
   */
  exclusiveKeys?: boolean;
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
  const raised = await writeSignals(trx, drafts, now, responseDue, !!opts.deferFollowup, !!opts.exclusiveKeys);
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
 * The data of a signal's first event (signal.raised): what was found, with its evidence. A
 * timer signal's title and explanation are not in it: they are a rendering of these facts (the
 * clock's kind, level, instants — sweep.ts clockTitle/explain — and the case's number and item,
 * which the case's own chain holds), kept on the signal row; the chain holds the facts. A rule's
 * or a supervisor's title and explanation are findings in their own words and are in it.
 * Written out as canonical JSON (chain.ts canonicalJson) directly — the timer writes thousands
 * a second: keys in sorted order, every value through JSON.stringify (as canonicalJson does for
 * strings, numbers and null) and the evidence already canonical.
 */
export function raisedDataJson(d: SignalDraft, signalNo: string, evidenceJson: string): string {
  const j = JSON.stringify;
  const prose = d.origin !== 'clock';
  return `{"caseId":${j(d.caseId ?? null)},"category":${j(d.category)},"evidence":${evidenceJson},${prose ? `"explanation":${j(d.explanation)},` : ''}`
    + `"kind":${j(d.kind)},"level":${j(d.level)},"origin":${j(d.origin)},"ruleCode":${j(d.ruleCode ?? null)},"ruleVersion":${j(d.ruleVersion ?? null)},`
    + `"signalNo":${j(signalNo)},"thresholdAt":${j(d.thresholdAt?.toISOString() ?? null)},${prose ? `"title":${j(d.title)},` : ''}"unitId":${j(d.unitId)}}`;
}

/**
 * The signal rows, their first chain events (and the owed follow-up) in one statement, then
 * the rollups. Ids and numbers are taken from the sequences first, so each event's hash —
 * which covers the stream id and the signal number — is computed before the insert. Every
 * column goes as one parameter (arrays.ts rowsFrom); the long texts (event data, title,
 * explanation) as one string split by the server (textColumn/jsonColumn), several times
 * cheaper for it than an array literal or a JSON document to take apart. A duplicate dedupe_key skips the signal
 * and everything written with it. No per-row statements, whatever the number of signals.
 */
async function writeSignals(trx: Kysely<DB>, drafts: SignalDraft[], now: Date, responseDue: Date, defer: boolean, exclusive: boolean): Promise<RaisedSignal[]> {
  const n = drafts.length;
  const seq = await sql<{ id: number; no: number }>`/*hot:signal_ids*/
    select nextval('signals_id_seq') as id, nextval('sup_signal_no_seq') as no from generate_series(1, ${n})`.execute(trx);
  const year = chinaDateOf(now).slice(0, 4);
  const dueIso = responseDue.toISOString();
  const ids: number[] = new Array(n);
  const nos: string[] = new Array(n);
  const hashes: string[] = new Array(n);
  const datas: string[] = new Array(n);
  const titles: string[] = new Array(n);
  const expls: string[] = new Array(n);
  const col = {
    or: new Array<string>(n), ca: new Array<string>(n), ki: new Array<string>(n), rc: new Array<string | null>(n), rv: new Array<number | null>(n),
    le: new Array<string>(n), ta: new Array<string | null>(n), cid: new Array<number | null>(n), uid: new Array<number>(n),
    cn: new Array<string | null>(n), ii: new Array<number | null>(n), in: new Array<string | null>(n), up: new Array<string>(n), rp: new Array<string>(n),
    cs: new Array<string | null>(n), ci: new Array<number | null>(n), ck: new Array<string | null>(n), ti: new Array<number | null>(n),
    pi: new Array<number | null>(n), dk: new Array<string>(n), rd: new Array<string | null>(n), hp: new Array<string | null>(n),
    ai: new Array<number | null>(n), an: new Array<string | null>(n), au: new Array<number | null>(n), ip: new Array<string | null>(n),
  };
  const raised: RaisedSignal[] = new Array(n);
  const hashers = new Map<ActorInfo, (streamId: string, dataJson: string) => string>();
  for (let i = 0; i < n; i++) {
    const d = drafts[i];
    const id = Number(seq.rows[i].id);
    const signalNo = `JC${year}${String(seq.rows[i].no).padStart(8, '0')}`;
    const by = d.by ?? SYSTEM_INFO;
    const ev = d.evidenceJson ?? canonicalFast(d.evidence ?? {});
    // (reading a character also flattens it, so it is copied into the event data in one piece)
    if (ev.charCodeAt(0) !== 0x7b) throw new Error('signal evidence is not a JSON object');
    const dataJson = raisedDataJson(d, signalNo, ev);
    // reading a character flattens a string built by concatenation in place (V8): it is read
    // three times — hashed, joined, sent — and each read would otherwise walk its pieces again
    if (dataJson.charCodeAt(0) !== 0x7b) throw new Error('signal data is not a JSON object');
    ids[i] = id;
    nos[i] = signalNo;
    datas[i] = dataJson;
    titles[i] = d.title;
    expls[i] = d.explanation;
    let hash = hashers.get(by);
    if (!hash) hashers.set(by, (hash = firstEventHasher({ type: 'signal.raised', at: now, ...by }, now)));
    hashes[i] = hash(streamOfSignal(id), dataJson);
    col.or[i] = d.origin; col.ca[i] = d.category; col.ki[i] = d.kind; col.rc[i] = d.ruleCode ?? null; col.rv[i] = d.ruleVersion ?? null;
    col.le[i] = d.level; col.ta[i] = d.thresholdAt?.toISOString() ?? null; col.cid[i] = d.caseId ?? null; col.uid[i] = d.unitId;
    col.cn[i] = d.caseNo ?? null; col.ii[i] = d.itemId ?? null; col.in[i] = d.itemName ?? null; col.up[i] = d.unitPath; col.rp[i] = d.regionPath;
    col.cs[i] = d.clockSource ?? null; col.ci[i] = d.clockId ?? null; col.ck[i] = d.clockKind ?? null; col.ti[i] = d.taskId ?? null;
    col.pi[i] = d.parentId ?? null; col.dk[i] = d.dedupeKey; col.rd[i] = needsResponse(d) ? dueIso : null; col.hp[i] = d.handlerPost ?? null;
    col.ai[i] = by.actorId ?? null; col.an[i] = by.actorName ?? null; col.au[i] = by.actorUnitId ?? null; col.ip[i] = by.ip ?? null;
    raised[i] = { id, signalNo, draft: d };
  }
  const r = await sql<{ ids: (number | string)[] | null; owed: number }>`/*hot:signal_write*/
    with x as (
      select x0.* from (${rowsFrom([
        { name: 'id', type: 'bigint', values: ids }, { name: 'no', type: 'text', values: nos }, { name: 'h', type: 'text', values: hashes },
        { name: 'origin', type: 'text', values: col.or }, { name: 'category', type: 'text', values: col.ca }, { name: 'kind', type: 'text', values: col.ki },
        { name: 'rc', type: 'text', values: col.rc }, { name: 'rv', type: 'int', values: col.rv }, { name: 'level', type: 'text', values: col.le },
        { name: 'ta', type: 'timestamptz', values: col.ta }, { name: 'cid', type: 'bigint', values: col.cid }, { name: 'uid', type: 'bigint', values: col.uid },
        { name: 'cn', type: 'text', values: col.cn }, { name: 'ii', type: 'bigint', values: col.ii }, { name: 'in', type: 'text', values: col.in },
        { name: 'up', type: 'text', values: col.up }, { name: 'rp', type: 'text', values: col.rp }, { name: 'cs', type: 'text', values: col.cs },
        { name: 'ci', type: 'bigint', values: col.ci }, { name: 'ck', type: 'text', values: col.ck }, { name: 'ti', type: 'bigint', values: col.ti },
        { name: 'pi', type: 'bigint', values: col.pi }, { name: 'dk', type: 'text', values: col.dk }, { name: 'rd', type: 'timestamptz', values: col.rd },
        { name: 'hp', type: 'text', values: col.hp }, { name: 'ai', type: 'bigint', values: col.ai }, { name: 'an', type: 'text', values: col.an },
        { name: 'au', type: 'bigint', values: col.au }, { name: 'ip', type: 'text', values: col.ip },
      ], [
        { name: 'd', values: jsonColumn(datas) }, { name: 'title', values: textColumn(titles) },
        { name: 'expl', values: textColumn(expls) },
      ])}) x0
      -- exclusive keys: a committed signal with the key leaves the row out. One probe of the key
      -- index per row (a LATERAL subquery with LIMIT stays a per-row index probe in any plan,
      -- never a scan of the table, whatever its size when the statement was prepared)
      ${exclusive
        ? sql`left join lateral (select true as hit from signals o where o.dedupe_key = x0.dk limit 1) k on true where k.hit is null`
        : sql``}
    ), s as (
      insert into signals (id, signal_no, origin, category, kind, rule_code, rule_version, level, status, title, explanation, case_id, case_no,
        item_id, item_name, unit_id, unit_path, region_path, clock_source, clock_id, clock_kind, threshold_at, task_id, parent_id, dedupe_key,
        raised_at, response_due_at, updated_at)
      overriding system value
      select id, no, origin, category, kind, rc, rv, level, ${STATUS_RAISED}, title, expl, cid, cn, ii, "in", uid, up, rp, cs, ci, ck,
        ta, ti, pi, dk, ${now}, rd, ${now}
      from x
      ${exclusive ? sql`` : sql`on conflict (dedupe_key) do nothing`}
      returning id
    ), e as (
      insert into signal_events (stream_id, seq, type, at, recorded_at, actor_id, actor_name, actor_unit_id, actor_post_id, ip, data, prev_hash, hash)
      select 'signal:' || x.id, 1, 'signal.raised', ${now}, ${now}, x.ai, x.an, x.au, null, x.ip, x.d::json, ${GENESIS}, x.h
      from x ${exclusive ? sql`` : sql`join s on s.id = x.id`}
    ), f as (
      insert into sup_signal_followups (signal_ids, handler_posts, created_at)
      select array_agg(x.id order by x.id), array_agg(x.hp order by x.id), ${now} from x ${exclusive ? sql`` : sql`join s on s.id = x.id`}
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
  const r = await sql<{ n: number }>`/*hot:signal_rollups*/
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

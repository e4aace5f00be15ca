// 监察台账 (SUP-9): signals and tasks with filters; the Excel export needs an approved export
// request (SEC-2, 四川 §15: copying supervision data needs the leader's approval), is one-time,
// and the download is in the operation log.
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { scoped, type Actor } from '../access/scope.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import { registerApprovalKind, requestApproval, useApproval } from './approvals.ts';
import { LEVEL_NAMES, type Level } from './tables.ts';
import { SIGNAL_STATUSES, TASK_STATUSES } from './handling-machine.ts';

export interface LedgerFilter {
  level?: string;
  status?: string;
  category?: string;
  unitId?: number;
  from?: string;
  to?: string;
}

export const EXPORT_KIND = 'ledger.export';
export const MAX_EXPORT_ROWS = 50_000;

registerApprovalKind(EXPORT_KIND, { title: '监察台账导出' });

export async function requestLedgerExport(db: Kysely<DB>, a: Actor, filter: LedgerFilter, purpose: string, now: Date, ip: string | null) {
  return db.transaction().execute(async (trx) => {
    const id = await requestApproval(trx, a, { kind: EXPORT_KIND, title: `导出监察台账（${purpose}）`, payload: { filter, purpose }, approverPermission: 'export.approve' }, now, ip);
    // system: the request just filed by this actor
    return trx.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
}

const fmt = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) : '');

/** Builds the workbook of an approved request (and marks the request used, in one transaction). */
export async function exportLedger(db: Kysely<DB>, a: Actor, approvalId: number, now: Date, ip: string | null): Promise<{ buffer: Buffer; signals: number; tasks: number; filter: LedgerFilter }> {
  return db.transaction().execute(async (trx) => {
    // system: read before use to get the filter; useApproval checks requester and status under lock
    const pre = await scoped(trx, a).selectFrom('approvals').select(['payload']).where('id', '=', approvalId).executeTakeFirst();
    const filter = ((pre?.payload as { filter?: LedgerFilter } | undefined)?.filter ?? {}) as LedgerFilter;
    let sq = scoped(trx, a).selectFrom('signals as s').innerJoin('units as u', 'u.id', 's.unit_id').selectAll('s').select('u.name as unit_name');
    if (filter.level) sq = sq.where('s.level', '=', filter.level as Level);
    if (filter.status) sq = sq.where('s.status', '=', filter.status);
    if (filter.category) sq = sq.where('s.category', '=', filter.category as any);
    if (filter.unitId) sq = sq.where('s.unit_id', '=', filter.unitId);
    if (filter.from) sq = sq.where('s.raised_at', '>=', new Date(filter.from));
    if (filter.to) sq = sq.where('s.raised_at', '<', new Date(filter.to));
    const signals = await sq.orderBy('s.id').limit(MAX_EXPORT_ROWS).execute();
    let tq = scoped(trx, a).selectFrom('sup_tasks as t').innerJoin('units as u', 'u.id', 't.unit_id').selectAll('t').select('u.name as unit_name');
    if (filter.unitId) tq = tq.where('t.unit_id', '=', filter.unitId);
    if (filter.from) tq = tq.where('t.created_at', '>=', new Date(filter.from));
    if (filter.to) tq = tq.where('t.created_at', '<', new Date(filter.to));
    const tasks = await tq.orderBy('t.id').limit(MAX_EXPORT_ROWS).execute();
    await useApproval(trx, a, approvalId, EXPORT_KIND, now, { signals: signals.length, tasks: tasks.length, at: now.toISOString() }, ip);

    const wb = new ExcelJS.Workbook();
    wb.creator = 'Sunlight 阳光政务监察平台';
    wb.created = now;
    const ws = wb.addWorksheet('监察信号');
    ws.columns = [
      { header: '信号编号', key: 'no', width: 18 }, { header: '等级', key: 'level', width: 10 }, { header: '类别', key: 'category', width: 10 },
      { header: '标题', key: 'title', width: 40 }, { header: '责任单位', key: 'unit', width: 24 }, { header: '办件编号', key: 'caseNo', width: 20 },
      { header: '事项', key: 'item', width: 24 }, { header: '发出时间', key: 'raised', width: 18 }, { header: '状态', key: 'status', width: 14 },
      { header: '认定', key: 'finding', width: 8 }, { header: '办结时间', key: 'closed', width: 18 }, { header: '再监察次数', key: 'reopen', width: 10 },
      { header: '说明', key: 'explanation', width: 60 },
    ];
    for (const s of signals) {
      ws.addRow({
        no: s.signal_no, level: LEVEL_NAMES[s.level], category: s.category, title: s.title, unit: s.unit_name, caseNo: s.case_no ?? '', item: s.item_name ?? '',
        raised: fmt(s.raised_at), status: SIGNAL_STATUSES[s.status as keyof typeof SIGNAL_STATUSES] ?? s.status,
        finding: s.finding === 'valid' ? '成立' : s.finding === 'invalid' ? '不成立' : '', closed: fmt(s.closed_at), reopen: s.reopen_count, explanation: s.explanation,
      });
    }
    const wt = wb.addWorksheet('督查督办');
    wt.columns = [
      { header: '督办编号', key: 'no', width: 16 }, { header: '标题', key: 'title', width: 40 }, { header: '责任单位', key: 'unit', width: 24 },
      { header: '状态', key: 'status', width: 14 }, { header: '办理期限（工作日）', key: 'limit', width: 12 }, { header: '延期（工作日）', key: 'ext', width: 10 },
      { header: '到期时间', key: 'due', width: 18 }, { header: '上报时间', key: 'reported', width: 18 }, { header: '办结时间', key: 'closed', width: 18 },
    ];
    for (const t of tasks) {
      wt.addRow({
        no: t.task_no, title: t.title, unit: t.unit_name, status: TASK_STATUSES[t.status as keyof typeof TASK_STATUSES] ?? t.status, limit: t.limit_days,
        ext: t.extension_days ?? '', due: fmt(t.due_at), reported: fmt(t.reported_at), closed: fmt(t.closed_at),
      });
    }
    for (const sheet of [ws, wt]) sheet.getRow(1).font = { bold: true };
    const info = wb.addWorksheet('导出信息');
    info.addRows([['导出人', a.displayName], ['导出时间', fmt(now)], ['审批编号', approvalId], ['筛选条件', JSON.stringify(filter)], ['日期', chinaDateOf(now)]]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    return { buffer, signals: signals.length, tasks: tasks.length, filter };
  });
}

// ───────────────────────── the ledger list (SUP-9) ─────────────────────────
// One time-ordered list of everything found and done in the actor's jurisdiction: signals
// (with their finding, rectification and task), supervision tasks, sampling findings and
// patrols that recorded findings. Each kind is read newest first by id through its scope
// index; the page is a merge of the kinds by time, and the cursor keeps the last id emitted
// per kind (`s120.t15.f3.p9`), so every row appears exactly once however the kinds interleave.

export type LedgerKind = 'signal' | 'task' | 'sampling' | 'patrol';
export const LEDGER_KINDS: LedgerKind[] = ['signal', 'task', 'sampling', 'patrol'];
const CURSOR_KEY: Record<LedgerKind, string> = { signal: 's', task: 't', sampling: 'f', patrol: 'p' };
export const LEDGER_CURSOR = /^[stfp]\d{1,15}(\.[stfp]\d{1,15}){0,3}$/;
/** Status of a patrol row (a patrol has no handling states). */
export const PATROL_STATUS = 'recorded';

export interface LedgerQuery {
  kind?: LedgerKind;
  /** Signals only (other kinds are left out when set). */
  level?: string;
  category?: string;
  /** Signal or task status, sampling result (`ok` / `problem`), `recorded` for patrols. */
  status?: string;
  /** The responsible unit (for sampling: the sampled case's unit; for patrols: the patrolling unit). */
  unitId?: number;
  from?: Date;
  to?: Date;
  after?: string;
  limit: number;
}

export interface LedgerRow {
  kind: LedgerKind;
  id: number;
  at: Date;
  no: string | null;
  title: string;
  detail: string;
  level: Level | null;
  category: string | null;
  origin: string | null;
  status: string;
  unitId: number;
  unitName: string;
  caseId: number | null;
  caseNo: string | null;
  itemName: string | null;
  finding: string | null;
  rectifyDueAt: Date | null;
  dueAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
  signalId: number | null;
  taskId: number | null;
  taskNo: string | null;
  taskStatus: string | null;
  samplingId: number | null;
  byName: string | null;
}

export function parseLedgerCursor(c: string | undefined): Partial<Record<LedgerKind, number>> {
  const out: Partial<Record<LedgerKind, number>> = {};
  if (!c) return out;
  for (const part of c.split('.')) {
    const kind = LEDGER_KINDS.find((k) => CURSOR_KEY[k] === part[0]);
    if (kind) out[kind] = Number(part.slice(1));
  }
  return out;
}

export function formatLedgerCursor(c: Partial<Record<LedgerKind, number>>): string {
  return LEDGER_KINDS.filter((k) => c[k] !== undefined).map((k) => `${CURSOR_KEY[k]}${c[k]}`).join('.');
}

const base = { no: null, level: null, category: null, origin: null, caseId: null, caseNo: null, itemName: null, finding: null, rectifyDueAt: null, dueAt: null, closedAt: null, reopenCount: 0, signalId: null, taskId: null, taskNo: null, taskStatus: null, samplingId: null, byName: null };

type Branch = (db: Kysely<DB>, a: Actor, f: LedgerQuery, before: number | undefined, n: number) => Promise<LedgerRow[]>;

const signalRows: Branch = async (db, a, f, before, n) => {
  let q = scoped(db, a).selectFrom('signals as s').innerJoin('units as u', 'u.id', 's.unit_id').leftJoin('sup_tasks as t', 't.id', 's.task_id')
    .select(['s.id', 's.raised_at', 's.signal_no', 's.title', 's.explanation', 's.level', 's.category', 's.origin', 's.status', 's.unit_id', 'u.name as unit_name',
      's.case_id', 's.case_no', 's.item_name', 's.finding', 's.rectify_due_at', 's.response_due_at', 's.closed_at', 's.reopen_count', 's.task_id', 't.task_no', 't.status as task_status']);
  if (f.level) q = q.where('s.level', '=', f.level as Level);
  if (f.category) q = q.where('s.category', '=', f.category as any);
  if (f.status) q = q.where('s.status', '=', f.status);
  if (f.unitId) q = q.where('s.unit_id', '=', f.unitId);
  if (f.from) q = q.where('s.raised_at', '>=', f.from);
  if (f.to) q = q.where('s.raised_at', '<', f.to);
  if (before) q = q.where('s.id', '<', before);
  const rows = await q.orderBy('s.id', 'desc').limit(n).execute();
  return rows.map((s) => ({
    ...base, kind: 'signal', id: s.id, at: s.raised_at, no: s.signal_no, title: s.title, detail: s.explanation, level: s.level, category: s.category, origin: s.origin,
    status: s.status, unitId: s.unit_id, unitName: s.unit_name, caseId: s.case_id, caseNo: s.case_no, itemName: s.item_name, finding: s.finding,
    rectifyDueAt: s.rectify_due_at, dueAt: s.response_due_at, closedAt: s.closed_at, reopenCount: s.reopen_count, signalId: s.id, taskId: s.task_id,
    taskNo: s.task_no ?? null, taskStatus: s.task_status ?? null,
  }));
};

const taskRows: Branch = async (db, a, f, before, n) => {
  let q = scoped(db, a).selectFrom('sup_tasks as t').innerJoin('units as u', 'u.id', 't.unit_id').leftJoin('users as cu', 'cu.id', 't.created_by')
    .select(['t.id', 't.created_at', 't.task_no', 't.title', 't.content', 't.status', 't.unit_id', 'u.name as unit_name', 't.signal_id', 't.due_at', 't.closed_at', 'cu.display_name as by_name']);
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.unitId) q = q.where('t.unit_id', '=', f.unitId);
  if (f.from) q = q.where('t.created_at', '>=', f.from);
  if (f.to) q = q.where('t.created_at', '<', f.to);
  if (before) q = q.where('t.id', '<', before);
  const rows = await q.orderBy('t.id', 'desc').limit(n).execute();
  return rows.map((t) => ({
    ...base, kind: 'task', id: t.id, at: t.created_at, no: t.task_no, title: t.title, detail: t.content, origin: 'task', status: t.status, unitId: t.unit_id,
    unitName: t.unit_name, dueAt: t.due_at, closedAt: t.closed_at, signalId: t.signal_id, taskId: t.id, taskNo: t.task_no, taskStatus: t.status, byName: t.by_name ?? null,
  }));
};

const samplingRows: Branch = async (db, a, f, before, n) => {
  let q = scoped(db, a).selectFrom('sup_samplings as sp').innerJoin('sup_sampling_findings as sf', 'sf.sampling_id', 'sp.id')
    .innerJoin('cases as c', 'c.id', 'sf.case_id').innerJoin('units as u', 'u.id', 'c.unit_id').leftJoin('users as bu', 'bu.id', 'sf.by_id')
    .select(['sf.id', 'sf.at', 'sf.result', 'sf.finding', 'sf.signal_id', 'sp.id as sampling_id', 'c.id as case_id', 'c.case_no', 'c.item_name', 'c.unit_id', 'u.name as unit_name', 'bu.display_name as by_name']);
  if (f.status) q = q.where('sf.result', '=', f.status as 'ok' | 'problem');
  if (f.unitId) q = q.where('c.unit_id', '=', f.unitId);
  if (f.from) q = q.where('sf.at', '>=', f.from);
  if (f.to) q = q.where('sf.at', '<', f.to);
  if (before) q = q.where('sf.id', '<', before);
  const rows = await q.orderBy('sf.id', 'desc').limit(n).execute();
  return rows.map((r) => ({
    ...base, kind: 'sampling', id: r.id, at: r.at, title: `抽样监察：${r.result === 'problem' ? '发现问题' : '未发现问题'}`, detail: r.finding, origin: 'sampling',
    status: r.result, unitId: r.unit_id, unitName: r.unit_name, caseId: r.case_id, caseNo: r.case_no, itemName: r.item_name, signalId: r.signal_id,
    samplingId: r.sampling_id, byName: r.by_name ?? null,
  }));
};

const patrolRows: Branch = async (db, a, f, before, n) => {
  if (f.status && f.status !== PATROL_STATUS) return [];
  let q = scoped(db, a).selectFrom('sup_patrols as p').innerJoin('units as u', 'u.id', 'p.unit_id').leftJoin('regions as r', 'r.code', 'p.target_region_code')
    .leftJoin('users as pu', 'pu.id', 'p.patrolled_by')
    .select(['p.id', 'p.at', 'p.note', 'p.findings', 'p.mode', 'p.unit_id', 'u.name as unit_name', 'r.name as region_name', 'p.signal_ids', 'pu.display_name as by_name'])
    .where('p.findings', 'is not', null).where('p.findings', '<>', '');
  if (f.unitId) q = q.where('p.unit_id', '=', f.unitId);
  if (f.from) q = q.where('p.at', '>=', f.from);
  if (f.to) q = q.where('p.at', '<', f.to);
  if (before) q = q.where('p.id', '<', before);
  const rows = await q.orderBy('p.id', 'desc').limit(n).execute();
  return rows.map((p) => ({
    ...base, kind: 'patrol', id: p.id, at: p.at, title: `${p.mode === 'video' ? '视频' : '数据'}巡查（${p.region_name ?? ''}）：${p.note}`, detail: p.findings ?? '',
    origin: 'patrol', status: PATROL_STATUS, unitId: p.unit_id, unitName: p.unit_name, signalId: (p.signal_ids ?? []).map(Number)[0] ?? null, byName: p.by_name ?? null,
  }));
};

const BRANCHES: Record<LedgerKind, Branch> = { signal: signalRows, task: taskRows, sampling: samplingRows, patrol: patrolRows };

/** Which kinds a filter can match (level and category are signals' only). */
function kindsFor(f: LedgerQuery): LedgerKind[] {
  return LEDGER_KINDS.filter((k) => (!f.kind || f.kind === k) && (!(f.level || f.category) || k === 'signal'));
}

export async function listLedger(db: Kysely<DB>, a: Actor, f: LedgerQuery): Promise<{ items: LedgerRow[]; nextCursor: string | null }> {
  const cursor = parseLedgerCursor(f.after);
  const kinds = kindsFor(f);
  const lists: LedgerRow[][] = [];
  for (const k of kinds) lists.push(await BRANCHES[k](db, a, f, cursor[k], f.limit + 1));
  // Merge: always take the newest head; each kind is consumed in its own (id) order.
  const heads = lists.map(() => 0);
  const items: LedgerRow[] = [];
  while (items.length < f.limit) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const r = lists[i][heads[i]];
      if (r && (best < 0 || r.at.getTime() > lists[best][heads[best]].at.getTime())) best = i;
    }
    if (best < 0) break;
    const r = lists[best][heads[best]++];
    items.push(r);
    cursor[r.kind] = r.id;
  }
  const more = lists.some((l, i) => heads[i] < l.length);
  return { items, nextCursor: more ? formatLedgerCursor(cursor) : null };
}

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

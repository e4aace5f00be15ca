// Signal handling (SUP-6, 四川 §8; SUP-8): every act is one chained event on `signal:<id>`,
// and the projection (signals row), the clocks, the rollups, documents and notifications are
// written in the same transaction. The table of allowed transitions is handling-machine.ts.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { scoped, type Actor } from '../access/scope.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import { loadCalendar } from '../calendar/service.ts';
import { storeFile } from '../catalog/files.ts';
import { appendOne, infoOf } from './chain.ts';
import { getConfig } from './config.ts';
import { startSupClocks, stopSupClocks } from './clocks.ts';
import { issueDocuments } from './documents.ts';
import { notifyUnit } from './notify/outbox.ts';
import { followUpOwed } from './followups.ts';
import { adjustOpen, newDedupeKey, notifyChange, raiseSignals, streamOfSignal } from './signals.ts';
import { ACT_PERMISSION, isOpenStatus, signalTransition, type MachineAct, type SignalAct } from './handling-machine.ts';
import type { Level, SignalRow } from './tables.ts';

export interface Attachment {
  name: string;
  mime: string;
  contentBase64: string;
}

export type SignalCommand =
  | { act: 'explain'; kind: 'explanation' | 'appeal'; text: string; files?: Attachment[] }
  | { act: 'investigate'; note: string }
  | { act: 'demand_materials'; materials: string; days: number }
  | { act: 'provide_materials'; text: string; files?: Attachment[] }
  | { act: 'find'; finding: 'valid' | 'invalid'; reason: string; proposal?: string | null }
  | { act: 'order_rectification'; requirements: string; days?: number | null }
  | { act: 'report_rectification'; text: string; files?: Attachment[] }
  | { act: 'verify'; passed: boolean; opinion: string; days?: number | null }
  | { act: 'propose_accountability'; persons: string; proposal: string }
  | { act: 'close'; summary: string }
  | { act: 'reopen'; reason: string; assigneeId?: number | null };

const machineAct = (c: SignalCommand): MachineAct =>
  c.act === 'find' ? (c.finding === 'valid' ? 'find_valid' : 'find_invalid') : c.act === 'verify' ? (c.passed ? 'verify_pass' : 'verify_fail') : c.act;

export interface ActResult {
  signal: SignalRow;
  eventSeq: number;
  documentId: number | null;
}

async function storeAttachments(trx: Kysely<DB>, a: Actor, files: Attachment[] | undefined, now: Date) {
  const out: { hash: string; name: string; size: number }[] = [];
  for (const f of files ?? []) {
    const s = await storeFile(trx, { name: f.name, mime: f.mime, bytes: Buffer.from(f.contentBase64, 'base64') }, a.userId, now);
    out.push({ hash: s.hash, name: f.name, size: s.size });
  }
  return out;
}

/** Locks the signal row inside the actor's jurisdiction (404 outside it). */
async function lockSignal(trx: Kysely<DB>, a: Actor, id: number): Promise<SignalRow> {
  const s = await scoped(trx, a).selectFrom('signals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!s) throw notFound('监察信号不存在');
  return s;
}

/** One handling act on a signal (the route checks the permission of the act too). */
export async function actOnSignal(db: Kysely<DB>, a: Actor, id: number, cmd: SignalCommand, now: Date, ip: string | null = null): Promise<ActResult> {
  const perm = ACT_PERMISSION[cmd.act as SignalAct];
  if (!a.permissions.has(perm)) throw forbidden('当前角色无权执行此操作', 'FORBIDDEN', { permission: perm });
  const config = await getConfig(db, now);
  const cal = await loadCalendar(db);
  return db.transaction().execute(async (trx) => {
    const s = await lockSignal(trx, a, id);
    // what the timer's follow-up still owes this signal (response clock, 督办通知书 …) comes first
    await followUpOwed(trx, [s.id], now);
    const next = signalTransition(s.status, machineAct(cmd));
    if (!next) throw conflict('WRONG_STATE', `信号当前状态（${s.status}）不允许此操作`, { status: s.status, act: cmd.act });
    const who = infoOf(a, ip);
    const set: Partial<Record<keyof SignalRow, unknown>> = { status: next, updated_at: now };
    let data: Record<string, unknown> = {};
    let type = `signal.${cmd.act}`;
    let documentId: number | null = null;
    const clockBase = { source: 'signal' as const, sourceId: s.id, unitId: s.unit_id, unitPath: s.unit_path, regionPath: s.region_path, itemId: s.item_id, caseId: s.case_id };
    const unitMsg = (template: string, vars: Record<string, unknown>) => notifyUnit(trx, config, {
      template, vars: { title: s.title, signalNo: s.signal_no, unit: '', ...vars }, link: `/supervision/signals/${s.id}`, signalId: s.id,
      channels: ['inapp'], unitId: s.unit_id, regionPath: s.region_path, who: ['unit_leader', 'unit_admin'],
    }, now);

    switch (cmd.act) {
      case 'explain': {
        type = cmd.kind === 'appeal' ? 'signal.appealed' : 'signal.explained';
        data = { kind: cmd.kind, text: cmd.text, files: await storeAttachments(trx, a, cmd.files, now), late: !!s.response_due_at && now > s.response_due_at };
        await stopSupClocks(trx, 'signal', s.id, ['signal_response'], now);
        break;
      }
      case 'investigate':
        data = { note: cmd.note };
        set.assignee_id = s.assignee_id ?? a.userId;
        break;
      case 'demand_materials': {
        await stopSupClocks(trx, 'signal', s.id, ['signal_response'], now);
        const [due] = await startSupClocks(trx, config, cal, [{ ...clockBase, kind: 'signal_response', ref: 'materials', limit: { days: cmd.days, unit: 'workday' } }], now);
        data = { materials: cmd.materials, days: cmd.days, dueAt: due.toISOString() };
        set.response_due_at = due;
        await unitMsg('signal.finding', { finding: '要求提供材料', reason: `请于期限内提供：${cmd.materials}` });
        break;
      }
      case 'provide_materials':
        data = { text: cmd.text, files: await storeAttachments(trx, a, cmd.files, now), late: !!s.response_due_at && now > s.response_due_at };
        await stopSupClocks(trx, 'signal', s.id, ['signal_response'], now);
        break;
      case 'find': {
        data = { finding: cmd.finding, reason: cmd.reason, proposal: cmd.proposal ?? null };
        set.finding = cmd.finding;
        await stopSupClocks(trx, 'signal', s.id, ['signal_response'], now);
        if (cmd.finding === 'invalid') {
          type = 'signal.revoked';
          set.closed_at = now;
          set.closed_region_path = a.regionPath ?? s.region_path;
          await adjustOpen(trx, s, -1);
        } else {
          type = 'signal.found_valid';
          await adjustOpen(trx, s, 0, 1);
        }
        if (cmd.proposal) {
          const [d] = await issueDocuments(trx, [{
            kind: 'supervision_proposal', signalId: s.id, unitId: s.unit_id, unitPath: s.unit_path, regionPath: s.region_path,
            data: { signalNo: s.signal_no, title: s.title, finding: cmd.finding, reason: cmd.reason, proposal: cmd.proposal },
          }], a.userId, now);
          documentId = d.id;
          data.documentNo = d.docNo;
        }
        await unitMsg('signal.finding', { finding: cmd.finding === 'valid' ? '成立' : '不成立', reason: cmd.reason });
        break;
      }
      case 'order_rectification': {
        const limit = cmd.days ? { days: cmd.days, unit: 'workday' as const } : config.settings.rectificationLimit;
        const [due] = await startSupClocks(trx, config, cal, [{ ...clockBase, kind: 'rectification', limit }], now);
        set.rectify_due_at = due;
        const [d] = await issueDocuments(trx, [{
          kind: 'rectification_notice', signalId: s.id, unitId: s.unit_id, unitPath: s.unit_path, regionPath: s.region_path,
          data: { signalNo: s.signal_no, title: s.title, requirements: cmd.requirements, due: due.toISOString() },
        }], a.userId, now);
        documentId = d.id;
        data = { requirements: cmd.requirements, limit, dueAt: due.toISOString(), documentNo: d.docNo };
        await unitMsg('signal.rectify', { due: due.toISOString().slice(0, 10) });
        break;
      }
      case 'report_rectification':
        data = { text: cmd.text, files: await storeAttachments(trx, a, cmd.files, now), late: !!s.rectify_due_at && now > s.rectify_due_at };
        await stopSupClocks(trx, 'signal', s.id, ['rectification'], now);
        break;
      case 'verify': {
        type = cmd.passed ? 'signal.rectification_passed' : 'signal.rectification_failed';
        data = { passed: cmd.passed, opinion: cmd.opinion };
        if (!cmd.passed) {
          const limit = cmd.days ? { days: cmd.days, unit: 'workday' as const } : config.settings.rectificationLimit;
          const [due] = await startSupClocks(trx, config, cal, [{ ...clockBase, kind: 'rectification', ref: 'again', limit }], now);
          set.rectify_due_at = due;
          data.dueAt = due.toISOString();
          await unitMsg('signal.rectify', { due: due.toISOString().slice(0, 10) });
        }
        break;
      }
      case 'propose_accountability':
        data = { persons: cmd.persons, proposal: cmd.proposal };
        break;
      case 'close':
        data = { summary: cmd.summary };
        set.closed_at = now;
        set.closed_region_path = a.regionPath ?? s.region_path;
        await stopSupClocks(trx, 'signal', s.id, null, now);
        await adjustOpen(trx, s, -1);
        break;
      case 'reopen': {
        // SUP-8: only a level above the one that closed (or revoked) the signal re-supervises it.
        if (!mayReopen(a, s)) {
          throw forbidden('再监察须由办结机关的上级监察机关发起', 'NOT_UPPER_LEVEL');
        }
        if (cmd.assigneeId) {
          const u = await scoped(trx, a).selectFrom('users').select('id').where('id', '=', cmd.assigneeId).executeTakeFirst();
          if (!u) throw badRequest('INVALID_ASSIGNEE', '指定的承办监察人员不存在或不在辖区内');
        }
        data = { reason: cmd.reason, assigneeId: cmd.assigneeId ?? a.userId, previousStatus: s.status, previousFinding: s.finding };
        set.assignee_id = cmd.assigneeId ?? a.userId;
        set.closed_at = null;
        set.closed_region_path = null;
        set.finding = null;
        set.reopen_count = s.reopen_count + 1;
        await adjustOpen(trx, s, 1, s.finding === 'valid' ? -1 : 0);
        break;
      }
    }
    const e = await appendOne(trx, 'signal_events', streamOfSignal(s.id), type, who, { ...data, from: s.status, to: next }, now);
    // system: the row was locked through scoped() above
    const row = await trx.updateTable('signals').set(set as any).where('id', '=', s.id).returningAll().executeTakeFirstOrThrow();
    await notifyChange(trx);
    return { signal: row, eventSeq: e.seq, documentId };
  });
}

/** SUP-8 再监察: the actor's region is strictly above the region that closed (or revoked) the signal. */
export function mayReopen(a: Actor, s: Pick<SignalRow, 'closed_region_path' | 'region_path'>): boolean {
  const closedBy = s.closed_region_path ?? s.region_path;
  return !!a.regionPath && a.regionPath !== closedBy && closedBy.startsWith(a.regionPath);
}

/** 成都 §10 violations a supervisor may signal by hand (red, 违规纠错). */
export const MANUAL_KINDS = {
  no_legal_basis: '无法定依据实施行政审批或继续实施已取消的审批事项（成都§10(一)）',
  stopped_without_authority: '擅自取消或者停止实施法定审批事项（成都§10(二)）',
  changed_procedure: '擅自更改规定的审批程序或条件（成都§10(三)）',
  refused_qualified: '对符合法定条件的事项不予审批（成都§10(四)）',
  approved_unqualified: '对不符合法定条件的事项准予审批或越权审批（成都§10(五)）',
  late_decision: '未在承诺期限内作出准予决定（成都§10(六)）',
  hearing_ignored: '不根据听证结果作出决定（成都§10(七)）',
  auction_ignored: '未经或不根据招标拍卖挂牌、考试结果作出决定（成都§10(八)）',
  inspection_ignored: '未经或不根据检验检测检疫结果作出决定（成都§10(九)）',
  changed_approval: '擅自改变已生效的行政审批（成都§10(十)）',
  illegal_fee: '不按法定项目和标准收费或违法收取抵押金、保证金（成都§10(十一)）',
  other_serious: '其他违规审批、情节严重的情形（成都§10(十二)）',
} as const;
export type ManualKind = keyof typeof MANUAL_KINDS;

export interface ManualSignal {
  kind: ManualKind;
  level?: Level;
  title?: string | null;
  explanation: string;
  caseId?: number | null;
  /** The case by its number (办件编号) when no caseId is given. */
  caseNo?: string | null;
  unitId?: number | null;
  itemId?: number | null;
}

/** A supervisor's manual signal on a case (by id or number), a unit or an item in their jurisdiction. */
export async function raiseManualSignal(db: Kysely<DB>, a: Actor, m: ManualSignal, now: Date, ip: string | null = null): Promise<number> {
  let target: { unit_id: number; unit_path: string; region_path: string; case_id: number | null; case_no: string | null; item_id: number | null; item_name: string | null } | undefined;
  if (m.caseId || m.caseNo) {
    const cq = scoped(db, a).selectFrom('cases').select(['id', 'case_no', 'unit_id', 'unit_path', 'region_path', 'item_id', 'item_name']);
    const c = await (m.caseId ? cq.where('id', '=', m.caseId) : cq.where('case_no', '=', m.caseNo!)).executeTakeFirst();
    if (!c) throw notFound('办件不存在');
    target = { unit_id: c.unit_id, unit_path: c.unit_path, region_path: c.region_path, case_id: c.id, case_no: c.case_no, item_id: c.item_id, item_name: c.item_name };
  } else if (m.itemId) {
    const i = await scoped(db, a).selectFrom('catalog_items').select(['id', 'name', 'unit_id', 'unit_path', 'region_path']).where('id', '=', m.itemId).executeTakeFirst();
    if (!i) throw notFound('事项不存在');
    target = { unit_id: i.unit_id, unit_path: i.unit_path, region_path: i.region_path, case_id: null, case_no: null, item_id: i.id, item_name: i.name };
  } else if (m.unitId) {
    const u = await scoped(db, a).selectFrom('units').select(['id', 'path', 'region_path']).where('id', '=', m.unitId).executeTakeFirst();
    if (!u) throw notFound('单位不存在');
    target = { unit_id: u.id, unit_path: u.path, region_path: u.region_path, case_id: null, case_no: null, item_id: null, item_name: null };
  }
  if (!target) throw badRequest('NO_TARGET', '须指定办件、事项或单位之一');
  const name = MANUAL_KINDS[m.kind];
  return db.transaction().execute(async (trx) => {
    const [s] = await raiseSignals(trx, [{
      origin: 'manual', category: 'violation', kind: `manual.${m.kind}`, level: m.level ?? 'red', title: m.title || name.replace(/（.*）$/, ''),
      explanation: m.explanation, evidence: { basis: name, by: a.displayName },
      caseId: target.case_id, caseNo: target.case_no, itemId: target.item_id, itemName: target.item_name, unitId: target.unit_id,
      unitPath: target.unit_path, regionPath: target.region_path, dedupeKey: newDedupeKey('manual'), by: infoOf(a, ip),
    }], now);
    return s.id;
  });
}

export { isOpenStatus };

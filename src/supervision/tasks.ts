// Supervision tasks 督查督办 (SUP-7, 四川 §9): a supervisor drafts (content, responsible unit,
// requirements, limit), a leader approves the dispatch (a generic approval), the unit reports
// within 20 working days (a supervision_task clock; one extension ≤ 10 working days on
// approval); the timer sends 催办 when late (owners.ts); the supervisor closes or returns.
// Every act is a chained event on `task:<id>`; the sup_tasks row is its projection.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { scoped, type Actor } from '../access/scope.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import { loadCalendar } from '../calendar/service.ts';
import { appendFirstEvents, appendOne, infoOf, type ActorInfo } from './chain.ts';
import { getConfig } from './config.ts';
import { extendSupClock, startSupClocks, stopSupClocks } from './clocks.ts';
import { issueDocuments } from './documents.ts';
import { notifyUnit } from './notify/outbox.ts';
import { notifyChange, streamOfSignal } from './signals.ts';
import { decideIn, registerApprovalKind, requestApproval } from './approvals.ts';
import { storeFile } from '../catalog/files.ts';
import { signalTransition, TASK_PERMISSION, taskTransition, type TaskAct } from './handling-machine.ts';
import type { Attachment } from './handling.ts';
import type { ApprovalRow, TaskRow } from './tables.ts';

export const streamOfTask = (id: number) => `task:${id}`;

export interface NewTask {
  title: string;
  content: string;
  requirements: string;
  unitId: number;
  limitDays?: number | null;
}

async function insertTask(trx: Kysely<DB>, a: Actor, t: NewTask, unit: { id: number; path: string; region_path: string }, signalId: number | null, limitDays: number, now: Date, ip: string | null): Promise<TaskRow> {
  const year = chinaDateOf(now).slice(0, 4);
  const r = await sql<{ id: number }>`
    insert into sup_tasks (task_no, title, content, requirements, unit_id, unit_path, region_path, signal_id, limit_days, status, created_by, creator_region_path, created_at, updated_at)
    values (${'DB' + year} || lpad(nextval('sup_task_no_seq')::text, 6, '0'), ${t.title}, ${t.content}, ${t.requirements}, ${unit.id}, ${unit.path}, ${unit.region_path},
      ${signalId}, ${limitDays}, 'draft', ${a.userId}, ${a.regionPath ?? unit.region_path}, ${now}, ${now})
    returning id`.execute(trx);
  const id = r.rows[0].id;
  // system: the task was just created by this actor
  const row = await trx.selectFrom('sup_tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  await appendFirstEvents(trx, 'sup_task_events', [{
    streamId: streamOfTask(id),
    event: { type: 'task.drafted', at: now, ...infoOf(a, ip), data: { taskNo: row.task_no, title: t.title, content: t.content, requirements: t.requirements, unitId: unit.id, limitDays, signalId } },
  }], now);
  return row;
}

async function resolveUnit(trx: Kysely<DB>, a: Actor, unitId: number) {
  const u = await scoped(trx, a).selectFrom('units').select(['id', 'path', 'region_path']).where('id', '=', unitId).executeTakeFirst();
  if (!u) throw notFound('责任单位不存在或不在辖区内');
  return u;
}

function checkLimit(days: number, max: number) {
  if (!Number.isInteger(days) || days < 1 || days > max) throw badRequest('INVALID_LIMIT', `办理期限应为 1–${max} 个工作日（四川办法第九条）`);
}

export async function createTask(db: Kysely<DB>, a: Actor, t: NewTask, now: Date, ip: string | null = null): Promise<TaskRow> {
  const config = await getConfig(db, now);
  const days = t.limitDays ?? config.settings.taskLimitDays;
  checkLimit(days, config.settings.taskLimitDays);
  return db.transaction().execute(async (trx) => insertTask(trx, a, t, await resolveUnit(trx, a, t.unitId), null, days, now, ip));
}

async function lockTask(trx: Kysely<DB>, a: Actor, id: number): Promise<TaskRow> {
  const t = await scoped(trx, a).selectFrom('sup_tasks').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!t) throw notFound('督办事项不存在');
  return t;
}

function step(t: TaskRow, act: TaskAct) {
  const next = taskTransition(t.status, act);
  if (!next) throw conflict('WRONG_STATE', `督办事项当前状态（${t.status}）不允许此操作`, { status: t.status, act });
  return next;
}

async function project(trx: Kysely<DB>, id: number, set: Record<string, unknown>, now: Date): Promise<TaskRow> {
  // system: the caller locked the row through scoped() or holds it as the approval's effect
  return trx.updateTable('sup_tasks').set({ ...set, updated_at: now } as any).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Submits a draft for the leader's approval of dispatch. */
async function submitIn(trx: Kysely<DB>, a: Actor, t: TaskRow, now: Date, ip: string | null): Promise<TaskRow> {
  const next = step(t, 'submit');
  const approvalId = await requestApproval(trx, a, {
    kind: 'task.dispatch', title: `交办督查督办事项 ${t.task_no}「${t.title}」`, payload: { taskId: t.id, taskNo: t.task_no }, approverPermission: 'supervision.task.approve',
  }, now, ip);
  await appendOne(trx, 'sup_task_events', streamOfTask(t.id), 'task.submitted', infoOf(a, ip), { approvalId }, now);
  return project(trx, t.id, { status: next, approval_id: approvalId }, now);
}

export type TaskCommand =
  | { act: 'submit' }
  | { act: 'decide_dispatch'; approve: boolean; reason: string }
  | { act: 'request_extension'; days: number; reason: string }
  | { act: 'decide_extension'; approve: boolean; reason: string }
  | { act: 'remind'; note: string }
  | { act: 'report'; text: string; files?: Attachment[] }
  | { act: 'return'; reason: string; days?: number | null }
  | { act: 'close'; summary: string };

const permOf = (c: TaskCommand): string =>
  c.act === 'decide_dispatch' || c.act === 'decide_extension' ? 'supervision.task.approve' : TASK_PERMISSION[c.act];

export async function actOnTask(db: Kysely<DB>, a: Actor, id: number, cmd: TaskCommand, now: Date, ip: string | null = null): Promise<TaskRow> {
  const perm = permOf(cmd);
  if (!a.permissions.has(perm)) throw forbidden('当前角色无权执行此操作', 'FORBIDDEN', { permission: perm });
  const config = await getConfig(db, now);
  const cal = await loadCalendar(db);
  return db.transaction().execute(async (trx) => {
    const t = await lockTask(trx, a, id);
    const who = infoOf(a, ip);
    switch (cmd.act) {
      case 'submit':
        return submitIn(trx, a, t, now, ip);
      case 'decide_dispatch':
      case 'decide_extension': {
        const want = cmd.act === 'decide_dispatch' ? 'pending_approval' : 'extension_requested';
        if (t.status !== want || !t.approval_id) throw conflict('WRONG_STATE', '没有待审批的申请', { status: t.status });
        await decideIn(trx, a, t.approval_id, cmd.approve, cmd.reason, now, ip);
        // system: re-read after the approval's effect
        return trx.selectFrom('sup_tasks').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
      }
      case 'request_extension': {
        const next = step(t, 'request_extension');
        if (t.extension_days) throw conflict('ALREADY_EXTENDED', '督办事项只能延期一次（四川办法第九条）');
        checkLimit(cmd.days, config.settings.taskMaxExtensionDays);
        const approvalId = await requestApproval(trx, a, {
          kind: 'task.extension', title: `督办事项 ${t.task_no} 申请延期 ${cmd.days} 个工作日`, payload: { taskId: t.id, taskNo: t.task_no, days: cmd.days, reason: cmd.reason },
          approverPermission: 'supervision.task.approve',
        }, now, ip);
        await appendOne(trx, 'sup_task_events', streamOfTask(t.id), 'task.extension_requested', who, { days: cmd.days, reason: cmd.reason, approvalId }, now);
        return project(trx, t.id, { status: next, approval_id: approvalId }, now);
      }
      case 'remind': {
        const next = step(t, 'remind');
        await appendOne(trx, 'sup_task_events', streamOfTask(t.id), 'task.reminded', who, { note: cmd.note, auto: false }, now);
        await notifyUnit(trx, config, {
          template: 'task.reminder', vars: { title: t.title, taskNo: t.task_no, unit: '' }, link: `/supervision/tasks/${t.id}`, taskId: t.id,
          channels: ['inapp', 'sms'], unitId: t.unit_id, regionPath: t.region_path, who: ['unit_leader', 'unit_admin'],
        }, now);
        return project(trx, t.id, { status: next }, now);
      }
      case 'report': {
        const next = step(t, 'report');
        const files = [];
        for (const f of cmd.files ?? []) {
          const s = await storeFile(trx, { name: f.name, mime: f.mime, bytes: Buffer.from(f.contentBase64, 'base64') }, a.userId, now);
          files.push({ hash: s.hash, name: f.name, size: s.size });
        }
        await stopSupClocks(trx, 'task', t.id, ['supervision_task'], now);
        await appendOne(trx, 'sup_task_events', streamOfTask(t.id), 'task.reported', who, { text: cmd.text, files, late: !!t.due_at && now > t.due_at }, now);
        return project(trx, t.id, { status: next, report: cmd.text, report_files: JSON.stringify(files), reported_at: now }, now);
      }
      case 'return': {
        const next = step(t, 'return');
        const days = cmd.days ?? 10;
        checkLimit(days, config.settings.taskLimitDays);
        const [due] = await startSupClocks(trx, config, cal, [{ source: 'task', sourceId: t.id, kind: 'supervision_task', ref: 'returned', limit: { days, unit: 'workday' }, unitId: t.unit_id, unitPath: t.unit_path, regionPath: t.region_path }], now);
        await appendOne(trx, 'sup_task_events', streamOfTask(t.id), 'task.returned', who, { reason: cmd.reason, days, dueAt: due.toISOString() }, now);
        return project(trx, t.id, { status: next, due_at: due }, now);
      }
      case 'close': {
        const next = step(t, 'close');
        await stopSupClocks(trx, 'task', t.id, null, now);
        await appendOne(trx, 'sup_task_events', streamOfTask(t.id), 'task.closed', who, { summary: cmd.summary }, now);
        return project(trx, t.id, { status: next, closed_at: now }, now);
      }
    }
  });
}

/** Approval effects (inside the decision's transaction). */
registerApprovalKind('task.dispatch', {
  title: '督查督办事项交办',
  async onDecided(trx, ap: ApprovalRow, approved, a, now, ip) {
    const taskId = (ap.payload as { taskId: number }).taskId;
    // system: the approval names its task; the decider was checked by the approval
    const t = await trx.selectFrom('sup_tasks').selectAll().where('id', '=', taskId).forUpdate().executeTakeFirstOrThrow();
    const who: ActorInfo = infoOf(a, ip);
    if (!approved) {
      await appendOne(trx, 'sup_task_events', streamOfTask(t.id), 'task.dispatch_rejected', who, { approvalId: ap.id, reason: ap.reason, status: ap.status }, now);
      await project(trx, t.id, { status: taskTransition(t.status, 'reject_dispatch') ?? t.status }, now);
      return;
    }
    const config = await getConfig(trx, now);
    const cal = await loadCalendar(trx);
    const [due] = await startSupClocks(trx, config, cal, [{ source: 'task', sourceId: t.id, kind: 'supervision_task', limit: { days: t.limit_days, unit: 'workday' }, unitId: t.unit_id, unitPath: t.unit_path, regionPath: t.region_path }], now);
    const [doc] = await issueDocuments(trx, [{
      kind: 'task_notice', taskId: t.id, signalId: t.signal_id, unitId: t.unit_id, unitPath: t.unit_path, regionPath: t.region_path,
      data: { taskNo: t.task_no, title: t.title, content: t.content, requirements: t.requirements, due: due.toISOString() },
    }], a.userId, now);
    await appendOne(trx, 'sup_task_events', streamOfTask(t.id), 'task.dispatched', who, { approvalId: ap.id, reason: ap.reason, dueAt: due.toISOString(), documentNo: doc.docNo }, now);
    await project(trx, t.id, { status: 'dispatched', due_at: due }, now);
    await notifyUnit(trx, config, {
      template: 'task.dispatched', vars: { title: t.title, taskNo: t.task_no, unit: '', due: chinaDateOf(due) }, link: `/supervision/tasks/${t.id}`, taskId: t.id,
      channels: ['inapp', 'sms'], unitId: t.unit_id, regionPath: t.region_path, who: ['unit_leader', 'unit_admin'],
    }, now);
  },
});

registerApprovalKind('task.extension', {
  title: '督查督办事项延期',
  async onDecided(trx, ap: ApprovalRow, approved, a, now, ip) {
    const { taskId, days } = ap.payload as { taskId: number; days: number };
    // system: the approval names its task; the decider was checked by the approval
    const t = await trx.selectFrom('sup_tasks').selectAll().where('id', '=', taskId).forUpdate().executeTakeFirstOrThrow();
    const who = infoOf(a, ip);
    if (!approved) {
      await appendOne(trx, 'sup_task_events', streamOfTask(t.id), 'task.extension_rejected', who, { approvalId: ap.id, reason: ap.reason, status: ap.status }, now);
      await project(trx, t.id, { status: 'dispatched' }, now);
      return;
    }
    const config = await getConfig(trx, now);
    const cal = await loadCalendar(trx);
    const due = await extendSupClock(trx, config, cal, 'task', t.id, 'supervision_task', days, ap.reason ?? '', now);
    await appendOne(trx, 'sup_task_events', streamOfTask(t.id), 'task.extended', who, { approvalId: ap.id, days, dueAt: due?.toISOString() ?? null }, now);
    await project(trx, t.id, { status: 'dispatched', extension_days: days, due_at: due }, now);
  },
});

/** 红牌转督办 in one action: the task is drafted from the signal and submitted for approval. */
export async function escalateSignal(db: Kysely<DB>, a: Actor, signalId: number, t: { title?: string | null; requirements: string; limitDays?: number | null }, now: Date, ip: string | null = null): Promise<TaskRow> {
  if (!a.permissions.has('supervision.handle')) throw forbidden('当前角色无权执行此操作', 'FORBIDDEN', { permission: 'supervision.handle' });
  const config = await getConfig(db, now);
  const days = t.limitDays ?? config.settings.taskLimitDays;
  checkLimit(days, config.settings.taskLimitDays);
  return db.transaction().execute(async (trx) => {
    const s = await scoped(trx, a).selectFrom('signals').selectAll().where('id', '=', signalId).forUpdate().executeTakeFirst();
    if (!s) throw notFound('监察信号不存在');
    if (s.level !== 'red') throw conflict('NOT_RED', '只有红牌信号可以直接转督查督办');
    if (s.task_id) throw conflict('ALREADY_ESCALATED', '该信号已转督查督办', { taskId: s.task_id });
    const next = signalTransition(s.status, 'escalate');
    if (!next) throw conflict('WRONG_STATE', `信号当前状态（${s.status}）不允许此操作`, { status: s.status, act: 'escalate' });
    const unit = { id: s.unit_id, path: s.unit_path, region_path: s.region_path };
    const draft = await insertTask(trx, a, {
      title: t.title || `督办：${s.title}`, content: `${s.explanation}（监察信号 ${s.signal_no}）`, requirements: t.requirements, unitId: s.unit_id,
    }, unit, s.id, days, now, ip);
    const task = await submitIn(trx, a, draft, now, ip);
    await appendOne(trx, 'signal_events', streamOfSignal(s.id), 'signal.escalated', infoOf(a, ip), { taskId: task.id, taskNo: task.task_no, from: s.status, to: next }, now);
    // system: the row was locked through scoped() above
    await trx.updateTable('signals').set({ task_id: task.id, status: next, updated_at: now }).where('id', '=', s.id).execute();
    await notifyChange(trx);
    return task;
  });
}

export async function getTask(db: Kysely<DB>, a: Actor, id: number) {
  const t = await scoped(db, a).selectFrom('sup_tasks as t').innerJoin('units as u', 'u.id', 't.unit_id').selectAll('t').select('u.name as unit_name')
    .where('t.id', '=', id).executeTakeFirst();
  if (!t) throw notFound('督办事项不存在');
  return t;
}

export interface TaskFilter {
  status?: string;
  unitId?: number;
  signalId?: number;
  from?: Date;
  to?: Date;
  after?: number;
  limit: number;
}

export async function listTasks(db: Kysely<DB>, a: Actor, f: TaskFilter) {
  let q = scoped(db, a).selectFrom('sup_tasks as t').innerJoin('units as u', 'u.id', 't.unit_id').selectAll('t').select('u.name as unit_name');
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.unitId) q = q.where('t.unit_id', '=', f.unitId);
  if (f.signalId) q = q.where('t.signal_id', '=', f.signalId);
  if (f.from) q = q.where('t.created_at', '>=', f.from);
  if (f.to) q = q.where('t.created_at', '<', f.to);
  if (f.after) q = q.where('t.id', '<', f.after);
  return q.orderBy('t.id', 'desc').limit(f.limit + 1).execute();
}

// Generic approvals (SEC-2 and every later "needs a leader's approval" flow): a request names
// its kind, a payload, the permission whoever decides must hold; the decision carries a
// reason; every step is a chained event on `approval:<id>`. A kind may register a handler that
// applies the decision's effect in the same transaction (task dispatch, task extension …).
// Requests sit in the requester's unit and region, so approvers of that jurisdiction see them.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { scoped, type Actor } from '../access/scope.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import { appendFirstEvents, appendOne, infoOf } from './chain.ts';
import type { ApprovalRow } from './tables.ts';

export interface ApprovalKind {
  title: string;
  /** Applies the effect of the decision inside the decision's transaction. */
  onDecided?: (trx: Kysely<DB>, approval: ApprovalRow, approved: boolean, actor: Actor, now: Date, ip: string | null) => Promise<unknown>;
}
const kinds = new Map<string, ApprovalKind>();
export function registerApprovalKind(kind: string, k: ApprovalKind): void {
  kinds.set(kind, k);
}

export interface NewApproval {
  kind: string;
  title: string;
  payload: Record<string, unknown>;
  approverPermission: string;
}

export const streamOfApproval = (id: number) => `approval:${id}`;

/** Files a request in the caller's transaction; returns its id. */
export async function requestApproval(trx: Kysely<DB>, a: Actor, r: NewApproval, now: Date, ip: string | null = null): Promise<number> {
  if (!kinds.has(r.kind)) throw new Error(`approval kind ${r.kind} is not registered`);
  if (a.unitId == null || !a.unitPath || !a.regionPath) throw forbidden('无所属单位的账户不能提出审批申请');
  const row = await trx.insertInto('approvals').values({
    kind: r.kind, title: r.title, payload: JSON.stringify(r.payload), requester_id: a.userId, unit_id: a.unitId, unit_path: a.unitPath,
    region_path: a.regionPath, approver_permission: r.approverPermission, status: 'pending', created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await appendFirstEvents(trx, 'approval_events', [{
    streamId: streamOfApproval(row.id),
    event: { type: 'approval.requested', at: now, ...infoOf(a, ip), data: { kind: r.kind, title: r.title, payload: r.payload, approverPermission: r.approverPermission } },
  }], now);
  return row.id;
}

/** Decides a pending request: the decider holds its permission, sees it, and is not the requester. */
export async function decideApproval(db: Kysely<DB>, a: Actor, id: number, approve: boolean, reason: string, now: Date, ip: string | null = null): Promise<ApprovalRow> {
  return db.transaction().execute((trx) => decideIn(trx, a, id, approve, reason, now, ip));
}

export async function decideIn(trx: Kysely<DB>, a: Actor, id: number, approve: boolean, reason: string, now: Date, ip: string | null): Promise<ApprovalRow> {
  const ap = await scoped(trx, a).selectFrom('approvals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!ap) throw notFound('审批申请不存在');
  if (!a.permissions.has(ap.approver_permission)) throw forbidden('当前角色无权审批此申请', 'FORBIDDEN', { permission: ap.approver_permission });
  if (ap.requester_id === a.userId) throw forbidden('不能审批本人提出的申请', 'SELF_APPROVAL');
  if (ap.status !== 'pending') throw conflict('WRONG_STATE', '该申请已处理', { status: ap.status });
  if (!approve && !reason.trim()) throw badRequest('REASON_REQUIRED', '不批准须说明理由');
  const status = approve ? 'approved' : 'rejected';
  await appendOne(trx, 'approval_events', streamOfApproval(id), `approval.${status}`, infoOf(a, ip), { reason }, now);
  // system: the row was locked through scoped() above
  const row = await trx.updateTable('approvals').set({ status, decided_by: a.userId, decided_at: now, reason, updated_at: now })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await kinds.get(ap.kind)?.onDecided?.(trx, row, approve, a, now, ip);
  return row;
}

/** Consumes an approved one-time request (an export download) by its requester. */
export async function useApproval(trx: Kysely<DB>, a: Actor, id: number, kind: string, now: Date, result: Record<string, unknown>, ip: string | null = null): Promise<ApprovalRow> {
  const ap = await scoped(trx, a).selectFrom('approvals').selectAll().where('id', '=', id).where('kind', '=', kind).forUpdate().executeTakeFirst();
  if (!ap || ap.requester_id !== a.userId) throw notFound('审批申请不存在');
  if (ap.status !== 'approved') throw conflict(ap.status === 'used' ? 'ALREADY_USED' : 'NOT_APPROVED', ap.status === 'used' ? '该审批已使用' : '申请尚未批准', { status: ap.status });
  await appendOne(trx, 'approval_events', streamOfApproval(id), 'approval.used', infoOf(a, ip), result, now);
  // system: the row was locked through scoped() above
  return trx.updateTable('approvals').set({ status: 'used', result: JSON.stringify(result), updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Withdraws one's own pending request. */
export async function withdrawApproval(db: Kysely<DB>, a: Actor, id: number, now: Date, ip: string | null = null): Promise<ApprovalRow> {
  return db.transaction().execute(async (trx) => {
    const ap = await scoped(trx, a).selectFrom('approvals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!ap || ap.requester_id !== a.userId) throw notFound('审批申请不存在');
    if (ap.status !== 'pending') throw conflict('WRONG_STATE', '该申请已处理', { status: ap.status });
    await appendOne(trx, 'approval_events', streamOfApproval(id), 'approval.withdrawn', infoOf(a, ip), {}, now);
    await kinds.get(ap.kind)?.onDecided?.(trx, { ...ap, status: 'withdrawn' }, false, a, now, ip);
    // system: the row was locked through scoped() above
    return trx.updateTable('approvals').set({ status: 'withdrawn', updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  });
}

/** Approvals with the requester's and decider's names and the requesting unit's name. */
function named(db: Kysely<DB>, a: Actor) {
  return scoped(db, a).selectFrom('approvals as ap')
    .innerJoin('users as ru', 'ru.id', 'ap.requester_id')
    .innerJoin('units as au', 'au.id', 'ap.unit_id')
    .leftJoin('users as du', 'du.id', 'ap.decided_by')
    .selectAll('ap')
    .select(['ru.display_name as requester_name', 'au.name as unit_name', 'du.display_name as decider_name']);
}

export interface ApprovalFilter {
  status?: string;
  kind?: string;
  /** Only the actor's own requests. */
  mine?: boolean;
  /** Only pending requests the actor may decide: holds the approver permission, is not the requester. */
  decidable?: boolean;
  after?: number;
  limit: number;
}

export async function listApprovals(db: Kysely<DB>, a: Actor, f: ApprovalFilter) {
  let q = named(db, a);
  if (f.status) q = q.where('ap.status', '=', f.status as ApprovalRow['status']);
  if (f.kind) q = q.where('ap.kind', '=', f.kind);
  if (f.mine) q = q.where('ap.requester_id', '=', a.userId);
  if (f.decidable) {
    const perms = [...a.permissions];
    if (!perms.length) return [];
    q = q.where('ap.status', '=', 'pending').where('ap.approver_permission', 'in', perms).where('ap.requester_id', '<>', a.userId);
  }
  if (f.after) q = q.where('ap.id', '<', f.after);
  return q.orderBy('ap.id', 'desc').limit(f.limit + 1).execute();
}

export async function getApproval(db: Kysely<DB>, a: Actor, id: number) {
  const ap = await named(db, a).where('ap.id', '=', id).executeTakeFirst();
  if (!ap) throw notFound('审批申请不存在');
  return ap;
}

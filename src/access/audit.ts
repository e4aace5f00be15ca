// SEC-5 operation log: who, what, when, from where, with what result. Append-only (trigger).
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Actor } from './scope.ts';
import type { AuditNote } from '../http/context.ts';

export interface OperationRecord {
  at: Date;
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
  method: string | null;
  route: string | null;
  action: string;
  statusCode: number;
  note?: AuditNote;
}

export async function writeOperationLog(db: Kysely<DB>, r: OperationRecord): Promise<void> {
  const result = r.statusCode < 400 ? 'ok' : r.statusCode < 500 ? 'refused' : 'error';
  await db
    .insertInto('operation_log')
    .values({
      at: r.at,
      user_id: r.actor?.userId ?? null,
      username: r.actor?.username ?? null,
      unit_id: r.actor?.unitId ?? null,
      ip: r.ip,
      request_id: r.requestId,
      method: r.method,
      route: r.route,
      action: r.action,
      target_type: r.note?.targetType ?? null,
      target_id: r.note?.targetId != null ? String(r.note.targetId) : null,
      result,
      status_code: r.statusCode,
      detail: r.note?.detail ? JSON.stringify(r.note.detail) : null,
    })
    .execute();
}

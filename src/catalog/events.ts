// Review acts on an item as hash-chained events, stream 'item:<id>' (CAT-3, LEGAL-5).
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Actor } from '../access/scope.ts';
import { appendEvents, readStream, type StoredEvent } from '../store/event-chain.ts';
import { CATALOG_EVENTS } from './register.ts';

export const EVENT_NAMES: Record<string, string> = {
  change_submitted: '提交审核',
  change_returned: '退回修改',
  part_approved: '审核通过',
  version_published: '发布新版本',
  status_changed: '状态变更',
  exemption_requested: '申请免于监察',
  exemption_approved: '免于监察审批',
  exemption_granted: '免于监察生效',
  exemption_revoked: '撤销免于监察',
  reported_up: '上报上级权力库',
};

export const streamOf = (itemId: number) => `item:${itemId}`;

/** Appends one event inside the caller's transaction (which holds the item row lock). */
export async function appendItemEvent(
  trx: Kysely<DB>, itemId: number, a: Actor | null, type: keyof typeof EVENT_NAMES & string, data: Record<string, unknown>, now: Date,
): Promise<StoredEvent> {
  const [e] = await appendEvents(trx, CATALOG_EVENTS, streamOf(itemId), [{
    type, at: now, actorId: a?.userId || null, actorName: a?.displayName ?? null, actorUnitId: a?.unitId ?? null, data,
  }], now);
  return e;
}

export function itemEvents(db: Kysely<DB>, itemId: number): Promise<StoredEvent[]> {
  return readStream(db, CATALOG_EVENTS, streamOf(itemId));
}

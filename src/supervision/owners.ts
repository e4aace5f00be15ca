// What a clock signal means to the thing it is on: a late response or rectification is
// recorded on the parent signal's chain; a late supervision task gets a 催办 (四川 §9, SUP-7):
// an event on the task's chain and a reminder to the unit.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { chainEvents, GENESIS, type NewEvent } from '../store/event-chain.ts';
import { appendOne, SYSTEM_INFO } from './chain.ts';
import type { SupervisionConfig } from './config.ts';
import { notifyUnit } from './notify/outbox.ts';
import type { FollowupSignal } from './followups.ts';

/** Runs in the signals' follow-up (followups.ts), after the sweep that raised them. */
export async function onClockSignals(trx: Kysely<DB>, config: SupervisionConfig, signals: FollowupSignal[], now: Date): Promise<void> {
  await markParents(trx, signals.filter((s) => s.parentId !== null), now);
  for (const d of signals) {
    if (d.parentId || !d.taskId) continue;
    // system: the task is the clock's owner, found by the timer
    const t = await trx.selectFrom('sup_tasks').select(['id', 'task_no', 'title', 'unit_id', 'region_path', 'status']).where('id', '=', d.taskId).executeTakeFirst();
    if (!t || !['dispatched', 'extension_requested', 'returned'].includes(t.status)) continue;
    await appendOne(trx, 'sup_task_events', `task:${t.id}`, 'task.reminded', SYSTEM_INFO, { level: d.level, signalId: d.id, auto: true }, now);
    await notifyUnit(trx, config, {
      template: 'task.reminder', vars: { title: t.title, taskNo: t.task_no, unit: '' }, link: `/supervision/tasks/${t.id}`, taskId: t.id,
      channels: ['inapp', 'sms'], unitId: t.unit_id, regionPath: t.region_path, who: ['unit_leader', 'unit_admin'],
    }, now);
  }
}

/**
 * A late response or rectification: `signal.deadline_passed` on each parent signal's chain,
 * set-based — the parents locked (in id order, as a handling act locks one), their chain heads
 * read in one query, the links computed here and inserted in one statement.
 */
async function markParents(trx: Kysely<DB>, signals: FollowupSignal[], now: Date): Promise<void> {
  if (!signals.length) return;
  const parents = [...new Set(signals.map((s) => s.parentId!))].sort((a, b) => a - b);
  // system: the parent signals of clock signals, locked by the timer's follow-up
  await sql`select id from signals where id = any(${parents}::bigint[]) order by id for update`.execute(trx);
  const streams = parents.map((p) => `signal:${p}`);
  const heads = await sql<{ stream_id: string; seq: number; hash: string }>`
    select distinct on (stream_id) stream_id, seq, hash from signal_events where stream_id = any(${streams}::text[])
    order by stream_id, seq desc`.execute(trx);
  const head = new Map(heads.rows.map((h) => [h.stream_id, { seq: Number(h.seq), hash: h.hash }]));
  const byStream = new Map<string, NewEvent[]>();
  for (const s of signals) {
    const stream = `signal:${s.parentId}`;
    const e: NewEvent = {
      type: 'signal.deadline_passed', at: now, ...SYSTEM_INFO,
      data: { childSignalId: s.id, childSignalNo: s.signalNo, clockKind: s.clockKind, level: s.level },
    };
    const list = byStream.get(stream);
    if (list) list.push(e);
    else byStream.set(stream, [e]);
  }
  const rows = [...byStream].flatMap(([stream, events]) => chainEvents(stream, events, now, head.get(stream) ?? { seq: 0, hash: GENESIS }));
  await sql`
    insert into signal_events (stream_id, seq, type, at, recorded_at, actor_id, actor_name, actor_unit_id, actor_post_id, ip, data, prev_hash, hash)
    select * from rows from (unnest(${rows.map((r) => r.streamId)}::text[]), unnest(${rows.map((r) => r.seq)}::int[]), unnest(${rows.map((r) => r.type)}::text[]),
      unnest(${rows.map((r) => r.at.toISOString())}::timestamptz[]), unnest(${rows.map((r) => r.recordedAt.toISOString())}::timestamptz[]),
      unnest(${rows.map((r) => r.actorId)}::bigint[]), unnest(${rows.map((r) => r.actorName)}::text[]), unnest(${rows.map((r) => r.actorUnitId)}::bigint[]),
      unnest(${rows.map((r) => r.actorPostId ?? null)}::bigint[]), unnest(${rows.map((r) => r.ip ?? null)}::text[]),
      jsonb_array_elements(${JSON.stringify(rows.map((r) => r.data))}::jsonb), unnest(${rows.map((r) => r.prevHash)}::text[]),
      unnest(${rows.map((r) => r.hash)}::text[]))`.execute(trx);
}

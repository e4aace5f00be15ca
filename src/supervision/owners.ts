// What a clock signal means to the thing it is on: a late response or rectification is
// recorded on the parent signal's chain; a late supervision task gets a 催办 (四川 §9, SUP-7):
// an event on the task's chain and a reminder to the unit.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { appendOne, SYSTEM_INFO } from './chain.ts';
import type { SupervisionConfig } from './config.ts';
import { notifyUnit } from './notify/outbox.ts';
import type { RaisedSignal } from './signals.ts';

export async function onClockSignals(trx: Kysely<DB>, config: SupervisionConfig, raised: RaisedSignal[], now: Date): Promise<void> {
  for (const s of raised) {
    const d = s.draft;
    if (d.parentId) {
      await appendOne(trx, 'signal_events', `signal:${d.parentId}`, 'signal.deadline_passed', SYSTEM_INFO,
        { clockKind: d.clockKind, level: d.level, childSignalId: s.id, childSignalNo: s.signalNo }, now);
    } else if (d.taskId) {
      // system: the task is the clock's owner, found by the timer
      const t = await trx.selectFrom('sup_tasks').select(['id', 'task_no', 'title', 'unit_id', 'region_path', 'status']).where('id', '=', d.taskId).executeTakeFirst();
      if (!t || !['dispatched', 'extension_requested', 'returned'].includes(t.status)) continue;
      await appendOne(trx, 'sup_task_events', `task:${t.id}`, 'task.reminded', SYSTEM_INFO, { level: d.level, signalId: s.id, auto: true }, now);
      await notifyUnit(trx, config, {
        template: 'task.reminder', vars: { title: t.title, taskNo: t.task_no, unit: '' }, link: `/supervision/tasks/${t.id}`, taskId: t.id,
        channels: ['inapp', 'sms'], unitId: t.unit_id, regionPath: t.region_path, who: ['unit_leader', 'unit_admin'],
      }, now);
    }
  }
}

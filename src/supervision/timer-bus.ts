// Waking the timer loop when a command makes a threshold due at once (in this process by an
// event, in other processes by PostgreSQL NOTIFY 'sunlight_timer', delivered at commit).
import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';

export const timerBus = new EventEmitter();
timerBus.setMaxListeners(0);

/**
 * Transactions that already queued the NOTIFY: PostgreSQL folds identical notifications of a
 * transaction into one anyway, so the commands of a group commit (command-batch.ts) share
 * one statement instead of a round trip each.
 */
const notified = new WeakSet<object>();

export async function wakeTimer(trx: Kysely<DB>): Promise<void> {
  if (!trx.isTransaction || !notified.has(trx)) {
    await sql`select pg_notify('sunlight_timer', '')`.execute(trx);
    if (trx.isTransaction) notified.add(trx);
  }
  timerBus.emit('wake');
}

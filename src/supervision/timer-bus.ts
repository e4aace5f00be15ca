// Waking the timer loop when a command makes a threshold due at once (in this process by an
// event, in other processes by PostgreSQL NOTIFY 'sunlight_timer', delivered at commit).
import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';

export const timerBus = new EventEmitter();
timerBus.setMaxListeners(0);

export async function wakeTimer(trx: Kysely<DB>): Promise<void> {
  await sql`select pg_notify('sunlight_timer', '')`.execute(trx);
  timerBus.emit('wake');
}

// The outbox dispatcher: claims due SMS/e-mail rows (FOR UPDATE SKIP LOCKED, so several
// servers share the work), sends them, records every attempt in sup_deliveries, and retries
// with backoff (1, 5, 30 min, 2 h, 12 h) before giving up ('dead').
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import type { Transports } from './transports.ts';

export const BACKOFF_MINUTES = [1, 5, 30, 120, 720];

interface Row {
  id: number;
  channel: 'sms' | 'email';
  address: string;
  subject: string;
  body: string;
  attempts: number;
}

export interface DispatchResult {
  sent: number;
  failed: number;
  dead: number;
}

/** Claims and sends up to `limit` due messages; the send happens after the claim commits. */
export async function dispatchOutbox(db: Kysely<DB>, t: Transports, now: Date, limit = 50): Promise<DispatchResult> {
  const out: DispatchResult = { sent: 0, failed: 0, dead: 0 };
  // Claim: push next_attempt_at forward so a crash mid-send retries later instead of never.
  const claimed = await db.transaction().execute(async (trx) => {
    const r = await sql<Row>`
      select id, channel, address, subject, body, attempts from sup_outbox
      where status = 'pending' and next_attempt_at <= ${now}
      order by next_attempt_at limit ${limit} for update skip locked`.execute(trx);
    if (r.rows.length) {
      await sql`update sup_outbox set next_attempt_at = ${new Date(now.getTime() + 10 * 60_000)} where id = any(${r.rows.map((x) => x.id)}::bigint[])`.execute(trx);
    }
    return r.rows;
  });
  for (const m of claimed) {
    const res = m.channel === 'sms' ? await t.sms.send(m.address, `${m.subject} ${m.body}`) : await t.email.send(m.address, m.subject, m.body);
    const attempt = m.attempts + 1;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('sup_deliveries').values({ outbox_id: m.id, attempt, at: now, ok: res.ok, detail: res.detail.slice(0, 500) }).execute();
      if (res.ok) {
        out.sent++;
        await trx.updateTable('sup_outbox').set({ status: 'sent', attempts: attempt, sent_at: now, last_error: null, next_attempt_at: null }).where('id', '=', m.id).execute();
      } else if (attempt > BACKOFF_MINUTES.length) {
        out.dead++;
        await trx.updateTable('sup_outbox').set({ status: 'dead', attempts: attempt, last_error: res.detail.slice(0, 500), next_attempt_at: null }).where('id', '=', m.id).execute();
      } else {
        out.failed++;
        await trx.updateTable('sup_outbox').set({
          attempts: attempt, last_error: res.detail.slice(0, 500), next_attempt_at: new Date(now.getTime() + BACKOFF_MINUTES[attempt - 1] * 60_000),
        }).where('id', '=', m.id).execute();
      }
    });
  }
  return out;
}

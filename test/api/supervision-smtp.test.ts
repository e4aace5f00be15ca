// E-mail notifications through a real SMTP conversation (issue 5 §8): a local `smtp-server`
// receives what the outbox dispatcher sends with nodemailer; the delivery is recorded; a
// server that refuses the recipient leaves the row pending with the error and a backoff.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/store/schema.ts';
import { backends } from '../helpers/db.ts';
import { startHarness, type Harness } from '../helpers/app.ts';
import { dispatchOutbox, BACKOFF_MINUTES } from '../../src/supervision/notify/dispatch.ts';
import { LogSmsGateway, SmtpSender } from '../../src/supervision/notify/transports.ts';

interface Received {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** A local SMTP server on a free port; refuses recipients at refuse.example. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.endsWith('@refuse.example')) return cb(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream).then((mail) => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: mail.subject ?? '',
          text: (mail.text ?? '').trim(),
        });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

for (const backend of backends()) {
  describe(`supervision: e-mail through SMTP (${backend})`, () => {
    let h: Harness;
    let db: Kysely<DB>;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let sender: SmtpSender;

    async function queueEmail(address: string, subject: string, body: string): Promise<number> {
      const r = await db.insertInto('sup_outbox').values({
        channel: 'email', template: 'red_signal', address, subject, body, status: 'pending', attempts: 0,
        next_attempt_at: h.clock.now(), created_at: h.clock.now(),
      }).returning('id').executeTakeFirstOrThrow();
      return r.id;
    }

    before(async () => {
      h = await startHarness(backend);
      db = h.tdb.database.db;
      smtp = await startSmtp();
      sender = new SmtpSender(smtp.url, 'sunlight@jcj.example');
    });
    after(async () => {
      sender.close();
      await smtp.close();
      await h.close();
    });

    test('a queued e-mail is delivered over SMTP with its Chinese subject and body, and the delivery is recorded', async () => {
      const id = await queueEmail('leader@scjg.example', '【红灯】食品经营许可 办件超期', '绵阳市市场监督管理局：办件 SL2026000123 已超过法定时限，请于 5 个工作日内说明。');
      const r = await dispatchOutbox(db, { sms: new LogSmsGateway(), email: sender }, h.clock.now());
      assert.equal(r.sent, 1);
      assert.equal(smtp.received.length, 1);
      const mail = smtp.received[0];
      assert.deepEqual(mail.to, ['leader@scjg.example']);
      assert.equal(mail.from, 'sunlight@jcj.example');
      assert.equal(mail.subject, '【红灯】食品经营许可 办件超期');
      assert.match(mail.text, /SL2026000123 已超过法定时限/);
      const row = await db.selectFrom('sup_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1);
      const deliveries = await db.selectFrom('sup_deliveries').selectAll().where('outbox_id', '=', id).execute();
      assert.equal(deliveries.length, 1);
      assert.equal(deliveries[0].ok, true);
    });

    test('a refused recipient is recorded as a failed attempt and retried later; nothing is delivered', async () => {
      const before = smtp.received.length;
      const id = await queueEmail('nobody@refuse.example', '【黄灯】提醒', '请及时办理');
      const r = await dispatchOutbox(db, { sms: new LogSmsGateway(), email: sender }, h.clock.now());
      assert.equal(r.failed, 1);
      assert.equal(smtp.received.length, before);
      const row = await db.selectFrom('sup_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error ?? '', /550|mailbox/);
      assert.equal(row.next_attempt_at!.getTime(), h.clock.now().getTime() + BACKOFF_MINUTES[0] * 60_000);
      const deliveries = await db.selectFrom('sup_deliveries').selectAll().where('outbox_id', '=', id).execute();
      assert.deepEqual(deliveries.map((d) => d.ok), [false]);
    });
  });
}

// The notification outbox: one row per recipient and channel, written in the transaction that
// caused it; in-app rows are the bell list (sent at once), SMS and e-mail rows wait for the
// dispatcher (dispatch.ts). Recipients per level and per item are data (sup_notify_rules):
// handler (holders of the responsible post), unit_leader (approver), unit_admin, supervisor
// (the supervisors of the unit's region), user:<id>.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import { render, templateFor, type NotifyRule, type SupervisionConfig } from '../config.ts';
import type { FollowupSignal } from '../followups.ts';
import type { Level } from '../tables.ts';
import { chinaDateOf } from '../../domain/calendar.ts';

export interface Recipient {
  userId: number;
  phone: string | null;
  email: string | null;
}

export interface Message {
  template: string;
  vars: Record<string, unknown>;
  link: string | null;
  signalId?: number | null;
  taskId?: number | null;
  recipients: Recipient[];
  channels: ('inapp' | 'sms' | 'email')[];
}

interface Person {
  id: number;
  unit_id: number;
  phone: string | null;
  email: string | null;
  roles: string[];
  posts: string[];
  region_code: string;
}

/** Staff of these units (and supervisors of these regions) with their roles and posts. */
async function people(trx: Kysely<DB>, unitIds: number[], regionCodes: string[]): Promise<Person[]> {
  if (!unitIds.length && !regionCodes.length) return [];
  // system: notification recipients are chosen by the platform, not by a user's query
  const r = await sql<Person>`
    select u.id, u.unit_id, u.phone, u.email, un.region_code,
      coalesce((select array_agg(ur.role_code) from user_roles ur where ur.user_id = u.id), '{}') as roles,
      coalesce((select array_agg(p.code) from user_posts up join posts p on p.id = up.post_id where up.user_id = u.id and p.unit_id = u.unit_id and p.active), '{}') as posts
    from users u join units un on un.id = u.unit_id
    where u.active and u.kind = 'staff' and (u.unit_id = any(${unitIds}::bigint[])
      or (un.region_code = any(${regionCodes}::text[]) and exists (select 1 from user_roles r where r.user_id = u.id and r.role_code = 'supervisor')))`.execute(trx);
  return r.rows;
}

export function ruleFor(config: SupervisionConfig, level: Level, itemId: number | null): NotifyRule | null {
  return config.notify.find((n) => n.level === level && n.itemId !== null && n.itemId === itemId) ?? config.notify.find((n) => n.level === level && n.itemId === null) ?? null;
}

const regionOf = (regionPath: string) => regionPath.split('/').filter(Boolean).at(-1) ?? '';

export function pick(all: Person[], who: string[], unitId: number, regionCode: string, handlerPost: string | null): Recipient[] {
  const out = new Map<number, Recipient>();
  for (const w of who) {
    for (const p of all) {
      const inUnit = p.unit_id === unitId;
      const ok =
        (w === 'handler' && inUnit && (handlerPost ? p.posts.includes(handlerPost) : p.roles.includes('handler'))) ||
        (w === 'unit_leader' && inUnit && p.roles.includes('approver')) ||
        (w === 'unit_admin' && inUnit && p.roles.includes('unit_admin')) ||
        (w === 'supervisor' && p.region_code === regionCode && p.roles.includes('supervisor')) ||
        (w === `user:${p.id}`);
      if (ok) out.set(p.id, { userId: p.id, phone: p.phone, email: p.email });
    }
  }
  return [...out.values()];
}

/** Writes the outbox rows for messages (one per recipient × channel that has an address). */
export async function enqueue(trx: Kysely<DB>, config: SupervisionConfig, messages: Message[], now: Date): Promise<number> {
  const rows: Record<string, unknown>[] = [];
  for (const m of messages) {
    for (const ch of m.channels) {
      const t = templateFor(config, m.template, ch);
      for (const r of m.recipients) {
        const address = ch === 'sms' ? r.phone : ch === 'email' ? r.email : null;
        if (ch !== 'inapp' && !address) continue;
        rows.push({
          channel: ch, template: m.template, recipient_user_id: r.userId, address, subject: render(t.subject, m.vars), body: render(t.body, m.vars),
          link: m.link, signal_id: m.signalId ?? null, task_id: m.taskId ?? null, status: ch === 'inapp' ? 'sent' : 'pending',
          next_attempt_at: ch === 'inapp' ? null : now.toISOString(), sent_at: ch === 'inapp' ? now.toISOString() : null,
        });
      }
    }
  }
  if (!rows.length) return 0;
  await sql`insert into sup_outbox (channel, template, recipient_user_id, address, subject, body, link, signal_id, task_id, status, next_attempt_at, created_at, sent_at)
    select channel, template, recipient_user_id, address, subject, body, link, signal_id, task_id, status, next_attempt_at, ${now}, sent_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(channel text, template text, recipient_user_id bigint, address text, subject text,
      body text, link text, signal_id bigint, task_id bigint, status text, next_attempt_at timestamptz, sent_at timestamptz)`.execute(trx);
  return rows.length;
}

/** Messages to the unit about a unit-side matter (task dispatched, finding …) by recipient kinds. */
export async function notifyUnit(
  trx: Kysely<DB>, config: SupervisionConfig, m: Omit<Message, 'recipients'> & { unitId: number; regionPath: string; who: string[]; handlerPost?: string | null }, now: Date,
): Promise<number> {
  const all = await people(trx, [m.unitId], m.who.includes('supervisor') ? [regionOf(m.regionPath)] : []);
  return enqueue(trx, config, [{ ...m, recipients: pick(all, m.who, m.unitId, regionOf(m.regionPath), m.handlerPost ?? null) }], now);
}

/** More than this many signals of one level for one person in one batch become one digest message. */
export const DIGEST_OVER = 3;

/**
 * Folds a burst (e.g. a timer batch where many clocks of one unit go red at once) into one
 * digest per recipient and level instead of hundreds of SMS to the same leader.
 */
export function digest(msgs: Message[]): Message[] {
  const per = new Map<string, Message[]>();
  for (const m of msgs) for (const r of m.recipients) {
    const k = `${r.userId}:${m.template}`;
    const list = per.get(k);
    if (list) list.push(m);
    else per.set(k, [m]);
  }
  const out: Message[] = [];
  const folded = new Map<Message, Set<number>>();
  for (const [k, list] of per) {
    if (list.length <= DIGEST_OVER) continue;
    const userId = Number(k.split(':')[0]);
    const r = list[0].recipients.find((x) => x.userId === userId)!;
    for (const m of list) folded.set(m, (folded.get(m) ?? new Set()).add(userId));
    const first = list[0];
    out.push({
      template: `${first.template}.digest`, link: '/supervision/signals', recipients: [r], channels: first.channels,
      vars: { ...first.vars, count: list.length, title: `${list.length} 条${first.template.endsWith('red') ? '红牌纠错' : first.template.endsWith('yellow') ? '黄牌预警' : '提醒'}信号` },
    });
  }
  for (const m of msgs) {
    const skip = folded.get(m);
    const recipients = skip ? m.recipients.filter((r) => !skip.has(r.userId)) : m.recipients;
    if (recipients.length) out.push({ ...m, recipients });
  }
  return out;
}

export async function enqueueForSignals(
  trx: Kysely<DB>, config: SupervisionConfig, signals: FollowupSignal[], ctx: { responseDue: (s: FollowupSignal) => Date; docNos: Map<number, string> }, now: Date,
): Promise<void> {
  const withRule = signals.map((s) => ({ s, rule: ruleFor(config, s.level, s.itemId) })).filter((x) => x.rule && x.rule.recipients.length);
  if (!withRule.length) return;
  const units = [...new Set(withRule.map((x) => x.s.unitId))];
  const regions = [...new Set(withRule.filter((x) => x.rule!.recipients.includes('supervisor')).map((x) => regionOf(x.s.regionPath)))];
  const all = await people(trx, units, regions);
  // system: the names of the units being notified
  const unitNames = new Map((await sql<{ id: number; name: string }>`select id, name from units where id = any(${units}::bigint[])`.execute(trx)).rows.map((u) => [u.id, u.name]));
  const msgs: Message[] = digest(withRule.map(({ s, rule }) => ({
    template: `signal.${s.level}`,
    vars: {
      title: s.title, explanation: s.explanation, signalNo: s.signalNo, unit: unitNames.get(s.unitId) ?? '', caseNo: s.caseNo ?? '',
      responseDue: chinaDateOf(ctx.responseDue(s)), docNo: ctx.docNos.get(s.id) ?? '',
    },
    link: `/supervision/signals/${s.id}`,
    signalId: s.id,
    recipients: pick(all, rule!.recipients, s.unitId, regionOf(s.regionPath), s.handlerPost),
    channels: rule!.channels,
  })));
  await enqueue(trx, config, msgs, now);
}

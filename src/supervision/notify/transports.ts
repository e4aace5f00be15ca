// Delivery channels for the outbox. SMS goes through a gateway interface: an HTTP adapter
// (SMS_GATEWAY_URL, SMS_GATEWAY_TEMPLATE — a JSON body with {{phone}} and {{text}}) or, by
// default, a log-only gateway. E-mail goes through SMTP (SMTP_URL, SMTP_FROM) with nodemailer.
import nodemailer from 'nodemailer';

export interface DeliveryResult {
  ok: boolean;
  detail: string;
}

export interface SmsGateway {
  readonly name: string;
  send(phone: string, text: string): Promise<DeliveryResult>;
}

export interface EmailSender {
  readonly name: string;
  send(to: string, subject: string, text: string): Promise<DeliveryResult>;
}

/** Writes the message to the log only (the default: no SMS provider configured). */
export class LogSmsGateway implements SmsGateway {
  readonly name = 'log';
  readonly sent: { phone: string; text: string }[] = [];
  constructor(private log: (line: string) => void = () => {}) {}
  async send(phone: string, text: string): Promise<DeliveryResult> {
    this.sent.push({ phone, text });
    this.log(`[sms] ${phone}: ${text}`);
    return { ok: true, detail: 'logged' };
  }
}

const jsonEscape = (s: string) => JSON.stringify(s).slice(1, -1);

/** POSTs a JSON body built from a template; any 2xx is success. */
export class HttpSmsGateway implements SmsGateway {
  readonly name = 'http';
  constructor(private url: string, private template = '{"phone":"{{phone}}","text":"{{text}}"}', private timeoutMs = 5000) {}
  async send(phone: string, text: string): Promise<DeliveryResult> {
    const body = this.template.replace(/\{\{phone\}\}/g, jsonEscape(phone)).replace(/\{\{text\}\}/g, jsonEscape(text));
    try {
      const r = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(this.timeoutMs) });
      const reply = (await r.text()).slice(0, 200);
      return { ok: r.ok, detail: `HTTP ${r.status} ${reply}` };
    } catch (e) {
      return { ok: false, detail: (e as Error).message };
    }
  }
}

export class SmtpSender implements EmailSender {
  readonly name = 'smtp';
  private transport: ReturnType<typeof nodemailer.createTransport>;
  constructor(url: string, private from: string) {
    this.transport = nodemailer.createTransport(url);
  }
  async send(to: string, subject: string, text: string): Promise<DeliveryResult> {
    try {
      const info = await this.transport.sendMail({ from: this.from, to, subject, text });
      return { ok: true, detail: String(info.messageId ?? 'sent') };
    } catch (e) {
      return { ok: false, detail: (e as Error).message };
    }
  }
  close() {
    this.transport.close();
  }
}

/** No SMTP configured: e-mail cannot be delivered (the row retries, then gives up). */
export class NoEmail implements EmailSender {
  readonly name = 'none';
  async send(): Promise<DeliveryResult> {
    return { ok: false, detail: '未配置邮件服务器（SMTP_URL）' };
  }
}

export interface Transports {
  sms: SmsGateway;
  email: EmailSender;
}

export function transportsFromEnv(env = process.env, log?: (line: string) => void): Transports {
  return {
    sms: env.SMS_GATEWAY_URL ? new HttpSmsGateway(env.SMS_GATEWAY_URL, env.SMS_GATEWAY_TEMPLATE) : new LogSmsGateway(log),
    email: env.SMTP_URL ? new SmtpSender(env.SMTP_URL, env.SMTP_FROM ?? 'sunlight@localhost') : new NoEmail(),
  };
}

// Supervision's configuration as data — threshold profiles and bindings (SUP-2), the rule
// library (SUP-5), notification recipients and templates, time limits — cached per process.
// A change bumps settings 'supervision_config_version'; every process re-reads within 2 s.
// The shipped defaults are written on first use (insert … on conflict do nothing).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { TimeLimit } from '../domain/item.ts';
import { BUILTIN_PROFILES, type Binding, type Profile, type ProfileLevels } from './profiles.ts';
import { SHIPPED_RULES, RULE_KINDS } from './rules/index.ts';
import type { RuleKind } from './rules/types.ts';
import type { Level, RuleCategory } from './tables.ts';

export interface RuleRow {
  code: string;
  kind: string;
  name: string;
  category: RuleCategory;
  severity: Level;
  basis: string;
  params: Record<string, unknown>;
  enabledLevels: string[];
  version: number;
}

export interface NotifyRule {
  level: Level;
  itemId: number | null;
  recipients: string[];
  channels: ('inapp' | 'sms' | 'email')[];
}

export interface Template {
  subject: string;
  body: string;
}

export interface SupervisionSettings {
  /** 四川 §8(一): the unit explains a yellow/red signal within this time. */
  responseLimit: TimeLimit;
  /** Default rectification period (整改期限) when a finding orders rectification. */
  rectificationLimit: TimeLimit;
  /** 四川 §9: the unit reports on a supervision task within 20 working days, +≤10 once. */
  taskLimitDays: number;
  taskMaxExtensionDays: number;
}

export const DEFAULT_SETTINGS: SupervisionSettings = {
  responseLimit: { days: 5, unit: 'workday' },
  rectificationLimit: { days: 15, unit: 'workday' },
  taskLimitDays: 20,
  taskMaxExtensionDays: 10,
};

export const DEFAULT_NOTIFY: NotifyRule[] = [
  { level: 'reminder', itemId: null, recipients: ['handler'], channels: ['inapp'] },
  // 晋中 二(二): yellow → SMS to the responsible person (handler) and the unit leader
  { level: 'yellow', itemId: null, recipients: ['handler', 'unit_leader'], channels: ['inapp', 'sms'] },
  // red → the unit and its responsible person, demanding an explanation (a 督办通知书 is issued too)
  { level: 'red', itemId: null, recipients: ['handler', 'unit_leader', 'unit_admin'], channels: ['inapp', 'sms', 'email'] },
];

export const DEFAULT_TEMPLATES: Record<string, Template> = {
  'signal.reminder': { subject: '【电子监察提醒】{{title}}', body: '{{unit}}：{{explanation}}（{{signalNo}}）' },
  'signal.yellow': { subject: '【黄牌预警】{{title}}', body: '{{unit}}：{{explanation}}请及时办理。（{{signalNo}}）' },
  'signal.red': { subject: '【红牌纠错】{{title}}', body: '{{unit}}：{{explanation}}请于 {{responseDue}} 前作出说明。（{{signalNo}}，督办通知书 {{docNo}}）' },
  'signal.reminder.digest': { subject: '【电子监察提醒】{{title}}', body: '{{unit}}新增 {{count}} 条到期提醒，请登录系统查看。' },
  'signal.yellow.digest': { subject: '【黄牌预警】{{title}}', body: '{{unit}}新增 {{count}} 条黄牌预警，请及时办理。' },
  'signal.red.digest': { subject: '【红牌纠错】{{title}}', body: '{{unit}}新增 {{count}} 条红牌纠错信号，请在规定时间内作出说明，督办通知书已送达系统。' },
  'signal.finding': { subject: '【监察认定】{{title}}', body: '{{unit}}：监察机关对 {{signalNo}} 作出认定：{{finding}}。{{reason}}' },
  'signal.rectify': { subject: '【整改通知】{{title}}', body: '{{unit}}：请于 {{due}} 前完成整改并报告。（{{signalNo}}）' },
  'task.dispatched': { subject: '【督查督办】{{title}}', body: '{{unit}}：请于 {{due}} 前上报调查处理情况。（{{taskNo}}）' },
  'task.reminder': { subject: '【催办】{{title}}', body: '{{unit}}：督办事项 {{taskNo}} 已逾期或即将到期，请尽快上报。' },
};

export interface SupervisionConfig {
  version: string;
  profiles: Map<string, Profile>;
  bindings: Binding[];
  rules: RuleRow[];
  /** Event type → enabled event rules that it triggers. */
  byEvent: Map<string, RuleRow[]>;
  /** Rules that every event triggers. */
  onEveryEvent: RuleRow[];
  notify: NotifyRule[];
  templates: Map<string, Template>;
  settings: SupervisionSettings;
}

const ensured = new WeakSet<object>();

/** Writes the shipped profiles, rules and defaults if missing. Idempotent. */
export async function ensureDefaults(db: Kysely<DB>, now: Date): Promise<void> {
  for (const p of BUILTIN_PROFILES) {
    await db.insertInto('sup_profiles').values({
      code: p.code, name: p.name, description: p.description, levels: JSON.stringify(p.levels), builtin: true, updated_at: now, updated_by: null,
    }).onConflict((oc) => oc.column('code').doNothing()).execute();
  }
  for (const r of SHIPPED_RULES) {
    const params = RULE_KINDS[r.kind] ? RULE_KINDS[r.kind].params.parse(r.params) : r.params;
    const ins = await db.insertInto('sup_rules').values({
      code: r.code, kind: r.kind, name: r.name, category: r.category, severity: r.severity, basis: r.basis, params: JSON.stringify(params),
      enabled_levels: r.enabledLevels, version: 1, updated_at: now, updated_by: null,
    }).onConflict((oc) => oc.column('code').doNothing()).returning('code').executeTakeFirst();
    if (ins) {
      await db.insertInto('sup_rule_versions').values({
        code: r.code, version: 1, severity: r.severity, params: JSON.stringify(params), enabled_levels: r.enabledLevels, note: '内置规则', created_at: now, created_by: null,
      }).onConflict((oc) => oc.columns(['code', 'version']).doNothing()).execute();
    }
  }
  const anyNotify = await db.selectFrom('sup_notify_rules').select('id').limit(1).executeTakeFirst();
  if (!anyNotify) {
    await db.insertInto('sup_notify_rules').values(DEFAULT_NOTIFY.map((n) => ({
      level: n.level, item_id: null, recipients: n.recipients, channels: n.channels, updated_at: now, updated_by: null,
    }))).onConflict((oc) => oc.doNothing()).execute();
  }
}

const caches = new WeakMap<object, { config: SupervisionConfig; checkedAt: number; generation: number }>();
let generation = 0;
const CHECK_MS = 2000;

async function version(db: Kysely<DB>): Promise<string> {
  const r = await db.selectFrom('settings').select('value').where('key', '=', 'supervision_config_version').executeTakeFirst();
  return String(r?.value ?? '0');
}

async function settingsOf(db: Kysely<DB>): Promise<SupervisionSettings> {
  const r = await db.selectFrom('settings').select('value').where('key', '=', 'supervision_settings').executeTakeFirst();
  return { ...DEFAULT_SETTINGS, ...((r?.value as Partial<SupervisionSettings>) ?? {}) };
}

async function load(db: Kysely<DB>, v: string): Promise<SupervisionConfig> {
  const [profiles, bindings, rules, notify, templates, settings] = await Promise.all([
    db.selectFrom('sup_profiles').selectAll().execute(),
    db.selectFrom('sup_profile_bindings').selectAll().execute(),
    db.selectFrom('sup_rules').selectAll().orderBy('code').execute(),
    db.selectFrom('sup_notify_rules').selectAll().execute(),
    db.selectFrom('sup_templates').selectAll().execute(),
    settingsOf(db),
  ]);
  const ruleRows: RuleRow[] = rules.map((r) => ({
    code: r.code, kind: r.kind, name: r.name, category: r.category, severity: r.severity, basis: r.basis,
    params: r.params as Record<string, unknown>, enabledLevels: r.enabled_levels, version: r.version,
  }));
  const byEvent = new Map<string, RuleRow[]>();
  const onEveryEvent: RuleRow[] = [];
  for (const r of ruleRows) {
    const k: RuleKind | undefined = RULE_KINDS[r.kind];
    if (!k || !r.enabledLevels.length) continue;
    if (k.triggers === '*') onEveryEvent.push(r);
    else for (const t of k.triggers) byEvent.set(t, [...(byEvent.get(t) ?? []), r]);
  }
  const tpl = new Map<string, Template>(Object.entries(DEFAULT_TEMPLATES));
  for (const t of templates) if (t.channel === 'inapp') tpl.set(t.code, { subject: t.subject, body: t.body });
  for (const t of templates) tpl.set(`${t.code}:${t.channel}`, { subject: t.subject, body: t.body });
  return {
    version: v,
    profiles: new Map(profiles.map((p) => [p.code, { code: p.code, name: p.name, description: p.description ?? '', levels: p.levels as ProfileLevels }])),
    bindings: bindings.map((b) => ({ clockKind: b.clock_kind, itemId: b.item_id, profileCode: b.profile_code })),
    rules: ruleRows, byEvent, onEveryEvent,
    notify: notify.map((n) => ({ level: n.level, itemId: n.item_id, recipients: n.recipients, channels: n.channels as NotifyRule['channels'] })),
    templates: tpl,
    settings,
  };
}

/** The configuration, re-read when another process (or this one) changed it. */
export async function getConfig(db: Kysely<DB>, now = new Date()): Promise<SupervisionConfig> {
  // One cache per database: a transaction shares its Kysely instance's adapter object.
  const key = db.getExecutor().adapter as object;
  const hit = caches.get(key);
  if (hit && hit.generation === generation && Date.now() - hit.checkedAt < CHECK_MS) return hit.config;
  if (!ensured.has(key)) {
    await ensureDefaults(db, now);
    ensured.add(key);
  }
  const v = await version(db);
  if (hit && hit.generation === generation && hit.config.version === v) {
    hit.checkedAt = Date.now();
    return hit.config;
  }
  const config = await load(db, v);
  caches.set(key, { config, checkedAt: Date.now(), generation });
  return config;
}

/** Marks the configuration changed (call inside the changing transaction). */
export async function bumpConfig(db: Kysely<DB>, now: Date): Promise<void> {
  const v = JSON.stringify(`${now.getTime()}-${Math.random().toString(36).slice(2, 8)}`);
  await db.insertInto('settings')
    .values({ key: 'supervision_config_version', value: sql`${v}::jsonb`, updated_at: now, updated_by: null })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`${v}::jsonb`, updated_at: now }))
    .execute();
  generation++;
}

export function templateFor(c: SupervisionConfig, code: string, channel: string): Template {
  return c.templates.get(`${code}:${channel}`) ?? c.templates.get(code) ?? { subject: code, body: '' };
}

export function render(t: string, vars: Record<string, unknown>): string {
  return t.replace(/\{\{(\w+)\}\}/g, (_, k: string) => (vars[k] === undefined || vars[k] === null ? '' : String(vars[k])));
}

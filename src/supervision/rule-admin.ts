// Rule library editing (SUP-5): a rule's versions (immutable once written), a new draft
// version validated by the kind's parameter schema, and activation — the version's severity,
// parameters and enabled levels become the live rule, and the cached configuration of every
// process is invalidated in the same transaction (bumpConfig).
//
// Rules are platform-wide data (not jurisdiction-scoped): any holder of supervision.rules may
// read the versions, write a draft and backtest it; making a version live is reserved to the
// top of the platform's organisation — scope 'all', or a regional scope whose region contains
// every active unit (in the demo city: the city's supervisors, not a district's).
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Actor } from '../access/scope.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import { bumpConfig } from './config.ts';
import { REGION_LEVEL_NAMES } from './levels.ts';
import { parseParams } from './rules/index.ts';
import type { Level } from './tables.ts';

/** The region levels a rule can be enabled for, top first (levels.ts). */
export const RULE_LEVELS = Object.keys(REGION_LEVEL_NAMES) as [string, ...string[]];

export const ACTIVATE_ACTION = 'supervision.rule_activate';

export interface RuleVersionView {
  version: number;
  severity: Level;
  params: Record<string, unknown>;
  enabledLevels: string[];
  note: string | null;
  createdAt: Date;
  createdBy: number | null;
  createdByName: string | null;
  active: boolean;
}

export interface RuleActivationView {
  at: Date;
  version: number | null;
  previousVersion: number | null;
  reason: string | null;
  byName: string | null;
}

/** Enabled levels in the canonical order, without repeats. */
export const canonicalLevels = (levels: string[]) => RULE_LEVELS.filter((l) => levels.includes(l));

/**
 * Validates parameters with the kind's schema (defaults filled in). A key the schema does not
 * know is refused rather than silently dropped: a misspelt threshold must not pass as saved.
 */
export function validateRuleParams(kind: string, params: Record<string, unknown>): Record<string, unknown> {
  const p = parseParams(kind, params);
  if (!p.ok) throw badRequest('INVALID_PARAMS', p.message);
  const unknown = Object.keys(params).filter((k) => !(k in p.params));
  if (unknown.length) throw badRequest('INVALID_PARAMS', `${unknown.join('、')}：不是该规则类型的参数`);
  return p.params;
}

async function ruleOf(db: Kysely<DB>, code: string, lock = false) {
  let q = db.selectFrom('sup_rules').selectAll().where('code', '=', code);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  if (!r) throw notFound('规则不存在');
  return r;
}

/** Whether the actor may make a rule version live (the top of the platform, see above). */
export async function mayActivateRules(db: Kysely<DB>, a: Actor): Promise<boolean> {
  if (!a.permissions.has('supervision.rules')) return false;
  if (a.scope === 'all') return true;
  if (a.scope !== 'region' || !a.regionPath) return false;
  // system: rules apply platform-wide — is any active unit outside the actor's region?
  const outside = await db.selectFrom('units').select('id')
    .where('active', '=', true)
    .where(sql<SqlBool>`not (region_path like ${a.regionPath + '%'})`)
    .limit(1).executeTakeFirst();
  return !outside;
}

export async function listRuleVersions(db: Kysely<DB>, code: string) {
  const rule = await ruleOf(db, code);
  const rows = await db.selectFrom('sup_rule_versions as v')
    // system: names of the rule versions' authors (rules are platform-wide, not jurisdiction data)
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.version', 'v.severity', 'v.params', 'v.enabled_levels', 'v.note', 'v.created_at', 'v.created_by', 'u.display_name as created_by_name'])
    .where('v.code', '=', code).orderBy('v.version', 'desc').execute();
  const log = await db.selectFrom('operation_log as l')
    // system: who activated the rule's versions (the operation log of this route)
    .leftJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.at', 'l.detail', 'l.username', 'u.display_name'])
    .where('l.action', '=', ACTIVATE_ACTION).where('l.target_type', '=', 'sup_rule').where('l.target_id', '=', code).where('l.result', '=', 'ok')
    .orderBy('l.id', 'desc').limit(50).execute();
  const updater = rule.updated_by
    // system: the name of the user who last changed the rule
    ? await db.selectFrom('users').select('display_name').where('id', '=', rule.updated_by).executeTakeFirst()
    : undefined;
  const versions: RuleVersionView[] = rows.map((v) => ({
    version: v.version, severity: v.severity as Level, params: v.params as Record<string, unknown>, enabledLevels: v.enabled_levels, note: v.note,
    createdAt: v.created_at, createdBy: v.created_by, createdByName: v.created_by_name ?? null, active: v.version === rule.version,
  }));
  const activations: RuleActivationView[] = log.map((l) => {
    const d = (l.detail ?? {}) as { version?: number; previousVersion?: number; reason?: string };
    return { at: l.at, version: d.version ?? null, previousVersion: d.previousVersion ?? null, reason: d.reason ?? null, byName: l.display_name ?? l.username ?? null };
  });
  return { rule: { ...rule, updated_by_name: updater?.display_name ?? null }, versions, activations };
}

export interface NewRuleVersion {
  severity: Level;
  params: Record<string, unknown>;
  enabledLevels: string[];
  note: string;
}

/** Writes a new (not yet live) version numbered after the highest; the live rule is unchanged. */
export async function createRuleVersion(db: Kysely<DB>, a: Actor, code: string, input: NewRuleVersion, now: Date): Promise<RuleVersionView> {
  return db.transaction().execute(async (trx) => {
    // The rule row's lock serialises version numbers of one rule.
    const rule = await ruleOf(trx, code, true);
    const params = validateRuleParams(rule.kind, input.params);
    const last = await trx.selectFrom('sup_rule_versions').select((eb) => eb.fn.max('version').as('v')).where('code', '=', code).executeTakeFirst();
    const version = Math.max(Number(last?.v ?? 0), rule.version) + 1;
    const enabledLevels = canonicalLevels(input.enabledLevels);
    await trx.insertInto('sup_rule_versions').values({
      code, version, severity: input.severity, params: JSON.stringify(params), enabled_levels: enabledLevels, note: input.note, created_at: now, created_by: a.userId,
    }).execute();
    return { version, severity: input.severity, params, enabledLevels, note: input.note, createdAt: now, createdBy: a.userId, createdByName: a.displayName, active: false };
  });
}

/** Makes `version` live and invalidates every process's cached configuration (one transaction). */
export async function activateRuleVersion(db: Kysely<DB>, a: Actor, code: string, version: number, now: Date) {
  if (!(await mayActivateRules(db, a)))
    throw forbidden('监察规则在全平台生效，只有辖区覆盖全平台的监察机关（最高层级）可以启用规则版本', 'RULE_ACTIVATION_TOP_LEVEL_ONLY');
  return db.transaction().execute(async (trx) => {
    const rule = await ruleOf(trx, code, true);
    const v = await trx.selectFrom('sup_rule_versions').selectAll().where('code', '=', code).where('version', '=', version).executeTakeFirst();
    if (!v) throw notFound('规则版本不存在');
    if (rule.version === version) throw conflict('VERSION_ALREADY_ACTIVE', `第 ${version} 版已是当前生效版本`);
    // A version written under an older schema must still satisfy the kind's current one.
    const params = validateRuleParams(rule.kind, v.params as Record<string, unknown>);
    await trx.updateTable('sup_rules').set({
      severity: v.severity, params: JSON.stringify(params), enabled_levels: v.enabled_levels, version, updated_at: now, updated_by: a.userId,
    }).where('code', '=', code).execute();
    await bumpConfig(trx, now);
    return { code, version, previousVersion: rule.version, severity: v.severity as Level, enabledLevels: v.enabled_levels };
  });
}

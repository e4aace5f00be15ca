// /api/supervision/rules: the rule library (SUP-5) — the live rules, backtest, the versions of a
// rule, a new draft version and its activation. Reading the list needs supervision.view; the
// rest needs supervision.rules; activation also needs the top of the platform (rule-admin.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { ErrorResponses } from '../http/schemas.ts';
import { backtestRule } from './backtest.ts';
import { getConfig } from './config.ts';
import { DateTime, Level } from './api-schemas.ts';
import { ACTIVATE_ACTION, RULE_LEVELS, activateRuleVersion, createRuleVersion, listRuleVersions, mayActivateRules, type RuleVersionView } from './rule-admin.ts';

const CodeParams = z.object({ code: z.string().regex(/^[A-Z0-9_]{2,60}$/) });
const RuleLevel = z.enum(RULE_LEVELS);
const Params = z.record(z.string().max(60), z.unknown());
const Reason = z.string().trim().min(2, '请填写原因（至少 2 个字）').max(500);

const RuleVersionSchema = z.object({
  version: z.number(), severity: Level, params: z.record(z.string(), z.unknown()), enabledLevels: z.array(z.string()), note: z.string().nullable(),
  createdAt: z.string(), createdBy: z.number().nullable(), createdByName: z.string().nullable(), active: z.boolean(),
});
const toVersion = (v: RuleVersionView) => ({ ...v, createdAt: v.createdAt.toISOString() });

export const ruleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const view = { permission: 'supervision.view', staffOnly: true } as const;
  const rules = { permission: 'supervision.rules', staffOnly: true } as const;
  // The shipped rules are written on first use of the configuration (ensureDefaults).
  app.addHook('preHandler', async () => {
    await getConfig(ctx.db, ctx.now());
  });

  app.get('/supervision/rules', {
    config: view,
    schema: {
      tags: ['supervision'], summary: '监察规则库',
      response: { 200: z.object({ items: z.array(z.object({ code: z.string(), kind: z.string(), name: z.string(), category: z.string(), severity: z.string(), basis: z.string(), params: z.unknown(), enabledLevels: z.array(z.string()), version: z.number() })) }), ...ErrorResponses },
    },
  }, async () => ({ items: (await getConfig(ctx.db, ctx.now())).rules }));

  app.post('/supervision/rules/:code/backtest', {
    config: { ...rules, action: 'supervision.rule_backtest' },
    schema: {
      tags: ['supervision'], summary: '规则回测：按历史办件计算将会发出的信号（不实际发出）',
      params: CodeParams,
      body: z.object({ version: z.number().int().positive().optional(), params: z.record(z.string(), z.unknown()).optional(), from: DateTime, to: DateTime }),
      response: { 200: z.unknown(), ...ErrorResponses },
    },
  }, async (req) => backtestRule(ctx.db, req.params.code, { version: req.body.version, params: req.body.params }, new Date(req.body.from), new Date(req.body.to)));

  app.get('/supervision/rules/:code/versions', {
    config: rules,
    schema: {
      tags: ['supervision'], summary: '规则的全部版本（新版本在前）、当前生效版本和启用记录',
      description: 'mayActivate：当前用户能否启用版本（规则在全平台生效，只有辖区覆盖全平台的用户可以启用）。activations 取自操作日志。',
      params: CodeParams,
      response: {
        200: z.object({
          rule: z.object({
            code: z.string(), kind: z.string(), name: z.string(), category: z.string(), basis: z.string(), severity: Level, params: z.record(z.string(), z.unknown()),
            enabledLevels: z.array(z.string()), version: z.number(), updatedAt: z.string(), updatedByName: z.string().nullable(),
          }),
          activeVersion: z.number(), mayActivate: z.boolean(), levels: z.array(z.string()).describe('可启用的区划层级'),
          versions: z.array(RuleVersionSchema),
          activations: z.array(z.object({ at: z.string(), version: z.number().nullable(), previousVersion: z.number().nullable(), reason: z.string().nullable(), byName: z.string().nullable() })),
        }),
        ...ErrorResponses,
      },
    },
  }, async (req) => {
    const { rule: r, versions, activations } = await listRuleVersions(ctx.db, req.params.code);
    return {
      rule: {
        code: r.code, kind: r.kind, name: r.name, category: r.category, basis: r.basis, severity: r.severity, params: r.params as Record<string, unknown>,
        enabledLevels: r.enabled_levels, version: r.version, updatedAt: r.updated_at.toISOString(), updatedByName: r.updated_by_name,
      },
      activeVersion: r.version, mayActivate: await mayActivateRules(ctx.db, actorOf(req)), levels: [...RULE_LEVELS],
      versions: versions.map(toVersion),
      activations: activations.map((x) => ({ ...x, at: x.at.toISOString() })),
    };
  });

  app.post('/supervision/rules/:code/versions', {
    config: { ...rules, action: 'supervision.rule_version_create' },
    schema: {
      tags: ['supervision'], summary: '新建规则版本（草稿，不改变生效规则；版本写入后不可修改）',
      description: 'params 按规则类型的参数模式校验（缺省值补齐，未知参数拒绝：400 INVALID_PARAMS）；enabledLevels 为空表示停用。',
      params: CodeParams,
      body: z.object({
        severity: Level, params: Params, enabledLevels: z.array(RuleLevel).max(RULE_LEVELS.length),
        note: z.string().trim().min(2, '请填写修订说明（至少 2 个字）').max(500),
      }),
      response: { 200: z.object({ version: RuleVersionSchema }), ...ErrorResponses },
    },
  }, async (req) => {
    const v = await createRuleVersion(ctx.db, actorOf(req), req.params.code, req.body, ctx.now());
    req.audit = { targetType: 'sup_rule', targetId: req.params.code, detail: { version: v.version, severity: v.severity, enabledLevels: v.enabledLevels, params: v.params, note: v.note } };
    return { version: toVersion(v) };
  });

  app.post('/supervision/rules/:code/activate', {
    config: { ...rules, action: ACTIVATE_ACTION },
    schema: {
      tags: ['supervision'], summary: '启用规则版本（成为生效规则，各进程 2 秒内重新读取）',
      description: '启用已生效的版本返回 409 VERSION_ALREADY_ACTIVE。停用规则即启用一个 enabledLevels 为空的版本。只有辖区覆盖全平台的用户可以启用（403 RULE_ACTIVATION_TOP_LEVEL_ONLY）。',
      params: CodeParams,
      body: z.object({ version: z.number().int().positive(), reason: Reason }),
      response: {
        200: z.object({ code: z.string(), version: z.number(), previousVersion: z.number(), severity: Level, enabledLevels: z.array(z.string()) }),
        ...ErrorResponses,
      },
    },
  }, async (req) => {
    req.audit = { targetType: 'sup_rule', targetId: req.params.code, detail: { version: req.body.version, reason: req.body.reason } };
    const r = await activateRuleVersion(ctx.db, actorOf(req), req.params.code, req.body.version, ctx.now());
    req.audit.detail = { ...req.audit.detail, previousVersion: r.previousVersion };
    return r;
  });
};

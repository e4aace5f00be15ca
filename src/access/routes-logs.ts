import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { ErrorResponses } from '../http/schemas.ts';
import { iso, page } from '../http/paging.ts';
import { getSecurityPolicy, SecurityPolicySchema, setSecurityPolicy } from './settings.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';

// Logs are ordered newest first by id; `after` is the smallest id of the previous page.
const LogPage = {
  after: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  username: z.string().max(64).optional(),
  result: z.string().max(20).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('起始时间（含）'),
  to: z.iso.datetime({ offset: true }).optional().describe('截止时间（不含）'),
};

const LoginEntry = z.object({
  id: z.number(), at: z.string(), username: z.string(), userId: z.number().nullable(), ip: z.string().nullable(),
  userAgent: z.string().nullable(), result: z.string(), detail: z.string().nullable(),
});
const OpEntry = z.object({
  id: z.number(), at: z.string(), userId: z.number().nullable(), username: z.string().nullable(), unitId: z.number().nullable(),
  ip: z.string().nullable(), requestId: z.string().nullable(), method: z.string().nullable(), route: z.string().nullable(),
  action: z.string(), targetType: z.string().nullable(), targetId: z.string().nullable(), result: z.string(),
  statusCode: z.number().nullable(), detail: z.unknown(),
});

export const logRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const db: Kysely<DB> = ctx.db;

  app.get('/logs/login', {
    config: { permission: 'log.view' },
    schema: {
      tags: ['audit'], summary: '登录日志',
      querystring: z.object(LogPage),
      response: { 200: z.object({ items: z.array(LoginEntry), nextCursor: z.number().nullable() }), ...ErrorResponses },
    },
  }, async (req) => {
    const f = req.query;
    let q = db.selectFrom('login_log').selectAll().orderBy('id', 'desc').limit(f.limit + 1);
    if (f.after) q = q.where('id', '<', f.after);
    if (f.username) q = q.where('username', '=', f.username);
    if (f.result) q = q.where('result', '=', f.result);
    if (f.from) q = q.where('at', '>=', new Date(f.from));
    if (f.to) q = q.where('at', '<', new Date(f.to));
    const p = page(await q.execute(), f.limit);
    return {
      items: p.items.map((r) => ({ id: r.id, at: r.at.toISOString(), username: r.username, userId: r.user_id, ip: r.ip, userAgent: r.user_agent, result: r.result, detail: r.detail })),
      nextCursor: p.nextCursor,
    };
  });

  app.get('/logs/operations', {
    config: { permission: 'log.view' },
    schema: {
      tags: ['audit'], summary: '操作日志',
      querystring: z.object({ ...LogPage, action: z.string().max(80).optional() }),
      response: { 200: z.object({ items: z.array(OpEntry), nextCursor: z.number().nullable() }), ...ErrorResponses },
    },
  }, async (req) => {
    const f = req.query;
    let q = db.selectFrom('operation_log').selectAll().orderBy('id', 'desc').limit(f.limit + 1);
    if (f.after) q = q.where('id', '<', f.after);
    if (f.username) q = q.where('username', '=', f.username);
    if (f.result) q = q.where('result', '=', f.result as 'ok');
    if (f.action) q = q.where('action', 'like', `${f.action.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
    if (f.from) q = q.where('at', '>=', new Date(f.from));
    if (f.to) q = q.where('at', '<', new Date(f.to));
    const p = page(await q.execute(), f.limit);
    return {
      items: p.items.map((r) => ({
        id: r.id, at: r.at.toISOString(), userId: r.user_id, username: r.username, unitId: r.unit_id, ip: r.ip, requestId: r.request_id,
        method: r.method, route: r.route, action: r.action, targetType: r.target_type, targetId: r.target_id, result: r.result,
        statusCode: r.status_code, detail: r.detail,
      })),
      nextCursor: p.nextCursor,
    };
  });

  app.get('/settings/security', {
    config: { permission: 'settings.manage' },
    schema: { tags: ['audit'], summary: '安全策略', response: { 200: SecurityPolicySchema, ...ErrorResponses } },
  }, async () => getSecurityPolicy(db));

  app.put('/settings/security', {
    config: { permission: 'settings.manage', action: 'settings.security' },
    schema: { tags: ['audit'], summary: '修改安全策略', body: SecurityPolicySchema, response: { 200: SecurityPolicySchema, ...ErrorResponses } },
  }, async (req) => {
    await setSecurityPolicy(db, req.body, actorOf(req).userId, ctx.now());
    req.audit = { targetType: 'settings', targetId: 'security', detail: req.body };
    return getSecurityPolicy(db);
  });
  void iso;
};

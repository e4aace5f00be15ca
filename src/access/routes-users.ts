import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { ErrorResponses, IdParams, ReasonBody, boolQuery, optText } from '../http/schemas.ts';
import { PageQuery, iso, page, pageSchema } from '../http/paging.ts';
import {
  createStaffUser, getUser, listUsers, maskIdNumber, resetPassword, setUserActive, unlockUser, updateUser,
} from './users.ts';
import { createRole, listRoles, updateRole } from './roles.ts';
import { PERMISSIONS, SCOPE_NAMES } from './permissions.ts';

const Scope = z.enum(['all', 'region', 'unit_tree', 'unit', 'self']);
const UserSummary = z.object({
  id: z.number(), username: z.string(), displayName: z.string(), kind: z.enum(['staff', 'applicant']),
  unitId: z.number().nullable(), unitName: z.string().nullable(), roles: z.array(z.string()), active: z.boolean(),
  locked: z.boolean(), lastLoginAt: z.string().nullable(),
});
const UserDetail = UserSummary.extend({
  phone: z.string().nullable(), email: z.string().nullable(), idNumberMasked: z.string().nullable(),
  applicantType: z.enum(['person', 'organisation']).nullable(), orgName: z.string().nullable(), creditCode: z.string().nullable(),
  postIds: z.array(z.number()), mustChangePassword: z.boolean(), createdAt: z.string(), deactivatedReason: z.string().nullable(),
});
type Row = Awaited<ReturnType<typeof getUser>>;
const toSummary = (u: Omit<Row, 'postIds'>) => ({
  id: u.id, username: u.username, displayName: u.display_name, kind: u.kind, unitId: u.unit_id, unitName: u.unit_name ?? null,
  roles: u.roles, active: u.active, locked: u.locked, lastLoginAt: iso(u.last_login_at),
});
const toDetail = (u: Row) => ({
  ...toSummary(u), phone: u.phone, email: u.email, idNumberMasked: maskIdNumber(u.id_number), applicantType: u.applicant_type,
  orgName: u.org_name, creditCode: u.credit_code, postIds: u.postIds, mustChangePassword: u.must_change_password,
  createdAt: u.created_at.toISOString(), deactivatedReason: u.deactivated_reason,
});
const RoleSchema = z.object({
  code: z.string(), name: z.string(), scope: Scope, scopeName: z.string(), permissions: z.array(z.string()),
  description: z.string().nullable(), builtin: z.boolean(), active: z.boolean(),
});
const toRole = (r: any) => ({
  code: r.code, name: r.name, scope: r.scope, scopeName: SCOPE_NAMES[r.scope as keyof typeof SCOPE_NAMES], permissions: r.permissions,
  description: r.description, builtin: r.builtin, active: r.active,
});
const email = z.string().trim().email('邮箱格式不正确').max(100).nullish().or(z.literal('').transform(() => null));

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/users', {
    config: { permission: 'user.view' },
    schema: {
      tags: ['users'], summary: '用户列表',
      querystring: z.object({
        unitId: z.coerce.number().int().positive().optional(), q: z.string().max(50).optional(), role: z.string().max(40).optional(),
        active: boolQuery.optional(), kind: z.enum(['staff', 'applicant']).optional(), ...PageQuery,
      }),
      response: { 200: pageSchema(UserSummary), ...ErrorResponses },
    },
  }, async (req) => {
    const p = page(await listUsers(ctx.db, actorOf(req), req.query, ctx.now()), req.query.limit);
    return { items: p.items.map(toSummary), nextCursor: p.nextCursor };
  });

  app.get('/users/:id', {
    config: { permission: 'user.view', personalData: true, action: 'user.view' },
    schema: { tags: ['users'], summary: '用户详情（访问个人信息将记录日志）', params: IdParams, response: { 200: UserDetail, ...ErrorResponses } },
  }, async (req) => {
    req.audit = { targetType: 'user', targetId: req.params.id };
    return toDetail(await getUser(ctx.db, actorOf(req), req.params.id, ctx.now()));
  });

  app.post('/users', {
    config: { permission: 'user.manage', action: 'user.create' },
    schema: {
      tags: ['users'], summary: '新增工作人员账户',
      body: z.object({
        username: z.string().trim().min(3).max(32), displayName: z.string().trim().min(1).max(64), unitId: z.number().int().positive(),
        phone: optText(20), email, roles: z.array(z.string().max(40)).max(20).default([]), postIds: z.array(z.number().int().positive()).max(50).default([]),
      }),
      response: { 201: z.object({ user: UserDetail, initialPassword: z.string() }), ...ErrorResponses },
    },
  }, async (req, reply) => {
    const a = actorOf(req);
    const r = await createStaffUser(ctx.db, a, req.body, ctx.now());
    req.audit = { targetType: 'user', targetId: r.id, detail: { roles: req.body.roles } };
    return reply.status(201).send({ user: toDetail(await getUser(ctx.db, a, r.id, ctx.now())), initialPassword: r.initialPassword });
  });

  app.patch('/users/:id', {
    config: { permission: 'user.manage', action: 'user.update' },
    schema: {
      tags: ['users'], summary: '修改用户、分配角色与岗位', params: IdParams,
      body: z.object({
        displayName: z.string().trim().min(1).max(64).optional(), phone: optText(20), email,
        roles: z.array(z.string().max(40)).max(20).optional(), postIds: z.array(z.number().int().positive()).max(50).optional(),
        unitId: z.number().int().positive().optional(),
      }),
      response: { 200: UserDetail, ...ErrorResponses },
    },
  }, async (req) => {
    const a = actorOf(req);
    await updateUser(ctx.db, a, req.params.id, req.body, ctx.now());
    req.audit = { targetType: 'user', targetId: req.params.id, detail: req.body };
    return toDetail(await getUser(ctx.db, a, req.params.id, ctx.now()));
  });

  const userAction = (path: string, action: string, summary: string, run: (a: any, id: number, body: any) => Promise<unknown>, withReason = false) =>
    app.post(`/users/:id/${path}`, {
      config: { permission: 'user.manage', action },
      schema: {
        tags: ['users'], summary, params: IdParams, ...(withReason && { body: ReasonBody }),
        response: { 200: z.object({ user: UserDetail, initialPassword: z.string().optional() }), ...ErrorResponses },
      },
    }, async (req) => {
      const a = actorOf(req);
      req.audit = { targetType: 'user', targetId: req.params.id, ...(withReason && { detail: req.body as object as Record<string, unknown> }) };
      const extra = await run(a, req.params.id, req.body);
      return { user: toDetail(await getUser(ctx.db, a, req.params.id, ctx.now())), ...(typeof extra === 'string' && { initialPassword: extra }) };
    });
  userAction('deactivate', 'user.deactivate', '停用用户（不删除）', (a, id, b) => setUserActive(ctx.db, a, id, false, b.reason, ctx.now()), true);
  userAction('activate', 'user.activate', '启用用户', (a, id) => setUserActive(ctx.db, a, id, true, null, ctx.now()));
  userAction('reset-password', 'user.reset_password', '重置密码（下次登录须修改）', (a, id) => resetPassword(ctx.db, a, id, ctx.now()));
  userAction('unlock', 'user.unlock', '解除登录锁定', (a, id) => unlockUser(ctx.db, a, id, ctx.now()));

  // ---- roles ----
  app.get('/roles', {
    config: { staffOnly: true },
    schema: {
      tags: ['users'], summary: '角色、权限与数据范围',
      response: {
        200: z.object({
          items: z.array(RoleSchema),
          permissions: z.array(z.object({ code: z.string(), name: z.string() })),
          scopes: z.array(z.object({ code: Scope, name: z.string() })),
        }),
        ...ErrorResponses,
      },
    },
  }, async () => ({
    items: (await listRoles(ctx.db)).map(toRole),
    permissions: Object.entries(PERMISSIONS).map(([code, name]) => ({ code, name })),
    scopes: Object.entries(SCOPE_NAMES).map(([code, name]) => ({ code: code as z.infer<typeof Scope>, name })),
  }));

  app.post('/roles', {
    config: { permission: 'role.manage', action: 'role.create' },
    schema: {
      tags: ['users'], summary: '新增角色',
      body: z.object({
        code: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, '角色编码为小写字母开头的字母、数字、下划线'), name: z.string().trim().min(1).max(40),
        scope: Scope, permissions: z.array(z.string()).max(100), description: optText(200),
      }),
      response: { 201: RoleSchema, ...ErrorResponses },
    },
  }, async (req, reply) => {
    const r = await createRole(ctx.db, actorOf(req), req.body, ctx.now());
    req.audit = { targetType: 'role', targetId: r.code, detail: req.body };
    return reply.status(201).send(toRole(r));
  });

  app.patch('/roles/:code', {
    config: { permission: 'role.manage', action: 'role.update' },
    schema: {
      tags: ['users'], summary: '修改角色', params: z.object({ code: z.string().max(40) }),
      body: z.object({
        name: z.string().trim().min(1).max(40).optional(), scope: Scope.optional(), permissions: z.array(z.string()).max(100).optional(),
        description: optText(200), active: z.boolean().optional(),
      }),
      response: { 200: RoleSchema, ...ErrorResponses },
    },
  }, async (req) => {
    req.audit = { targetType: 'role', targetId: req.params.code, detail: req.body };
    return toRole(await updateRole(ctx.db, actorOf(req), req.params.code, req.body, ctx.now()));
  });
};

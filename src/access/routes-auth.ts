import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePassword, login, logout } from './auth.ts';
import { registerApplicant } from './users.ts';
import { actorOf, clientOf } from '../http/context.ts';
import { SESSION_COOKIE, CSRF_COOKIE } from '../http/server.ts';
import { ErrorResponses } from '../http/schemas.ts';
import { SCOPE_NAMES } from './permissions.ts';
import { loadApplicantProfile, loadMe, MeSchema } from './me.ts';
import { writeOperationLog } from './audit.ts';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const secure = process.env.COOKIE_SECURE === '1';
  app.post('/auth/login', {
    config: { auth: 'public', action: 'auth.login', noCsrf: true },
    schema: {
      tags: ['auth'], summary: '登录',
      body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(128) }),
      response: { 200: z.object({ user: MeSchema, csrfToken: z.string(), mustChangePassword: z.boolean() }), ...ErrorResponses },
    },
  }, async (req, reply) => {
    const now = app.ctx.now();
    const r = await login(app.ctx.db, req.body.username.trim(), req.body.password, clientOf(req), now);
    reply.setCookie(SESSION_COOKIE, r.token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    reply.setCookie(CSRF_COOKIE, r.csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure });
    const me = await loadMe(app.ctx.db, r.userId, r.csrfToken, r.mustChangePassword);
    return { user: me, csrfToken: r.csrfToken, mustChangePassword: r.mustChangePassword };
  });

  app.post('/auth/logout', {
    config: { allowPasswordChange: true, action: 'auth.logout' },
    schema: { tags: ['auth'], summary: '退出登录', response: { 204: z.null(), ...ErrorResponses } },
  }, async (req, reply) => {
    await logout(app.ctx.db, req.session!, clientOf(req), app.ctx.now());
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/auth/me', {
    config: { allowPasswordChange: true, action: 'auth.me' },
    schema: {
      tags: ['auth'], summary: '当前用户（?include=applicant：申请人账户另返回实名信息，用于在线申办预填）',
      querystring: z.object({ include: z.enum(['applicant']).optional() }),
      response: { 200: MeSchema, ...ErrorResponses },
    },
  }, async (req) => {
    const s = req.session!;
    const me = await loadMe(app.ctx.db, s.actor.userId, s.csrfToken, s.mustChangePassword);
    if (req.query.include !== 'applicant' || me.kind !== 'applicant') return me;
    const applicant = await loadApplicantProfile(app.ctx.db, s.actor.userId);
    if (!applicant) return me;
    // SEC-4: reading personal data is logged (the route is not personalData: only this variant is)
    await writeOperationLog(app.ctx.db, {
      at: app.ctx.now(), actor: s.actor, ip: req.ip, requestId: req.id, method: req.method, route: req.routeOptions.url ?? req.url,
      action: 'auth.me:personal_data', statusCode: 200, note: { targetType: 'user', targetId: s.actor.userId, detail: { include: 'applicant' } },
    });
    return { ...me, applicant };
  });

  app.post('/auth/change-password', {
    config: { allowPasswordChange: true, action: 'auth.change_password' },
    schema: {
      tags: ['auth'], summary: '修改密码',
      body: z.object({ oldPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) }),
      response: { 204: z.null(), ...ErrorResponses },
    },
  }, async (req, reply) => {
    await changePassword(app.ctx.db, req.session!, req.body.oldPassword, req.body.newPassword, app.ctx.now());
    req.audit = { targetType: 'user', targetId: actorOf(req).userId };
    return reply.status(204).send(null);
  });

  app.post('/public/register', {
    config: { auth: 'public', action: 'public.register', noCsrf: true },
    schema: {
      tags: ['public'], summary: '申请人实名注册（网上政务大厅）',
      body: z.object({
        username: z.string().min(3).max(32),
        password: z.string().min(1).max(128),
        displayName: z.string().min(1).max(64).describe('姓名或经办人姓名'),
        applicantType: z.enum(['person', 'organisation']),
        idNumber: z.string().max(18).nullish(),
        orgName: z.string().max(128).nullish(),
        creditCode: z.string().max(18).nullish(),
        phone: z.string().max(20),
      }),
      response: { 201: z.object({ id: z.number(), username: z.string() }), ...ErrorResponses },
    },
  }, async (req, reply) => {
    const row = await registerApplicant(app.ctx.db, req.body, app.ctx.now());
    req.audit = { targetType: 'user', targetId: row.id };
    return reply.status(201).send(row);
  });

  void SCOPE_NAMES;
};

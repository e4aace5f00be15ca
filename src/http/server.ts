// The Fastify application: schemas (zod) for every request and response, OpenAPI 3.1 at
// /docs from the same schemas, one error shape, sessions + CSRF, operation log, the web app.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { AppError, forbidden, unauthenticated, type ErrorBody } from './errors.ts';
import type { AppContext } from './context.ts';
import { resolveSession } from '../access/auth.ts';
import { writeOperationLog } from '../access/audit.ts';
import { registerRoutes } from './routes.ts';

export const SESSION_COOKIE = 'sl_session';
export const CSRF_COOKIE = 'sl_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface BuildOptions {
  ctx: AppContext;
  logger?: FastifyServerOptions['logger'];
  /** Directory of the built web app; served when it exists. */
  webDir?: string;
  cookieSecure?: boolean;
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID(),
    trustProxy: process.env.TRUST_PROXY === '1',
    bodyLimit: 10 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', opts.ctx);
  app.decorateRequest('session', null);
  app.decorateRequest('audit', null as any);
  // The route table, for the route-guard test and tooling.
  const routeTable: { method: string; url: string }[] = [];
  (app as any)[Symbol.for('sunlight.routes')] = routeTable;
  app.addHook('onRoute', (r) => {
    for (const m of ([] as string[]).concat(r.method)) routeTable.push({ method: m, url: r.url });
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Sunlight 阳光政务监察平台 API', version: '0.1.0', description: '错误统一为 { error: { code, message, details } }' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', async (req, reply) => {
    req.audit = {};
    reply.header('x-request-id', req.id);
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await resolveSession(app.ctx.db, token, app.ctx.now());
    if (found.ok) req.session = found.session;
    else if (found.reason === 'idle' || found.reason === 'expired') {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      (req as any).sessionEnded = found.reason;
    }
  });

  // Before validation, so an anonymous or forged request learns nothing about the schema.
  app.addHook('preValidation', async (req) => {
    const cfg = req.routeOptions.config ?? {};
    if (!req.url.startsWith('/api/') || cfg.auth === 'public') return;
    const s = req.session;
    if (!s) {
      const ended = (req as any).sessionEnded as string | undefined;
      if (ended === 'idle') throw unauthenticated('长时间未操作，会话已超时，请重新登录', 'SESSION_TIMEOUT');
      if (ended === 'expired') throw unauthenticated('会话已过期，请重新登录', 'SESSION_EXPIRED');
      throw unauthenticated();
    }
    if (!SAFE_METHODS.has(req.method) && !cfg.noCsrf) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== s.csrfToken) throw forbidden('请求校验失败（CSRF），请刷新页面后重试', 'CSRF_FAILED');
    }
    if (s.mustChangePassword && !cfg.allowPasswordChange)
      throw forbidden('请先修改初始密码或已过期的密码', 'PASSWORD_CHANGE_REQUIRED');
    if (cfg.staffOnly && s.actor.kind !== 'staff') throw forbidden();
    if (cfg.permission && !s.actor.permissions.has(cfg.permission)) throw forbidden('当前角色无权执行此操作', 'FORBIDDEN', { permission: cfg.permission });
  });

  // onSend, not onResponse: the log row is written before the caller sees the answer.
  app.addHook('onSend', async (req, reply, payload) => {
    const cfg = req.routeOptions.config ?? {};
    if (!req.url.startsWith('/api/')) return payload;
    const mutating = !SAFE_METHODS.has(req.method);
    const personal = cfg.personalData && reply.statusCode < 400;
    if (!mutating && !personal) return payload;
    if (cfg.action === 'auth.login') return payload; // the login log has it
    try {
      await writeOperationLog(app.ctx.db, {
        at: app.ctx.now(),
        actor: req.session?.actor ?? null,
        ip: req.ip,
        requestId: req.id,
        method: req.method,
        route: req.routeOptions.url ?? req.url,
        action: personal && !mutating ? `${cfg.action ?? 'read'}:personal_data` : (cfg.action ?? `${req.method} ${req.routeOptions.url ?? req.url}`),
        statusCode: reply.statusCode,
        note: req.audit,
      });
    } catch (e) {
      req.log.error({ err: e }, 'operation log write failed');
    }
    return payload;
  });

  app.setErrorHandler((err: any, req, reply) => {
    const send = (status: number, body: ErrorBody) => reply.status(status).send(body);
    if (err instanceof AppError) return send(err.status, { error: { code: err.code, message: err.message, details: err.details } });
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v: any) => ({
        path: [err.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])].join('.'),
        message: v.message,
      }));
      return send(400, { error: { code: 'VALIDATION_FAILED', message: '请求参数不合法：' + issues.map((i: any) => `${i.path} ${i.message}`).join('；'), details: { issues } } });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' } });
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.statusCode === 400)
      return send(400, { error: { code: 'BAD_REQUEST', message: '请求格式不正确', details: { reason: err.message } } });
    if (err.statusCode === 413) return send(413, { error: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' } });
    if (isResponseSerializationError(err)) req.log.error({ err, issues: err.cause?.issues }, 'response does not match schema');
    else req.log.error({ err }, 'unhandled error');
    return send(500, { error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试', details: { requestId: req.id } } });
  });

  await app.register(registerRoutes, { prefix: '/api' });

  const webDir = opts.webDir;
  if (webDir && existsSync(join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/docs')) return reply.sendFile('index.html');
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '资源不存在' } });
    });
  } else {
    app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: { code: 'NOT_FOUND', message: '资源不存在' } }));
  }
  return app;
}

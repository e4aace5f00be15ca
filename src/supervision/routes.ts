// /api/supervision: the signal queue and detail, the console overview, the bell, documents,
// the rule library (routes-rules.ts: versions, backtest, activation), and the live stream (SSE).
// Reads need supervision.view (supervisors: their region and below; unit leaders/admins: their
// units), rules need supervision.rules.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { ErrorResponses, IdParams, OkSchema } from '../http/schemas.ts';
import { PageQuery, iso, page, pageSchema } from '../http/paging.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import './register.ts';
import { bell, getDocument, getSignal, listSignals, markRead, overview, signalDocuments, signalEvents, unreadCount } from './queries.ts';
import { renderDocumentHtml } from './documents.ts';
import { LiveHub } from './live.ts';
import { ruleRoutes } from './routes-rules.ts';

import { Level, Category, DateTime, SignalSchema, toSignal, EventSchema } from './api-schemas.ts';
import { handlingRoutes } from './routes-handling.ts';
import { mayReopen } from './handling.ts';

const Counts = { reminder: z.number(), yellow: z.number(), red: z.number(), open: z.number() };

export const supervisionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const view = { permission: 'supervision.view', staffOnly: true } as const;
  await app.register(handlingRoutes);

  app.get('/supervision/signals', {
    config: view,
    schema: {
      tags: ['supervision'], summary: '监察信号列表（台账，按辖区）',
      querystring: z.object({
        level: Level.optional(), status: z.string().max(30).optional(), category: Category.optional(), ruleCode: z.string().max(60).optional(),
        unitId: z.coerce.number().int().positive().optional(), caseId: z.coerce.number().int().positive().optional(),
        itemId: z.coerce.number().int().positive().optional(), from: DateTime.optional(), to: DateTime.optional(), ...PageQuery,
      }),
      response: { 200: pageSchema(SignalSchema), ...ErrorResponses },
    },
  }, async (req) => {
    const q = req.query;
    const rows = await listSignals(ctx.db, actorOf(req), { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
    const p = page(rows, q.limit);
    return { items: p.items.map(toSignal), nextCursor: p.nextCursor };
  });

  app.get('/supervision/signals/:id', {
    config: view,
    schema: {
      tags: ['supervision'], summary: '监察信号详情（证据、处置记录、文书）', params: IdParams,
      response: {
        200: z.object({
          signal: SignalSchema, events: z.array(EventSchema),
          documents: z.array(z.object({ id: z.number(), kind: z.string(), title: z.string(), docNo: z.string(), verificationCode: z.string(), issuedAt: z.string() })),
        }),
        ...ErrorResponses,
      },
    },
  }, async (req) => {
    const a = actorOf(req);
    const s = await getSignal(ctx.db, a, req.params.id);
    const events = await signalEvents(ctx.db, s.id);
    const docs = await signalDocuments(ctx.db, a, s.id);
    const signal = toSignal(s);
    // 再监察 is offered only to a level above the one that closed the signal (SUP-8).
    signal.allowedActs = signal.allowedActs.filter((act) => act !== 'reopen' || mayReopen(a, s));
    return {
      signal,
      events: events.map((e) => ({ seq: e.seq, type: e.type, at: e.at.toISOString(), actorName: e.actorName, data: e.data, hash: e.hash })),
      documents: docs.map((d) => ({ id: d.id, kind: d.kind, title: d.title, docNo: d.doc_no, verificationCode: d.verification_code, issuedAt: d.issued_at.toISOString() })),
    };
  });

  app.get('/supervision/documents/:id/html', {
    config: view,
    schema: { tags: ['supervision'], summary: '监察文书（可打印页面）', params: IdParams },
  }, async (req, reply) => {
    const { doc, unitName } = await getDocument(ctx.db, actorOf(req), req.params.id);
    return reply.type('text/html; charset=utf-8').send(renderDocumentHtml(doc, unitName));
  });

  app.get('/supervision/overview', {
    config: view,
    schema: {
      tags: ['supervision'], summary: '监察总览（汇总表：按单位和等级、按区划和区划层级、每日趋势、最差单位和事项）',
      querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
      response: {
        200: z.object({
          totals: z.record(z.string(), z.object({ raised: z.number(), open: z.number() })), units: z.array(z.unknown()),
          regions: z.array(z.object({ regionCode: z.string(), name: z.string(), regionLevel: z.string(), ...Counts })).describe('按责任单位所在区划（不含下级）'),
          regionLevels: z.array(z.object({ regionLevel: z.string(), regions: z.number(), ...Counts })).describe('按区划层级（省、市、县）'),
          trend: z.array(z.object({ day: z.string(), level: z.string(), raised: z.number() })), worstUnits: z.array(z.unknown()), worstItems: z.array(z.unknown()),
        }),
        ...ErrorResponses,
      },
    },
  }, async (req) => overview(ctx.db, actorOf(req), req.query.days, chinaDateOf(ctx.now())));

  // ---------- the bell ----------
  app.get('/supervision/notifications', {
    config: { staffOnly: true },
    schema: {
      tags: ['supervision'], summary: '站内通知（铃铛）', querystring: z.object(PageQuery),
      response: {
        200: pageSchema(z.object({ id: z.number(), subject: z.string(), body: z.string(), link: z.string().nullable(), signalId: z.number().nullable(), taskId: z.number().nullable(), createdAt: z.string(), readAt: z.string().nullable() })),
        ...ErrorResponses,
      },
    },
  }, async (req) => {
    const p = page(await bell(ctx.db, actorOf(req).userId, req.query.after, req.query.limit), req.query.limit);
    return {
      items: p.items.map((n) => ({ id: n.id, subject: n.subject, body: n.body, link: n.link, signalId: n.signal_id, taskId: n.task_id, createdAt: n.created_at.toISOString(), readAt: iso(n.read_at) })),
      nextCursor: p.nextCursor,
    };
  });

  app.get('/supervision/notifications/unread-count', {
    config: { staffOnly: true },
    schema: { tags: ['supervision'], summary: '未读通知数（最多显示 99+）', response: { 200: z.object({ unread: z.number() }), ...ErrorResponses } },
  }, async (req) => ({ unread: await unreadCount(ctx.db, actorOf(req).userId) }));

  app.post('/supervision/notifications/:id/read', {
    config: { staffOnly: true, action: 'supervision.notification_read' },
    schema: { tags: ['supervision'], summary: '标记通知已读', params: IdParams, response: { 200: OkSchema, ...ErrorResponses } },
  }, async (req) => {
    const n = await markRead(ctx.db, actorOf(req).userId, req.params.id, ctx.now());
    if (!n) {
      const { notFound } = await import('../http/errors.ts');
      throw notFound('通知不存在或已读');
    }
    return { ok: true as const };
  });

  app.post('/supervision/notifications/read-all', {
    config: { staffOnly: true, action: 'supervision.notification_read_all' },
    schema: { tags: ['supervision'], summary: '全部标记已读', response: { 200: z.object({ ok: z.literal(true), marked: z.number() }), ...ErrorResponses } },
  }, async (req) => ({ ok: true as const, marked: await markRead(ctx.db, actorOf(req).userId, null, ctx.now()) }));

  // ---------- rules (routes-rules.ts) ----------
  await app.register(ruleRoutes);

  // ---------- live (SSE) ----------
  let hub: LiveHub | null = null;
  app.addHook('onClose', async () => {
    await hub?.close();
  });
  app.get('/supervision/stream', {
    config: view,
    schema: { tags: ['supervision'], summary: '实时推送（server-sent events）：辖区内新增或变更的监察信号' },
  }, async (req, reply) => {
    const a = actorOf(req);
    hub ??= new LiveHub(ctx.db, { databaseUrl: ctx.dbKind === 'postgres' ? process.env.DATABASE_URL : undefined });
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    const unsubscribe = await hub.subscribe(a, (s) => res.write(`event: signal\nid: ${s.eventId}\ndata: ${JSON.stringify(s)}\n\n`));
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  });
};

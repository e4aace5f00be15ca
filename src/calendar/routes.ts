import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { ErrorResponses } from '../http/schemas.ts';
import { endOfChinaDay, isIsoDate } from '../domain/calendar.ts';
import { badRequest } from '../http/errors.ts';
import { importDays, loadCalendar, setDay, sourceOf } from './service.ts';

const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const DayKind = z.enum(['workday', 'weekend', 'holiday', 'makeup']);
const DaySchema = z.object({ date: z.string(), working: z.boolean(), kind: DayKind, name: z.string().nullable(), source: z.string().nullable() });

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/calendar/month', {
    config: { staffOnly: true },
    schema: {
      tags: ['calendar'], summary: '工作日历（按月）',
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100), month: z.coerce.number().int().min(1).max(12) }),
      response: { 200: z.object({ year: z.number(), month: z.number(), days: z.array(DaySchema) }), ...ErrorResponses },
    },
  }, async (req) => {
    const { year, month } = req.query;
    const cal = await loadCalendar(ctx.db);
    const grid = cal.monthGrid(year, month);
    const sources = await sourceOf(ctx.db, grid[0].date, grid[grid.length - 1].date);
    return { year, month, days: grid.map((d) => ({ date: d.date, working: d.working, kind: d.kind, name: d.name ?? null, source: sources.get(d.date) ?? null })) };
  });

  app.put('/calendar/days/:date', {
    config: { permission: 'calendar.manage', action: 'calendar.set_day' },
    schema: {
      tags: ['calendar'], summary: '设置节假日或调休上班日（default 恢复默认）',
      params: z.object({ date: DateStr }),
      body: z.object({ kind: z.enum(['holiday', 'workday', 'default']), name: z.string().trim().max(40).nullish() }),
      response: { 200: DaySchema, ...ErrorResponses },
    },
  }, async (req) => {
    const { date } = req.params;
    await setDay(ctx.db, date, req.body.kind, req.body.name ?? null, actorOf(req).userId, ctx.now());
    req.audit = { targetType: 'calendar_day', targetId: date, detail: req.body };
    const d = (await loadCalendar(ctx.db)).dayInfo(date);
    const src = (await sourceOf(ctx.db, date, date)).get(date) ?? null;
    return { date: d.date, working: d.working, kind: d.kind, name: d.name ?? null, source: src };
  });

  app.post('/calendar/import', {
    config: { permission: 'calendar.manage', action: 'calendar.import' },
    schema: {
      tags: ['calendar'], summary: '导入节假日与调休安排（全部成功或全部不导入）',
      body: z.object({ days: z.array(z.object({ date: z.string().max(20), kind: z.string().max(10), name: z.string().max(40).nullish() })).min(1).max(2000) }),
      response: { 200: z.object({ imported: z.number() }), ...ErrorResponses },
    },
  }, async (req) => {
    const imported = await importDays(ctx.db, req.body.days, actorOf(req).userId, ctx.now());
    req.audit = { targetType: 'calendar', detail: { imported } };
    return { imported };
  });

  const compute = (path: string, summary: string, fn: 'addWorkingDays' | 'addNaturalDays') =>
    app.get(path, {
      config: { staffOnly: true },
      schema: {
        tags: ['calendar'], summary,
        querystring: z.object({ date: DateStr, n: z.coerce.number().int().min(0).max(3650) }),
        response: { 200: z.object({ date: z.string(), deadline: z.string() }), ...ErrorResponses },
      },
    }, async (req) => {
      const cal = await loadCalendar(ctx.db);
      if (!isIsoDate(req.query.date)) throw badRequest('INVALID_DATE', `日期 ${req.query.date} 不存在`);
      const date = cal[fn](req.query.date, req.query.n);
      return { date, deadline: endOfChinaDay(date).toISOString() };
    });
  compute('/calendar/add-workdays', '计算 N 个工作日后的期限（自次日起算）', 'addWorkingDays');
  compute('/calendar/add-days', '计算 N 个自然日后的期限（末日为节假日顺延，民法典第二百零三条）', 'addNaturalDays');
};

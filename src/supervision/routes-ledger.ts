// /api/supervision ledger 监察台账 and its export (SEC-2), patrols and sampling (SUP-9).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { ErrorResponses, IdParams } from '../http/schemas.ts';
import { PageQuery, iso, page, pageSchema } from '../http/paging.ts';
import { ApprovalSchema, Category, DateTime, Level, Text, toApproval } from './api-schemas.ts';
import { exportLedger, LEDGER_CURSOR, LEDGER_KINDS, listLedger, requestLedgerExport, type LedgerRow } from './ledger.ts';
import { getApproval } from './approvals.ts';
import { createSampling, getSampling, listPatrols, listSamplings, patrolCompliance, recordPatrol, recordSamplingFinding } from './patrols.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

const PatrolSchema = z.object({
  id: z.number(), patrolledBy: z.number(), unitId: z.number(), regionCode: z.string(), regionLevel: z.string(), targetRegionCode: z.string(),
  target: z.string(), mode: z.string(), day: z.string(), at: z.string(), note: z.string(), findings: z.string().nullable(), signalIds: z.array(z.number()),
  patrolledByName: z.string().nullable(), targetRegionName: z.string().nullable(),
});
const toPatrol = (p: any) => ({
  id: p.id, patrolledBy: p.patrolled_by, patrolledByName: p.patrolled_by_name ?? null, targetRegionName: p.target_region_name ?? null, unitId: p.unit_id, regionCode: p.region_code, regionLevel: p.region_level, targetRegionCode: p.target_region_code,
  target: p.target, mode: p.mode, day: day(p.day), at: p.at.toISOString(), note: p.note, findings: p.findings, signalIds: (p.signal_ids ?? []).map(Number),
});
const SamplingSchema = z.object({ id: z.number(), createdBy: z.number(), criteria: z.unknown(), requested: z.number(), caseIds: z.array(z.number()), note: z.string().nullable(), createdAt: z.string() });
const toSampling = (s: any) => ({ id: s.id, createdBy: s.created_by, criteria: s.criteria, requested: s.requested, caseIds: (s.case_ids ?? []).map(Number), note: s.note, createdAt: s.created_at.toISOString() });
const FindingSchema = z.object({ id: z.number(), caseId: z.number(), result: z.string(), finding: z.string(), signalId: z.number().nullable(), byId: z.number(), at: z.string() });
const toFinding = (f: any) => ({ id: f.id, caseId: Number(f.case_id), result: f.result, finding: f.finding, signalId: f.signal_id, byId: f.by_id, at: f.at.toISOString() });

const LedgerRowSchema = z.object({
  key: z.string().describe('kind:id'), kind: z.string(), id: z.number(), at: z.string(), no: z.string().nullable(), title: z.string(), detail: z.string(),
  level: z.string().nullable(), category: z.string().nullable(), origin: z.string().nullable(), status: z.string(), unitId: z.number(), unitName: z.string(),
  caseId: z.number().nullable(), caseNo: z.string().nullable(), itemName: z.string().nullable(), finding: z.string().nullable(), rectifyDueAt: z.string().nullable(),
  dueAt: z.string().nullable(), closedAt: z.string().nullable(), reopenCount: z.number(), signalId: z.number().nullable(), taskId: z.number().nullable(),
  taskNo: z.string().nullable(), taskStatus: z.string().nullable(), samplingId: z.number().nullable(), byName: z.string().nullable(),
});
const toLedgerRow = (r: LedgerRow) => ({
  ...r, key: `${r.kind}:${r.id}`, at: r.at.toISOString(), rectifyDueAt: iso(r.rectifyDueAt), dueAt: iso(r.dueAt), closedAt: iso(r.closedAt),
});

export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const view = { permission: 'supervision.view', staffOnly: true } as const;
  const handle = { permission: 'supervision.handle', staffOnly: true } as const;

  // ---------- the ledger 监察台账 ----------
  app.get('/supervision/ledger', {
    config: view,
    schema: {
      tags: ['supervision'], summary: '监察台账：信号（认定、整改、督办）、督查督办、抽样监察结论、巡查发现，按时间倒序（本辖区）',
      description: '分页游标 nextCursor 为字符串（各类记录各自的位置），原样作为 after 传回。level、category 只筛选监察信号；status 为信号或督办状态、抽样结论（ok / problem）或 recorded（巡查）。',
      querystring: z.object({
        kind: z.enum(LEDGER_KINDS as [string, ...string[]]).optional(), level: Level.optional(), category: Category.optional(), status: z.string().max(30).optional(),
        unitId: z.coerce.number().int().positive().optional(), from: DateTime.optional(), to: DateTime.optional(),
        after: z.string().regex(LEDGER_CURSOR, '分页游标格式不正确').optional(), limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: { 200: z.object({ items: z.array(LedgerRowSchema), nextCursor: z.string().nullable() }), ...ErrorResponses },
    },
  }, async (req) => {
    const q = req.query;
    const r = await listLedger(ctx.db, actorOf(req), {
      ...q, kind: q.kind as LedgerRow['kind'] | undefined, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
    });
    return { items: r.items.map(toLedgerRow), nextCursor: r.nextCursor };
  });

  // ---------- ledger export (needs an approved request) ----------
  app.post('/supervision/ledger/export-requests', {
    config: { ...view, action: 'supervision.ledger_export_request' },
    schema: {
      tags: ['supervision'], summary: '申请导出监察台账（Excel；须分管领导批准，四川办法第十五条）',
      body: z.object({
        purpose: Text(200),
        filter: z.object({ level: Level.optional(), status: z.string().max(30).optional(), category: Category.optional(), unitId: z.number().int().positive().optional(), from: DateTime.optional(), to: DateTime.optional() }).default({}),
      }),
      response: { 200: z.object({ approval: ApprovalSchema }), ...ErrorResponses },
    },
  }, async (req) => {
    const a = actorOf(req);
    const ap = await requestLedgerExport(ctx.db, a, req.body.filter, req.body.purpose, ctx.now(), req.ip);
    req.audit.targetType = 'approval';
    req.audit.targetId = ap.id;
    return { approval: toApproval(await getApproval(ctx.db, a, ap.id)) };
  });

  app.get('/supervision/ledger/export/:id', {
    config: { ...view, action: 'supervision.ledger_export', personalData: true },
    schema: { tags: ['supervision'], summary: '下载已批准的监察台账导出（一次有效，下载记入操作日志）', params: IdParams },
  }, async (req, reply) => {
    const r = await exportLedger(ctx.db, actorOf(req), req.params.id, ctx.now(), req.ip);
    req.audit.targetType = 'approval';
    req.audit.targetId = req.params.id;
    req.audit.detail = { signals: r.signals, tasks: r.tasks, filter: r.filter };
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="ledger-${req.params.id}.xlsx"; filename*=UTF-8''${encodeURIComponent('监察台账')}-${req.params.id}.xlsx`)
      .send(r.buffer);
  });

  // ---------- patrols 巡查 ----------
  app.post('/supervision/patrols', {
    config: { ...handle, action: 'supervision.patrol' },
    schema: {
      tags: ['supervision'], summary: '登记巡查（本级或下级平台；数据或视频巡查）',
      body: z.object({
        targetRegionCode: z.string().regex(/^\d{6}$/).optional().nullable(), mode: z.enum(['data', 'video']).default('data'), note: Text(2000),
        findings: z.string().trim().max(4000).optional().nullable(), signalIds: z.array(z.number().int().positive()).max(100).optional(),
      }),
      response: { 200: z.object({ patrol: PatrolSchema }), ...ErrorResponses },
    },
  }, async (req) => ({ patrol: toPatrol(await recordPatrol(ctx.db, actorOf(req), req.body, ctx.now())) }));

  app.get('/supervision/patrols', {
    config: view,
    schema: {
      tags: ['supervision'], summary: '巡查记录',
      querystring: z.object({ from: IsoDate.optional(), to: IsoDate.optional(), regionCode: z.string().regex(/^\d{6}$/).optional(), ...PageQuery }),
      response: { 200: pageSchema(PatrolSchema), ...ErrorResponses },
    },
  }, async (req) => {
    const p = page(await listPatrols(ctx.db, actorOf(req), req.query), req.query.limit);
    return { items: p.items.map(toPatrol), nextCursor: p.nextCursor };
  });

  app.get('/supervision/patrols/compliance', {
    config: view,
    schema: {
      tags: ['supervision'], summary: '各级巡查达标情况（每个工作日；省 ≥1，市 ≥2 本级 + ≥1 县级，县 ≥2）',
      querystring: z.object({ from: IsoDate, to: IsoDate }),
      response: { 200: z.unknown(), ...ErrorResponses },
    },
  }, async (req) => patrolCompliance(ctx.db, actorOf(req), req.query.from, req.query.to));

  // ---------- sampling 抽样监察 ----------
  app.post('/supervision/samplings', {
    config: { ...handle, action: 'supervision.sampling' },
    schema: {
      tags: ['supervision'], summary: '随机抽样办件（按单位、事项、日期、状态；给定种子可复现）',
      body: z.object({
        n: z.number().int().min(1).max(200), seed: z.string().trim().min(1).max(64).optional().nullable(), unitId: z.number().int().positive().optional().nullable(),
        itemId: z.number().int().positive().optional().nullable(), status: z.string().max(30).optional().nullable(), from: IsoDate.optional().nullable(), to: IsoDate.optional().nullable(),
        note: z.string().trim().max(2000).optional().nullable(),
      }),
      response: { 200: z.object({ sampling: SamplingSchema }), ...ErrorResponses },
    },
  }, async (req) => {
    const { note, ...criteria } = req.body;
    return { sampling: toSampling(await createSampling(ctx.db, actorOf(req), criteria, note ?? null, ctx.now())) };
  });

  app.get('/supervision/samplings', {
    config: view,
    schema: { tags: ['supervision'], summary: '抽样记录', querystring: z.object(PageQuery), response: { 200: pageSchema(SamplingSchema), ...ErrorResponses } },
  }, async (req) => {
    const p = page(await listSamplings(ctx.db, actorOf(req), req.query.after, req.query.limit), req.query.limit);
    return { items: p.items.map(toSampling), nextCursor: p.nextCursor };
  });

  app.get('/supervision/samplings/:id', {
    config: view,
    schema: {
      tags: ['supervision'], summary: '抽样详情（抽中的办件、发现的问题）', params: IdParams,
      response: {
        200: z.object({
          sampling: SamplingSchema, findings: z.array(FindingSchema),
          cases: z.array(z.object({ id: z.number(), caseNo: z.string(), itemName: z.string(), unitId: z.number(), unitName: z.string(), status: z.string(), receivedAt: z.string() })),
        }),
        ...ErrorResponses,
      },
    },
  }, async (req) => {
    const r = await getSampling(ctx.db, actorOf(req), req.params.id);
    return {
      sampling: toSampling(r.sampling), findings: r.findings.map(toFinding),
      cases: r.cases.map((c) => ({ id: c.id, caseNo: c.case_no, itemName: c.item_name, unitId: c.unit_id, unitName: c.unit_name, status: c.status, receivedAt: c.received_at.toISOString() })),
    };
  });

  app.post('/supervision/samplings/:id/findings', {
    config: { ...handle, action: 'supervision.sampling_finding' },
    schema: {
      tags: ['supervision'], summary: '登记抽样办件的检查结论', params: IdParams,
      body: z.object({ caseId: z.number().int().positive(), result: z.enum(['ok', 'problem']), finding: Text(), signalId: z.number().int().positive().optional().nullable() }),
      response: { 200: z.object({ finding: FindingSchema }), ...ErrorResponses },
    },
  }, async (req) => ({ finding: toFinding(await recordSamplingFinding(ctx.db, actorOf(req), req.params.id, req.body, ctx.now())) }));
};

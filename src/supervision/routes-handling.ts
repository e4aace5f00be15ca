// /api/supervision handling routes (SUP-6…SUP-9, SEC-2): signal acts and manual signals,
// supervision tasks, generic approvals, the ledger and its approved Excel export, patrols
// and sampling. Every mutating route is in the operation log (config.action).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { ErrorResponses, IdParams } from '../http/schemas.ts';
import { PageQuery, page, pageSchema } from '../http/paging.ts';
import { ApprovalSchema, DateTime, EventSchema, Files, Level, SignalSchema, TaskSchema, Text, toApproval, toSignal, toTask } from './api-schemas.ts';
import { actOnSignal, MANUAL_KINDS, raiseManualSignal, type SignalCommand } from './handling.ts';
import { ACT_PERMISSION, type SignalAct } from './handling-machine.ts';
import { actOnTask, createTask, escalateSignal, getTask, listTasks, type TaskCommand } from './tasks.ts';
import { decideApproval, getApproval, listApprovals, withdrawApproval } from './approvals.ts';
import { getSignal, signalEvidence, withUnitName } from './queries.ts';
import { readStream } from '../store/event-chain.ts';
import { scoped } from '../access/scope.ts';
import { ledgerRoutes } from './routes-ledger.ts';

const ManualKind = z.enum(Object.keys(MANUAL_KINDS) as [keyof typeof MANUAL_KINDS, ...(keyof typeof MANUAL_KINDS)[]]);
const Days = z.number().int().min(1).max(60);

/** Body schema and command builder per act; the path is the act with '_' → '-'. */
const ACTS: { act: SignalAct; summary: string; body: z.ZodTypeAny; build: (b: any) => SignalCommand }[] = [
  { act: 'explain', summary: '作出说明或申诉（附件）', body: z.object({ kind: z.enum(['explanation', 'appeal']).default('explanation'), text: Text(), files: Files }), build: (b) => ({ act: 'explain', kind: b.kind, text: b.text, files: b.files }) },
  { act: 'investigate', summary: '立案调查', body: z.object({ note: Text() }), build: (b) => ({ act: 'investigate', note: b.note }) },
  { act: 'demand_materials', summary: '要求被监察单位提供材料（期限，工作日）', body: z.object({ materials: Text(), days: Days.default(5) }), build: (b) => ({ act: 'demand_materials', materials: b.materials, days: b.days }) },
  { act: 'provide_materials', summary: '提供材料（附件）', body: z.object({ text: Text(), files: Files }), build: (b) => ({ act: 'provide_materials', text: b.text, files: b.files }) },
  {
    act: 'find', summary: '认定：成立 / 不成立（不成立即撤销信号）；可生成监察建议书',
    body: z.object({ finding: z.enum(['valid', 'invalid']), reason: Text(), proposal: z.string().trim().max(4000).optional().nullable() }),
    build: (b) => ({ act: 'find', finding: b.finding, reason: b.reason, proposal: b.proposal || null }),
  },
  { act: 'order_rectification', summary: '责令整改（整改期限，工作日；出具整改通知书）', body: z.object({ requirements: Text(), days: Days.optional().nullable() }), build: (b) => ({ act: 'order_rectification', requirements: b.requirements, days: b.days }) },
  { act: 'report_rectification', summary: '报告整改情况（附件）', body: z.object({ text: Text(), files: Files }), build: (b) => ({ act: 'report_rectification', text: b.text, files: b.files }) },
  { act: 'verify', summary: '整改验收：通过 / 不通过（不通过重新计整改期限）', body: z.object({ passed: z.boolean(), opinion: Text(), days: Days.optional().nullable() }), build: (b) => ({ act: 'verify', passed: b.passed, opinion: b.opinion, days: b.days }) },
  { act: 'propose_accountability', summary: '提出责任追究建议', body: z.object({ persons: Text(500), proposal: Text() }), build: (b) => ({ act: 'propose_accountability', persons: b.persons, proposal: b.proposal }) },
  { act: 'close', summary: '办结', body: z.object({ summary: Text() }), build: (b) => ({ act: 'close', summary: b.summary }) },
  { act: 'reopen', summary: '再监察：上级监察机关重新启动已办结信号（理由，重新指派）', body: z.object({ reason: Text(), assigneeId: z.number().int().positive().optional().nullable() }), build: (b) => ({ act: 'reopen', reason: b.reason, assigneeId: b.assigneeId }) },
];

const ActResponse = z.object({ signal: SignalSchema, eventSeq: z.number(), documentId: z.number().nullable() });
const Decision = z.object({ approve: z.boolean(), reason: z.string().trim().max(2000).default('') });

export const handlingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const view = { permission: 'supervision.view', staffOnly: true } as const;

  // ---------- signals: manual signal and handling acts ----------
  app.post('/supervision/signals', {
    config: { permission: 'supervision.handle', staffOnly: true, action: 'supervision.signal_manual' },
    schema: {
      tags: ['supervision'], summary: '人工发出监察信号（成都办法第十条违规情形；办件（编号）、事项或单位）',
      body: z.object({
        kind: ManualKind, level: Level.default('red'), title: z.string().trim().max(200).optional().nullable(), explanation: Text(),
        caseId: z.number().int().positive().optional().nullable(), caseNo: z.string().trim().min(1).max(40).optional().nullable().describe('办件编号（未给 caseId 时）'),
        itemId: z.number().int().positive().optional().nullable(), unitId: z.number().int().positive().optional().nullable(),
      }),
      response: { 200: z.object({ signal: SignalSchema }), ...ErrorResponses },
    },
  }, async (req) => {
    const a = actorOf(req);
    const id = await raiseManualSignal(ctx.db, a, req.body, ctx.now(), req.ip);
    req.audit.targetType = 'signal'; req.audit.targetId = id;
    return { signal: toSignal(await getSignal(ctx.db, a, id)) };
  });

  app.get('/supervision/manual-kinds', {
    config: view,
    schema: { tags: ['supervision'], summary: '可人工发出的违规情形（成都办法第十条）', response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) }), ...ErrorResponses } },
  }, async () => ({ items: Object.entries(MANUAL_KINDS).map(([code, name]) => ({ code, name })) }));

  for (const def of ACTS) {
    app.post(`/supervision/signals/:id/${def.act.replace(/_/g, '-')}`, {
      config: { permission: ACT_PERMISSION[def.act], staffOnly: true, action: `supervision.signal_${def.act}` },
      schema: { tags: ['supervision'], summary: def.summary, params: IdParams, body: def.body, response: { 200: ActResponse, ...ErrorResponses } },
    }, async (req) => {
      req.audit.targetType = 'signal'; req.audit.targetId = req.params.id;
      const r = await actOnSignal(ctx.db, actorOf(req), req.params.id, def.build(req.body), ctx.now(), req.ip);
      return { signal: toSignal({ ...(await withUnitName(ctx.db, r.signal)), evidence: await signalEvidence(ctx.db, r.signal.id) }), eventSeq: r.eventSeq, documentId: r.documentId };
    });
  }

  app.post('/supervision/signals/:id/escalate', {
    config: { permission: 'supervision.handle', staffOnly: true, action: 'supervision.signal_escalate' },
    schema: {
      tags: ['supervision'], summary: '红牌信号一键转督查督办（起草并提交领导批准交办）', params: IdParams,
      body: z.object({ title: z.string().trim().max(200).optional().nullable(), requirements: Text(), limitDays: z.number().int().min(1).max(20).optional().nullable() }),
      response: { 200: z.object({ task: TaskSchema }), ...ErrorResponses },
    },
  }, async (req) => {
    const t = await escalateSignal(ctx.db, actorOf(req), req.params.id, req.body, ctx.now(), req.ip);
    req.audit.targetType = 'sup_task'; req.audit.targetId = t.id;
    return { task: toTask(await withUnitName(ctx.db, t)) };
  });

  // ---------- supervision tasks 督查督办 ----------
  app.get('/supervision/tasks', {
    config: view,
    schema: {
      tags: ['supervision'], summary: '督查督办事项列表',
      querystring: z.object({
        status: z.string().max(30).optional(), unitId: z.coerce.number().int().positive().optional(), signalId: z.coerce.number().int().positive().optional(),
        from: DateTime.optional(), to: DateTime.optional(), ...PageQuery,
      }),
      response: { 200: pageSchema(TaskSchema), ...ErrorResponses },
    },
  }, async (req) => {
    const q = req.query;
    const rows = await listTasks(ctx.db, actorOf(req), { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
    const p = page(rows, q.limit);
    return { items: p.items.map(toTask), nextCursor: p.nextCursor };
  });

  app.post('/supervision/tasks', {
    config: { permission: 'supervision.handle', staffOnly: true, action: 'supervision.task_draft' },
    schema: {
      tags: ['supervision'], summary: '起草督查督办事项（内容、责任单位、要求、期限）',
      body: z.object({ title: Text(200), content: Text(), requirements: Text(), unitId: z.number().int().positive(), limitDays: z.number().int().min(1).max(20).optional().nullable() }),
      response: { 200: z.object({ task: TaskSchema }), ...ErrorResponses },
    },
  }, async (req) => {
    const t = await createTask(ctx.db, actorOf(req), req.body, ctx.now(), req.ip);
    req.audit.targetType = 'sup_task'; req.audit.targetId = t.id;
    return { task: toTask(await withUnitName(ctx.db, t)) };
  });

  app.get('/supervision/tasks/:id', {
    config: view,
    schema: {
      tags: ['supervision'], summary: '督查督办事项详情（处理记录、文书）', params: IdParams,
      response: {
        200: z.object({
          task: TaskSchema, events: z.array(EventSchema),
          documents: z.array(z.object({ id: z.number(), kind: z.string(), title: z.string(), docNo: z.string(), verificationCode: z.string(), issuedAt: z.string() })),
        }),
        ...ErrorResponses,
      },
    },
  }, async (req) => {
    const a = actorOf(req);
    const t = await getTask(ctx.db, a, req.params.id);
    const events = await readStream(ctx.db, 'sup_task_events', `task:${t.id}`);
    const docs = await scoped(ctx.db, a).selectFrom('sup_documents').select(['id', 'kind', 'title', 'doc_no', 'verification_code', 'issued_at']).where('task_id', '=', t.id).orderBy('id').execute();
    return {
      task: toTask(t),
      events: events.map((e) => ({ seq: e.seq, type: e.type, at: e.at.toISOString(), actorName: e.actorName, data: e.data, hash: e.hash })),
      documents: docs.map((d) => ({ id: d.id, kind: d.kind, title: d.title, docNo: d.doc_no, verificationCode: d.verification_code, issuedAt: d.issued_at.toISOString() })),
    };
  });

  const TASK_ACTS: { path: string; permission: string; summary: string; body: z.ZodTypeAny; build: (b: any) => TaskCommand }[] = [
    { path: 'submit', permission: 'supervision.handle', summary: '提交领导批准交办', body: z.object({}), build: () => ({ act: 'submit' }) },
    { path: 'approve', permission: 'supervision.task.approve', summary: '领导批准（或不批准）交办', body: Decision, build: (b) => ({ act: 'decide_dispatch', approve: b.approve, reason: b.reason }) },
    { path: 'request-extension', permission: 'supervision.explain', summary: '责任单位申请延期（一次，≤10 个工作日）', body: z.object({ days: z.number().int().min(1).max(10), reason: Text() }), build: (b) => ({ act: 'request_extension', days: b.days, reason: b.reason }) },
    { path: 'approve-extension', permission: 'supervision.task.approve', summary: '领导批准（或不批准）延期', body: Decision, build: (b) => ({ act: 'decide_extension', approve: b.approve, reason: b.reason }) },
    { path: 'remind', permission: 'supervision.handle', summary: '催办', body: z.object({ note: Text(500) }), build: (b) => ({ act: 'remind', note: b.note }) },
    { path: 'report', permission: 'supervision.explain', summary: '责任单位上报调查处理情况（附件）', body: z.object({ text: Text(), files: Files }), build: (b) => ({ act: 'report', text: b.text, files: b.files }) },
    { path: 'return', permission: 'supervision.handle', summary: '退回补充办理（新的期限，工作日）', body: z.object({ reason: Text(), days: z.number().int().min(1).max(20).optional().nullable() }), build: (b) => ({ act: 'return', reason: b.reason, days: b.days }) },
    { path: 'close', permission: 'supervision.handle', summary: '审核办结', body: z.object({ summary: Text() }), build: (b) => ({ act: 'close', summary: b.summary }) },
  ];
  for (const def of TASK_ACTS) {
    app.post(`/supervision/tasks/:id/${def.path}`, {
      config: { permission: def.permission, staffOnly: true, action: `supervision.task_${def.path.replace(/-/g, '_')}` },
      schema: { tags: ['supervision'], summary: def.summary, params: IdParams, body: def.body, response: { 200: z.object({ task: TaskSchema }), ...ErrorResponses } },
    }, async (req) => {
      req.audit.targetType = 'sup_task'; req.audit.targetId = req.params.id;
      return { task: toTask(await withUnitName(ctx.db, await actOnTask(ctx.db, actorOf(req), req.params.id, def.build(req.body), ctx.now(), req.ip))) };
    });
  }

  // ---------- generic approvals (SEC-2) ----------
  app.get('/supervision/approvals', {
    config: { staffOnly: true },
    schema: {
      tags: ['approvals'], summary: '审批申请（本辖区；mine=true 仅本人提出的；decidable=true 仅本人可审批的待审批申请）',
      querystring: z.object({
        status: z.enum(['pending', 'approved', 'rejected', 'used', 'withdrawn']).optional(), kind: z.string().max(60).optional(),
        mine: z.enum(['true', 'false']).optional(), decidable: z.enum(['true', 'false']).optional(), ...PageQuery,
      }),
      response: { 200: pageSchema(ApprovalSchema), ...ErrorResponses },
    },
  }, async (req) => {
    const q = req.query;
    const rows = await listApprovals(ctx.db, actorOf(req), { status: q.status, kind: q.kind, mine: q.mine === 'true', decidable: q.decidable === 'true', after: q.after, limit: q.limit });
    const p = page(rows, q.limit);
    return { items: p.items.map(toApproval), nextCursor: p.nextCursor };
  });

  app.get('/supervision/approvals/:id', {
    config: { staffOnly: true },
    schema: { tags: ['approvals'], summary: '审批申请详情（含处理记录）', params: IdParams, response: { 200: z.object({ approval: ApprovalSchema, events: z.array(EventSchema) }), ...ErrorResponses } },
  }, async (req) => {
    const ap = await getApproval(ctx.db, actorOf(req), req.params.id);
    const events = await readStream(ctx.db, 'approval_events', `approval:${ap.id}`);
    return { approval: toApproval(ap), events: events.map((e) => ({ seq: e.seq, type: e.type, at: e.at.toISOString(), actorName: e.actorName, data: e.data, hash: e.hash })) };
  });

  app.post('/supervision/approvals/:id/decide', {
    config: { staffOnly: true, action: 'approval.decide' },
    schema: { tags: ['approvals'], summary: '审批：批准或不批准（不批准须说明理由；不能审批本人申请）', params: IdParams, body: Decision, response: { 200: z.object({ approval: ApprovalSchema }), ...ErrorResponses } },
  }, async (req) => {
    req.audit.targetType = 'approval'; req.audit.targetId = req.params.id;
    const a = actorOf(req);
    await decideApproval(ctx.db, a, req.params.id, req.body.approve, req.body.reason, ctx.now(), req.ip);
    return { approval: toApproval(await getApproval(ctx.db, a, req.params.id)) };
  });

  app.post('/supervision/approvals/:id/withdraw', {
    config: { staffOnly: true, action: 'approval.withdraw' },
    schema: { tags: ['approvals'], summary: '撤回本人的待审批申请', params: IdParams, response: { 200: z.object({ approval: ApprovalSchema }), ...ErrorResponses } },
  }, async (req) => {
    const a = actorOf(req);
    await withdrawApproval(ctx.db, a, req.params.id, ctx.now(), req.ip);
    return { approval: toApproval(await getApproval(ctx.db, a, req.params.id)) };
  });

  await app.register(ledgerRoutes);
};

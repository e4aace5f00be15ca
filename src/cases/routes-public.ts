// The public hall's case services (PUB-1, CASE-1, CASE-8, CASE-13): a signed-in applicant
// applies online (applicant data prefilled from the real-name account), follows their cases,
// supplies materials after a supplement notice, withdraws, downloads notices; anyone follows a
// case by number + query password (and downloads its notices with the same proof, sent in the
// body of a POST, never in a URL) and verifies a document's code.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { ErrorResponses, IdParams } from '../http/schemas.ts';
import { PageQuery, iso, page, pageSchema } from '../http/paging.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/errors.ts';
import { scoped, type Actor } from '../access/scope.ts';
import { ApplicantView, Applied, CommandBodies, CommandResult, OnlineBody, VerifyResult } from './api-schemas.ts';
import { applyForCase, materialRefs, type ApplicantInput } from './create.ts';
import { runCommand } from './commands.ts';
import { currentCalendar, itemSpec } from './context.ts';
import { getOwnCase, ownCases, pruneQueryFailures } from './queries.ts';
import { applicantView, statusName } from './views.ts';
import { commandResponse } from './routes-staff.ts';
import { DocParams, documentOf, sendDocument } from './routes-documents.ts';
import { queryCase } from './query-password.ts';
import { projectedDueAt, type ClockState } from '../domain/clock.ts';

function applicantOf(req: FastifyRequest): Actor {
  const a = actorOf(req);
  if (a.kind !== 'applicant') throw forbidden('仅限网上政务大厅的申请人实名账户办理', 'APPLICANT_ONLY');
  return a;
}

/** The applicant data of the real-name account (CASE-1: prefilled), completed by the form. */
async function applicantFromAccount(req: FastifyRequest, a: Actor, body: z.infer<typeof OnlineBody>): Promise<ApplicantInput> {
  const u = await scoped(req.server.ctx.db, a).selectFrom('users')
    .select(['display_name', 'applicant_type', 'id_number', 'org_name', 'credit_code', 'phone']).where('id', '=', a.userId).executeTakeFirst();
  if (!u || !u.applicant_type) throw forbidden('申请人账户未完成实名信息', 'APPLICANT_ONLY');
  const phone = body.phone || u.phone || '';
  if (u.applicant_type === 'person') return { kind: 'person', name: u.display_name, idType: 'id_card', idNumber: u.id_number ?? '', phone };
  if (!body.legalRepresentative) throw badRequest('LEGAL_REPRESENTATIVE_REQUIRED', '法人申请须填写法定代表人');
  return {
    kind: 'organisation', name: u.org_name ?? u.display_name, creditCode: u.credit_code ?? '', legalRepresentative: body.legalRepresentative,
    contact: body.contact || u.display_name, phone,
  };
}

const QueryProof = z.object({ caseNo: z.string().trim().min(1).max(40), password: z.string().min(1).max(64) });
type QueryProof = z.infer<typeof QueryProof>;

const OwnSummary = z.object({
  id: z.number(), caseNo: z.string(), combined: z.boolean(), itemId: z.number(), itemName: z.string(), unitName: z.string(), status: z.string(),
  statusName: z.string(), receivedAt: z.string(), acceptedAt: z.string().nullable(), decidedAt: z.string().nullable(), outcome: z.enum(['grant', 'deny']).nullable(),
  expectedCompletion: z.string().nullable(),
});

export const publicCaseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.post('/public/cases', {
    config: { action: 'case.apply' },
    schema: { tags: ['public'], summary: '网上申报（申请人实名账户；材料按事项材料清单上传）', body: OnlineBody, response: { 201: Applied, ...ErrorResponses } },
  }, async (req, reply) => {
    const a = applicantOf(req);
    const applicant = await applicantFromAccount(req, a, req.body);
    const r = await applyForCase(ctx.db, { itemId: req.body.itemId, channel: 'online', applicant, materials: req.body.materials }, { actor: a, now: ctx.now(), ip: req.ip });
    req.audit = { targetType: 'case', targetId: r.caseNo, detail: { itemId: req.body.itemId } };
    return reply.status(201).send(r);
  });

  app.get('/public/cases', {
    config: {},
    schema: { tags: ['public'], summary: '我的办件', querystring: z.object(PageQuery), response: { 200: pageSchema(OwnSummary), ...ErrorResponses } },
  }, async (req) => {
    const a = applicantOf(req);
    const now = ctx.now();
    const [rows, cal] = await Promise.all([ownCases(ctx.db, a, req.query), currentCalendar(ctx.db)]);
    const p = page(rows, req.query.limit);
    return {
      nextCursor: p.nextCursor,
      items: p.items.map((r) => {
        const clocks: ClockState[] = typeof r.open_clocks === 'string' ? JSON.parse(r.open_clocks) : r.open_clocks ?? [];
        const promised = clocks.find((c) => c.kind === 'case_promised');
        return {
          id: r.id, caseNo: r.case_no, combined: r.kind === 'combined', itemId: r.item_id, itemName: r.item_name, unitName: r.unit_name, status: r.status,
          statusName: statusName(r), receivedAt: r.received_at.toISOString(), acceptedAt: iso(r.accepted_at), decidedAt: iso(r.decided_at), outcome: r.outcome,
          expectedCompletion: r.decided_at ? r.decided_at.toISOString() : promised ? projectedDueAt(promised, cal, now).toISOString() : null,
        };
      }),
    };
  });

  app.get('/public/cases/:id', {
    config: {},
    schema: { tags: ['public'], summary: '我的办件详情：办理进度、预计办结日期、补正要求、文书', params: IdParams, response: { 200: ApplicantView, ...ErrorResponses } },
  }, async (req) => {
    const row = await getOwnCase(ctx.db, applicantOf(req), req.params.id);
    return toApplicantView(await applicantView(ctx.db, row, ctx.now()));
  });

  app.post('/public/cases/:id/supplement', {
    config: { action: 'case.supply_materials' },
    schema: { tags: ['public'], summary: '按补正材料通知书提交补正材料', params: IdParams, body: CommandBodies.supply, response: { 200: CommandResult, ...ErrorResponses } },
  }, async (req) => {
    const a = applicantOf(req);
    const row = await getOwnCase(ctx.db, a, req.params.id);
    const now = ctx.now();
    req.audit = { targetType: 'case', targetId: row.case_no, detail: { command: 'supply_materials' } };
    const r = await runCommand(ctx.db, row.id, async (trx) => ({
      type: 'supply_materials', materials: await materialRefs(trx, await itemSpec(trx, row.item_version_id), req.body.materials, a.userId, now),
    }), { actor: a, now, ip: req.ip });
    return commandResponse(ctx.db, row.id, r);
  });

  app.post('/public/cases/:id/withdraw', {
    config: { action: 'case.withdraw' },
    schema: { tags: ['public'], summary: '撤回申请', params: IdParams, body: CommandBodies.withdraw, response: { 200: CommandResult, ...ErrorResponses } },
  }, async (req) => {
    const a = applicantOf(req);
    const row = await getOwnCase(ctx.db, a, req.params.id);
    req.audit = { targetType: 'case', targetId: row.case_no, detail: { command: 'withdraw' } };
    const r = await runCommand(ctx.db, row.id, { type: 'withdraw', reason: req.body.reason }, { actor: a, now: ctx.now(), ip: req.ip });
    return commandResponse(ctx.db, row.id, r);
  });

  for (const format of ['html', 'pdf'] as const) {
    app.get(`/public/cases/:id/documents/:docId/${format}`, {
      config: {},
      schema: { tags: ['public'], summary: format === 'html' ? '下载文书（可打印页面）' : '下载文书 PDF', params: DocParams, response: { 404: ErrorResponses[404] } },
    }, async (req, reply) => {
      const row = await getOwnCase(ctx.db, applicantOf(req), req.params.id);
      return sendDocument(reply, await documentOf(ctx.db, row, req.params.docId), format);
    });
  }

  /** The number + password proof (CASE-8) with its lockout; a failure also prunes old failure rows. */
  const proven = async (req: FastifyRequest, body: QueryProof) => {
    const now = ctx.now();
    try {
      return await queryCase(ctx.db, body.caseNo, body.password, req.ip ?? null, now);
    } catch (e) {
      if (e instanceof AppError && e.code === 'INVALID_QUERY_PASSWORD') {
        await pruneQueryFailures(ctx.db, body.caseNo, now).catch((err) => req.log.warn({ err }, 'pruning case_query_failures failed'));
      }
      throw e;
    }
  };

  app.post('/public/case-query', {
    config: { auth: 'public', action: 'case.query' },
    schema: {
      tags: ['public'], summary: '凭办件流水号和查询密码查询办理进度（无需登录；连续输错将暂时锁定）',
      body: QueryProof, response: { 200: ApplicantView, ...ErrorResponses },
    },
  }, async (req) => {
    const row = await proven(req, req.body);
    req.audit = { targetType: 'case', targetId: row.case_no };
    return toApplicantView(await applicantView(ctx.db, row, ctx.now()));
  });

  app.post('/public/case-query/documents/:docId/pdf', {
    config: { auth: 'public', action: 'case.query.document' },
    schema: {
      tags: ['public'],
      summary: '凭办件流水号和查询密码下载本办件的文书 PDF（无需登录；密码只在请求体中传送，输错计入查询锁定）',
      params: z.object({ docId: z.coerce.number().int().positive() }), body: QueryProof,
      response: { 400: ErrorResponses[400], 401: ErrorResponses[401], 404: ErrorResponses[404], 429: ErrorResponses[429] },
    },
  }, async (req, reply) => {
    const row = await proven(req, req.body);
    const doc = await documentOf(ctx.db, row, req.params.docId);
    req.audit = { targetType: 'case_document', targetId: doc.docNo, detail: { caseNo: row.case_no } };
    return sendDocument(reply, doc, 'pdf');
  });

  app.get('/public/documents/verify/:code', {
    config: { auth: 'public' },
    schema: {
      tags: ['public'], summary: '文书验证：输入文书上的验证码，显示文书的基本事实',
      params: z.object({ code: z.string().trim().max(30) }), response: { 200: VerifyResult, ...ErrorResponses },
    },
  }, async (req) => {
    const raw = req.params.code.toUpperCase().replace(/[^A-Z0-9]/g, '');
    const code = raw.length === 16 ? raw.match(/.{4}/g)!.join('-') : raw;
    const d = await ctx.db.selectFrom('case_documents').select(['title', 'doc_no', 'issued_at', 'content_hash', 'data']).where('verification_code', '=', code).executeTakeFirst();
    if (!d) throw notFound('验证码不存在：该文书不是本平台出具的，或验证码输入有误', 'DOCUMENT_NOT_FOUND');
    const data = (typeof d.data === 'string' ? JSON.parse(d.data) : d.data) as { facts: [string, string][] };
    return {
      valid: true as const, title: d.title, docNo: d.doc_no, issuedAt: d.issued_at.toISOString(), contentHash: d.content_hash,
      facts: data.facts.map(([label, value]) => ({ label, value })),
    };
  });
};

function toApplicantView(v: Awaited<ReturnType<typeof applicantView>>) {
  return {
    ...v, receivedAt: v.receivedAt.toISOString(), acceptedAt: iso(v.acceptedAt),
    parts: v.parts.map((p) => ({
      ...p,
      documents: p.documents.map((d) => ({ id: d.id, kind: d.kind as any, title: d.title, docNo: d.doc_no, verificationCode: d.verification_code, issuedAt: d.issued_at.toISOString() })),
    })),
  };
}

// Documents over HTTP (CASE-10): the printable page and the PDF for staff (case in scope) and
// for the applicant (own case); the public verification of a code shows the essential facts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../store/schema.ts';
import { actorOf } from '../http/context.ts';
import { ErrorResponses, IdParams } from '../http/schemas.ts';
import { notFound } from '../http/errors.ts';
import type { CaseRow } from './tables.ts';
import type { DocumentData } from './documents.ts';
import { renderHtml, renderPdf } from './render.ts';
import { getVisibleCase } from './queries.ts';

export const DocParams = IdParams.extend({ docId: z.coerce.number().int().positive() });

/** A document of the case (or of a sub-case of a combined case). */
export async function documentOf(db: Kysely<DB>, row: CaseRow, docId: number) {
  const d = await db.selectFrom('case_documents as d').innerJoin('cases as c', 'c.id', 'd.case_id').selectAll('d')
    .where('d.id', '=', docId).where((eb) => eb.or([eb('c.id', '=', row.id), eb('c.parent_id', '=', row.id)])).executeTakeFirst();
  if (!d) throw notFound('文书不存在');
  return {
    docNo: d.doc_no, verificationCode: d.verification_code, issuedAt: d.issued_at, contentHash: d.content_hash,
    data: (typeof d.data === 'string' ? JSON.parse(d.data) : d.data) as DocumentData,
  };
}

export async function sendDocument(reply: FastifyReply, doc: Awaited<ReturnType<typeof documentOf>>, format: 'html' | 'pdf') {
  if (format === 'html') return reply.header('content-type', 'text/html; charset=utf-8').send(renderHtml(doc));
  const pdf = await renderPdf(doc);
  const name = `${doc.data.title}-${doc.data.caseNo}.pdf`;
  return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(pdf);
}

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  for (const format of ['html', 'pdf'] as const) {
    app.get(`/cases/:id/documents/:docId/${format}`, {
      config: { permission: 'case.view', staffOnly: true, personalData: true, action: `case.document.${format}` },
      schema: { tags: ['cases'], summary: format === 'html' ? '文书（可打印页面）' : '文书 PDF（内嵌中文字体）', params: DocParams, response: { 404: ErrorResponses[404] } },
    }, async (req, reply) => {
      const row = await getVisibleCase(ctx.db, actorOf(req), req.params.id);
      const doc = await documentOf(ctx.db, row, req.params.docId);
      req.audit = { targetType: 'case_document', targetId: doc.docNo };
      return sendDocument(reply, doc, format);
    });
  }
};

// Export and import of the catalogue (issue 3 item 9): Excel 事项一览表 and JSON.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { ErrorResponses } from '../http/schemas.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import { ElementsSchema } from './elements.ts';
import { exportEntries, exportExcel, importExcel, importJson, MAX_IMPORT_ITEMS } from './transfer.ts';

const ImportResult = z.object({ imported: z.number(), changeIds: z.array(z.number()) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/catalog/export/excel', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: { tags: ['catalog'], summary: '导出事项一览表（Excel，管辖范围内全部已发布事项的现行版本）' },
  }, async (req, reply) => {
    const buf = await exportExcel(ctx.db, actorOf(req));
    const name = `事项一览表-${chinaDateOf(ctx.now())}.xlsx`;
    return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(buf);
  });

  app.get('/catalog/export/json', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: {
      tags: ['catalog'], summary: '导出事项（JSON，现行版本的全部要素）',
      response: {
        200: z.object({
          exportedAt: z.string(),
          items: z.array(z.object({ itemId: z.number(), implCode: z.string(), unitName: z.string(), status: z.string(), versionNo: z.number(), elements: ElementsSchema })),
        }),
        ...ErrorResponses,
      },
    },
  }, async (req) => ({
    exportedAt: ctx.now().toISOString(),
    items: (await exportEntries(ctx.db, actorOf(req))).map((e) => ({
      itemId: e.itemId, implCode: e.implCode, unitName: e.unitName, status: e.status, versionNo: e.versionNo, elements: e.elements,
    })),
  }));

  app.post('/catalog/import/excel', {
    config: { permission: 'catalog.draft', action: 'catalog.import_excel' },
    schema: {
      tags: ['catalog'], summary: '从事项一览表导入草稿（全部成功或全部不导入；错误见 details.rows）',
      body: z.object({ contentBase64: z.string().min(1).max(14_000_000).regex(/^[A-Za-z0-9+/]+=*$/, '内容应为 base64') }),
      response: { 200: ImportResult, ...ErrorResponses },
    },
  }, async (req) => {
    const r = await importExcel(ctx.db, actorOf(req), Buffer.from(req.body.contentBase64, 'base64'), ctx.now());
    req.audit = { targetType: 'catalog', detail: { imported: r.imported } };
    return r;
  });

  app.post('/catalog/import/json', {
    config: { permission: 'catalog.draft', action: 'catalog.import_json' },
    schema: {
      tags: ['catalog'], summary: '从 JSON 导入草稿（items[] 为要素或 {elements}；全部成功或全部不导入）',
      body: z.object({ items: z.array(z.unknown()).min(1).max(MAX_IMPORT_ITEMS) }),
      response: { 200: ImportResult, ...ErrorResponses },
    },
  }, async (req) => {
    const r = await importJson(ctx.db, actorOf(req), req.body.items, ctx.now());
    req.audit = { targetType: 'catalog', detail: { imported: r.imported } };
    return r;
  });
};

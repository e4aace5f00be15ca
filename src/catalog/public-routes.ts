// The public hall's catalogue (PUB-1): no session. Lists published items by unit, type and
// keyword; the 办事指南 of one item; template and sample downloads; reference lists.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponses, IdParams } from '../http/schemas.ts';
import { PageQuery, page, pageSchema } from '../http/paging.ts';
import { CIRCUMSTANCES, ITEM_TYPES, SPECIAL_PROCEDURES, STEP_KINDS } from '../domain/item.ts';
import {
  DAY_UNIT_NAMES, ElementsSchema, ITEM_STATUS_NAMES, ItemStatusSchema, ItemTypeSchema, MATERIAL_FORMS, MATERIAL_MEDIA, MaterialSchema, RESULT_KINDS,
  TimeLimitSchema,
} from './elements.ts';
import { PUBLICITY_CODES } from './publicity.ts';
import { TRIGGER_KINDS } from './changes.ts';
import { listPublicItems, publicGuide, publicUnits } from './public.ts';
import { readFile } from './files.ts';

const FileLink = z.object({ hash: z.string(), name: z.string(), url: z.string() }).nullable();
const PublicItem = z.object({
  id: z.number(), name: z.string(), type: z.string(), typeName: z.string(), implCode: z.string(), unitId: z.number(), unitName: z.string(),
  regionCode: z.string(), regionName: z.string(), status: ItemStatusSchema, statusName: z.string(), versionNo: z.number(),
  promisedLimit: TimeLimitSchema, legalLimit: TimeLimitSchema, online: z.boolean(), onTheSpot: z.boolean(), free: z.boolean(),
});
const Guide = z.object({
  id: z.number(), versionId: z.number(), versionNo: z.number(), validFrom: z.string(), status: ItemStatusSchema, statusName: z.string(),
  statusFrom: z.string().nullable(), statusReason: z.string().nullable(), typeName: z.string(), unitName: z.string(), regionCode: z.string(),
  regionName: z.string(), implCode: z.string(), unitPhone: z.string().nullable(),
  elements: ElementsSchema.omit({ steps: true, materials: true, secret: true, secretDoc: true }),
  materials: z.array(MaterialSchema.extend({ template: FileLink, sample: FileLink })),
  steps: z.array(z.object({ code: z.string(), kind: z.string(), kindName: z.string(), name: z.string(), postName: z.string(), duty: z.string(), limit: TimeLimitSchema })),
  coUnits: z.array(z.object({ id: z.number(), name: z.string() })),
});

export const publicCatalogRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/public/items', {
    config: { auth: 'public' },
    schema: {
      tags: ['public'], summary: '事项目录（网上政务大厅）：按单位、类型、关键词查询',
      querystring: z.object({
        unitId: z.coerce.number().int().positive().optional(), type: ItemTypeSchema.optional(), regionCode: z.string().regex(/^\d{6,9}$/).optional(),
        q: z.string().trim().max(30).optional(), ...PageQuery,
      }),
      response: { 200: pageSchema(PublicItem), ...ErrorResponses },
    },
  }, async (req) => {
    const p = page(await listPublicItems(ctx.db, req.query, ctx.now()), req.query.limit);
    return {
      nextCursor: p.nextCursor,
      items: p.items.map((r) => ({
        id: r.id, name: r.name, type: r.type, typeName: ITEM_TYPES[r.type as keyof typeof ITEM_TYPES], implCode: r.impl_code, unitId: r.unit_id,
        unitName: r.unit_name, regionCode: r.region_code, regionName: r.region_name, status: r.effective_status,
        statusName: ITEM_STATUS_NAMES[r.effective_status], versionNo: r.version_no,
        promisedLimit: { days: r.promised_limit_days, unit: r.promised_limit_unit }, legalLimit: { days: r.legal_limit_days, unit: r.legal_limit_unit },
        online: r.online, onTheSpot: r.on_the_spot, free: r.free,
      })),
    };
  });

  app.get('/public/items/:id', {
    config: { auth: 'public' },
    schema: { tags: ['public'], summary: '办事指南：现行版本的全部公开要素', params: IdParams, response: { 200: Guide, ...ErrorResponses } },
  }, async (req) => {
    const g = await publicGuide(ctx.db, req.params.id, ctx.now());
    const { steps: _s, materials: _m, secret: _x, secretDoc: _d, ...elements } = g.elements;
    return {
      ...g, validFrom: g.validFrom.toISOString(), statusName: ITEM_STATUS_NAMES[g.status], typeName: ITEM_TYPES[g.elements.type], elements,
      steps: g.steps.map((s) => ({ ...s, kindName: STEP_KINDS[s.kind] })),
    };
  });

  app.get('/public/files/:hash', {
    config: { auth: 'public' },
    schema: { tags: ['public'], summary: '下载申请材料模板或样表', params: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, '文件标识应为 64 位十六进制') }) },
  }, async (req, reply) => {
    const f = await readFile(ctx.db, req.params.hash, true);
    return reply
      .header('content-type', f.mime)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
      .send(f.content);
  });

  app.get('/public/catalog/units', {
    config: { auth: 'public' },
    schema: {
      tags: ['public'], summary: '有公开事项的实施主体',
      response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), regionCode: z.string(), regionName: z.string(), items: z.number() })) }), ...ErrorResponses },
    },
  }, async () => ({
    items: (await publicUnits(ctx.db, ctx.now())).map((u) => ({ id: u.id, name: u.name, regionCode: u.region_code, regionName: u.region_name, items: Number(u.items) })),
  }));

  app.get('/public/catalog/meta', {
    config: { auth: 'public' },
    schema: {
      tags: ['public'], summary: '权力库代码表：事项类型、环节类型、特别程序、裁量情节等',
      response: { 200: z.record(z.string(), z.record(z.string(), z.string())) },
    },
  }, async () => ({
    itemTypes: { ...ITEM_TYPES }, stepKinds: { ...STEP_KINDS }, specialProcedures: { ...SPECIAL_PROCEDURES }, circumstances: { ...CIRCUMSTANCES },
    dayUnits: { ...DAY_UNIT_NAMES }, statuses: { ...ITEM_STATUS_NAMES }, materialForms: { ...MATERIAL_FORMS }, materialMedia: { ...MATERIAL_MEDIA },
    resultKinds: { ...RESULT_KINDS }, triggerKinds: { ...TRIGGER_KINDS }, publicityCodes: { ...PUBLICITY_CODES },
  }));
};

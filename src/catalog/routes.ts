// Staff API of the power library under /api/catalog (CAT-1…CAT-8, LEGAL-5). Reads need
// catalog.view; drafting catalog.draft; review catalog.review.basic (编办) or
// catalog.review.flow (法制); exemptions catalog.exempt.supervision / catalog.exempt.secrecy.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { ErrorResponses, IdParams, ReasonBody, boolQuery, optText } from '../http/schemas.ts';
import { PageQuery, iso, page, pageSchema } from '../http/paging.ts';
import { scoped } from '../access/scope.ts';
import { notFound } from '../http/errors.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import { ElementsSchema, ItemStatusSchema, ItemTypeSchema } from './elements.ts';
import { elementsOf, getItem, getVersion, listItems, listVersions } from './items.ts';
import { TRIGGER_KINDS, createChange, getChange, listChanges, requestStatusChange, submitChange, updateChange, checkElements } from './changes.ts';
import { reviewChange } from './review.ts';
import { publicityProblems } from './publicity.ts';
import { approveExemption, getExemption, listExemptions, requestExemption, revokeExemption } from './secret.ts';
import { listReports, reportUp } from './hierarchy.ts';
import { itemEvents } from './events.ts';
import { readFile, storeFile } from './files.ts';
import { elementProblems } from './validate.ts';
import { draftingUnit } from './units.ts';
import {
  ChangeSchema, EventSchema, ExemptionSchema, ItemSummary, ProblemSchema, VersionListEntry, VersionSchema, toChange, toEvent, toItemSummary, toVersion,
} from './api-schemas.ts';
import { transferRoutes } from './transfer-routes.ts';
import { publicCatalogRoutes } from './public-routes.ts';

const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const TriggerKind = z.enum(Object.keys(TRIGGER_KINDS) as [keyof typeof TRIGGER_KINDS, ...(keyof typeof TRIGGER_KINDS)[]]);
const SubmitBody = z.object({ reason: z.string().trim().min(2, '请填写变更理由').max(1000), triggerKind: TriggerKind, triggerDate: DateStr });
const Opinion = z.string().trim().max(2000);
const ReviewBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), opinion: Opinion.default('') }),
  z.object({ decision: z.literal('return'), opinion: Opinion.min(2, '退回须填写审核意见') }),
]);
const HashParams = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, '文件标识应为 64 位十六进制') });

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const today = () => chinaDateOf(ctx.now());

  // ---------- items ----------
  app.get('/catalog/items', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: {
      tags: ['catalog'], summary: '事项列表（行政权力库）',
      querystring: z.object({
        unitId: z.coerce.number().int().positive().optional(), type: ItemTypeSchema.optional(),
        status: z.enum(['draft', 'active', 'paused', 'cancelled']).optional(), regionCode: z.string().max(9).optional(),
        q: z.string().trim().max(50).optional(), secret: boolQuery.optional(), publicityProblems: boolQuery.optional(), ...PageQuery,
      }),
      response: { 200: pageSchema(ItemSummary), ...ErrorResponses },
    },
  }, async (req) => {
    const p = page(await listItems(ctx.db, actorOf(req), req.query), req.query.limit);
    const d = today();
    return { items: p.items.map((r) => toItemSummary(r, d)), nextCursor: p.nextCursor };
  });

  app.get('/catalog/items/:id', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: {
      tags: ['catalog'], summary: '事项详情（现行版本、历史版本、未完成的变更）', params: IdParams,
      response: {
        200: z.object({ item: ItemSummary, current: VersionSchema.nullable(), versions: z.array(VersionListEntry), openChange: ChangeSchema.nullable() }),
        ...ErrorResponses,
      },
    },
  }, async (req) => {
    const a = actorOf(req);
    const item = await getItem(ctx.db, a, req.params.id);
    const versions = await listVersions(ctx.db, a, item.id);
    const current = item.current_version_no ? await getVersion(ctx.db, a, item.id, item.current_version_no) : null;
    const open = item.open_change_id ? await getChange(ctx.db, a, item.open_change_id as number) : null;
    return {
      item: toItemSummary(item, today()),
      current: current ? toVersion(current) : null,
      versions: versions.map((v) => ({
        id: v.id, versionNo: v.version_no, changeId: v.change_id, name: v.name, status: v.status, statusFrom: v.status_from,
        validFrom: v.valid_from.toISOString(), validTo: iso(v.valid_to), publishedAt: v.published_at.toISOString(), publishedBy: v.published_by,
      })),
      openChange: open ? toChange(open) : null,
    };
  });

  app.get('/catalog/items/:id/versions/:versionNo', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: {
      tags: ['catalog'], summary: '事项的某一版本（含已失效版本）',
      params: z.object({ id: z.coerce.number().int().positive(), versionNo: z.coerce.number().int().positive() }),
      response: { 200: VersionSchema, ...ErrorResponses },
    },
  }, async (req) => toVersion(await getVersion(ctx.db, actorOf(req), req.params.id, req.params.versionNo)));

  app.get('/catalog/items/:id/events', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: {
      tags: ['catalog'], summary: '事项的审核记录（哈希链）', params: IdParams,
      response: { 200: z.object({ items: z.array(EventSchema) }), ...ErrorResponses },
    },
  }, async (req) => {
    const item = await getItem(ctx.db, actorOf(req), req.params.id);
    return { items: (await itemEvents(ctx.db, item.id)).map(toEvent) };
  });

  app.get('/catalog/items/:id/publicity', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: {
      tags: ['catalog'], summary: '公开要素检查（CAT-6）：现行版本缺失或不一致的公开要素', params: IdParams,
      response: { 200: z.object({ itemId: z.number(), versionId: z.number().nullable(), problems: z.array(ProblemSchema) }), ...ErrorResponses },
    },
  }, async (req) => {
    const a = actorOf(req);
    const item = await getItem(ctx.db, a, req.params.id);
    if (item.current_version_no) {
      const v = await getVersion(ctx.db, a, item.id, item.current_version_no);
      return { itemId: item.id, versionId: v.id, problems: publicityProblems(elementsOf(v)) };
    }
    const draft = await getChange(ctx.db, a, item.open_change_id as number);
    return { itemId: item.id, versionId: null, problems: publicityProblems(elementsOf(draft)) };
  });

  app.post('/catalog/items/:id/status', {
    config: { permission: 'catalog.draft', action: 'catalog.status_request' },
    schema: {
      tags: ['catalog'], summary: '申请变更事项状态（在用/暂停/取消，经编办审核）', params: IdParams,
      body: z.object({ status: ItemStatusSchema, effectiveDate: DateStr, reason: z.string().trim().min(2, '请填写原因').max(1000), triggerKind: TriggerKind, triggerDate: DateStr }),
      response: { 201: ChangeSchema, ...ErrorResponses },
    },
  }, async (req, reply) => {
    const a = actorOf(req);
    const id = await requestStatusChange(ctx.db, a, req.params.id, req.body, ctx.now());
    req.audit = { targetType: 'catalog_item', targetId: req.params.id, detail: { changeId: id, status: req.body.status } };
    return reply.status(201).send(toChange(await getChange(ctx.db, a, id)));
  });

  app.post('/catalog/items/:id/exemption', {
    config: { permission: 'catalog.draft', action: 'catalog.exemption_request' },
    schema: {
      tags: ['catalog'], summary: '申请涉密事项免于监察（CAT-7）', params: IdParams, body: ReasonBody,
      response: { 201: z.object({ id: z.number() }), ...ErrorResponses },
    },
  }, async (req, reply) => {
    const id = await requestExemption(ctx.db, actorOf(req), req.params.id, req.body.reason, ctx.now());
    req.audit = { targetType: 'catalog_item', targetId: req.params.id, detail: { exemptionId: id } };
    return reply.status(201).send({ id });
  });

  app.post('/catalog/items/:id/report-up', {
    config: { permission: 'catalog.draft', action: 'catalog.report_up' },
    schema: {
      tags: ['catalog'], summary: '向上级权力库上报事项（CAT-5）', params: IdParams, body: z.object({ note: optText(500) }),
      response: { 201: z.object({ id: z.number(), toRegionCode: z.string() }), ...ErrorResponses },
    },
  }, async (req, reply) => {
    const r = await reportUp(ctx.db, actorOf(req), req.params.id, req.body.note ?? null, ctx.now());
    req.audit = { targetType: 'catalog_item', targetId: req.params.id, detail: { reportId: r.id, to: r.toRegionCode } };
    return reply.status(201).send(r);
  });

  // ---------- change requests ----------
  app.get('/catalog/changes', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: {
      tags: ['catalog'], summary: '变更申请列表（审核待办：state=submitted&part=basic|flow）',
      querystring: z.object({
        state: z.enum(['draft', 'submitted', 'returned', 'published']).optional(), part: z.enum(['basic', 'flow']).optional(),
        itemId: z.coerce.number().int().positive().optional(), ...PageQuery,
      }),
      response: {
        200: pageSchema(z.object({
          id: z.number(), itemId: z.number(), itemName: z.string(), implCode: z.string(), unitName: z.string(), kind: z.string(), state: z.string(),
          parts: z.array(z.string()), changedFields: z.array(z.string()), reason: z.string().nullable(), triggerKind: z.string().nullable(),
          triggerDate: z.string().nullable(), newStatus: z.string().nullable(), statusFrom: z.string().nullable(),
          basicApprovedAt: z.string().nullable(), flowApprovedAt: z.string().nullable(), lastOpinion: z.string().nullable(),
          submittedAt: z.string().nullable(), updatedAt: z.string(), publishedVersionId: z.number().nullable(),
        })),
        ...ErrorResponses,
      },
    },
  }, async (req) => {
    const p = page(await listChanges(ctx.db, actorOf(req), req.query), req.query.limit);
    return {
      nextCursor: p.nextCursor,
      items: p.items.map((c) => ({
        id: c.id, itemId: c.item_id, itemName: c.item_name, implCode: c.impl_code, unitName: c.unit_name, kind: c.kind, state: c.state, parts: c.parts,
        changedFields: c.changed_fields, reason: c.reason, triggerKind: c.trigger_kind, triggerDate: c.trigger_date, newStatus: c.new_status,
        statusFrom: c.status_from, basicApprovedAt: iso(c.basic_approved_at), flowApprovedAt: iso(c.flow_approved_at), lastOpinion: c.last_opinion,
        submittedAt: iso(c.submitted_at), updatedAt: c.updated_at.toISOString(), publishedVersionId: c.published_version_id,
      })),
    };
  });

  app.get('/catalog/changes/:id', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: { tags: ['catalog'], summary: '变更申请详情', params: IdParams, response: { 200: ChangeSchema, ...ErrorResponses } },
  }, async (req) => toChange(await getChange(ctx.db, actorOf(req), req.params.id)));

  const DraftMeta = { reason: optText(1000), triggerKind: TriggerKind.nullish(), triggerDate: DateStr.nullish() };

  app.post('/catalog/changes', {
    config: { permission: 'catalog.draft', action: 'catalog.draft_create' },
    schema: {
      tags: ['catalog'], summary: '起草新事项（不带 itemId）或现有事项的变更',
      body: z.object({ itemId: z.number().int().positive().nullish(), elements: ElementsSchema, ...DraftMeta }),
      response: { 201: ChangeSchema, ...ErrorResponses },
    },
  }, async (req, reply) => {
    const a = actorOf(req);
    const id = await createChange(ctx.db, a, req.body, ctx.now());
    const c = await getChange(ctx.db, a, id);
    req.audit = { targetType: 'catalog_change', targetId: id, detail: { itemId: c.item_id, kind: c.kind } };
    return reply.status(201).send(toChange(c));
  });

  app.patch('/catalog/changes/:id', {
    config: { permission: 'catalog.draft', action: 'catalog.draft_update' },
    schema: {
      tags: ['catalog'], summary: '修改草稿（提交审核前或被退回后）', params: IdParams,
      body: z.object({ elements: ElementsSchema.optional(), ...DraftMeta }),
      response: { 200: ChangeSchema, ...ErrorResponses },
    },
  }, async (req) => {
    const a = actorOf(req);
    await updateChange(ctx.db, a, req.params.id, req.body, ctx.now());
    req.audit = { targetType: 'catalog_change', targetId: req.params.id };
    return toChange(await getChange(ctx.db, a, req.params.id));
  });

  app.post('/catalog/changes/:id/submit', {
    config: { permission: 'catalog.draft', action: 'catalog.submit' },
    schema: { tags: ['catalog'], summary: '提交审核（写明理由和触发事由日期）', params: IdParams, body: SubmitBody, response: { 200: ChangeSchema, ...ErrorResponses } },
  }, async (req) => {
    const a = actorOf(req);
    await submitChange(ctx.db, a, req.params.id, req.body, ctx.now());
    req.audit = { targetType: 'catalog_change', targetId: req.params.id, detail: { triggerDate: req.body.triggerDate } };
    return toChange(await getChange(ctx.db, a, req.params.id));
  });

  for (const part of ['basic', 'flow'] as const) {
    app.post(`/catalog/changes/:id/review/${part}`, {
      config: { permission: `catalog.review.${part}`, action: `catalog.review_${part}` },
      schema: {
        tags: ['catalog'], summary: part === 'basic' ? '编办审核基本要素（通过或退回）' : '法制审核内部流程和裁量基准（通过或退回）',
        params: IdParams, body: ReviewBody,
        response: { 200: z.object({ change: ChangeSchema, publishedVersionId: z.number().nullable() }), ...ErrorResponses },
      },
    }, async (req) => {
      const a = actorOf(req);
      const r = await reviewChange(ctx.db, a, req.params.id, part, req.body.decision, req.body.opinion, ctx.now());
      req.audit = { targetType: 'catalog_change', targetId: req.params.id, detail: { part, decision: req.body.decision, publishedVersionId: r.publishedVersionId } };
      return { change: toChange(await getChange(ctx.db, a, req.params.id)), publishedVersionId: r.publishedVersionId };
    });
  }

  app.post('/catalog/check', {
    config: { permission: 'catalog.draft', action: 'catalog.check' },
    schema: {
      tags: ['catalog'], summary: '校验要素（不保存）：规则问题、公开要素问题和实施编码',
      body: z.object({ elements: ElementsSchema }),
      response: { 200: z.object({ implCode: z.string().nullable(), problems: z.array(ProblemSchema), publicity: z.array(ProblemSchema) }), ...ErrorResponses },
    },
  }, async (req) => {
    const a = actorOf(req);
    const unit = await draftingUnit(ctx.db, a, req.body.elements.unitId);
    const problems = elementProblems(req.body.elements, unit);
    const implCode = problems.length ? null : (await checkElements(ctx.db, a, req.body.elements, null).catch(() => null))?.implCode ?? null;
    return { implCode, problems, publicity: publicityProblems(req.body.elements) };
  });

  // ---------- supervision views ----------
  app.get('/catalog/publicity', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: {
      tags: ['catalog'], summary: '公开要素异常清单（SUP-12）',
      querystring: z.object({ unitId: z.coerce.number().int().positive().optional(), ...PageQuery }),
      response: {
        200: pageSchema(z.object({ itemId: z.number(), name: z.string(), implCode: z.string(), unitName: z.string(), versionId: z.number(), problems: z.array(ProblemSchema) })),
        ...ErrorResponses,
      },
    },
  }, async (req) => {
    const a = actorOf(req);
    let q = scoped(ctx.db, a).selectFrom('catalog_items as i')
      .innerJoin('catalog_item_versions as v', 'v.id', 'i.current_version_id')
      .innerJoin('units as u', 'u.id', 'i.unit_id')
      .select(['i.id', 'i.name', 'i.impl_code', 'u.name as unit_name', 'v.id as version_id', 'v.publicity_problems'])
      .where('i.publicity_problems', '>', 0).orderBy('i.id').limit(req.query.limit + 1);
    if (req.query.after) q = q.where('i.id', '>', req.query.after);
    if (req.query.unitId) q = q.where('i.unit_id', '=', req.query.unitId);
    const p = page(await q.execute(), req.query.limit);
    return {
      nextCursor: p.nextCursor,
      items: p.items.map((r) => ({
        itemId: r.id, name: r.name, implCode: r.impl_code, unitName: r.unit_name, versionId: r.version_id,
        problems: r.publicity_problems as { code: string; message: string; field: string }[],
      })),
    };
  });

  app.get('/catalog/clocks', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: {
      tags: ['catalog'], summary: '权力库时限（报备 20 个工作日、审核 10 个工作日）',
      querystring: z.object({ open: boolQuery.optional(), overdue: boolQuery.optional(), itemId: z.coerce.number().int().positive().optional(), ...PageQuery }),
      response: {
        200: pageSchema(z.object({
          id: z.number(), kind: z.enum(['filing', 'review_basic', 'review_flow']), itemId: z.number(), changeId: z.number(), startDate: z.string(),
          days: z.number(), dayUnit: z.string(), dueAt: z.string(), doneAt: z.string().nullable(), late: z.boolean(),
        })),
        ...ErrorResponses,
      },
    },
  }, async (req) => {
    const now = ctx.now();
    let q = scoped(ctx.db, actorOf(req)).selectFrom('catalog_clocks').selectAll().orderBy('id').limit(req.query.limit + 1);
    if (req.query.after) q = q.where('id', '>', req.query.after);
    if (req.query.itemId) q = q.where('item_id', '=', req.query.itemId);
    if (req.query.open !== undefined) q = q.where('done_at', req.query.open ? 'is' : 'is not', null);
    if (req.query.overdue) q = q.where('done_at', 'is', null).where('due_at', '<', now);
    const p = page(await q.execute(), req.query.limit);
    return {
      nextCursor: p.nextCursor,
      items: p.items.map((c) => ({
        id: c.id, kind: c.kind, itemId: c.item_id, changeId: c.change_id, startDate: c.start_date, days: c.days, dayUnit: c.day_unit,
        dueAt: c.due_at.toISOString(), doneAt: iso(c.done_at), late: (c.done_at ?? now) > c.due_at,
      })),
    };
  });

  // ---------- exemptions (CAT-7) ----------
  const toExemption = (x: Awaited<ReturnType<typeof listExemptions>>[number]) => ({
    id: x.id, itemId: x.item_id, itemName: x.item_name, implCode: x.impl_code, unitName: x.unit_name, secretDoc: x.secret_doc, reason: x.reason,
    state: x.state, requestedBy: x.requested_by, requestedAt: x.requested_at.toISOString(), supervisionBy: x.supervision_by,
    supervisionAt: iso(x.supervision_at), supervisionOpinion: x.supervision_opinion, secrecyBy: x.secrecy_by, secrecyAt: iso(x.secrecy_at),
    secrecyOpinion: x.secrecy_opinion, revokedBy: x.revoked_by, revokedAt: iso(x.revoked_at), revokeReason: x.revoke_reason,
  });
  const oneExemption = async (req: Parameters<typeof actorOf>[0], id: number) => {
    const rows = await listExemptions(ctx.db, actorOf(req), { id, limit: 1 });
    if (!rows.length) throw notFound('免于监察申请不存在');
    return toExemption(rows[0]);
  };

  app.get('/catalog/exemptions', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: {
      tags: ['catalog'], summary: '涉密事项免于监察清单',
      querystring: z.object({ state: z.enum(['pending', 'granted', 'revoked']).optional(), ...PageQuery }),
      response: { 200: pageSchema(ExemptionSchema), ...ErrorResponses },
    },
  }, async (req) => {
    const p = page(await listExemptions(ctx.db, actorOf(req), req.query), req.query.limit);
    return { items: p.items.map(toExemption), nextCursor: p.nextCursor };
  });

  for (const side of ['supervision', 'secrecy'] as const) {
    app.post(`/catalog/exemptions/:id/approve-${side}`, {
      config: { permission: `catalog.exempt.${side}`, action: `catalog.exemption_approve_${side}` },
      schema: {
        tags: ['catalog'], summary: side === 'supervision' ? '监察机关审批免于监察' : '保密部门审批免于监察', params: IdParams,
        body: z.object({ opinion: z.string().trim().min(2, '请填写审批意见').max(1000) }),
        response: { 200: ExemptionSchema, ...ErrorResponses },
      },
    }, async (req) => {
      await approveExemption(ctx.db, actorOf(req), req.params.id, side, req.body.opinion, ctx.now());
      req.audit = { targetType: 'catalog_exemption', targetId: req.params.id, detail: { side } };
      return oneExemption(req, req.params.id);
    });
  }

  app.post('/catalog/exemptions/:id/revoke', {
    config: { permission: 'catalog.exempt.supervision', action: 'catalog.exemption_revoke' },
    schema: { tags: ['catalog'], summary: '撤销免于监察', params: IdParams, body: ReasonBody, response: { 200: ExemptionSchema, ...ErrorResponses } },
  }, async (req) => {
    const a = actorOf(req);
    await getExemption(ctx.db, a, req.params.id);
    await revokeExemption(ctx.db, a, req.params.id, req.body.reason, ctx.now());
    req.audit = { targetType: 'catalog_exemption', targetId: req.params.id, detail: { reason: req.body.reason } };
    return oneExemption(req, req.params.id);
  });

  // ---------- hierarchy (CAT-5) ----------
  app.get('/catalog/reports', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: {
      tags: ['catalog'], summary: '下级权力库上报记录',
      querystring: z.object({ toRegionCode: z.string().max(9).optional(), itemId: z.coerce.number().int().positive().optional(), ...PageQuery }),
      response: {
        200: pageSchema(z.object({
          id: z.number(), itemId: z.number(), versionId: z.number(), versionNo: z.number(), itemName: z.string(), implCode: z.string(), unitName: z.string(),
          fromRegionCode: z.string(), fromRegionName: z.string(), toRegionCode: z.string(), toRegionName: z.string(), note: z.string().nullable(),
          reportedBy: z.number(), reportedAt: z.string(),
        })),
        ...ErrorResponses,
      },
    },
  }, async (req) => {
    const p = page(await listReports(ctx.db, actorOf(req), req.query), req.query.limit);
    return {
      nextCursor: p.nextCursor,
      items: p.items.map((r) => ({
        id: r.id, itemId: r.item_id, versionId: r.version_id, versionNo: r.version_no, itemName: r.item_name, implCode: r.impl_code, unitName: r.unit_name,
        fromRegionCode: r.from_region_code, fromRegionName: r.from_region_name, toRegionCode: r.to_region_code, toRegionName: r.to_region_name,
        note: r.note, reportedBy: r.reported_by, reportedAt: r.reported_at.toISOString(),
      })),
    };
  });

  // ---------- files ----------
  app.post('/catalog/files', {
    config: { permission: 'catalog.draft', action: 'catalog.file_upload' },
    schema: {
      tags: ['catalog'], summary: '上传材料模板或样表（按内容哈希存储）',
      body: z.object({
        name: z.string().trim().min(1).max(200), mime: z.string().trim().min(3).max(100).default('application/octet-stream'),
        contentBase64: z.string().min(1).max(7_000_000).regex(/^[A-Za-z0-9+/]+=*$/, '内容应为 base64'),
      }),
      response: { 201: z.object({ hash: z.string(), size: z.number(), url: z.string() }), ...ErrorResponses },
    },
  }, async (req, reply) => {
    const r = await storeFile(ctx.db, { name: req.body.name, mime: req.body.mime, bytes: Buffer.from(req.body.contentBase64, 'base64') }, actorOf(req).userId, ctx.now());
    req.audit = { targetType: 'file', targetId: r.hash, detail: { name: req.body.name, size: r.size } };
    return reply.status(201).send(r);
  });

  app.get('/catalog/files/:hash', {
    config: { permission: 'catalog.view', staffOnly: true },
    schema: { tags: ['catalog'], summary: '下载已上传的文件（含尚未公开的）', params: HashParams },
  }, async (req, reply) => {
    const f = await readFile(ctx.db, req.params.hash, false);
    return reply.header('content-type', f.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`).send(f.content);
  });

  await app.register(transferRoutes);
  await app.register(publicCatalogRoutes);
};

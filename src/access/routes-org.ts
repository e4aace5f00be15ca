import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { ErrorResponses, IdParams, ReasonBody, boolQuery, optText } from '../http/schemas.ts';
import { PageQuery, iso, page, pageSchema } from '../http/paging.ts';
import {
  UNIT_KINDS, createPost, createRegion, createUnit, getUnit, listPosts, listRegions, listUnits, setUnitActive,
  updatePost, updateRegion, updateUnit,
} from './org.ts';
import type { Unit } from './tables.ts';

const RegionSchema = z.object({
  code: z.string(), name: z.string(), level: z.enum(['province', 'city', 'county', 'township']),
  parentCode: z.string().nullable(), active: z.boolean(),
});
const toRegion = (r: { code: string; name: string; level: any; parent_code: string | null; active: boolean }) => ({
  code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, active: r.active,
});

const UnitKind = z.enum(Object.keys(UNIT_KINDS) as [keyof typeof UNIT_KINDS, ...(keyof typeof UNIT_KINDS)[]]);
const UnitSchema = z.object({
  id: z.number(), name: z.string(), shortName: z.string().nullable(), kind: UnitKind, kindName: z.string(),
  creditCode: z.string().nullable(), regionCode: z.string(), regionName: z.string(), parentId: z.number().nullable(),
  parentName: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable(), active: z.boolean(),
  deactivatedAt: z.string().nullable(), deactivatedReason: z.string().nullable(),
});
type UnitRow = Pick<Unit, 'id' | 'name' | 'short_name' | 'kind' | 'credit_code' | 'region_code' | 'parent_id' | 'phone' | 'address' | 'active' | 'deactivated_at' | 'deactivated_reason'> & { region_name: string; parent_name: string | null };
const toUnit = (u: UnitRow) => ({
  id: u.id, name: u.name, shortName: u.short_name, kind: u.kind, kindName: UNIT_KINDS[u.kind], creditCode: u.credit_code,
  regionCode: u.region_code, regionName: u.region_name, parentId: u.parent_id, parentName: u.parent_name, phone: u.phone,
  address: u.address, active: u.active, deactivatedAt: iso(u.deactivated_at), deactivatedReason: u.deactivated_reason,
});

const PostSchema = z.object({
  id: z.number(), unitId: z.number(), unitName: z.string(), code: z.string(), name: z.string(), duty: z.string().nullable(), active: z.boolean(),
});

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  // ---- regions ----
  app.get('/regions', {
    config: { permission: 'org.view', staffOnly: true },
    schema: {
      tags: ['org'], summary: '行政区划列表',
      querystring: z.object({ parentCode: z.string().max(9).optional(), q: z.string().max(50).optional() }),
      response: { 200: z.object({ items: z.array(RegionSchema) }), ...ErrorResponses },
    },
  }, async (req) => ({ items: (await listRegions(ctx.db, actorOf(req), req.query)).map(toRegion) }));

  app.post('/regions', {
    config: { permission: 'region.manage', action: 'region.create' },
    schema: {
      tags: ['org'], summary: '新增行政区划',
      body: z.object({ code: z.string().trim().max(9), name: z.string().trim().min(1).max(64), parentCode: z.string().max(9).nullish() }),
      response: { 201: RegionSchema, ...ErrorResponses },
    },
  }, async (req, reply) => {
    const r = await createRegion(ctx.db, actorOf(req), req.body, ctx.now());
    req.audit = { targetType: 'region', targetId: r.code };
    return reply.status(201).send(toRegion(r));
  });

  app.patch('/regions/:code', {
    config: { permission: 'region.manage', action: 'region.update' },
    schema: {
      tags: ['org'], summary: '修改或停用行政区划',
      params: z.object({ code: z.string().max(9) }),
      body: z.object({ name: z.string().trim().min(1).max(64).optional(), active: z.boolean().optional() }),
      response: { 200: RegionSchema, ...ErrorResponses },
    },
  }, async (req) => {
    req.audit = { targetType: 'region', targetId: req.params.code, detail: req.body };
    return toRegion(await updateRegion(ctx.db, actorOf(req), req.params.code, req.body, ctx.now()));
  });

  // ---- units ----
  app.get('/units', {
    config: { permission: 'org.view', staffOnly: true },
    schema: {
      tags: ['org'], summary: '单位列表',
      querystring: z.object({
        regionCode: z.string().max(9).optional(), kind: UnitKind.optional(), q: z.string().max(50).optional(),
        active: boolQuery.optional(), parentId: z.coerce.number().int().positive().optional(), ...PageQuery,
      }),
      response: { 200: pageSchema(UnitSchema), ...ErrorResponses },
    },
  }, async (req) => {
    const rows = await listUnits(ctx.db, actorOf(req), req.query);
    const p = page(rows, req.query.limit);
    return { items: p.items.map(toUnit), nextCursor: p.nextCursor };
  });

  app.get('/units/:id', {
    config: { permission: 'org.view', staffOnly: true },
    schema: { tags: ['org'], summary: '单位详情', params: IdParams, response: { 200: UnitSchema, ...ErrorResponses } },
  }, async (req) => toUnit(await getUnit(ctx.db, actorOf(req), req.params.id)));

  app.post('/units', {
    config: { permission: 'unit.manage', action: 'unit.create' },
    schema: {
      tags: ['org'], summary: '新增单位',
      body: z.object({
        name: z.string().trim().min(2).max(100), shortName: optText(50), kind: UnitKind, creditCode: optText(18),
        regionCode: z.string().max(9), parentId: z.number().int().positive().nullish(), phone: optText(40), address: optText(200),
      }),
      response: { 201: UnitSchema, ...ErrorResponses },
    },
  }, async (req, reply) => {
    const a = actorOf(req);
    const id = await createUnit(ctx.db, a, req.body, ctx.now());
    req.audit = { targetType: 'unit', targetId: id };
    return reply.status(201).send(toUnit(await getUnit(ctx.db, a, id)));
  });

  app.patch('/units/:id', {
    config: { permission: 'unit.manage', action: 'unit.update' },
    schema: {
      tags: ['org'], summary: '修改单位', params: IdParams,
      body: z.object({ name: z.string().trim().min(2).max(100).optional(), shortName: optText(50), kind: UnitKind.optional(), phone: optText(40), address: optText(200) }),
      response: { 200: UnitSchema, ...ErrorResponses },
    },
  }, async (req) => {
    const a = actorOf(req);
    await updateUnit(ctx.db, a, req.params.id, req.body, ctx.now());
    req.audit = { targetType: 'unit', targetId: req.params.id, detail: req.body };
    return toUnit(await getUnit(ctx.db, a, req.params.id));
  });

  app.post('/units/:id/deactivate', {
    config: { permission: 'unit.manage', action: 'unit.deactivate' },
    schema: { tags: ['org'], summary: '停用单位（不删除）', params: IdParams, body: ReasonBody, response: { 200: UnitSchema, ...ErrorResponses } },
  }, async (req) => {
    const a = actorOf(req);
    req.audit = { targetType: 'unit', targetId: req.params.id, detail: { reason: req.body.reason } };
    await setUnitActive(ctx.db, a, req.params.id, false, req.body.reason, ctx.now());
    return toUnit(await getUnit(ctx.db, a, req.params.id));
  });

  app.post('/units/:id/activate', {
    config: { permission: 'unit.manage', action: 'unit.activate' },
    schema: { tags: ['org'], summary: '启用单位', params: IdParams, response: { 200: UnitSchema, ...ErrorResponses } },
  }, async (req) => {
    const a = actorOf(req);
    req.audit = { targetType: 'unit', targetId: req.params.id };
    await setUnitActive(ctx.db, a, req.params.id, true, null, ctx.now());
    return toUnit(await getUnit(ctx.db, a, req.params.id));
  });

  // ---- posts ----
  app.get('/posts', {
    config: { permission: 'org.view', staffOnly: true },
    schema: {
      tags: ['org'], summary: '岗位列表',
      querystring: z.object({ unitId: z.coerce.number().int().positive().optional() }),
      response: { 200: z.object({ items: z.array(PostSchema) }), ...ErrorResponses },
    },
  }, async (req) => ({
    items: (await listPosts(ctx.db, actorOf(req), req.query)).map((p) => ({
      id: p.id, unitId: p.unit_id, unitName: p.unit_name, code: p.code, name: p.name, duty: p.duty, active: p.active,
    })),
  }));

  app.post('/posts', {
    config: { permission: 'post.manage', action: 'post.create' },
    schema: {
      tags: ['org'], summary: '新增岗位',
      body: z.object({ unitId: z.number().int().positive(), code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, '岗位编码为 1–32 位字母、数字、下划线或连字符'), name: z.string().trim().min(1).max(64), duty: optText(1000) }),
      response: { 201: z.object({ id: z.number() }), ...ErrorResponses },
    },
  }, async (req, reply) => {
    const r = await createPost(ctx.db, actorOf(req), req.body, ctx.now());
    req.audit = { targetType: 'post', targetId: r.id };
    return reply.status(201).send({ id: r.id });
  });

  app.patch('/posts/:id', {
    config: { permission: 'post.manage', action: 'post.update' },
    schema: {
      tags: ['org'], summary: '修改或停用岗位', params: IdParams,
      body: z.object({ name: z.string().trim().min(1).max(64).optional(), duty: optText(1000), active: z.boolean().optional() }),
      response: { 200: z.object({ id: z.number() }), ...ErrorResponses },
    },
  }, async (req) => {
    await updatePost(ctx.db, actorOf(req), req.params.id, req.body, ctx.now());
    req.audit = { targetType: 'post', targetId: req.params.id, detail: req.body };
    return { id: req.params.id };
  });
};

// Organisation tree (SUP-8, SEC-1): regions (GB/T 2260), units, posts. Nothing is deleted:
// units and posts are deactivated with a reason.
import type { Kysely } from 'kysely';
import { contains } from '../store/like.ts';
import type { DB } from '../store/schema.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import { isValidCreditCode, isValidRegionCode, parentRegionCodeOf, regionLevelOf } from '../domain/validators.ts';
import { scoped, type Actor } from './scope.ts';
import type { UnitKind } from './tables.ts';

export const UNIT_KINDS: Record<UnitKind, string> = {
  government: '人民政府',
  department: '部门',
  agency: '机构',
  supervision: '监察局',
  legal: '法制机构',
  establishment: '编办',
  service_center: '政务服务中心',
  hall: '服务大厅',
  window: '窗口',
};
const KINDS_WITHOUT_CREDIT_CODE: UnitKind[] = ['hall', 'window'];

// ---------- regions ----------

export async function listRegions(db: Kysely<DB>, a: Actor, f: { parentCode?: string; q?: string }) {
  let q = scoped(db, a).selectFrom('regions').selectAll().orderBy('code').limit(5000);
  if (f.parentCode) q = q.where('parent_code', '=', f.parentCode);
  if (f.q) {
    const text = f.q;
    q = /^\d+$/.test(text) ? q.where('code', 'like', `${text}%`) : q.where('name', 'like', contains(text));
  }
  return q.execute();
}

export async function createRegion(db: Kysely<DB>, a: Actor, input: { code: string; name: string; parentCode?: string | null }, now: Date) {
  if (!isValidRegionCode(input.code)) throw badRequest('INVALID_REGION_CODE', '行政区划代码不符合 GB/T 2260 格式', { code: input.code });
  const level = regionLevelOf(input.code);
  const parentCode = input.parentCode ?? parentRegionCodeOf(input.code);
  let path = `/${input.code}/`;
  if (level !== 'province') {
    if (!parentCode) throw badRequest('PARENT_REGION_REQUIRED', '请指定上级行政区划');
    const parent = await scoped(db, a).selectFrom('regions').selectAll().where('code', '=', parentCode).executeTakeFirst();
    if (!parent) throw badRequest('PARENT_REGION_MISSING', `上级行政区划 ${parentCode} 不存在或不在管辖范围内`);
    const LEVELS = ['province', 'city', 'county', 'township'];
    const prefix = parent.code.slice(0, [2, 4, 6, 9][LEVELS.indexOf(parent.level)]);
    if (LEVELS.indexOf(parent.level) >= LEVELS.indexOf(level) || !input.code.startsWith(prefix))
      throw badRequest('REGION_CODE_MISMATCH', '行政区划代码与上级代码不一致');
    path = `${parent.path}${input.code}/`;
  } else if (a.scope !== 'all') {
    throw forbidden('只有全局管理员可以新增省级行政区划');
  }
  // system: uniqueness check across all regions, not only the visible ones
  const exists = await db.selectFrom('regions').select('code').where('code', '=', input.code).executeTakeFirst();
  if (exists) throw conflict('DUPLICATE_REGION', `行政区划代码 ${input.code} 已存在`);
  return db
    .insertInto('regions')
    .values({ code: input.code, name: input.name, level, parent_code: level === 'province' ? null : parentCode, path, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateRegion(db: Kysely<DB>, a: Actor, code: string, patch: { name?: string; active?: boolean }, now: Date) {
  const row = await scoped(db, a)
    .updateTable('regions')
    .set({ ...(patch.name !== undefined && { name: patch.name }), ...(patch.active !== undefined && { active: patch.active }), updated_at: now })
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('行政区划不存在');
  return row;
}

// ---------- units ----------

export interface UnitInput {
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  creditCode?: string | null;
  regionCode: string;
  parentId?: number | null;
  phone?: string | null;
  address?: string | null;
}

export function unitQuery(db: Kysely<DB>, a: Actor) {
  return scoped(db, a)
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .select([
      'u.id', 'u.name', 'u.short_name', 'u.kind', 'u.credit_code', 'u.region_code', 'r.name as region_name', 'u.parent_id',
      'p.name as parent_name', 'u.phone', 'u.address', 'u.active', 'u.deactivated_at', 'u.deactivated_reason', 'u.path',
    ]);
}

export async function listUnits(
  db: Kysely<DB>, a: Actor,
  f: { regionCode?: string; kind?: UnitKind; q?: string; active?: boolean; parentId?: number; after?: number; limit: number },
) {
  let q = unitQuery(db, a).orderBy('u.id').limit(f.limit + 1);
  if (f.after) q = q.where('u.id', '>', f.after);
  if (f.regionCode) q = q.where('u.region_code', '=', f.regionCode);
  if (f.kind) q = q.where('u.kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('u.active', '=', f.active);
  if (f.parentId) q = q.where('u.parent_id', '=', f.parentId);
  if (f.q) q = q.where((eb) => eb.or([eb('u.name', 'like', contains(f.q!)), eb('u.credit_code', '=', f.q!.toUpperCase())]));
  return q.execute();
}

export async function getUnit(db: Kysely<DB>, a: Actor, id: number) {
  const u = await unitQuery(db, a).where('u.id', '=', id).executeTakeFirst();
  if (!u) throw notFound('单位不存在');
  return u;
}

export async function createUnit(db: Kysely<DB>, a: Actor, input: UnitInput, now: Date) {
  const creditCode = input.creditCode?.trim().toUpperCase() || null;
  if (!KINDS_WITHOUT_CREDIT_CODE.includes(input.kind)) {
    if (!creditCode) throw badRequest('CREDIT_CODE_REQUIRED', '请填写统一社会信用代码');
  }
  if (creditCode && !isValidCreditCode(creditCode))
    throw badRequest('INVALID_CREDIT_CODE', '统一社会信用代码校验位不正确或格式不符合 GB 32100', { creditCode });
  const region = await scoped(db, a).selectFrom('regions').selectAll().where('code', '=', input.regionCode).executeTakeFirst();
  if (!region) throw badRequest('REGION_NOT_FOUND', '行政区划不存在或不在管辖范围内');
  if (!region.active) throw badRequest('REGION_INACTIVE', '行政区划已停用');
  let parentPath = '/';
  if (input.parentId != null) {
    const parent = await scoped(db, a).selectFrom('units').selectAll().where('id', '=', input.parentId).executeTakeFirst();
    if (!parent) throw badRequest('PARENT_UNIT_NOT_FOUND', '上级单位不存在或不在管辖范围内');
    if (!parent.active) throw badRequest('PARENT_UNIT_INACTIVE', '上级单位已停用');
    parentPath = parent.path;
  } else if (a.scope !== 'all' && a.scope !== 'region') {
    throw forbidden('只能在本单位下设立下级单位', 'FORBIDDEN');
  }
  if (creditCode) {
    // system: credit codes are unique nationwide, whoever can see the other unit
    const dup = await db.selectFrom('units').select('id').where('credit_code', '=', creditCode).executeTakeFirst();
    if (dup) throw conflict('DUPLICATE_CREDIT_CODE', '该统一社会信用代码已被其他单位使用');
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('units')
      .values({
        name: input.name, short_name: input.shortName ?? null, kind: input.kind, credit_code: creditCode,
        region_code: region.code, region_path: region.path, parent_id: input.parentId ?? null,
        phone: input.phone ?? null, address: input.address ?? null, created_at: now, updated_at: now,
        deactivated_at: null, deactivated_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // system: filling in the path of the row just inserted
    await trx.updateTable('units').set({ path: `${parentPath}${row.id}/` }).where('id', '=', row.id).execute();
    return row.id;
  });
}

export async function updateUnit(
  db: Kysely<DB>, a: Actor, id: number,
  patch: { name?: string; shortName?: string | null; kind?: UnitKind; phone?: string | null; address?: string | null }, now: Date,
) {
  if (patch.kind && !KINDS_WITHOUT_CREDIT_CODE.includes(patch.kind)) {
    const u = await getUnit(db, a, id);
    if (!u.credit_code) throw badRequest('CREDIT_CODE_REQUIRED', '该类型单位须有统一社会信用代码');
  }
  const res = await scoped(db, a)
    .updateTable('units')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.shortName !== undefined && { short_name: patch.shortName }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.phone !== undefined && { phone: patch.phone }),
      ...(patch.address !== undefined && { address: patch.address }),
      updated_at: now,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (!res.numUpdatedRows) throw notFound('单位不存在');
}

export async function setUnitActive(db: Kysely<DB>, a: Actor, id: number, active: boolean, reason: string | null, now: Date) {
  const u = await getUnit(db, a, id);
  if (a.unitId === id && !active) throw badRequest('CANNOT_DEACTIVATE_OWN_UNIT', '不能停用本人所在单位');
  if (!active) {
    // system: counting live children anywhere below, visible or not
    const child = await db.selectFrom('units').select('id').where('parent_id', '=', id).where('active', '=', true).executeTakeFirst();
    if (child) throw conflict('UNIT_HAS_ACTIVE_CHILDREN', '请先停用其下级单位');
  }
  await scoped(db, a)
    .updateTable('units')
    .set({ active, deactivated_at: active ? null : now, deactivated_reason: active ? null : reason, updated_at: now })
    .where('id', '=', u.id)
    .execute();
}

// ---------- posts ----------

export async function listPosts(db: Kysely<DB>, a: Actor, f: { unitId?: number }) {
  let q = scoped(db, a)
    .selectFrom('posts as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.unit_id', 'u.name as unit_name', 'p.code', 'p.name', 'p.duty', 'p.active'])
    .orderBy('p.unit_id')
    .orderBy('p.id')
    .limit(2000);
  if (f.unitId) q = q.where('p.unit_id', '=', f.unitId);
  return q.execute();
}

export async function createPost(db: Kysely<DB>, a: Actor, input: { unitId: number; code: string; name: string; duty?: string | null }, now: Date) {
  const unit = await scoped(db, a).selectFrom('units').select(['id', 'active']).where('id', '=', input.unitId).executeTakeFirst();
  if (!unit) throw badRequest('UNIT_NOT_FOUND', '单位不存在或不在管辖范围内');
  if (!unit.active) throw badRequest('UNIT_INACTIVE', '单位已停用');
  const dup = await scoped(db, a).selectFrom('posts').select('id').where('unit_id', '=', input.unitId).where('code', '=', input.code).executeTakeFirst();
  if (dup) throw conflict('DUPLICATE_POST_CODE', `本单位已有岗位编码 ${input.code}`);
  return db
    .insertInto('posts')
    .values({ unit_id: input.unitId, code: input.code, name: input.name, duty: input.duty ?? null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updatePost(db: Kysely<DB>, a: Actor, id: number, patch: { name?: string; duty?: string | null; active?: boolean }, now: Date) {
  const res = await scoped(db, a)
    .updateTable('posts')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.duty !== undefined && { duty: patch.duty }),
      ...(patch.active !== undefined && { active: patch.active }),
      updated_at: now,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (!res.numUpdatedRows) throw notFound('岗位不存在');
}

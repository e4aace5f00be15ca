// What the power library needs to know about a unit: its codes, paths and posts.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { scoped, type Actor } from '../access/scope.ts';
import { badRequest } from '../http/errors.ts';
import type { UnitFacts } from './validate.ts';

export interface UnitInfo extends UnitFacts {
  id: number;
  name: string;
  path: string;
  regionCode: string;
  regionPath: string;
  active: boolean;
}

async function load(db: Kysely<DB>, id: number, a: Actor | null): Promise<UnitInfo | null> {
  const base = a ? scoped(db, a).selectFrom('units') : // system: unit facts for validation and publication, not a user listing
    db.selectFrom('units');
  const u = await base.select(['id', 'name', 'path', 'credit_code', 'region_code', 'region_path', 'active']).where('id', '=', id).executeTakeFirst();
  if (!u) return null;
  // system: the unit's posts, to check that flow steps name existing posts (CAT-4)
  const posts = await db.selectFrom('posts').select('code').where('unit_id', '=', id).where('active', '=', true).execute();
  return {
    id: u.id, name: u.name, path: u.path, regionCode: u.region_code, regionPath: u.region_path, active: u.active,
    creditCode: u.credit_code, postCodes: new Set(posts.map((p) => p.code)),
  };
}

/** The unit the actor drafts for: it must be inside their jurisdiction and active. */
export async function draftingUnit(db: Kysely<DB>, a: Actor, id: number): Promise<UnitInfo> {
  const u = await load(db, id, a);
  if (!u) throw badRequest('UNIT_NOT_FOUND', '实施主体不存在或不在管辖范围内', { unitId: id });
  if (!u.active) throw badRequest('UNIT_INACTIVE', '实施主体已停用');
  return u;
}

/** Any unit (co-units of a joint item may sit in another district; publication re-reads paths). */
export async function unitInfo(db: Kysely<DB>, id: number): Promise<UnitInfo | null> {
  return load(db, id, null);
}

export async function assertCoUnits(db: Kysely<DB>, ids: number[]): Promise<void> {
  if (!ids.length) return;
  // system: co-units of a joint item (CASE-9) may be outside the drafting unit's jurisdiction
  const rows = await db.selectFrom('units').select('id').where('id', 'in', ids).where('active', '=', true).execute();
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((i) => !found.has(i));
  if (missing.length) throw badRequest('CO_UNIT_NOT_FOUND', '并联审批的协办单位不存在或已停用', { unitIds: missing });
}

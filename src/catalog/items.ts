// Reading the library: items, their versions, and the exact version a case runs under
// (CAT-1, CAT-2, CAT-3). Staff reads go through scoped(); the functions other modules call
// (cases, supervision) take no actor and say so.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { scoped, type Actor } from '../access/scope.ts';
import { AppError, notFound } from '../http/errors.ts';
import { searchCondition } from './search.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import type { ItemType, ItemVersionSpec } from '../domain/item.ts';
import { parseElements, type ItemElements } from './elements.ts';
import type { CatalogItemVersion, ItemStatus } from './tables.ts';
import './register.ts';

/** CAT-2: the status in force on a date (a change takes effect on its effective date). */
export function effectiveStatus(v: { status: ItemStatus; status_from: string | null; prior_status: ItemStatus | null }, date: string): ItemStatus {
  if (!v.status_from || v.status_from <= date) return v.status;
  return v.prior_status ?? 'active';
}

export function specOf(v: CatalogItemVersion): ItemVersionSpec {
  const e = parseElements(v.elements);
  return {
    itemId: v.item_id, versionId: v.id, versionNo: v.version_no, baseCode: v.base_code, implCode: v.impl_code, name: v.name,
    type: v.type as ItemType, unitId: v.unit_id, legalLimit: e.legalLimit, promisedLimit: e.promisedLimit,
    specialProcedures: e.specialProcedures, steps: e.steps, fees: e.fees, free: e.free, discretion: e.discretion,
    onTheSpot: e.onTheSpot, joint: e.coUnitIds.length ? { coUnitIds: e.coUnitIds } : null, requiresResultOf: e.requiresResultOf,
    materials: e.materials.map((m) => ({ code: m.code, name: m.name, required: m.required })),
  };
}

// ---------- for other modules (no actor: callers have already checked their own scope) ----------

/** The exact version a case ran under (CAT-3: a case names its item version). */
export async function getItemVersionSpec(db: Kysely<DB>, versionId: number): Promise<ItemVersionSpec> {
  // system: cases load the version they run under; the case module checks its own scope
  const v = await db.selectFrom('catalog_item_versions').selectAll().where('id', '=', versionId).executeTakeFirst();
  if (!v) throw notFound('事项版本不存在');
  return specOf(v);
}

/** The version in force, or null when the item was never published. */
export async function currentPublishedVersion(db: Kysely<DB>, itemId: number): Promise<ItemVersionSpec | null> {
  const v = await currentVersionRow(db, itemId);
  return v ? specOf(v) : null;
}

async function currentVersionRow(db: Kysely<DB>, itemId: number) {
  // system: the version in force, for the case and supervision modules
  return db.selectFrom('catalog_item_versions as v')
    .innerJoin('catalog_items as i', 'i.current_version_id', 'v.id')
    .selectAll('v').where('i.id', '=', itemId).executeTakeFirst();
}

/** CAT-2: only 在用 items take new cases (成都 §10(1): a case on a cancelled item is a violation). */
export async function assertItemAcceptsCases(db: Kysely<DB>, itemId: number, now: Date): Promise<ItemVersionSpec> {
  const v = await currentVersionRow(db, itemId);
  if (!v) throw new AppError(409, 'ITEM_NOT_PUBLISHED', '事项尚未发布，不能受理办件');
  const s = effectiveStatus(v, chinaDateOf(now));
  if (s !== 'active') throw new AppError(409, 'ITEM_NOT_ACTIVE', s === 'paused' ? '事项已暂停，不能受理新的办件' : '事项已取消，不能受理新的办件', { status: s });
  return specOf(v);
}

// ---------- staff reads ----------

export interface ItemFilter {
  unitId?: number;
  type?: string;
  status?: 'draft' | ItemStatus;
  regionCode?: string;
  q?: string;
  secret?: boolean;
  publicityProblems?: boolean;
  after?: number;
  limit: number;
}

export function itemQuery(db: Kysely<DB>, a: Actor) {
  return scoped(db, a)
    .selectFrom('catalog_items as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .innerJoin('regions as r', 'r.code', 'i.region_code')
    .select([
      'i.id', 'i.base_code', 'i.impl_code', 'i.name', 'i.type', 'i.unit_id', 'u.name as unit_name', 'i.region_code', 'r.name as region_name',
      'r.level as region_level', 'i.status', 'i.status_from', 'i.prior_status', 'i.current_version_id', 'i.current_version_no', 'i.secret',
      'i.exempt', 'i.publicity_problems', 'i.updated_at',
      (eb) => eb.selectFrom('catalog_changes as c').select('c.id').whereRef('c.item_id', '=', 'i.id')
        .where('c.state', 'in', ['draft', 'submitted', 'returned']).limit(1).as('open_change_id'),
    ]);
}
export type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['executeTakeFirstOrThrow']>>;

export async function listItems(db: Kysely<DB>, a: Actor, f: ItemFilter): Promise<ItemRow[]> {
  let q = itemQuery(db, a).orderBy('i.id').limit(f.limit + 1);
  if (f.after) q = q.where('i.id', '>', f.after);
  if (f.unitId) q = q.where('i.unit_id', '=', f.unitId);
  if (f.type) q = q.where('i.type', '=', f.type);
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.regionCode) q = q.where('i.region_code', '=', f.regionCode);
  if (f.secret !== undefined) q = q.where('i.secret', '=', f.secret);
  if (f.publicityProblems) q = q.where('i.publicity_problems', '>', 0);
  if (f.q) {
    const t = f.q.trim();
    q = /^[0-9A-Z]{12,31}$/.test(t)
      ? q.where((eb) => eb.or([eb('i.base_code', '=', t), eb('i.impl_code', '=', t)]))
      : q.where(searchCondition(t));
  }
  return q.execute();
}

export async function getItem(db: Kysely<DB>, a: Actor, id: number): Promise<ItemRow> {
  const r = await itemQuery(db, a).where('i.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('事项不存在');
  return r;
}

export async function listVersions(db: Kysely<DB>, a: Actor, itemId: number) {
  return scoped(db, a).selectFrom('catalog_item_versions')
    .select(['id', 'version_no', 'change_id', 'name', 'status', 'status_from', 'valid_from', 'valid_to', 'published_at', 'published_by'])
    .where('item_id', '=', itemId).orderBy('version_no', 'desc').execute();
}

/** Any version, current or superseded (staff read; the public sees only the one in force). */
export async function getVersion(db: Kysely<DB>, a: Actor, itemId: number, versionNo: number): Promise<CatalogItemVersion> {
  const v = await scoped(db, a).selectFrom('catalog_item_versions').selectAll()
    .where('item_id', '=', itemId).where('version_no', '=', versionNo).executeTakeFirst();
  if (!v) throw notFound('事项版本不存在');
  return v;
}

export function elementsOf(v: { elements: unknown }): ItemElements {
  return parseElements(v.elements);
}

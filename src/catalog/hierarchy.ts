// CAT-5 (徐州 §20, §22): libraries at county, city and province; a lower library reports its
// items to the upper one. Within one deployment the upper level already reads the lower
// libraries through its region scope; the report is the record (and event) the exchange
// issue will carry between deployments.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { scoped, type Actor } from '../access/scope.ts';
import { conflict, notFound } from '../http/errors.ts';
import { parentRegionCodeOf } from '../domain/validators.ts';
import { lockItem } from './changes.ts';
import { appendItemEvent } from './events.ts';

export async function reportUp(db: Kysely<DB>, a: Actor, itemId: number, note: string | null, now: Date): Promise<{ id: number; toRegionCode: string }> {
  const item = await scoped(db, a).selectFrom('catalog_items').selectAll().where('id', '=', itemId).executeTakeFirst();
  if (!item) throw notFound('事项不存在');
  if (!item.current_version_id) throw conflict('ITEM_NOT_PUBLISHED', '事项尚未发布，不能上报');
  const to = parentRegionCodeOf(item.region_code);
  if (!to) throw conflict('NO_UPPER_LEVEL', '省级权力库没有上级');
  return db.transaction().execute(async (trx) => {
    await lockItem(trx, itemId);
    const r = await trx.insertInto('catalog_reports').values({
      item_id: itemId, version_id: item.current_version_id!, unit_id: item.unit_id, unit_path: item.unit_path, region_path: item.region_path,
      from_region_code: item.region_code, to_region_code: to, note, reported_by: a.userId, reported_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await appendItemEvent(trx, itemId, a, 'reported_up', {
      reportId: r.id, versionId: item.current_version_id, versionNo: item.current_version_no, from: item.region_code, to, note,
    }, now);
    return { id: r.id, toRegionCode: to };
  });
}

export async function listReports(db: Kysely<DB>, a: Actor, f: { toRegionCode?: string; itemId?: number; after?: number; limit: number }) {
  let q = scoped(db, a).selectFrom('catalog_reports as p')
    .innerJoin('catalog_items as i', 'i.id', 'p.item_id')
    .innerJoin('catalog_item_versions as v', 'v.id', 'p.version_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('regions as rf', 'rf.code', 'p.from_region_code')
    .innerJoin('regions as rt', 'rt.code', 'p.to_region_code')
    .select([
      'p.id', 'p.item_id', 'p.version_id', 'v.version_no', 'i.name as item_name', 'i.impl_code', 'u.name as unit_name', 'p.from_region_code',
      'rf.name as from_region_name', 'p.to_region_code', 'rt.name as to_region_name', 'p.note', 'p.reported_by', 'p.reported_at',
    ])
    .orderBy('p.id').limit(f.limit + 1);
  if (f.after) q = q.where('p.id', '>', f.after);
  if (f.toRegionCode) q = q.where('p.to_region_code', '=', f.toRegionCode);
  if (f.itemId) q = q.where('p.item_id', '=', f.itemId);
  return q.execute();
}

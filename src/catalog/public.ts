// PUB-1 / CAT-6: the public catalogue is the library itself — the version in force of every
// published, non-secret item that is not (yet) cancelled. No session; no internal data
// beyond what a 办事指南 publishes.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { notFound } from '../http/errors.ts';
import { searchCondition } from './search.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import { effectiveStatus, elementsOf } from './items.ts';
import { fileNames, fileUrl } from './files.ts';

export interface PublicFilter {
  unitId?: number;
  type?: string;
  q?: string;
  regionCode?: string;
  after?: number;
  limit: number;
}

function publicItems(db: Kysely<DB>, today: string) {
  // system: the public catalogue is every published, non-secret, not-cancelled item (PUB-1, CAT-6)
  return db.selectFrom('catalog_items as i')
    .innerJoin('catalog_item_versions as v', 'v.id', 'i.current_version_id')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .innerJoin('regions as r', 'r.code', 'i.region_code')
    .where('i.secret', '=', false)
    .where((eb) => eb.or([eb('i.status', '<>', 'cancelled'), eb('i.status_from', '>', today)]));
}

/** PUB-1 list, keyset by id; `q` matches name and keywords (pg_trgm index, 2+ Chinese characters). */
export async function listPublicItems(db: Kysely<DB>, f: PublicFilter, now: Date) {
  const today = chinaDateOf(now);
  let q = publicItems(db, today)
    .select([
      'i.id', 'i.name', 'i.type', 'i.impl_code', 'i.unit_id', 'u.name as unit_name', 'i.region_code', 'r.name as region_name', 'v.status',
      'v.status_from', 'v.prior_status', 'v.version_no', 'v.promised_limit_days', 'v.promised_limit_unit', 'v.legal_limit_days',
      'v.legal_limit_unit', 'v.online', 'v.on_the_spot', 'v.free',
    ])
    .orderBy('i.id').limit(f.limit + 1);
  if (f.after) q = q.where('i.id', '>', f.after);
  if (f.unitId) q = q.where('i.unit_id', '=', f.unitId);
  if (f.type) q = q.where('i.type', '=', f.type);
  if (f.regionCode) q = q.where('i.region_code', '=', f.regionCode);
  if (f.q?.trim()) q = q.where(searchCondition(f.q));
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, effective_status: effectiveStatus(r, today) }));
}

/** The 办事指南 of the version in force. */
export async function publicGuide(db: Kysely<DB>, id: number, now: Date) {
  const today = chinaDateOf(now);
  const r = await publicItems(db, today)
    .select([
      'i.id', 'i.impl_code', 'v.status', 'v.status_from', 'v.prior_status', 'u.name as unit_name', 'u.phone as unit_phone', 'r.name as region_name', 'i.region_code',
      'v.id as version_id', 'v.version_no', 'v.valid_from', 'v.elements', 'v.status_reason',
    ])
    .where('i.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('事项不存在或未公开');
  const e = elementsOf(r);
  const files = await fileNames(db, e.materials.flatMap((m) => [m.templateFile, m.sampleFile]).filter((h): h is string => !!h));
  const link = (h: string | null) => (h ? { hash: h, name: files.get(h)?.name ?? h, url: fileUrl(h) } : null);
  // system: names of the posts and co-units a public guide shows (no personal data)
  const posts = await db.selectFrom('posts').select(['code', 'name']).where('unit_id', '=', e.unitId).execute();
  const postName = new Map(posts.map((p) => [p.code, p.name]));
  const coUnits = e.coUnitIds.length
    ? // system: names of the co-units of a joint item, for the public guide
      await db.selectFrom('units').select(['id', 'name']).where('id', 'in', e.coUnitIds).execute()
    : [];
  return {
    id: r.id, versionId: r.version_id, versionNo: r.version_no, validFrom: r.valid_from, status: effectiveStatus(r, today),
    statusFrom: r.status_from, statusReason: r.status_reason, unitName: r.unit_name, unitPhone: r.unit_phone, implCode: r.impl_code, regionCode: r.region_code, regionName: r.region_name,
    elements: e,
    materials: e.materials.map((m) => ({ ...m, template: link(m.templateFile), sample: link(m.sampleFile) })),
    steps: e.steps.map((s) => ({ code: s.code, kind: s.kind, name: s.name, postName: postName.get(s.postCode) ?? s.postCode, duty: s.duty, limit: s.limit })),
    coUnits,
  };
}

/** Units that have public items, for the hall's filter. */
export async function publicUnits(db: Kysely<DB>, now: Date) {
  return publicItems(db, chinaDateOf(now))
    .select(['u.id', 'u.name', 'i.region_code', 'r.name as region_name', (eb) => eb.fn.countAll<number>().as('items')])
    .groupBy(['u.id', 'u.name', 'i.region_code', 'r.name'])
    .orderBy('i.region_code').orderBy('u.id').execute();
}

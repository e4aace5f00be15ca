// Review of change requests (CAT-3, LEGAL-5): basic elements by 编办, internal flow and
// discretion by 法制 (徐州 §17, §22–24). A reviewer approves their part or returns the whole
// request with an opinion; when every part is approved a new immutable version is published,
// the previous one is closed (valid_to) and stays readable. Nothing unreviewed is published.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Actor } from '../access/scope.ts';
import { conflict, forbidden } from '../http/errors.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import { canonicalJson, sm3 } from '../store/event-chain.ts';
import { searchTextOf, type ItemElements } from './elements.ts';
import { derivedImplCode, flowApprovalProblems } from './validate.ts';
import { publicityProblems } from './publicity.ts';
import { elementsOf } from './items.ts';
import { getChange, lockItem, refuse } from './changes.ts';
import { appendItemEvent } from './events.ts';
import { closeClocks } from './clocks.ts';
import { unitInfo } from './units.ts';
import { revokeOnUnsecret } from './secret.ts';
import type { CatalogChange, ReviewPart } from './tables.ts';

export const PART_NAMES: Record<ReviewPart, string> = { basic: '基本要素（编办审核）', flow: '内部流程和裁量基准（法制审核）' };

export interface ReviewResult {
  state: CatalogChange['state'];
  publishedVersionId: number | null;
}

export async function reviewChange(
  db: Kysely<DB>, a: Actor, id: number, part: ReviewPart, decision: 'approve' | 'return', opinion: string, now: Date,
): Promise<ReviewResult> {
  const c = await getChange(db, a, id);
  if (c.state !== 'submitted') throw conflict('CHANGE_NOT_SUBMITTED', '该变更申请不在待审核状态');
  if (!c.parts.includes(part))
    throw forbidden(`该变更申请不涉及${PART_NAMES[part]}，无需本部门审核`, 'NOT_REVIEWER_FOR_PART', { parts: c.parts });
  if ((part === 'basic' ? c.basic_approved_at : c.flow_approved_at) !== null)
    throw conflict('PART_ALREADY_APPROVED', `${PART_NAMES[part]}已审核通过`);
  const e = elementsOf(c);
  if (decision === 'approve' && part === 'flow') {
    const p = flowApprovalProblems(e);
    if (p.length) refuse(p);
  }
  return db.transaction().execute(async (trx) => {
    await lockItem(trx, c.item_id);
    // system: re-read under the item lock so two reviewers cannot both complete the request
    const fresh = await trx.selectFrom('catalog_changes').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    if (fresh.state !== 'submitted') throw conflict('CHANGE_NOT_SUBMITTED', '该变更申请不在待审核状态');
    if (decision === 'return') {
      // system: the change found in scope above, updated under its item lock
      await trx.updateTable('catalog_changes').set({
        state: 'returned', last_opinion: opinion, basic_approved_by: null, basic_approved_at: null, flow_approved_by: null,
        flow_approved_at: null, updated_at: now,
      }).where('id', '=', c.id).execute();
      await closeClocks(trx, c.id, ['review_basic', 'review_flow'], now);
      await appendItemEvent(trx, c.item_id, a, 'change_returned', { changeId: c.id, part, opinion }, now);
      return { state: 'returned' as const, publishedVersionId: null };
    }
    // system: the change found in scope above, updated under its item lock
    const row = await trx.updateTable('catalog_changes').set({
      ...(part === 'basic' ? { basic_approved_by: a.userId, basic_approved_at: now } : { flow_approved_by: a.userId, flow_approved_at: now }),
      last_opinion: opinion || null, updated_at: now,
    }).where('id', '=', c.id).returningAll().executeTakeFirstOrThrow();
    await closeClocks(trx, c.id, [part === 'basic' ? 'review_basic' : 'review_flow'], now);
    await appendItemEvent(trx, c.item_id, a, 'part_approved', { changeId: c.id, part, opinion }, now);
    const done = row.parts.every((p) => (p === 'basic' ? row.basic_approved_at : row.flow_approved_at) !== null);
    if (!done) return { state: 'submitted' as const, publishedVersionId: null };
    const versionId = await publish(trx, row, e, a, now);
    return { state: 'published' as const, publishedVersionId: versionId };
  });
}

/** Publishes the approved change as the next version (inside the reviewer's transaction). */
export async function publish(trx: Kysely<DB>, c: CatalogChange, e: ItemElements, a: Actor | null, now: Date): Promise<number> {
  const item = await lockItem(trx, c.item_id);
  if (item.current_version_id !== c.base_version_id) throw conflict('STALE_DRAFT', '事项在起草后已发布了新版本，请重新起草');
  const unit = await unitInfo(trx, e.unitId);
  if (!unit) throw conflict('UNIT_NOT_FOUND', '实施主体不存在');
  const implCode = derivedImplCode(e, unit.creditCode);
  if (!implCode) throw conflict('INVALID_IMPL_CODE', '无法生成实施编码');
  const today = chinaDateOf(now);
  const prev = item.current_version_id
    ? // system: the previous version of the locked item, to carry its status and close it
      await trx.selectFrom('catalog_item_versions').selectAll().where('id', '=', item.current_version_id).executeTakeFirstOrThrow()
    : null;
  const status = c.kind === 'status' ? c.new_status! : prev?.status ?? 'active';
  const statusFrom = c.kind === 'status' ? c.status_from! : prev?.status_from ?? today;
  const priorStatus = c.kind === 'status' ? prev?.status ?? null : prev?.prior_status ?? null;
  const statusReason = c.kind === 'status' ? c.status_reason : prev?.status_reason ?? null;
  const problems = publicityProblems(e);
  const elementsJson = JSON.stringify(e);
  if (prev) {
    // system: closing the superseded version of the locked item (the only column that may change)
    await trx.updateTable('catalog_item_versions').set({ valid_to: now }).where('id', '=', prev.id).execute();
  }
  const v = await trx.insertInto('catalog_item_versions').values({
    item_id: item.id, version_no: item.current_version_no + 1, change_id: c.id, base_code: e.baseCode, impl_code: implCode, name: e.name,
    type: e.type, unit_id: unit.id, unit_path: unit.path, region_path: unit.regionPath, legal_limit_days: e.legalLimit.days,
    legal_limit_unit: e.legalLimit.unit, promised_limit_days: e.promisedLimit.days, promised_limit_unit: e.promisedLimit.unit, free: e.free,
    on_the_spot: e.onTheSpot, online: e.online, secret: e.secret, status, status_from: statusFrom, prior_status: priorStatus,
    status_reason: statusReason, elements: elementsJson, elements_hash: sm3(canonicalJson(e)), publicity_problems: JSON.stringify(problems),
    valid_from: now, valid_to: null, published_at: now, published_by: a?.userId || null,
  }).returning(['id', 'version_no']).executeTakeFirstOrThrow();
  try {
    // system: the locked item's projection follows its new version
    await trx.updateTable('catalog_items').set({
      base_code: e.baseCode, impl_code: implCode, name: e.name, type: e.type, unit_id: unit.id, unit_path: unit.path,
      region_code: unit.regionCode, region_path: unit.regionPath, status, status_from: statusFrom, prior_status: priorStatus,
      current_version_id: v.id, current_version_no: v.version_no, secret: e.secret, publicity_problems: problems.length,
      search_text: searchTextOf(e), updated_at: now,
    }).where('id', '=', item.id).execute();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw conflict('DUPLICATE_IMPL_CODE', `实施编码 ${implCode} 已被其他事项使用`);
    throw err;
  }
  if (!e.secret && item.secret) await revokeOnUnsecret(trx, item.id, now);
  // system: the change being published, under the item lock
  await trx.updateTable('catalog_changes').set({ state: 'published', published_version_id: v.id, updated_at: now }).where('id', '=', c.id).execute();
  const hashes = e.materials.flatMap((m) => [m.templateFile, m.sampleFile]).filter((h): h is string => !!h);
  if (hashes.length && !e.secret) await trx.updateTable('files').set({ public: true }).where('hash', 'in', hashes).execute();
  await appendItemEvent(trx, item.id, a, 'version_published', {
    changeId: c.id, versionId: v.id, versionNo: v.version_no, implCode, elementsHash: sm3(canonicalJson(e)), status, statusFrom,
    publicityProblems: problems.map((p) => p.code),
  }, now);
  if (c.kind === 'status')
    await appendItemEvent(trx, item.id, a, 'status_changed', { versionId: v.id, from: prev?.status ?? null, to: status, effectiveDate: statusFrom, reason: statusReason }, now);
  return v.id;
}

// Change requests (drafts) of the library (CAT-3, LEGAL-5): a unit admin drafts a new item or
// a change of an existing one, names the reason and the triggering event, and submits it.
// Drafts are editable until submitted; submission freezes them and starts the review clocks.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { scoped, type Actor } from '../access/scope.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import { changedFields, partsOf, searchTextOf, type ItemElements } from './elements.ts';
import { elementProblems, submitProblems, derivedImplCode, type Problem } from './validate.ts';
import { assertCoUnits, draftingUnit, type UnitInfo } from './units.ts';
import { elementsOf } from './items.ts';
import { appendItemEvent } from './events.ts';
import { openReviewClocks, setFilingClock } from './clocks.ts';
import type { CatalogChange, ItemStatus } from './tables.ts';

export const TRIGGER_KINDS = {
  new_law: '法律法规立改废',
  reorganisation: '机构改革或职能调整',
  delegation: '权力下放或承接',
  clean_up: '清理规范',
  correction: '要素纠错',
  other: '其他',
} as const;
export type TriggerKind = keyof typeof TRIGGER_KINDS;

export function refuse(problems: Problem[]): never {
  const [first] = problems;
  throw badRequest(first.code, first.message, { problems });
}

const OPEN = ['draft', 'submitted', 'returned'] as const;
const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/** Validates elements for the actor; returns the unit and the derived 实施编码. */
export async function checkElements(db: Kysely<DB>, a: Actor, e: ItemElements, exceptItemId: number | null): Promise<{ unit: UnitInfo; implCode: string }> {
  const unit = await draftingUnit(db, a, e.unitId);
  const problems = elementProblems(e, unit);
  if (problems.length) refuse(problems);
  await assertCoUnits(db, e.coUnitIds);
  const implCode = derivedImplCode(e, unit.creditCode)!;
  // system: 实施编码 is unique in the whole library, whoever can see the other item
  let dupQ = db.selectFrom('catalog_items').select('id').where('impl_code', '=', implCode);
  if (exceptItemId) dupQ = dupQ.where('id', '<>', exceptItemId);
  if (await dupQ.executeTakeFirst()) throw conflict('DUPLICATE_IMPL_CODE', `实施编码 ${implCode} 已被其他事项使用`, { implCode });
  return { unit, implCode };
}

export async function getChange(db: Kysely<DB>, a: Actor, id: number): Promise<CatalogChange> {
  const c = await scoped(db, a).selectFrom('catalog_changes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound('变更申请不存在');
  return c;
}

export async function lockItem(trx: Kysely<DB>, itemId: number) {
  // system: row lock on the item the caller already found in scope; serialises its event stream
  return trx.selectFrom('catalog_items').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirstOrThrow();
}

async function baseElements(db: Kysely<DB>, versionId: number | null): Promise<ItemElements | null> {
  if (!versionId) return null;
  // system: the version a draft started from, already reached through the scoped change or item
  const v = await db.selectFrom('catalog_item_versions').select('elements').where('id', '=', versionId).executeTakeFirstOrThrow();
  return elementsOf(v);
}

export interface DraftMeta {
  reason?: string | null;
  triggerKind?: TriggerKind | null;
  triggerDate?: string | null;
}

function checkTrigger(date: string | null | undefined, now: Date) {
  if (date && date > chinaDateOf(now)) throw badRequest('TRIGGER_DATE_IN_FUTURE', '触发事由发生日期不能晚于今天');
}

/** A draft of a new item (itemId absent) or of a change to a published item. */
export async function createChange(db: Kysely<DB>, a: Actor, input: NewDraft, now: Date): Promise<number> {
  try {
    return await db.transaction().execute((trx) => createChangeIn(trx, a, input, now));
  } catch (err) {
    if (isUniqueViolation(err)) {
      if (String((err as Error).message).includes('impl_code')) throw conflict('DUPLICATE_IMPL_CODE', '实施编码已被其他事项使用');
      throw conflict('OPEN_CHANGE_EXISTS', '该事项已有未完成的变更申请，请在其基础上修改');
    }
    throw err;
  }
}

export type NewDraft = DraftMeta & { itemId?: number | null; elements: ItemElements };

/** createChange inside the caller's transaction (the import writes many drafts at once). */
export async function createChangeIn(trx: Kysely<DB>, a: Actor, input: NewDraft, now: Date): Promise<number> {
  checkTrigger(input.triggerDate, now);
  const e = input.elements;
  let baseVersionId: number | null = null;
  let base: ItemElements | null = null;
  if (input.itemId) {
    const item = await scoped(trx, a).selectFrom('catalog_items').selectAll().where('id', '=', input.itemId).executeTakeFirst();
    if (!item) throw notFound('事项不存在');
    if (!item.current_version_id) throw conflict('OPEN_CHANGE_EXISTS', '该事项尚未发布，请修改其现有草稿');
    if (item.status === 'cancelled') throw conflict('ITEM_CANCELLED', '事项已取消，不能再变更');
    baseVersionId = item.current_version_id;
    base = await baseElements(trx, baseVersionId);
  }
  const { unit, implCode } = await checkElements(trx, a, e, input.itemId ?? null);
  const fields = changedFields(base, e);
  let itemId = input.itemId ?? null;
  if (!itemId) {
    const row = await trx.insertInto('catalog_items').values({
      base_code: e.baseCode, impl_code: implCode, name: e.name, type: e.type, unit_id: unit.id, unit_path: unit.path,
      region_code: unit.regionCode, region_path: unit.regionPath, status: 'draft', status_from: null, prior_status: null,
      current_version_id: null, current_version_no: 0, secret: e.secret, exempt: false, publicity_problems: 0,
      search_text: searchTextOf(e), created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    itemId = row.id;
  }
  const owner = input.itemId ? await lockItem(trx, itemId) : null;
  const c = await trx.insertInto('catalog_changes').values({
    item_id: itemId, kind: input.itemId ? 'modify' : 'create', state: 'draft', base_version_id: baseVersionId,
    unit_id: owner?.unit_id ?? unit.id, unit_path: owner?.unit_path ?? unit.path, region_path: owner?.region_path ?? unit.regionPath,
    elements: JSON.stringify(e), parts: partsOf(fields), changed_fields: fields, new_status: null, status_from: null, status_reason: null,
    reason: input.reason ?? null, trigger_kind: input.triggerKind ?? null, trigger_date: input.triggerDate ?? null,
    basic_approved_by: null, basic_approved_at: null, flow_approved_by: null, flow_approved_at: null, last_opinion: null,
    published_version_id: null, created_by: a.userId, created_at: now, updated_at: now, submitted_at: null,
  }).returningAll().executeTakeFirstOrThrow();
  if (c.trigger_date) await setFilingClock(trx, c, c.trigger_date, now, false);
  return c.id;
}

function assertEditable(c: CatalogChange) {
  if (c.kind === 'status') throw conflict('CHANGE_NOT_EDITABLE', '状态变更申请提交后不能修改');
  if (c.state !== 'draft' && c.state !== 'returned') throw conflict('CHANGE_NOT_EDITABLE', '变更申请已提交审核或已发布，不能修改');
}

export async function updateChange(db: Kysely<DB>, a: Actor, id: number, patch: DraftMeta & { elements?: ItemElements }, now: Date): Promise<void> {
  const c = await getChange(db, a, id);
  assertEditable(c);
  checkTrigger(patch.triggerDate, now);
  const e = patch.elements ?? elementsOf(c);
  const { unit, implCode } = await checkElements(db, a, e, c.item_id);
  const fields = changedFields(await baseElements(db, c.base_version_id), e);
  await db.transaction().execute(async (trx) => {
    await lockItem(trx, c.item_id);
    // system: the draft found in scope above, under its item lock
    const row = await trx.updateTable('catalog_changes').set({
      elements: JSON.stringify(e), parts: partsOf(fields), changed_fields: fields, state: 'draft', updated_at: now,
      ...(patch.reason !== undefined && { reason: patch.reason }),
      ...(patch.triggerKind !== undefined && { trigger_kind: patch.triggerKind }),
      ...(patch.triggerDate !== undefined && { trigger_date: patch.triggerDate }),
      ...(c.kind === 'create' && { unit_id: unit.id, unit_path: unit.path, region_path: unit.regionPath }),
    }).where('id', '=', c.id).returningAll().executeTakeFirstOrThrow();
    if (c.kind === 'create') {
      // system: a never-published item's projection follows its only draft
      await trx.updateTable('catalog_items').set({
        base_code: e.baseCode, impl_code: implCode, name: e.name, type: e.type, unit_id: unit.id, unit_path: unit.path,
        region_code: unit.regionCode, region_path: unit.regionPath, secret: e.secret, search_text: searchTextOf(e), updated_at: now,
      }).where('id', '=', c.item_id).execute();
    }
    if (row.trigger_date) await setFilingClock(trx, row, row.trigger_date, now, false);
  });
}

/** CAT-3: submission freezes the draft, records the filing clock and opens the review clocks. */
export async function submitChange(db: Kysely<DB>, a: Actor, id: number, meta: { reason: string; triggerKind: TriggerKind; triggerDate: string }, now: Date) {
  const c = await getChange(db, a, id);
  assertEditable(c);
  checkTrigger(meta.triggerDate, now);
  const e = elementsOf(c);
  const extra = submitProblems(e);
  if (extra.length) refuse(extra);
  await checkElements(db, a, e, c.item_id);
  const fields = changedFields(await baseElements(db, c.base_version_id), e);
  if (!fields.length) throw badRequest('NO_CHANGES', '草稿与现行版本相同，没有需要审核的变更');
  const parts = partsOf(fields);
  await db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, c.item_id);
    if (item.current_version_id !== c.base_version_id) throw conflict('STALE_DRAFT', '事项在起草后已发布了新版本，请重新起草');
    // system: the draft found in scope above, under its item lock
    const row = await trx.updateTable('catalog_changes').set({
      state: 'submitted', parts, changed_fields: fields, reason: meta.reason, trigger_kind: meta.triggerKind, trigger_date: meta.triggerDate,
      basic_approved_by: null, basic_approved_at: null, flow_approved_by: null, flow_approved_at: null, submitted_at: now, updated_at: now,
    }).where('id', '=', c.id).returningAll().executeTakeFirstOrThrow();
    await setFilingClock(trx, row, meta.triggerDate, now, true);
    await openReviewClocks(trx, row, parts, now);
    await appendItemEvent(trx, c.item_id, a, 'change_submitted', {
      changeId: c.id, kind: c.kind, parts, changedFields: fields, reason: meta.reason, triggerKind: meta.triggerKind, triggerDate: meta.triggerDate,
    }, now);
  });
}

/** CAT-2: 在用 / 暂停 / 取消 with an effective date and reason, reviewed by 编办 like any basic change. */
export async function requestStatusChange(
  db: Kysely<DB>, a: Actor, itemId: number,
  input: { status: ItemStatus; effectiveDate: string; reason: string; triggerKind: TriggerKind; triggerDate: string }, now: Date,
): Promise<number> {
  const item = await scoped(db, a).selectFrom('catalog_items').selectAll().where('id', '=', itemId).executeTakeFirst();
  if (!item) throw notFound('事项不存在');
  if (!item.current_version_id) throw conflict('ITEM_NOT_PUBLISHED', '事项尚未发布');
  if (item.status === 'cancelled') throw conflict('ITEM_CANCELLED', '事项已取消，不能再变更状态');
  if (item.status === input.status) throw badRequest('STATUS_UNCHANGED', '事项已是该状态');
  const today = chinaDateOf(now);
  if (input.effectiveDate < today) throw badRequest('EFFECTIVE_DATE_IN_PAST', '生效日期不能早于今天');
  checkTrigger(input.triggerDate, now);
  const elements = await baseElements(db, item.current_version_id);
  try {
    return await db.transaction().execute(async (trx) => {
      const locked = await lockItem(trx, itemId);
      const c = await trx.insertInto('catalog_changes').values({
        item_id: itemId, kind: 'status', state: 'submitted', base_version_id: locked.current_version_id, unit_id: locked.unit_id,
        unit_path: locked.unit_path, region_path: locked.region_path, elements: JSON.stringify(elements), parts: ['basic'],
        changed_fields: ['status'], new_status: input.status, status_from: input.effectiveDate, status_reason: input.reason,
        reason: input.reason, trigger_kind: input.triggerKind, trigger_date: input.triggerDate, basic_approved_by: null,
        basic_approved_at: null, flow_approved_by: null, flow_approved_at: null, last_opinion: null, published_version_id: null,
        created_by: a.userId, created_at: now, updated_at: now, submitted_at: now,
      }).returningAll().executeTakeFirstOrThrow();
      await setFilingClock(trx, c, input.triggerDate, now, true);
      await openReviewClocks(trx, c, ['basic'], now);
      await appendItemEvent(trx, itemId, a, 'change_submitted', {
        changeId: c.id, kind: 'status', parts: ['basic'], changedFields: ['status'], newStatus: input.status,
        effectiveDate: input.effectiveDate, reason: input.reason, triggerKind: input.triggerKind, triggerDate: input.triggerDate,
      }, now);
      return c.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('OPEN_CHANGE_EXISTS', '该事项已有未完成的变更申请');
    throw err;
  }
}

export interface ChangeFilter {
  state?: (typeof OPEN)[number] | 'published';
  part?: 'basic' | 'flow';
  itemId?: number;
  after?: number;
  limit: number;
}

export async function listChanges(db: Kysely<DB>, a: Actor, f: ChangeFilter) {
  let q = scoped(db, a).selectFrom('catalog_changes as c')
    .innerJoin('catalog_items as i', 'i.id', 'c.item_id')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select([
      'c.id', 'c.item_id', 'c.kind', 'c.state', 'c.parts', 'c.changed_fields', 'c.reason', 'c.trigger_kind', 'c.trigger_date', 'c.new_status',
      'c.status_from', 'c.basic_approved_at', 'c.flow_approved_at', 'c.last_opinion', 'c.submitted_at', 'c.updated_at', 'c.created_by',
      'i.name as item_name', 'i.impl_code', 'u.name as unit_name', 'c.published_version_id',
    ])
    .orderBy('c.id').limit(f.limit + 1);
  if (f.after) q = q.where('c.id', '>', f.after);
  if (f.state) q = q.where('c.state', '=', f.state);
  if (f.itemId) q = q.where('c.item_id', '=', f.itemId);
  if (f.part === 'basic') q = q.where('c.basic_approved_at', 'is', null).where((eb) => eb(eb.val('basic'), '=', eb.fn.any('c.parts')));
  if (f.part === 'flow') q = q.where('c.flow_approved_at', 'is', null).where((eb) => eb(eb.val('flow'), '=', eb.fn.any('c.parts')));
  return q.execute();
}


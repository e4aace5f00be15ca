// CAT-7 (成都 §5): a secret (涉密) item, marked with its confidentiality document, may be
// exempted from supervision only after joint approval of the supervision bureau and the
// secrecy bureau. Exemptions are listed and revocable; every act is a chained event.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { scoped, type Actor } from '../access/scope.ts';
import { conflict, notFound } from '../http/errors.ts';
import { lockItem } from './changes.ts';
import { appendItemEvent } from './events.ts';
import type { Selectable } from 'kysely';
import type { CatalogExemptionsTable } from './tables.ts';

export type Exemption = Selectable<CatalogExemptionsTable>;
export type ApprovalSide = 'supervision' | 'secrecy';
const SIDE_NAMES: Record<ApprovalSide, string> = { supervision: '监察机关', secrecy: '保密部门' };

/** True while a granted, unrevoked exemption covers the item (supervision skips it). */
export async function isExemptFromSupervision(db: Kysely<DB>, itemId: number): Promise<boolean> {
  // system: supervision asks about any item it already holds in scope
  const r = await db.selectFrom('catalog_items').select('exempt').where('id', '=', itemId).executeTakeFirst();
  return !!r?.exempt;
}

export async function requestExemption(db: Kysely<DB>, a: Actor, itemId: number, reason: string, now: Date): Promise<number> {
  const item = await scoped(db, a).selectFrom('catalog_items').selectAll().where('id', '=', itemId).executeTakeFirst();
  if (!item) throw notFound('事项不存在');
  if (!item.current_version_id || !item.secret) throw conflict('ITEM_NOT_SECRET', '只有已发布的涉密事项才能申请免于监察');
  // system: the secrecy document recorded on the version in force of the item found above
  const v = await db.selectFrom('catalog_item_versions').select('elements').where('id', '=', item.current_version_id).executeTakeFirstOrThrow();
  const secretDoc = String((v.elements as { secretDoc?: string }).secretDoc ?? '');
  try {
    return await db.transaction().execute(async (trx) => {
      await lockItem(trx, itemId);
      const r = await trx.insertInto('catalog_exemptions').values({
        item_id: itemId, unit_id: item.unit_id, unit_path: item.unit_path, region_path: item.region_path, secret_doc: secretDoc, reason,
        state: 'pending', requested_by: a.userId, requested_at: now, supervision_by: null, supervision_at: null, supervision_opinion: null,
        secrecy_by: null, secrecy_at: null, secrecy_opinion: null, revoked_by: null, revoked_at: null, revoke_reason: null,
      }).returning('id').executeTakeFirstOrThrow();
      await appendItemEvent(trx, itemId, a, 'exemption_requested', { exemptionId: r.id, secretDoc, reason }, now);
      return r.id;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw conflict('EXEMPTION_EXISTS', '该事项已有待审批或已生效的免于监察申请');
    throw err;
  }
}

export async function getExemption(db: Kysely<DB>, a: Actor, id: number): Promise<Exemption> {
  const r = await scoped(db, a).selectFrom('catalog_exemptions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('免于监察申请不存在');
  return r;
}

export async function approveExemption(db: Kysely<DB>, a: Actor, id: number, side: ApprovalSide, opinion: string, now: Date): Promise<Exemption> {
  const x = await getExemption(db, a, id);
  if (x.state !== 'pending') throw conflict('EXEMPTION_NOT_PENDING', '该申请不在待审批状态');
  if ((side === 'supervision' ? x.supervision_at : x.secrecy_at) !== null) throw conflict('ALREADY_APPROVED', `${SIDE_NAMES[side]}已审批`);
  return db.transaction().execute(async (trx) => {
    await lockItem(trx, x.item_id);
    // system: the exemption found in scope above, under its item lock
    const row = await trx.updateTable('catalog_exemptions').set(
      side === 'supervision'
        ? { supervision_by: a.userId, supervision_at: now, supervision_opinion: opinion }
        : { secrecy_by: a.userId, secrecy_at: now, secrecy_opinion: opinion },
    ).where('id', '=', id).where('state', '=', 'pending').returningAll().executeTakeFirst();
    if (!row) throw conflict('EXEMPTION_NOT_PENDING', '该申请不在待审批状态');
    await appendItemEvent(trx, x.item_id, a, 'exemption_approved', { exemptionId: id, side, opinion }, now);
    if (!row.supervision_at || !row.secrecy_at) return row;
    // system: the exemption found in scope above, under its item lock
    const granted = await trx.updateTable('catalog_exemptions').set({ state: 'granted' }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    // system: the item's projection records the exemption
    await trx.updateTable('catalog_items').set({ exempt: true, updated_at: now }).where('id', '=', x.item_id).execute();
    await appendItemEvent(trx, x.item_id, a, 'exemption_granted', { exemptionId: id }, now);
    return granted;
  });
}

export async function revokeExemption(db: Kysely<DB>, a: Actor | null, id: number, reason: string, now: Date, viaTrx?: Kysely<DB>): Promise<void> {
  const run = async (trx: Kysely<DB>) => {
    // system: the exemption the caller found in scope (or the publication revoking it), under the item lock
    const x = await trx.selectFrom('catalog_exemptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await lockItem(trx, x.item_id);
    if (x.state === 'revoked') throw conflict('EXEMPTION_REVOKED', '该免于监察已撤销');
    // system: same row as above
    await trx.updateTable('catalog_exemptions').set({ state: 'revoked', revoked_by: a?.userId || null, revoked_at: now, revoke_reason: reason })
      .where('id', '=', id).execute();
    // system: the item's projection drops the exemption
    await trx.updateTable('catalog_items').set({ exempt: false, updated_at: now }).where('id', '=', x.item_id).execute();
    await appendItemEvent(trx, x.item_id, a, 'exemption_revoked', { exemptionId: id, reason }, now);
  };
  if (viaTrx) return run(viaTrx);
  if (a) await getExemption(db, a, id);
  await db.transaction().execute(run);
}

/** A version that is no longer secret ends the item's exemption (called by publication). */
export async function revokeOnUnsecret(trx: Kysely<DB>, itemId: number, now: Date): Promise<void> {
  // system: the live exemption of the item being published
  const live = await trx.selectFrom('catalog_exemptions').select('id').where('item_id', '=', itemId).where('state', 'in', ['pending', 'granted']).executeTakeFirst();
  if (live) await revokeExemption(trx, null, live.id, '事项已解除涉密', now, trx);
}

export async function listExemptions(db: Kysely<DB>, a: Actor, f: { id?: number; state?: Exemption['state']; after?: number; limit: number }) {
  let q = scoped(db, a).selectFrom('catalog_exemptions as x')
    .innerJoin('catalog_items as i', 'i.id', 'x.item_id')
    .innerJoin('units as u', 'u.id', 'x.unit_id')
    .selectAll('x').select(['i.name as item_name', 'i.impl_code', 'u.name as unit_name'])
    .orderBy('x.id').limit(f.limit + 1);
  if (f.after) q = q.where('x.id', '>', f.after);
  if (f.state) q = q.where('x.state', '=', f.state);
  if (f.id) q = q.where('x.id', '=', f.id);
  return q.execute();
}

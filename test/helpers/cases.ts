// Helpers for case-processing tests: demo items, a custom published item, inline files.
import assert from 'node:assert/strict';
import type { Harness, Client } from './app.ts';
import { seedDemoItems } from '../../src/catalog/demo-items.ts';
import { permitElements, unitId } from './catalog.ts';

export async function seedItems(h: Harness): Promise<void> {
  await seedDemoItems(h.tdb.database.db, h.clock.now());
}

export async function itemId(h: Harness, name: string, unitName = '绵阳市市场监督管理局'): Promise<number> {
  const r = await h.tdb.database.db.selectFrom('catalog_items as i').innerJoin('units as u', 'u.id', 'i.unit_id')
    .select('i.id').where('i.name', '=', name).where('u.name', '=', unitName).executeTakeFirstOrThrow();
  return r.id;
}

/** Publishes a permit of 市场监管局 through the catalog review (unit admin → 编办 → 法制). */
export async function publishPermit(h: Harness, over: Record<string, unknown> = {}): Promise<number> {
  const [ua, bb, fzb] = await Promise.all([h.login('scjg_admin'), h.login('bb'), h.login('fzb')]);
  const scjg = await unitId(h, '绵阳市市场监督管理局');
  const d = await ua.post('/api/catalog/changes', { elements: permitElements(scjg, over as any) });
  assert.equal(d.statusCode, 201, d.body);
  const c = d.json();
  const submit = { reason: '测试事项', triggerKind: 'new_law', triggerDate: '2026-01-05' };
  assert.equal((await ua.post(`/api/catalog/changes/${c.id}/submit`, submit)).statusCode, 200);
  assert.equal((await bb.post(`/api/catalog/changes/${c.id}/review/basic`, { decision: 'approve', opinion: '同意' })).statusCode, 200);
  const r = await fzb.post(`/api/catalog/changes/${c.id}/review/flow`, { decision: 'approve', opinion: '同意' });
  assert.equal(r.statusCode, 200, r.body);
  return c.itemId as number;
}

export const file = (name: string, content = `材料内容 ${name} ${Math.random()}`) =>
  ({ name, mime: 'application/pdf', contentBase64: Buffer.from(content).toString('base64') });

export const PERSON = { kind: 'person', name: '王小明', idType: 'id_card', idNumber: '510703198506122317', phone: '13900816000' } as const;

/** Asserts a 2xx and returns the JSON. */
export async function ok(p: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) {
  const r = await p;
  assert.equal(r.statusCode, status, r.body);
  return r.json();
}

export type { Client };

/** Event count of a case straight from the row (refusals must leave it unchanged). */
export async function eventCount(h: Harness, caseId: number): Promise<number> {
  const r = await h.tdb.database.db.selectFrom('cases').select('event_count').where('id', '=', caseId).executeTakeFirstOrThrow();
  return r.event_count;
}

/** Window entry of a person's application by ck01 for the item; returns the Applied body. */
export async function enter(h: Harness, ck: Client, item: number, applicant: Record<string, unknown> = PERSON) {
  return ok(ck.post('/api/cases', { itemId: item, applicant, materials: [{ code: 'm1', file: file('申请书.pdf') }] }), 201);
}

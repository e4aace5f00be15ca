import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../helpers/db.ts';
import { errorOf, startHarness, type Client, type Harness } from '../helpers/app.ts';
import { unitIdByName } from '../helpers/lookup.ts';
import { makeCreditCode } from '../../src/domain/validators.ts';

for (const backend of backends()) {
  describe(`organisation (${backend})`, () => {
    let h: Harness;
    let admin: Client;
    before(async () => {
      h = await startHarness(backend);
      admin = await h.login('admin');
    });
    after(() => h.close());

    describe('regions', () => {
      test('list by parent, create a township, rename and deactivate it', async () => {
        const list = await admin.get('/api/regions?parentCode=510700');
        assert.equal(list.statusCode, 200);
        assert.deepEqual(list.json().items.map((r: any) => r.code), ['510703', '510704', '510705']);
        const created = await admin.post('/api/regions', { code: '510703001', name: '城厢街道' });
        assert.equal(created.statusCode, 201);
        assert.deepEqual(created.json(), { code: '510703001', name: '城厢街道', level: 'township', parentCode: '510703', active: true });
        const renamed = await admin.patch('/api/regions/510703001', { name: '城厢街道办事处', active: false });
        assert.equal(renamed.json().name, '城厢街道办事处');
        assert.equal(renamed.json().active, false);
      });
      test('refusals: bad code, duplicate, parent mismatch, wrong role, unauthenticated', async () => {
        assert.equal(errorOf(await admin.post('/api/regions', { code: '51070', name: 'x' })).code, 'INVALID_REGION_CODE');
        assert.equal(errorOf(await admin.post('/api/regions', { code: '510703', name: 'x' })).code, 'DUPLICATE_REGION');
        assert.equal(errorOf(await admin.post('/api/regions', { code: '520106', name: 'x', parentCode: '510000' })).code, 'REGION_CODE_MISMATCH');
        assert.equal(errorOf(await admin.post('/api/regions', { code: '510799', name: 'x', parentCode: '510703' })).code, 'REGION_CODE_MISMATCH');
        assert.equal(errorOf(await admin.post('/api/regions', { code: '510706', name: 'x', parentCode: '999999' })).code, 'PARENT_REGION_MISSING');
        const sup = await h.login('jcj_city');
        const r = await sup.post('/api/regions', { code: '510706', name: '新区' });
        assert.equal(r.statusCode, 403);
        assert.equal(errorOf(r).code, 'FORBIDDEN');
        assert.equal((await h.client().get('/api/regions')).statusCode, 401);
        assert.equal(errorOf(await admin.post('/api/regions', { code: 510706 })).code, 'VALIDATION_FAILED');
      });
      test('a district supervisor sees only their district', async () => {
        const sup = await h.login('jcj_fucheng');
        const codes = (await sup.get('/api/regions')).json().items.map((r: any) => r.code);
        assert.ok(codes.includes('510703'));
        assert.ok(!codes.includes('510704'));
        assert.ok(!codes.includes('510700'));
      });
    });

    describe('units', () => {
      const code = makeCreditCode('11510700MB1234567');
      let newId: number;
      test('create a unit with a valid credit code under the city government', async () => {
        const gov = await unitIdByName(h, '绵阳市人民政府');
        const r = await admin.post('/api/units', { name: '绵阳市文化广播电视和旅游局', kind: 'department', creditCode: code, regionCode: '510700', parentId: gov, phone: '0816-1234567' });
        assert.equal(r.statusCode, 201);
        const u = r.json();
        assert.equal(u.creditCode, code);
        assert.equal(u.parentName, '绵阳市人民政府');
        assert.equal(u.kindName, '部门');
        newId = u.id;
        const got = await admin.get(`/api/units/${newId}`);
        assert.equal(got.json().name, '绵阳市文化广播电视和旅游局');
      });
      test('refusals: wrong check character, duplicate code, missing code, unknown region', async () => {
        const bad = code.slice(0, 17) + (code[17] === 'A' ? 'B' : 'A');
        const r = await admin.post('/api/units', { name: '某局', kind: 'department', creditCode: bad, regionCode: '510700' });
        assert.equal(r.statusCode, 400);
        assert.equal(errorOf(r).code, 'INVALID_CREDIT_CODE');
        assert.equal(errorOf(await admin.post('/api/units', { name: '某局', kind: 'department', creditCode: code, regionCode: '510700' })).code, 'DUPLICATE_CREDIT_CODE');
        assert.equal(errorOf(await admin.post('/api/units', { name: '某局', kind: 'department', regionCode: '510700' })).code, 'CREDIT_CODE_REQUIRED');
        assert.equal(errorOf(await admin.post('/api/units', { name: '某局', kind: 'window', regionCode: '999900' })).code, 'REGION_NOT_FOUND');
        assert.equal(errorOf(await admin.post('/api/units', { name: '某局', kind: 'bureau', regionCode: '510700' })).code, 'VALIDATION_FAILED');
      });
      test('list with keyset pagination and filters', async () => {
        const p1 = (await admin.get('/api/units?limit=10')).json();
        assert.equal(p1.items.length, 10);
        assert.ok(p1.nextCursor);
        const p2 = (await admin.get(`/api/units?limit=10&after=${p1.nextCursor}`)).json();
        assert.ok(p2.items[0].id > p1.items[9].id);
        const sup = (await admin.get('/api/units?kind=supervision')).json();
        assert.equal(sup.items.length, 4);
        const q = (await admin.get(`/api/units?q=${encodeURIComponent('出入境')}`)).json();
        assert.deepEqual(q.items.map((u: any) => u.name), ['绵阳市公安局出入境管理支队']);
      });
      test('edit, then deactivate with a reason (never deleted), then reactivate', async () => {
        assert.equal((await admin.patch(`/api/units/${newId}`, { shortName: '市文广旅局' })).json().shortName, '市文广旅局');
        assert.equal(errorOf(await admin.post(`/api/units/${newId}/deactivate`, {})).code, 'VALIDATION_FAILED');
        const d = await admin.post(`/api/units/${newId}/deactivate`, { reason: '机构改革合并' });
        assert.equal(d.statusCode, 200);
        assert.equal(d.json().active, false);
        assert.equal(d.json().deactivatedReason, '机构改革合并');
        assert.equal((await admin.get(`/api/units/${newId}`)).statusCode, 200, 'still readable');
        assert.equal((await admin.post(`/api/units/${newId}/activate`)).json().active, true);
      });
      test('a unit with active children cannot be deactivated', async () => {
        const gaj = await unitIdByName(h, '绵阳市公安局');
        assert.equal(errorOf(await admin.post(`/api/units/${gaj}/deactivate`, { reason: '测试停用' })).code, 'UNIT_HAS_ACTIVE_CHILDREN');
      });
      test('jurisdiction: a district supervisor gets 404 for a city unit; a unit admin only sees their unit tree', async () => {
        const scjg = await unitIdByName(h, '绵阳市市场监督管理局');
        const fcScjg = await unitIdByName(h, '涪城区市场监督管理局');
        const fc = await h.login('jcj_fucheng');
        const r = await fc.get(`/api/units/${scjg}`);
        assert.equal(r.statusCode, 404);
        assert.equal(errorOf(r).code, 'NOT_FOUND');
        assert.equal((await fc.get(`/api/units/${fcScjg}`)).statusCode, 200);
        const ua = await h.login('scjg_admin');
        const names = (await ua.get('/api/units')).json().items.map((u: any) => u.name);
        assert.deepEqual(names, ['绵阳市市场监督管理局']);
        const zjj = await unitIdByName(h, '绵阳市住房和城乡建设局');
        assert.equal((await ua.patch(`/api/units/${zjj}`, { phone: '1' })).statusCode, 404);
        assert.equal((await ua.post(`/api/units/${zjj}/deactivate`, { reason: '越权测试' })).statusCode, 404);
      });
      test('wrong role: a handler cannot create units', async () => {
        const c = await h.login('scjg_handler');
        assert.equal((await c.post('/api/units', { name: '某局', kind: 'window', regionCode: '510700' })).statusCode, 403);
      });
    });

    describe('posts', () => {
      test('a unit admin creates, edits and deactivates a post in their unit', async () => {
        const ua = await h.login('scjg_admin');
        const scjg = await unitIdByName(h, '绵阳市市场监督管理局');
        const r = await ua.post('/api/posts', { unitId: scjg, code: 'inspect', name: '现场核查岗', duty: '现场核查' });
        assert.equal(r.statusCode, 201);
        const id = r.json().id;
        assert.equal(errorOf(await ua.post('/api/posts', { unitId: scjg, code: 'inspect', name: '重复' })).code, 'DUPLICATE_POST_CODE');
        assert.equal((await ua.patch(`/api/posts/${id}`, { active: false })).statusCode, 200);
        const list = (await ua.get(`/api/posts?unitId=${scjg}`)).json().items;
        assert.equal(list.find((p: any) => p.id === id).active, false);
        assert.equal(list.length, 5);
      });
      test('refusals: other unit (not visible), bad code, wrong role, unauthenticated', async () => {
        const ua = await h.login('scjg_admin');
        const zjj = await unitIdByName(h, '绵阳市住房和城乡建设局');
        assert.equal(errorOf(await ua.post('/api/posts', { unitId: zjj, code: 'x', name: '越权' })).code, 'UNIT_NOT_FOUND');
        assert.equal(errorOf(await ua.post('/api/posts', { unitId: zjj, code: 'bad code!', name: 'x' })).code, 'VALIDATION_FAILED');
        const zjjPost = await h.tdb.database.db.selectFrom('posts').select('id').where('unit_id', '=', zjj).executeTakeFirstOrThrow();
        assert.equal((await ua.patch(`/api/posts/${zjjPost.id}`, { name: '越权' })).statusCode, 404);
        const handler = await h.login('scjg_handler');
        assert.equal((await handler.post('/api/posts', { unitId: zjj, code: 'x', name: 'x' })).statusCode, 403);
        assert.equal((await h.client().get('/api/posts')).statusCode, 401);
      });
    });
  });
}

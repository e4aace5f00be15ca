import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../helpers/db.ts';
import { errorOf, startHarness, type Client, type Harness } from '../helpers/app.ts';
import { postId, unitIdByName, userIdByName } from '../helpers/lookup.ts';

for (const backend of backends()) {
  describe(`users and roles (${backend})`, () => {
    let h: Harness;
    let admin: Client;
    before(async () => {
      h = await startHarness(backend);
      admin = await h.login('admin');
    });
    after(() => h.close());

    test('list users with filters and keyset pagination', async () => {
      const p1 = (await admin.get('/api/users?limit=5&kind=staff')).json();
      assert.equal(p1.items.length, 5);
      const p2 = (await admin.get(`/api/users?limit=5&kind=staff&after=${p1.nextCursor}`)).json();
      assert.ok(p2.items.every((u: any) => u.id > p1.items[4].id));
      const sups = (await admin.get('/api/users?role=supervisor&limit=200')).json().items.map((u: any) => u.username);
      assert.deepEqual(sups.sort(), ['jcj_anzhou', 'jcj_city', 'jcj_city2', 'jcj_fucheng', 'jcj_youxian']);
    });

    test('a unit admin creates a handler with a post in their unit; the initial password works once', async () => {
      const ua = await h.login('scjg_admin');
      const scjg = await unitIdByName(h, '绵阳市市场监督管理局');
      const handle = await postId(h, '绵阳市市场监督管理局', 'handle');
      const r = await ua.post('/api/users', { username: 'scjg_h2', displayName: '新承办', unitId: scjg, roles: ['handler'], postIds: [handle], phone: '13800000001' });
      assert.equal(r.statusCode, 201);
      const { user, initialPassword } = r.json();
      assert.deepEqual(user.roles, ['handler']);
      assert.deepEqual(user.postIds, [handle]);
      assert.equal(user.mustChangePassword, true);
      assert.equal((await h.client().post('/api/auth/login', { username: 'scjg_h2', password: initialPassword })).statusCode, 200);
    });

    test('no privilege escalation: a unit admin cannot grant supervisor or system_admin', async () => {
      const ua = await h.login('scjg_admin');
      const scjg = await unitIdByName(h, '绵阳市市场监督管理局');
      const r = await ua.post('/api/users', { username: 'sneaky', displayName: 'x', unitId: scjg, roles: ['system_admin'], postIds: [] });
      assert.equal(r.statusCode, 403);
      assert.equal(errorOf(r).code, 'ROLE_NOT_GRANTABLE');
      const r2 = await ua.post('/api/users', { username: 'sneaky', displayName: 'x', unitId: scjg, roles: ['supervisor'], postIds: [] });
      assert.equal(errorOf(r2).code, 'ROLE_NOT_GRANTABLE');
      const none = await h.tdb.database.db.selectFrom('users').select('id').where('username', '=', 'sneaky').execute();
      assert.equal(none.length, 0);
    });

    test('refusals: other unit is out of jurisdiction, post of another unit, bad username, duplicate, unknown role', async () => {
      const ua = await h.login('scjg_admin');
      const scjg = await unitIdByName(h, '绵阳市市场监督管理局');
      const zjj = await unitIdByName(h, '绵阳市住房和城乡建设局');
      assert.equal(errorOf(await ua.post('/api/users', { username: 'x_user', displayName: 'x', unitId: zjj, roles: [], postIds: [] })).code, 'UNIT_NOT_FOUND');
      const zjjPost = await postId(h, '绵阳市住房和城乡建设局', 'handle');
      assert.equal(errorOf(await admin.post('/api/users', { username: 'x_user', displayName: 'x', unitId: scjg, roles: [], postIds: [zjjPost] })).code, 'POST_NOT_IN_UNIT');
      assert.equal(errorOf(await admin.post('/api/users', { username: '1bad', displayName: 'x', unitId: scjg, roles: [], postIds: [] })).code, 'INVALID_USERNAME');
      assert.equal(errorOf(await admin.post('/api/users', { username: 'admin', displayName: 'x', unitId: scjg, roles: [], postIds: [] })).code, 'DUPLICATE_USERNAME');
      assert.equal(errorOf(await admin.post('/api/users', { username: 'x_user', displayName: 'x', unitId: scjg, roles: ['nope'], postIds: [] })).code, 'ROLE_NOT_FOUND');
      assert.equal(errorOf(await admin.post('/api/users', { displayName: 'x' })).code, 'VALIDATION_FAILED');
      const handler = await h.login('scjg_handler');
      assert.equal((await handler.post('/api/users', { username: 'x_user', displayName: 'x', unitId: scjg, roles: [], postIds: [] })).statusCode, 403);
      assert.equal((await handler.get('/api/users')).statusCode, 403);
    });

    test('a user of another unit is 404 to a unit admin; the detail read is logged as personal data', async () => {
      const ua = await h.login('scjg_admin');
      const other = await userIdByName(h, 'zjj_handler');
      assert.equal((await ua.get(`/api/users/${other}`)).statusCode, 404);
      assert.equal((await ua.post(`/api/users/${other}/deactivate`, { reason: '越权停用' })).statusCode, 404);
      const own = await userIdByName(h, 'scjg_handler');
      const r = await ua.get(`/api/users/${own}`);
      assert.equal(r.statusCode, 200);
      const log = await h.tdb.database.db.selectFrom('operation_log').selectAll().where('action', '=', 'user.view:personal_data').where('target_id', '=', String(own)).execute();
      assert.equal(log.length, 1);
      assert.equal(log[0].username, 'scjg_admin');
    });

    test('an applicant ID number is masked in the detail', async () => {
      const id = await userIdByName(h, 'zhangsan');
      const d = (await admin.get(`/api/users/${id}`)).json();
      assert.match(d.idNumberMasked, /^510703\*{8}\d{3}[\dX]$/);
    });

    test('edit roles and posts; deactivation ends sessions and blocks sign-in; reactivation restores it', async () => {
      const id = await userIdByName(h, 'jtj_reviewer');
      const victim = await h.login('jtj_reviewer');
      const review = await postId(h, '绵阳市交通运输局', 'review');
      const handle = await postId(h, '绵阳市交通运输局', 'handle');
      const e = await admin.patch(`/api/users/${id}`, { roles: ['reviewer', 'handler'], postIds: [review, handle], displayName: '交通审核（兼承办）' });
      assert.equal(e.statusCode, 200);
      assert.deepEqual(e.json().roles, ['handler', 'reviewer']);
      assert.equal(errorOf(await admin.post(`/api/users/${id}/deactivate`, { reason: '' })).code, 'VALIDATION_FAILED');
      const d = await admin.post(`/api/users/${id}/deactivate`, { reason: '调离本单位' });
      assert.equal(d.json().user.active, false);
      assert.equal((await victim.get('/api/auth/me')).statusCode, 401);
      const login = await h.client().post('/api/auth/login', { username: 'jtj_reviewer', password: 'Sunlight@2026' });
      assert.equal(errorOf(login).code, 'ACCOUNT_DISABLED');
      assert.equal((await admin.post(`/api/users/${id}/activate`)).json().user.active, true);
      assert.equal((await h.client().post('/api/auth/login', { username: 'jtj_reviewer', password: 'Sunlight@2026' })).statusCode, 200);
    });

    test('cannot deactivate oneself or change one\'s own roles', async () => {
      const me = await userIdByName(h, 'admin');
      assert.equal(errorOf(await admin.post(`/api/users/${me}/deactivate`, { reason: '自我停用' })).code, 'CANNOT_DEACTIVATE_SELF');
      assert.equal(errorOf(await admin.patch(`/api/users/${me}`, { roles: [] })).code, 'CANNOT_CHANGE_OWN_ROLES');
    });

    test('reset password forces a change; unlock clears a lockout', async () => {
      const id = await userIdByName(h, 'sthj_reviewer');
      const r = await admin.post(`/api/users/${id}/reset-password`);
      const pw = r.json().initialPassword;
      assert.ok(pw.length >= 8);
      const c = h.client();
      assert.equal((await c.post('/api/auth/login', { username: 'sthj_reviewer', password: pw })).json().mustChangePassword, true);
      for (let i = 0; i < 5; i++) await h.client().post('/api/auth/login', { username: 'sthj_reviewer', password: 'bad' });
      assert.equal((await admin.get(`/api/users/${id}`)).json().locked, true);
      assert.equal((await admin.post(`/api/users/${id}/unlock`)).json().user.locked, false);
      assert.equal((await h.client().post('/api/auth/login', { username: 'sthj_reviewer', password: pw })).statusCode, 200);
    });

    describe('roles', () => {
      test('list roles with permissions and scopes', async () => {
        const r = (await admin.get('/api/roles')).json();
        assert.ok(r.items.some((x: any) => x.code === 'supervisor' && x.scope === 'region' && x.scopeName === '本区域及下级'));
        assert.ok(r.permissions.some((p: any) => p.code === 'calendar.manage'));
        assert.equal(r.scopes.length, 5);
      });
      test('create a custom role and grant it; refusals for unknown permission, duplicate, locked built-in, wrong role', async () => {
        const r = await admin.post('/api/roles', { code: 'calendar_keeper', name: '日历维护员', scope: 'unit', permissions: ['calendar.manage'] });
        assert.equal(r.statusCode, 201);
        assert.equal(errorOf(await admin.post('/api/roles', { code: 'calendar_keeper', name: 'x', scope: 'unit', permissions: [] })).code, 'DUPLICATE_ROLE');
        assert.equal(errorOf(await admin.post('/api/roles', { code: 'x_role', name: 'x', scope: 'unit', permissions: ['fly'] })).code, 'UNKNOWN_PERMISSION');
        assert.equal(errorOf(await admin.post('/api/roles', { code: 'X', name: 'x', scope: 'unit', permissions: [] })).code, 'VALIDATION_FAILED');
        assert.equal(errorOf(await admin.patch('/api/roles/system_admin', { permissions: [] })).code, 'BUILTIN_ROLE_LOCKED');
        const upd = await admin.patch('/api/roles/calendar_keeper', { description: '维护节假日' });
        assert.equal(upd.json().description, '维护节假日');
        const id = await userIdByName(h, 'rsj_handler');
        await admin.patch(`/api/users/${id}`, { roles: ['handler', 'calendar_keeper'] });
        const c = await h.login('rsj_handler');
        assert.equal((await c.put('/api/calendar/days/2027-01-01', { kind: 'holiday', name: '元旦' })).statusCode, 200);
        const ua = await h.login('scjg_admin');
        assert.equal((await ua.post('/api/roles', { code: 'y_role', name: 'y', scope: 'unit', permissions: [] })).statusCode, 403);
        assert.equal((await ua.patch('/api/roles/handler', { name: 'y' })).statusCode, 403);
      });
    });
  });
}

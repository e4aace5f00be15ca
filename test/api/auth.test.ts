import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../helpers/db.ts';
import { DEMO_PASSWORD, errorOf, startHarness, type Harness } from '../helpers/app.ts';
import { makeCreditCode, makeIdNumber } from '../../src/domain/validators.ts';

for (const backend of backends()) {
  describe(`auth (${backend})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(backend);
    });
    after(() => h.close());

    test('sign-in sets an HttpOnly session cookie and returns the user with roles and scope', async () => {
      const c = h.client();
      const r = await c.post('/api/auth/login', { username: 'jcj_city', password: DEMO_PASSWORD });
      assert.equal(r.statusCode, 200);
      const setCookie = ([] as string[]).concat(r.headers['set-cookie'] as any);
      const session = setCookie.find((s) => s.startsWith('sl_session='))!;
      assert.match(session, /HttpOnly/i);
      assert.match(session, /SameSite=Lax/i);
      const body = r.json();
      assert.equal(body.user.username, 'jcj_city');
      assert.equal(body.user.scope, 'region');
      assert.deepEqual(body.user.roles.map((x: any) => x.code), ['supervisor']);
      const me = await c.get('/api/auth/me');
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().region.code, '510700');
    });

    test('wrong password is refused with remaining attempts and logged', async () => {
      const r = await h.client().post('/api/auth/login', { username: 'jtj_handler', password: 'nope' });
      assert.equal(r.statusCode, 401);
      const e = errorOf(r);
      assert.equal(e.code, 'INVALID_CREDENTIALS');
      assert.equal(e.message, '用户名或密码错误');
      assert.equal(e.details.remainingAttempts, 4);
      const log = await h.tdb.database.db.selectFrom('login_log').selectAll().where('username', '=', 'jtj_handler').execute();
      assert.deepEqual(log.map((l) => l.result), ['bad_password']);
    });

    test('unknown user gets the same message as a wrong password', async () => {
      const r = await h.client().post('/api/auth/login', { username: 'ghost', password: 'x' });
      assert.equal(r.statusCode, 401);
      assert.equal(errorOf(r).message, '用户名或密码错误');
    });

    test('five failures lock the account for 10 minutes, even with the right password', async () => {
      const c = h.client();
      for (let i = 0; i < 4; i++) assert.equal((await c.post('/api/auth/login', { username: 'wjw_handler', password: 'bad' })).statusCode, 401);
      const fifth = await c.post('/api/auth/login', { username: 'wjw_handler', password: 'bad' });
      assert.equal(fifth.statusCode, 429);
      assert.equal(errorOf(fifth).code, 'ACCOUNT_LOCKED');
      assert.match(errorOf(fifth).message, /10 分钟/);
      const right = await c.post('/api/auth/login', { username: 'wjw_handler', password: DEMO_PASSWORD });
      assert.equal(right.statusCode, 429);
      h.clock.advanceMinutes(9);
      assert.equal((await c.post('/api/auth/login', { username: 'wjw_handler', password: DEMO_PASSWORD })).statusCode, 429);
      h.clock.advanceMinutes(2);
      assert.equal((await c.post('/api/auth/login', { username: 'wjw_handler', password: DEMO_PASSWORD })).statusCode, 200);
    });

    test('a request without a session is 401; a mutating request without the CSRF token is 403', async () => {
      const anon = await h.client().get('/api/units');
      assert.equal(anon.statusCode, 401);
      assert.equal(errorOf(anon).code, 'UNAUTHENTICATED');
      const c = await h.login('admin');
      const noCsrf = await c.post('/api/posts', { unitId: 2, code: 'x1', name: '测试岗' }, { 'x-csrf-token': 'wrong' });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal(errorOf(noCsrf).code, 'CSRF_FAILED');
      const count = await h.tdb.database.db.selectFrom('posts').select('id').where('code', '=', 'x1').execute();
      assert.equal(count.length, 0, 'refused request changed nothing');
    });

    test('idle for more than 30 minutes ends the session', async () => {
      const c = await h.login('sthj_handler');
      h.clock.advanceMinutes(29);
      assert.equal((await c.get('/api/auth/me')).statusCode, 200);
      h.clock.advanceMinutes(29);
      assert.equal((await c.get('/api/auth/me')).statusCode, 200, 'activity resets the idle timer');
      h.clock.advanceMinutes(31);
      const r = await c.get('/api/auth/me');
      assert.equal(r.statusCode, 401);
      assert.equal(errorOf(r).code, 'SESSION_TIMEOUT');
    });

    test('logout ends the session and is logged', async () => {
      const c = await h.login('zjj_handler');
      assert.equal((await c.post('/api/auth/logout')).statusCode, 204);
      assert.equal((await c.get('/api/auth/me')).statusCode, 401);
      const log = await h.tdb.database.db.selectFrom('login_log').select('result').where('username', '=', 'zjj_handler').orderBy('id').execute();
      assert.deepEqual(log.map((l) => l.result), ['success', 'logout']);
    });

    test('a new user must change the initial password before doing anything else', async () => {
      const admin = await h.login('admin');
      const created = await admin.post('/api/users', { username: 'newbie', displayName: '新用户', unitId: 2, roles: ['handler'], postIds: [] });
      assert.equal(created.statusCode, 201);
      const initial = created.json().initialPassword;
      const c = h.client();
      const login = await c.post('/api/auth/login', { username: 'newbie', password: initial });
      assert.equal(login.json().mustChangePassword, true);
      const blocked = await c.get('/api/regions');
      assert.equal(blocked.statusCode, 403);
      assert.equal(errorOf(blocked).code, 'PASSWORD_CHANGE_REQUIRED');
      const weak = await c.post('/api/auth/change-password', { oldPassword: initial, newPassword: 'abc' });
      assert.equal(weak.statusCode, 400);
      assert.equal(errorOf(weak).code, 'WEAK_PASSWORD');
      const wrongOld = await c.post('/api/auth/change-password', { oldPassword: 'nope', newPassword: 'Strong#Pass1' });
      assert.equal(errorOf(wrongOld).code, 'WRONG_PASSWORD');
      assert.equal((await c.post('/api/auth/change-password', { oldPassword: initial, newPassword: 'Strong#Pass1' })).statusCode, 204);
      assert.equal((await c.get('/api/regions')).statusCode, 200);
      assert.equal((await h.client().post('/api/auth/login', { username: 'newbie', password: 'Strong#Pass1' })).statusCode, 200);
    });

    test('a password older than the expiry period must be changed', async () => {
      const c = await h.login('rsj_handler');
      assert.equal((await c.get('/api/regions')).statusCode, 200);
      h.clock.advance(91 * 86_400_000);
      const c2 = h.client();
      const r = await c2.post('/api/auth/login', { username: 'rsj_handler', password: DEMO_PASSWORD });
      assert.equal(r.json().mustChangePassword, true);
      assert.equal(errorOf(await c2.get('/api/regions')).code, 'PASSWORD_CHANGE_REQUIRED');
      h.clock.advance(-91 * 86_400_000);
    });

    test('/auth/me?include=applicant: the real-name profile for prefill, masked, and its read is logged', async () => {
      const db = h.tdb.database.db;
      const personalReads = async (username: string) => (await db.selectFrom('operation_log').select(['action', 'target_type', 'target_id'])
        .where('username', '=', username).where('action', '=', 'auth.me:personal_data').execute());
      const zs = await h.login('zhangsan');
      const plain = await zs.get('/api/auth/me');
      assert.equal(plain.statusCode, 200);
      assert.equal(plain.json().applicant, undefined, 'only when asked for');
      assert.deepEqual(await personalReads('zhangsan'), [], 'no personal data, no log row');
      const me = await zs.get('/api/auth/me?include=applicant');
      assert.equal(me.statusCode, 200);
      const id = makeIdNumber('51070319850612231');
      assert.deepEqual(me.json().applicant, {
        kind: 'person', name: '张三', idType: 'id_card', idNumberMasked: `${id.slice(0, 6)}********${id.slice(-4)}`, phone: '13800816001', agentName: null,
      });
      assert.ok(!me.body.includes(id), 'the full ID number never leaves the server');
      const zsId = me.json().id;
      assert.deepEqual(await personalReads('zhangsan'), [{ action: 'auth.me:personal_data', target_type: 'user', target_id: String(zsId) }]);
      const org = await (await h.login('fuleqi')).get('/api/auth/me?include=applicant');
      const cc = makeCreditCode('91510703MA6B8X2K1');
      assert.deepEqual(org.json().applicant, {
        kind: 'organisation', name: '绵阳富乐餐饮有限公司', idType: 'credit_code', idNumberMasked: `${cc.slice(0, 6)}********${cc.slice(-4)}`,
        phone: '13800816003', agentName: '王经办（绵阳富乐餐饮有限公司）',
      });
      // staff have no applicant profile (and nothing is logged); bad value 400; no session 401
      const staff = await (await h.login('ck01')).get('/api/auth/me?include=applicant');
      assert.equal(staff.statusCode, 200);
      assert.equal(staff.json().applicant, undefined);
      assert.deepEqual(await personalReads('ck01'), []);
      const bad = await zs.get('/api/auth/me?include=everything');
      assert.equal(bad.statusCode, 400);
      assert.equal(errorOf(bad).code, 'VALIDATION_FAILED');
      assert.equal((await h.client().get('/api/auth/me?include=applicant')).statusCode, 401);
    });

    test('schema refusal: a login without password is 400 with the error shape', async () => {
      const r = await h.client().post('/api/auth/login', { username: 'admin' });
      assert.equal(r.statusCode, 400);
      const e = errorOf(r);
      assert.equal(e.code, 'VALIDATION_FAILED');
      assert.ok(e.details.issues.some((i: any) => i.path.includes('password')));
    });

    describe('applicant registration', () => {
      const id = makeIdNumber('51070319900101123');
      test('a person registers with a valid ID number and signs in to the public hall', async () => {
        const r = await h.client().post('/api/public/register', {
          username: 'wangwu', password: 'Good#Pass9', displayName: '王五', applicantType: 'person', idNumber: id, phone: '13912345678',
        });
        assert.equal(r.statusCode, 201);
        const c = await h.login('wangwu', 'Good#Pass9');
        const me = (await c.get('/api/auth/me')).json();
        assert.equal(me.kind, 'applicant');
        assert.equal(me.scope, 'self');
        const staffOnly = await c.get('/api/units');
        assert.equal(staffOnly.statusCode, 403);
      });
      test('an ID number with a wrong check digit is refused and nothing is created', async () => {
        const bad = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
        const r = await h.client().post('/api/public/register', {
          username: 'zhaoliu', password: 'Good#Pass9', displayName: '赵六', applicantType: 'person', idNumber: bad, phone: '13912345679',
        });
        assert.equal(r.statusCode, 400);
        assert.equal(errorOf(r).code, 'INVALID_ID_NUMBER');
        const u = await h.tdb.database.db.selectFrom('users').select('id').where('username', '=', 'zhaoliu').execute();
        assert.equal(u.length, 0);
      });
      test('the same ID number cannot register twice', async () => {
        const r = await h.client().post('/api/public/register', {
          username: 'wangwu2', password: 'Good#Pass9', displayName: '王五', applicantType: 'person', idNumber: id, phone: '13912345678',
        });
        assert.equal(r.statusCode, 409);
        assert.equal(errorOf(r).code, 'DUPLICATE_ID_NUMBER');
      });
      test('an organisation registers with a valid credit code; a bad one is refused', async () => {
        const good = makeCreditCode('91510703MA6C1D2E3');
        const ok = await h.client().post('/api/public/register', {
          username: 'acme', password: 'Good#Pass9', displayName: '经办人', applicantType: 'organisation', orgName: '绵阳测试有限公司', creditCode: good, phone: '13700000000',
        });
        assert.equal(ok.statusCode, 201);
        const badCode = good.slice(0, 17) + (good[17] === 'A' ? 'B' : 'A');
        const bad = await h.client().post('/api/public/register', {
          username: 'acme2', password: 'Good#Pass9', displayName: '经办人', applicantType: 'organisation', orgName: '绵阳测试有限公司', creditCode: badCode, phone: '13700000000',
        });
        assert.equal(errorOf(bad).code, 'INVALID_CREDIT_CODE');
      });
    });
  });
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backends } from '../helpers/db.ts';
import { errorOf, startHarness, type Client, type Harness } from '../helpers/app.ts';

for (const backend of backends()) {
  describe(`calendar, logs and settings (${backend})`, () => {
    let h: Harness;
    let admin: Client;
    before(async () => {
      h = await startHarness(backend);
      admin = await h.login('admin');
    });
    after(() => h.close());

    test('the month grid shows National Day 2026 and the make-up Saturday', async () => {
      const c = await h.login('scjg_handler');
      const r = (await c.get('/api/calendar/month?year=2026&month=10')).json();
      assert.equal(r.days.length, 31);
      const d = (date: string) => r.days.find((x: any) => x.date === date);
      assert.equal(d('2026-10-01').kind, 'holiday');
      assert.equal(d('2026-10-01').name, '国庆节');
      assert.equal(d('2026-10-01').source, 'chinese-days');
      assert.equal(d('2026-10-10').kind, 'makeup');
      assert.equal(d('2026-10-10').working, true);
      assert.equal(d('2026-10-11').kind, 'weekend');
      assert.equal(d('2026-10-12').kind, 'workday');
    });

    test('deadline helpers follow the statute', async () => {
      assert.equal((await admin.get('/api/calendar/add-workdays?date=2026-09-30&n=5')).json().date, '2026-10-13');
      const r = (await admin.get('/api/calendar/add-days?date=2026-09-24&n=7')).json();
      assert.equal(r.date, '2026-10-08');
      assert.equal(r.deadline, '2026-10-08T16:00:00.000Z');
      assert.equal(errorOf(await admin.get('/api/calendar/add-days?date=2026-02-30&n=1')).code, 'INVALID_DATE');
      assert.equal(errorOf(await admin.get('/api/calendar/add-days?date=x&n=1')).code, 'VALIDATION_FAILED');
    });

    test('an admin marks a day as a holiday; deadlines move at once; default restores it', async () => {
      assert.equal((await admin.get('/api/calendar/add-workdays?date=2027-03-01&n=1')).json().date, '2027-03-02');
      const r = await admin.put('/api/calendar/days/2027-03-02', { kind: 'holiday', name: '测试假日' });
      assert.equal(r.statusCode, 200);
      assert.equal(r.json().kind, 'holiday');
      assert.equal(r.json().source, 'admin');
      assert.equal((await admin.get('/api/calendar/add-workdays?date=2027-03-01&n=1')).json().date, '2027-03-03');
      assert.equal((await admin.put('/api/calendar/days/2027-03-02', { kind: 'default' })).json().kind, 'workday');
      assert.equal((await admin.get('/api/calendar/add-workdays?date=2027-03-01&n=1')).json().date, '2027-03-02');
    });

    test('import is all or nothing, with row errors', async () => {
      const bad = await admin.post('/api/calendar/import', { days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-30', kind: 'holiday', name: '不存在' },
        { date: '2027-02-06', kind: 'rest', name: 'x' },
      ] });
      assert.equal(bad.statusCode, 400);
      const e = errorOf(bad);
      assert.equal(e.code, 'IMPORT_INVALID');
      assert.deepEqual(e.details.rows.map((x: any) => x.row), [2, 3]);
      const none = await h.tdb.database.db.selectFrom('calendar_days').select('date').where('date', '=', '2027-01-01').execute();
      assert.equal(none.length, 0);
      const ok = await admin.post('/api/calendar/import', { days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: '春节调休' },
      ] });
      assert.deepEqual(ok.json(), { imported: 2 });
      const m = (await admin.get('/api/calendar/month?year=2027&month=2')).json();
      assert.equal(m.days.find((x: any) => x.date === '2027-02-06').kind, 'makeup');
    });

    test('refusals: wrong role, unauthenticated, bad date, bad body', async () => {
      const c = await h.login('jcj_city');
      assert.equal((await c.put('/api/calendar/days/2027-05-01', { kind: 'holiday' })).statusCode, 403);
      assert.equal((await c.post('/api/calendar/import', { days: [{ date: '2027-05-01', kind: 'holiday' }] })).statusCode, 403);
      assert.equal((await h.client().get('/api/calendar/month?year=2026&month=1')).statusCode, 401);
      assert.equal(errorOf(await admin.put('/api/calendar/days/2027-13-01', { kind: 'holiday' })).code, 'INVALID_DATE');
      assert.equal(errorOf(await admin.put('/api/calendar/days/2027-05-01', { kind: 'festival' })).code, 'VALIDATION_FAILED');
      assert.equal(errorOf(await admin.get('/api/calendar/month?year=2026&month=13')).code, 'VALIDATION_FAILED');
      const applicant = await h.login('zhangsan');
      assert.equal((await applicant.get('/api/calendar/month?year=2026&month=1')).statusCode, 403);
    });

    test('login and operation logs are append-only', async () => {
      await assert.rejects(sql`update login_log set result = 'success'`.execute(h.tdb.database.db), /append-only/);
      await assert.rejects(sql`delete from operation_log`.execute(h.tdb.database.db), /append-only/);
    });

    test('the operation log records who did what, from where, with what result; filters work', async () => {
      const ops = await admin.get('/api/logs/operations?action=calendar.&limit=200');
      assert.equal(ops.statusCode, 200);
      const items = ops.json().items;
      assert.ok(items.some((o: any) => o.action === 'calendar.set_day' && o.targetId === '2027-03-02' && o.username === 'admin' && o.result === 'ok' && o.ip));
      assert.ok(items.some((o: any) => o.action === 'calendar.import' && o.result === 'refused' && o.statusCode === 400));
      const p1 = (await admin.get('/api/logs/operations?limit=2')).json();
      const p2 = (await admin.get(`/api/logs/operations?limit=2&after=${p1.nextCursor}`)).json();
      assert.ok(p2.items[0].id < p1.items[1].id);
      const logins = (await admin.get('/api/logs/login?username=admin')).json().items;
      assert.ok(logins.length >= 1 && logins.every((l: any) => l.username === 'admin' && l.result === 'success'));
      const from = new Date(h.clock.now().getTime() + 3600_000).toISOString();
      assert.equal((await admin.get(`/api/logs/login?from=${encodeURIComponent(from)}`)).json().items.length, 0);
    });

    test('only log viewers see logs: auditor yes, supervisor no, anonymous 401', async () => {
      assert.equal((await (await h.login('auditor')).get('/api/logs/login')).statusCode, 200);
      assert.equal((await (await h.login('jcj_city')).get('/api/logs/operations')).statusCode, 403);
      assert.equal((await h.client().get('/api/logs/login')).statusCode, 401);
      assert.equal(errorOf(await admin.get('/api/logs/login?limit=0')).code, 'VALIDATION_FAILED');
    });

    test('security policy: an admin tightens the lockout; others cannot', async () => {
      const p = (await admin.get('/api/settings/security')).json();
      assert.equal(p.lockoutThreshold, 5);
      assert.equal(p.sessionIdleMinutes, 30);
      const r = await admin.put('/api/settings/security', { ...p, lockoutThreshold: 3, passwordMinLength: 10 });
      assert.equal(r.json().lockoutThreshold, 3);
      const c = h.client();
      for (let i = 0; i < 2; i++) assert.equal((await c.post('/api/auth/login', { username: 'jtj_leader', password: 'x' })).statusCode, 401);
      assert.equal(errorOf(await c.post('/api/auth/login', { username: 'jtj_leader', password: 'x' })).code, 'ACCOUNT_LOCKED');
      assert.equal(errorOf(await admin.put('/api/settings/security', { ...p, passwordMinLength: 4 })).code, 'VALIDATION_FAILED');
      assert.equal((await (await h.login('auditor')).put('/api/settings/security', p)).statusCode, 403);
      await admin.put('/api/settings/security', p);
    });

    test('health and OpenAPI 3.1 at /docs', async () => {
      const hc = (await h.client().get('/api/health')).json();
      assert.equal(hc.status, 'ok');
      assert.equal(hc.database, backend);
      assert.equal(hc.worker, null, 'a single server process has no worker number');
      const doc = (await h.client().get('/docs/json')).json();
      assert.equal(doc.openapi, '3.1.0');
      for (const p of ['/api/auth/login', '/api/units/{id}', '/api/calendar/month', '/api/logs/operations', '/api/public/register'])
        assert.ok(doc.paths[p], `OpenAPI documents ${p}`);
      const html = await h.client().get('/docs/');
      assert.equal(html.statusCode, 200);
    });

    test('unknown routes get the error shape', async () => {
      const r = await admin.get('/api/nope');
      assert.equal(r.statusCode, 404);
      assert.equal(errorOf(r).code, 'NOT_FOUND');
    });
  });
}

// Rule library editing (SUP-5) over HTTP: a rule's versions, a new draft version validated by
// the kind's schema (the live rule unchanged), activation (the live rule and every process's
// configuration change in one transaction; the operation log has the reason), only from the top
// of the platform; every route's success, schema/params refusal, 401, 403, 404 and 409; and
// activation changes live behaviour: a rule disabled for every level no longer fires on a real
// case command, and fires again once an enabled version is active.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backends } from '../helpers/db.ts';
import { errorOf, startHarness, type Client, type Harness } from '../helpers/app.ts';
import { enter, ok } from '../helpers/cases.ts';
import { setupCases, signalsOf, supervise } from '../helpers/supervision.ts';
import { getConfig } from '../../src/supervision/config.ts';

const CODE = 'REFUSE_WITHOUT_REASON';
const REASON_PARAMS = { eventType: 'case.refused', field: 'reason', label: '不受理异常' };

for (const backend of backends()) {
  describe(`supervision rule versions (${backend})`, () => {
    let h: Harness;
    let city: Client; // 市监察局 王监察: supervisor of 510700 (every unit of the demo city)
    let county: Client; // 涪城区监察局: supervision.rules, but only 510703
    let leader: Client; // 市场监管局长: supervision.view, no supervision.rules
    let admin: Client; // system admin: scope all
    let ck: Client;
    let food: number;
    before(async () => {
      h = await startHarness(backend);
      ({ ck, food } = await setupCases(h));
      [city, county, leader, admin] = await Promise.all(['jcj_city', 'jcj_fucheng', 'scjg_leader', 'admin'].map((u) => h.login(u)));
    });
    after(() => h.close());

    const versions = (c: Client, code = CODE) => ok(c.get(`/api/supervision/rules/${code}/versions`));
    const liveRule = async (code = CODE) => (await ok(city.get('/api/supervision/rules'))).items.find((r: any) => r.code === code);
    const logOf = async (action: string) => (await sql<{ user_id: number | null; target_id: string | null; result: string; detail: any }>`
      select user_id, target_id, result, detail from operation_log where action = ${action} order by id`.execute(h.tdb.database.db)).rows;

    test('versions: the shipped version 1 is active; the author of a shipped rule is the system', async () => {
      const v = await versions(city);
      assert.equal(v.activeVersion, 1);
      assert.equal(v.rule.code, CODE);
      assert.equal(v.rule.kind, 'reason_missing');
      assert.equal(v.mayActivate, true, 'the city supervisor covers every unit of the platform');
      assert.deepEqual(v.levels, ['province', 'city', 'county', 'township']);
      assert.equal(v.versions.length, 1);
      assert.deepEqual({ ...v.versions[0], createdAt: undefined }, {
        version: 1, severity: 'red', params: v.rule.params, enabledLevels: ['province', 'city', 'county', 'township'], note: '内置规则',
        createdAt: undefined, createdBy: null, createdByName: null, active: true,
      });
      assert.equal(v.rule.params.minChars, 4, 'defaults are stored');
      assert.equal((await versions(county)).mayActivate, false, 'a district supervisor may not make a rule live platform-wide');
      assert.equal((await versions(admin)).mayActivate, true);
    });

    test('a new version is a draft: numbered next, defaults filled in, the live rule unchanged', async () => {
      const before = await liveRule();
      const r = await ok(city.post(`/api/supervision/rules/${CODE}/versions`, {
        severity: 'yellow', params: { ...REASON_PARAMS, minChars: 8 }, enabledLevels: ['county', 'city', 'city'], note: '  提高理由字数要求  ',
      }));
      assert.equal(r.version.version, 2);
      assert.equal(r.version.active, false);
      assert.equal(r.version.severity, 'yellow');
      assert.deepEqual(r.version.enabledLevels, ['city', 'county'], 'canonical order, no repeats');
      assert.equal(r.version.params.minChars, 8);
      assert.ok(Array.isArray(r.version.params.placeholders), 'the kind\'s defaults completed the parameters');
      assert.equal(r.version.note, '提高理由字数要求');
      assert.equal(r.version.createdByName, '王监察（市监察局）');
      assert.deepEqual(await liveRule(), before, 'the live rule is unchanged');
      const v = await versions(city);
      assert.deepEqual(v.versions.map((x: any) => [x.version, x.active]), [[2, false], [1, true]], 'newest first');
      assert.equal(v.versions[0].createdByName, '王监察（市监察局）');
      // a district supervisor may draft (and backtest) a version too
      const c = await ok(county.post(`/api/supervision/rules/${CODE}/versions`, { severity: 'red', params: REASON_PARAMS, enabledLevels: ['county'], note: '区县试行' }));
      assert.equal(c.version.version, 3);
      const log = await logOf('supervision.rule_version_create');
      assert.deepEqual(log.map((l) => [l.target_id, l.result, l.detail.version]), [[CODE, 'ok', 2], [CODE, 'ok', 3]]);
      assert.equal(log[0].detail.note, '提高理由字数要求');
    });

    test('versions are immutable once written', async () => {
      const db = h.tdb.database.db;
      await assert.rejects(sql`update sup_rule_versions set note = 'x' where code = ${CODE} and version = 2`.execute(db));
      await assert.rejects(sql`delete from sup_rule_versions where code = ${CODE} and version = 2`.execute(db));
    });

    test('a draft version can be backtested before it is live', async () => {
      const bt = await ok(city.post(`/api/supervision/rules/${CODE}/backtest`, { version: 2, from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }));
      assert.equal(bt.rule.version, 2);
      assert.equal(bt.rule.params.minChars, 8);
      assert.equal((await city.post(`/api/supervision/rules/${CODE}/backtest`, { version: 99, from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' })).statusCode, 404);
    });

    test('create refusals: schema 400, params 400 INVALID_PARAMS, 401, 403, 404', async () => {
      const url = `/api/supervision/rules/${CODE}/versions`;
      const body = { severity: 'red', params: REASON_PARAMS, enabledLevels: ['city'], note: '修订说明' };
      for (const bad of [
        { ...body, severity: 'purple' }, { ...body, enabledLevels: ['village'] }, { ...body, note: '' }, { ...body, note: ' 短 ' },
        { ...body, params: [1, 2] }, { severity: 'red', params: {}, enabledLevels: [] },
      ]) assert.equal(errorOf(await city.post(url, bad)).code, 'VALIDATION_FAILED', JSON.stringify(bad));
      const minChars = errorOf(await city.post(url, { ...body, params: { ...REASON_PARAMS, minChars: 0 } }));
      assert.equal(minChars.code, 'INVALID_PARAMS');
      assert.match(minChars.message, /minChars/);
      const type = errorOf(await city.post(url, { ...body, params: { ...REASON_PARAMS, minChars: '8' } }));
      assert.equal(type.code, 'INVALID_PARAMS');
      const unknown = errorOf(await city.post(url, { ...body, params: { ...REASON_PARAMS, minChar: 8 } }));
      assert.equal(unknown.code, 'INVALID_PARAMS');
      assert.match(unknown.message, /minChar：不是该规则类型的参数/);
      assert.equal(errorOf(await city.post(url, { ...body, params: {} })).code, 'INVALID_PARAMS', 'required parameters of the kind');
      assert.equal((await h.client().post(url, body)).statusCode, 401);
      const forbidden = errorOf(await leader.post(url, body));
      assert.equal(forbidden.code, 'FORBIDDEN');
      assert.equal(forbidden.details.permission, 'supervision.rules');
      assert.equal((await city.post('/api/supervision/rules/NO_SUCH_RULE/versions', body)).statusCode, 404);
      assert.equal(errorOf(await city.post('/api/supervision/rules/bad-code/versions', body)).code, 'VALIDATION_FAILED');
      assert.equal((await versions(city)).versions.length, 3, 'nothing written by a refusal');
    });

    test('list refusals: 401, 403, 404', async () => {
      assert.equal((await h.client().get(`/api/supervision/rules/${CODE}/versions`)).statusCode, 401);
      assert.equal(errorOf(await leader.get(`/api/supervision/rules/${CODE}/versions`)).code, 'FORBIDDEN');
      assert.equal((await city.get('/api/supervision/rules/NO_SUCH_RULE/versions')).statusCode, 404);
    });

    test('activation makes the version live, with who and when, and refreshes the configuration', async () => {
      const db = h.tdb.database.db;
      const cfgBefore = await getConfig(db, h.clock.now());
      const r = await ok(city.post(`/api/supervision/rules/${CODE}/activate`, { version: 2, reason: '试行更严格的理由要求' }));
      assert.deepEqual(r, { code: CODE, version: 2, previousVersion: 1, severity: 'yellow', enabledLevels: ['city', 'county'] });
      const live = await liveRule();
      assert.equal(live.version, 2);
      assert.equal(live.severity, 'yellow');
      assert.equal(live.params.minChars, 8);
      assert.deepEqual(live.enabledLevels, ['city', 'county']);
      const cfg = await getConfig(db, h.clock.now());
      assert.notEqual(cfg.version, cfgBefore.version, 'the configuration version was bumped');
      assert.equal(cfg.rules.find((x) => x.code === CODE)!.version, 2);
      const v = await versions(city);
      assert.equal(v.activeVersion, 2);
      assert.deepEqual(v.versions.filter((x: any) => x.active).map((x: any) => x.version), [2]);
      assert.equal(v.rule.updatedByName, '王监察（市监察局）');
      assert.deepEqual(v.activations.map((a: any) => [a.version, a.previousVersion, a.reason, a.byName]), [[2, 1, '试行更严格的理由要求', '王监察（市监察局）']]);
      const row = await db.selectFrom('sup_rules').select(['updated_by', 'updated_at']).where('code', '=', CODE).executeTakeFirstOrThrow();
      assert.equal(row.updated_at.toISOString(), h.clock.now().toISOString());
      assert.ok(row.updated_by);
      const log = await logOf('supervision.rule_activate');
      assert.deepEqual(log.map((l) => [l.target_id, l.result, l.detail]), [[CODE, 'ok', { version: 2, previousVersion: 1, reason: '试行更严格的理由要求' }]]);
    });

    test('activation refusals: 409 the active version, 404, 400, 401, 403 (no permission; not the top level)', async () => {
      const url = `/api/supervision/rules/${CODE}/activate`;
      const conflict = errorOf(await city.post(url, { version: 2, reason: '再次启用' }));
      assert.equal(conflict.code, 'VERSION_ALREADY_ACTIVE');
      assert.equal((await city.post(url, { version: 2, reason: '再次启用' })).statusCode, 409);
      assert.equal((await city.post(url, { version: 99, reason: '启用' })).statusCode, 404);
      assert.equal((await city.post('/api/supervision/rules/NO_SUCH_RULE/activate', { version: 1, reason: '启用' })).statusCode, 404);
      assert.equal(errorOf(await city.post(url, { version: 1 })).code, 'VALIDATION_FAILED', 'a reason is required');
      assert.equal(errorOf(await city.post(url, { version: 1, reason: ' ' })).code, 'VALIDATION_FAILED');
      assert.equal(errorOf(await city.post(url, { version: 0, reason: '启用' })).code, 'VALIDATION_FAILED');
      assert.equal((await h.client().post(url, { version: 1, reason: '启用' })).statusCode, 401);
      assert.equal(errorOf(await leader.post(url, { version: 1, reason: '启用' })).code, 'FORBIDDEN');
      const top = errorOf(await county.post(url, { version: 3, reason: '区县试行' }));
      assert.equal(top.code, 'RULE_ACTIVATION_TOP_LEVEL_ONLY');
      assert.equal((await liveRule()).version, 2, 'nothing changed');
      const refused = (await logOf('supervision.rule_activate')).filter((l) => l.result === 'refused');
      assert.ok(refused.some((l) => l.target_id === CODE && l.detail.reason === '区县试行'), 'refusals are logged with their target');
    });

    test('activation changes live behaviour: disabled for every level the rule stays silent; re-enabled it fires', async () => {
      const refuse = async () => {
        const a = await enter(h, ck, food);
        await ok(ck.post(`/api/cases/${a.caseId}/refuse`, { reason: '不符合' }));
        await supervise(h, a.caseId);
        return (await signalsOf(h, a.caseId)).filter((s) => s.rule_code === CODE);
      };
      // version 2 (city + county, yellow): 绵阳市市场监督管理局 is a city unit
      let s = await refuse();
      assert.deepEqual(s.map((x) => x.level), ['yellow'], 'the live version\'s severity');
      // 停用: a version with no enabled level, made live
      const off = await ok(city.post(`/api/supervision/rules/${CODE}/versions`, { severity: 'yellow', params: { ...REASON_PARAMS, minChars: 8 }, enabledLevels: [], note: '停用规则' }));
      await ok(city.post(`/api/supervision/rules/${CODE}/activate`, { version: off.version.version, reason: '暂停该项监察' }));
      assert.deepEqual((await liveRule()).enabledLevels, []);
      s = await refuse();
      assert.deepEqual(s, [], 'a disabled rule does not fire');
      // back to the shipped version 1 (red, every level)
      await ok(admin.post(`/api/supervision/rules/${CODE}/activate`, { version: 1, reason: '恢复内置规则' }));
      s = await refuse();
      assert.deepEqual(s.map((x) => x.level), ['red'], 'fires again, at the shipped severity');
      const sig = await sql<{ rule_version: number }>`select rule_version from signals where id = ${s[0].id}`.execute(h.tdb.database.db);
      assert.equal(sig.rows[0].rule_version, 1, 'the signal names the version that raised it');
      const v = await versions(city);
      assert.equal(v.activeVersion, 1);
      assert.deepEqual(v.activations.map((a: any) => [a.version, a.previousVersion]), [[1, off.version.version], [off.version.version, 2], [2, 1]]);
    });

    test('the publicity scan rule validates its own parameters', async () => {
      const url = '/api/supervision/rules/PUBLICITY_INCOMPLETE/versions';
      assert.equal(errorOf(await city.post(url, { severity: 'red', params: { ignore: ['nope'] }, enabledLevels: ['city'], note: '忽略未知问题' })).code, 'INVALID_PARAMS');
      const r = await ok(city.post(url, { severity: 'yellow', params: {}, enabledLevels: ['city', 'county'], note: '公开异常降为黄灯' }));
      assert.deepEqual(r.version.params, { ignore: [] });
    });
  });
}

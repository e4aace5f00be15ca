// /api/supervision over HTTP: the signal queue and detail in jurisdiction (SUP-8), the
// overview from rollups, the bell, documents, rules and backtest, the live feed; every route's
// success, schema refusal, 401, 403 and 404.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../helpers/db.ts';
import { errorOf, startHarness, type Client, type Harness } from '../helpers/app.ts';
import { enter, ok } from '../helpers/cases.ts';
import { acceptedCase, setupCases, supervise } from '../helpers/supervision.ts';
import { sweepAll } from '../../src/supervision/sweep.ts';
import { LiveHub } from '../../src/supervision/live.ts';
import { loadActor } from '../../src/access/actor.ts';

for (const backend of backends()) {
  describe(`supervision API (${backend})`, () => {
    let h: Harness;
    let city: Client; // 市监察局: region 510700 and below
    let county: Client; // 涪城区监察局: only 510703
    let leader: Client; // 市场监管局长: own unit
    let handler: Client; // no supervision.view
    let caseId: number;
    let redId: number;
    let ruleSignal: number;
    before(async () => {
      h = await startHarness(backend);
      const { ck, food } = await setupCases(h);
      caseId = await acceptedCase(h, ck, food);
      const bad = await enter(h, ck, food);
      await ok(ck.post(`/api/cases/${bad.caseId}/refuse`, { reason: '无' }));
      await supervise(h, bad.caseId);
      await sweepAll(h.tdb.database.db, new Date(Date.UTC(2027, 0, 1)));
      [city, county, leader, handler] = await Promise.all(['jcj_city', 'jcj_fucheng', 'scjg_leader', 'scjg_handler'].map((u) => h.login(u)));
      const all = (await ok(city.get('/api/supervision/signals?limit=200'))).items;
      redId = all.find((s: any) => s.caseId === caseId && s.level === 'red').id;
      ruleSignal = all.find((s: any) => s.ruleCode === 'REFUSE_WITHOUT_REASON').id;
    });
    after(() => h.close());

    test('list: filters, keyset pages, jurisdiction', async () => {
      const red = await ok(city.get('/api/supervision/signals?level=red&limit=2'));
      assert.ok(red.items.every((s: any) => s.level === 'red'));
      assert.ok(red.nextCursor);
      const next = await ok(city.get(`/api/supervision/signals?level=red&limit=2&after=${red.nextCursor}`));
      assert.ok(next.items.every((s: any) => s.id < red.nextCursor));
      assert.equal((await ok(county.get('/api/supervision/signals'))).items.length, 0, 'a district supervisor does not see city units');
      assert.ok((await ok(leader.get('/api/supervision/signals'))).items.length > 0, 'the unit sees its own');
      const byRule = await ok(city.get('/api/supervision/signals?ruleCode=REFUSE_WITHOUT_REASON'));
      assert.deepEqual(byRule.items.map((s: any) => s.id), [ruleSignal]);
    });

    test('detail with chain and 督办通知书; printable HTML', async () => {
      const d = await ok(city.get(`/api/supervision/signals/${redId}`));
      assert.equal(d.signal.level, 'red');
      assert.equal(d.events[0].type, 'signal.raised');
      // the evidence is the raised event's (the chain's copy, the only one); lists leave it out
      assert.equal(d.signal.evidence.clock.id > 0, true);
      assert.deepEqual(d.signal.evidence, d.events[0].data.evidence);
      assert.equal(d.events[0].data.explanation, undefined, 'a timer signal\'s event holds the facts, not the rendered prose');
      assert.ok(d.signal.explanation.length > 0);
      const listed = (await ok(city.get('/api/supervision/signals?level=red'))).items.find((s: any) => s.id === redId);
      assert.equal(listed.evidence, null);
      assert.equal(d.documents[0].kind, 'supervision_notice');
      const html = await city.get(`/api/supervision/documents/${d.documents[0].id}/html`);
      assert.equal(html.statusCode, 200);
      assert.match(html.body, /督办通知书/);
      assert.match(html.body, new RegExp(d.documents[0].verificationCode));
      assert.equal((await county.get(`/api/supervision/signals/${redId}`)).statusCode, 404);
      assert.equal((await county.get(`/api/supervision/documents/${d.documents[0].id}/html`)).statusCode, 404);
    });

    test('refusals: 401, 403, 404, schema', async () => {
      assert.equal((await h.client().get('/api/supervision/signals')).statusCode, 401);
      assert.equal(errorOf(await handler.get('/api/supervision/signals')).code, 'FORBIDDEN');
      assert.equal(errorOf(await handler.get('/api/supervision/overview')).code, 'FORBIDDEN');
      assert.equal((await city.get('/api/supervision/signals/999999')).statusCode, 404);
      assert.equal(errorOf(await city.get('/api/supervision/signals?level=purple')).code, 'VALIDATION_FAILED');
      assert.equal(errorOf(await city.get('/api/supervision/overview?days=0')).code, 'VALIDATION_FAILED');
      assert.equal(errorOf(await handler.post('/api/supervision/rules/DECIDED_LATE/backtest', { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' })).code, 'FORBIDDEN');
      assert.equal(errorOf(await city.post('/api/supervision/rules/DECIDED_LATE/backtest', { from: 'yesterday' })).code, 'VALIDATION_FAILED');
      assert.equal((await city.post('/api/supervision/rules/NOPE/backtest', { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' })).statusCode, 404);
    });

    test('overview from the rollups', async () => {
      const o = await ok(city.get('/api/supervision/overview?days=366'));
      assert.ok(o.totals.red.raised >= 2);
      assert.ok(o.worstUnits[0].red >= 1);
      assert.ok(o.trend.length >= 1);
      assert.equal((await ok(county.get('/api/supervision/overview'))).totals.red.raised, 0);
    });

    test('the bell: list, unread count, mark read', async () => {
      const list = await ok(leader.get('/api/supervision/notifications'));
      assert.ok(list.items.length >= 1);
      const before = (await ok(leader.get('/api/supervision/notifications/unread-count'))).unread;
      assert.ok(before >= 1);
      await ok(leader.post(`/api/supervision/notifications/${list.items[0].id}/read`));
      assert.equal((await ok(leader.get('/api/supervision/notifications/unread-count'))).unread, before - 1);
      assert.equal((await leader.post(`/api/supervision/notifications/${list.items[0].id}/read`)).statusCode, 404, 'already read');
      assert.equal((await city.post(`/api/supervision/notifications/${list.items[1]?.id ?? list.items[0].id}/read`)).statusCode, 404, 'not yours');
      const all = await ok(leader.post('/api/supervision/notifications/read-all'));
      assert.equal(all.marked, before - 1);
      assert.equal(errorOf(await leader.post('/api/supervision/notifications/abc/read')).code, 'VALIDATION_FAILED');
    });

    test('rules and backtest: what a rule would have flagged, without raising', async () => {
      const rules = (await ok(city.get('/api/supervision/rules'))).items;
      assert.ok(rules.length >= 20);
      const before = (await ok(city.get('/api/supervision/signals?limit=200'))).items.length;
      const bt = await ok(city.post('/api/supervision/rules/REFUSE_WITHOUT_REASON/backtest', { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }));
      assert.equal(bt.hits, 1);
      assert.equal(bt.byUnit[0].hits, 1);
      assert.match(bt.samples[0].explanation, /未说明理由/);
      const strict = await ok(city.post('/api/supervision/rules/REFUSE_WITHOUT_REASON/backtest', { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z', params: { eventType: 'case.refused', field: 'reason', label: '不受理异常', minChars: 1, placeholders: [] } }));
      assert.equal(strict.hits, 0, 'with other parameters it would not have fired');
      assert.equal(errorOf(await city.post('/api/supervision/rules/REFUSE_WITHOUT_REASON/backtest', { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z', params: { eventType: 'x' } })).code, 'INVALID_PARAMS');
      assert.equal((await ok(city.get('/api/supervision/signals?limit=200'))).items.length, before, 'nothing raised');
    });

    test('live feed: a subscriber gets new signals of its jurisdiction only', async () => {
      const db = h.tdb.database.db;
      const hub = new LiveHub(db);
      const seenCity: string[] = [];
      const seenCounty: string[] = [];
      const cityActor = (await loadActor(db, (await db.selectFrom('users').select('id').where('username', '=', 'jcj_city').executeTakeFirstOrThrow()).id))!;
      const countyActor = (await loadActor(db, (await db.selectFrom('users').select('id').where('username', '=', 'jcj_fucheng').executeTakeFirstOrThrow()).id))!;
      try {
        await hub.subscribe(cityActor, (s) => seenCity.push(s.title));
        await hub.subscribe(countyActor, (s) => seenCounty.push(s.title));
        const ck = await h.login('ck01');
        const b = await enter(h, ck, (await db.selectFrom('catalog_items').select('id').where('name', '=', '食品经营许可').executeTakeFirstOrThrow()).id);
        await ok(ck.post(`/api/cases/${b.caseId}/refuse`, { reason: '略' }));
        await supervise(h, b.caseId);
        await hub.poll();
        assert.ok(seenCity.some((t) => /不受理异常/.test(t)), JSON.stringify(seenCity));
        assert.deepEqual(seenCounty, []);
      } finally {
        await hub.close();
      }
    });
  });
}

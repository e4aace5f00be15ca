// Signal handling (SUP-6, 四川 §8), manual signals, 再监察 (SUP-8) and supervision tasks
// (SUP-7, 四川 §9) over HTTP: whole journeys, and every route's refusals (schema, 401, 403,
// other jurisdiction 404, wrong state 409). Time moves with h.clock only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../helpers/db.ts';
import { errorOf, startHarness, type Client, type Harness } from '../helpers/app.ts';
import { ok } from '../helpers/cases.ts';
import { sweepAll } from '../../src/supervision/sweep.ts';
import { grantLeader, unitOf } from '../helpers/supervision.ts';
import { LiveHub } from '../../src/supervision/live.ts';
import { loadActor } from '../../src/access/actor.ts';

const DAY = 86_400_000;
const pdf = { name: '说明材料.pdf', mime: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 说明').toString('base64') };

for (const backend of backends()) {
  describe(`supervision handling and tasks (${backend})`, () => {
    let h: Harness;
    let city: Client;
    let county: Client;
    let otherCounty: Client;
    let leader: Client; // 监察机关领导
    let unitLeader: Client; // 市场监管局长 (city unit)
    let fcLeader: Client; // 涪城市场监管局长 (county unit)
    let handler: Client;
    let fcUnit: number;
    let scjgUnit: number;
    /** Signs everyone in again (sessions expire when h.clock jumps weeks ahead). */
    async function login() {
      [city, county, otherCounty, unitLeader, fcLeader, handler] = await Promise.all(
        ['jcj_city', 'jcj_fucheng', 'jcj_youxian', 'scjg_leader', 'fc_scjg_leader', 'scjg_handler'].map((u) => h.login(u)));
      leader = await h.login('jcj_city2');
    }
    before(async () => {
      h = await startHarness(backend);
      await grantLeader(h);
      await login();
      fcUnit = await unitOf(h, 'fc_scjg_leader');
      scjgUnit = await unitOf(h, 'scjg_leader');
    });
    after(() => h.close());

    test('handling journey: manual red → explain → materials → finding 成立 → rectification → verified → closed → upper level reopens', async () => {
      const { signal } = await ok(county.post('/api/supervision/signals', { kind: 'refused_qualified', explanation: '群众反映符合条件的申请被拒绝', unitId: fcUnit }));
      assert.equal(signal.level, 'red');
      assert.equal(signal.status, 'raised');
      assert.ok(signal.responseDueAt, 'a red signal has a response clock');
      assert.deepEqual(signal.allowedActs.sort(), ['demand_materials', 'escalate', 'explain', 'find', 'investigate'].sort());
      const id = signal.id;
      assert.equal((await otherCounty.post(`/api/supervision/signals/${id}/investigate`, { note: 'x' })).statusCode, 404, 'other jurisdiction');
      assert.equal(errorOf(await county.post(`/api/supervision/signals/${id}/explain`, { text: '说明' })).code, 'FORBIDDEN', 'a supervisor does not explain');
      assert.equal(errorOf(await county.post(`/api/supervision/signals/${id}/close`, { summary: '办结' })).code, 'WRONG_STATE');

      let r = await ok(fcLeader.post(`/api/supervision/signals/${id}/explain`, { kind: 'appeal', text: '申请材料不齐全，已一次性告知', files: [pdf] }));
      assert.equal(r.signal.status, 'explained');
      r = await ok(county.post(`/api/supervision/signals/${id}/demand-materials`, { materials: '补正告知书及送达回证', days: 3 }));
      assert.equal(r.signal.status, 'materials_requested');
      r = await ok(fcLeader.post(`/api/supervision/signals/${id}/provide-materials`, { text: '见附件', files: [pdf] }));
      assert.equal(r.signal.status, 'investigating');
      r = await ok(county.post(`/api/supervision/signals/${id}/find`, { finding: 'valid', reason: '告知书未列明全部材料', proposal: '建立一次性告知核对制度' }));
      assert.equal(r.signal.status, 'valid');
      assert.equal(r.signal.finding, 'valid');
      assert.ok(r.documentId, '监察建议书');
      const html = await county.get(`/api/supervision/documents/${r.documentId}/html`);
      assert.match(html.body, /监察建议书/);
      assert.match(html.body, /一次性告知核对制度/);
      r = await ok(county.post(`/api/supervision/signals/${id}/order-rectification`, { requirements: '重新告知并办理', days: 10 }));
      assert.equal(r.signal.status, 'rectifying');
      assert.ok(r.signal.rectifyDueAt);
      await ok(fcLeader.post(`/api/supervision/signals/${id}/report-rectification`, { text: '已整改' }));
      r = await ok(county.post(`/api/supervision/signals/${id}/verify`, { passed: false, opinion: '未附送达回证', days: 5 }));
      assert.equal(r.signal.status, 'rectifying');
      await ok(fcLeader.post(`/api/supervision/signals/${id}/report-rectification`, { text: '已补送达回证', files: [pdf] }));
      r = await ok(county.post(`/api/supervision/signals/${id}/verify`, { passed: true, opinion: '整改到位' }));
      assert.equal(r.signal.status, 'verified');
      await ok(county.post(`/api/supervision/signals/${id}/propose-accountability`, { persons: '窗口受理人员', proposal: '批评教育' }));
      r = await ok(county.post(`/api/supervision/signals/${id}/close`, { summary: '整改到位，办结' }));
      assert.equal(r.signal.status, 'closed');
      assert.ok(r.signal.closedAt);
      assert.equal(r.signal.unitName, '涪城区市场监督管理局', 'act responses name the unit');
      assert.ok(!(await ok(county.get(`/api/supervision/signals/${id}`))).signal.allowedActs.includes('reopen'), 'the closing level is not offered 再监察');
      assert.ok((await ok(city.get(`/api/supervision/signals/${id}`))).signal.allowedActs.includes('reopen'), 'the level above is');

      assert.equal(errorOf(await county.post(`/api/supervision/signals/${id}/reopen`, { reason: '复查' })).code, 'NOT_UPPER_LEVEL', 'the closing level cannot re-supervise');
      const cityId = (await h.tdb.database.db.selectFrom('users').select('id').where('username', '=', 'jcj_city2').executeTakeFirstOrThrow()).id;
      r = await ok(city.post(`/api/supervision/signals/${id}/reopen`, { reason: '群众再次反映，需复查', assigneeId: cityId }));
      assert.equal(r.signal.status, 'investigating');
      assert.equal(r.signal.reopenCount, 1);
      assert.equal(r.signal.assigneeId, cityId);
      assert.equal(r.signal.closedAt, null);

      const d = await ok(city.get(`/api/supervision/signals/${id}`));
      assert.equal(d.signal.unitName, '涪城区市场监督管理局');
      assert.equal((await ok(city.get(`/api/supervision/signals?unitId=${fcUnit}`))).items[0].unitName, '涪城区市场监督管理局');
      assert.deepEqual(d.events.map((e: any) => e.type), [
        'signal.raised', 'signal.appealed', 'signal.demand_materials', 'signal.provide_materials', 'signal.found_valid', 'signal.order_rectification',
        'signal.report_rectification', 'signal.rectification_failed', 'signal.report_rectification', 'signal.rectification_passed',
        'signal.propose_accountability', 'signal.close', 'signal.reopen',
      ]);
      assert.equal(d.events[1].data.files[0].name, '说明材料.pdf');
      assert.match(d.events[1].data.files[0].hash, /^[0-9a-f]{64}$/);
      assert.deepEqual(d.documents.map((x: any) => x.kind).sort(), ['rectification_notice', 'supervision_notice', 'supervision_proposal']);
    });

    test('finding 不成立 revokes the signal; nothing is deleted', async () => {
      const { signal } = await ok(county.post('/api/supervision/signals', { kind: 'illegal_fee', level: 'yellow', explanation: '疑似多收费', unitId: fcUnit }));
      assert.equal(signal.responseDueAt, null, 'only red demands an explanation by a deadline');
      const r = await ok(county.post(`/api/supervision/signals/${signal.id}/find`, { finding: 'invalid', reason: '按标准收费，数据录入错误' }));
      assert.equal(r.signal.status, 'revoked');
      assert.equal(r.signal.finding, 'invalid');
      const d = await ok(county.get(`/api/supervision/signals/${signal.id}`));
      assert.equal(d.events.at(-1).type, 'signal.revoked');
      assert.equal(d.events.at(-1).data.reason, '按标准收费，数据录入错误');
      assert.ok((await ok(county.get('/api/supervision/signals?status=revoked'))).items.some((s: any) => s.id === signal.id));
    });

    test('manual signals: refusals', async () => {
      assert.equal((await h.client().post('/api/supervision/signals', { kind: 'illegal_fee', explanation: 'x', unitId: fcUnit })).statusCode, 401);
      assert.equal(errorOf(await fcLeader.post('/api/supervision/signals', { kind: 'illegal_fee', explanation: 'x', unitId: fcUnit })).code, 'FORBIDDEN');
      assert.equal(errorOf(await county.post('/api/supervision/signals', { kind: 'nope', explanation: 'x', unitId: fcUnit })).code, 'VALIDATION_FAILED');
      assert.equal(errorOf(await county.post('/api/supervision/signals', { kind: 'illegal_fee', explanation: 'x' })).code, 'NO_TARGET');
      assert.equal((await county.post('/api/supervision/signals', { kind: 'illegal_fee', explanation: 'x', unitId: scjgUnit })).statusCode, 404, 'a city unit is outside a district');
      assert.equal(errorOf(await fcLeader.post('/api/supervision/signals/1/explain', {})).code, 'VALIDATION_FAILED');
      assert.equal((await h.client().post('/api/supervision/signals/1/find', { finding: 'valid', reason: 'x' })).statusCode, 401);
      assert.equal(errorOf(await handler.post('/api/supervision/signals/1/explain', { text: 'x' })).code, 'FORBIDDEN');
      assert.equal((await county.post('/api/supervision/signals/999999/find', { finding: 'valid', reason: 'x' })).statusCode, 404);
      const kinds = await ok(county.get('/api/supervision/manual-kinds'));
      assert.equal(kinds.items.length, 12);
    });

    test('task journey: draft → approval → dispatched → extension → late 催办 → report → return → report → close', async () => {
      const { task } = await ok(city.post('/api/supervision/tasks', { title: '食品经营许可超期问题', content: '核查超期原因', requirements: '书面报告调查处理情况', unitId: scjgUnit }));
      assert.equal(task.status, 'draft');
      assert.equal(task.limitDays, 20);
      assert.equal(task.unitName, '绵阳市市场监督管理局');
      assert.equal((await ok(city.get(`/api/supervision/tasks/${task.id}`))).task.unitName, '绵阳市市场监督管理局');
      assert.ok((await ok(city.get('/api/supervision/tasks'))).items.every((x: any) => typeof x.unitName === 'string' && x.unitName));
      assert.equal(errorOf(await city.post('/api/supervision/tasks', { title: 'x', content: 'x', requirements: 'x', unitId: scjgUnit, limitDays: 25 })).code, 'VALIDATION_FAILED');
      assert.equal((await county.post('/api/supervision/tasks', { title: 'x', content: 'x', requirements: 'x', unitId: scjgUnit })).statusCode, 404);
      let t = (await ok(city.post(`/api/supervision/tasks/${task.id}/submit`))).task;
      assert.equal(t.status, 'pending_approval');
      assert.equal(errorOf(await city.post(`/api/supervision/tasks/${task.id}/approve`, { approve: true })).code, 'FORBIDDEN', 'a supervisor does not approve');
      assert.equal(errorOf(await leader.post(`/api/supervision/tasks/${task.id}/approve`, { approve: false })).code, 'REASON_REQUIRED');
      t = (await ok(leader.post(`/api/supervision/tasks/${task.id}/approve`, { approve: true, reason: '同意交办' }))).task;
      assert.equal(t.status, 'dispatched');
      const due1 = new Date(t.dueAt).getTime();
      assert.ok(due1 > h.clock.now().getTime() + 20 * DAY, '20 working days');
      assert.equal(errorOf(await unitLeader.post(`/api/supervision/tasks/${task.id}/request-extension`, { days: 11, reason: 'x' })).code, 'VALIDATION_FAILED');
      t = (await ok(unitLeader.post(`/api/supervision/tasks/${task.id}/request-extension`, { days: 5, reason: '涉及多部门' }))).task;
      assert.equal(t.status, 'extension_requested');
      t = (await ok(leader.post(`/api/supervision/tasks/${task.id}/approve-extension`, { approve: true, reason: '同意' }))).task;
      assert.equal(t.status, 'dispatched');
      assert.equal(t.extensionDays, 5);
      assert.ok(new Date(t.dueAt).getTime() >= due1 + 5 * DAY);
      assert.equal(errorOf(await unitLeader.post(`/api/supervision/tasks/${task.id}/request-extension`, { days: 2, reason: '再延' })).code, 'ALREADY_EXTENDED');

      h.clock.advance(new Date(t.dueAt).getTime() - h.clock.now().getTime() + DAY);
      await sweepAll(h.tdb.database.db, h.clock.now());
      await login();
      let d = await ok(unitLeader.get(`/api/supervision/tasks/${task.id}`));
      assert.ok(d.events.some((e: any) => e.type === 'task.reminded' && e.data.auto), JSON.stringify(d.events.map((e: any) => e.type)));
      assert.ok((await ok(unitLeader.get('/api/supervision/notifications'))).items.some((n: any) => n.taskId === task.id && /催办/.test(n.subject)));

      await ok(city.post(`/api/supervision/tasks/${task.id}/remind`, { note: '请尽快上报' }));
      assert.equal(errorOf(await city.post(`/api/supervision/tasks/${task.id}/close`, { summary: 'x' })).code, 'WRONG_STATE');
      t = (await ok(unitLeader.post(`/api/supervision/tasks/${task.id}/report`, { text: '已查明原因并整改', files: [pdf] }))).task;
      assert.equal(t.status, 'reported');
      t = (await ok(city.post(`/api/supervision/tasks/${task.id}/return`, { reason: '未附整改材料', days: 5 }))).task;
      assert.equal(t.status, 'returned');
      await ok(unitLeader.post(`/api/supervision/tasks/${task.id}/report`, { text: '补充整改材料' }));
      t = (await ok(city.post(`/api/supervision/tasks/${task.id}/close`, { summary: '办结' }))).task;
      assert.equal(t.status, 'closed');
      assert.equal(t.unitName, '绵阳市市场监督管理局');
      d = await ok(city.get(`/api/supervision/tasks/${task.id}`));
      const types = d.events.map((e: any) => e.type);
      for (const x of ['task.drafted', 'task.submitted', 'task.dispatched', 'task.extension_requested', 'task.extended', 'task.reminded', 'task.reported', 'task.returned', 'task.closed']) assert.ok(types.includes(x), x);
      assert.equal(d.documents[0].kind, 'task_notice');
      assert.equal((await otherCounty.get(`/api/supervision/tasks/${task.id}`)).statusCode, 404);
      assert.equal(errorOf(await handler.get('/api/supervision/tasks')).code, 'FORBIDDEN');
      assert.equal((await h.client().get('/api/supervision/tasks')).statusCode, 401);
    });

    test('a red signal escalates into a task in one action; approvals list and decide', async () => {
      const { signal } = await ok(city.post('/api/supervision/signals', { kind: 'late_decision', explanation: '超期未决定', unitId: scjgUnit }));
      const { task } = await ok(city.post(`/api/supervision/signals/${signal.id}/escalate`, { requirements: '20 个工作日内上报' }));
      assert.equal(task.status, 'pending_approval');
      assert.equal(task.signalId, signal.id);
      assert.equal(errorOf(await city.post(`/api/supervision/signals/${signal.id}/escalate`, { requirements: 'x' })).code, 'ALREADY_ESCALATED');
      const s = (await ok(city.get(`/api/supervision/signals/${signal.id}`))).signal;
      assert.equal(s.taskId, task.id);
      const pending = await ok(leader.get('/api/supervision/approvals?status=pending&kind=task.dispatch'));
      const ap = pending.items.find((x: any) => x.payload.taskId === task.id);
      assert.ok(ap);
      assert.equal(errorOf(await city.post(`/api/supervision/approvals/${ap.id}/decide`, { approve: true })).code, 'FORBIDDEN');
      const dec = await ok(leader.post(`/api/supervision/approvals/${ap.id}/decide`, { approve: false, reason: '先由区级核实' }));
      assert.equal(dec.approval.status, 'rejected');
      assert.equal((await ok(city.get(`/api/supervision/tasks/${task.id}`))).task.status, 'draft');
      assert.equal(errorOf(await leader.post(`/api/supervision/approvals/${ap.id}/decide`, { approve: true })).code, 'WRONG_STATE');
      const detail = await ok(leader.get(`/api/supervision/approvals/${ap.id}`));
      assert.deepEqual(detail.events.map((e: any) => e.type), ['approval.requested', 'approval.rejected']);
      assert.equal((await otherCounty.get(`/api/supervision/approvals/${ap.id}`)).statusCode, 404);
      const { signal: yellow } = await ok(city.post('/api/supervision/signals', { kind: 'late_decision', level: 'yellow', explanation: 'x', unitId: scjgUnit }));
      assert.equal(errorOf(await city.post(`/api/supervision/signals/${yellow.id}/escalate`, { requirements: 'x' })).code, 'NOT_RED');
    });

    test('overview: counts by region and by region level', async () => {
      const o = await ok(city.get('/api/supervision/overview'));
      const fc = o.regions.find((r: any) => r.regionCode === '510703');
      assert.equal(fc.name, '涪城区');
      assert.equal(fc.regionLevel, 'county');
      assert.ok(fc.red >= 1 && fc.yellow >= 1, JSON.stringify(fc));
      const cityRow = o.regions.find((r: any) => r.regionCode === '510700');
      assert.ok(cityRow.red >= 1);
      const levels = Object.fromEntries(o.regionLevels.map((l: any) => [l.regionLevel, l]));
      assert.deepEqual(o.regionLevels.map((l: any) => l.regionLevel), ['city', 'county']);
      assert.equal(levels.county.red, o.regions.filter((r: any) => r.regionLevel === 'county').reduce((n: number, r: any) => n + r.red, 0));
      const total = o.regions.reduce((n: number, r: any) => n + r.reminder + r.yellow + r.red, 0);
      assert.equal(total, o.totals.reminder.raised + o.totals.yellow.raised + o.totals.red.raised);
      const c = await ok(county.get('/api/supervision/overview'));
      assert.deepEqual(c.regions.map((r: any) => r.regionCode), ['510703'], 'a district sees its own region only');
    });

    test('the live feed names the responsible unit', async () => {
      const db = h.tdb.database.db;
      const hub = new LiveHub(db);
      const seen: any[] = [];
      const actor = (await loadActor(db, (await db.selectFrom('users').select('id').where('username', '=', 'jcj_city').executeTakeFirstOrThrow()).id))!;
      try {
        await hub.subscribe(actor, (s) => seen.push(s));
        const { signal } = await ok(city.post('/api/supervision/signals', { kind: 'illegal_fee', level: 'yellow', explanation: '实时推送单位名称', unitId: scjgUnit }));
        await hub.poll();
        const live = seen.find((x) => x.signalId === signal.id);
        assert.ok(live, JSON.stringify(seen));
        assert.equal(live.unitName, '绵阳市市场监督管理局');
      } finally {
        await hub.close();
      }
    });
  });
}

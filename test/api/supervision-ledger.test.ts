// Ledger export behind a generic approval (SEC-2), patrols and compliance per working day,
// reproducible sampling with findings (SUP-9) — over HTTP, with refusals.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { backends } from '../helpers/db.ts';
import { errorOf, startHarness, type Client, type Harness } from '../helpers/app.ts';
import { ok } from '../helpers/cases.ts';
import { acceptedCase, grantLeader, setupCases, unitOf } from '../helpers/supervision.ts';
import { seededPick } from '../../src/supervision/patrols.ts';

for (const backend of backends()) {
  describe(`supervision ledger, patrols, sampling (${backend})`, () => {
    let h: Harness;
    let city: Client;
    let county: Client;
    let leader: Client;
    let handler: Client;
    let unitLeader: Client;
    let cases: number[];
    before(async () => {
      h = await startHarness(backend);
      const { ck, food } = await setupCases(h);
      cases = [];
      for (let i = 0; i < 4; i++) cases.push(await acceptedCase(h, ck, food));
      leader = await grantLeader(h);
      [city, county, handler, unitLeader] = await Promise.all(['jcj_city', 'jcj_fucheng', 'scjg_handler', 'scjg_leader'].map((u) => h.login(u)));
      await ok(city.post('/api/supervision/signals', { kind: 'illegal_fee', explanation: '收费不符合标准', unitId: await unitOf(h, 'scjg_leader') }));
    });
    after(() => h.close());

    test('ledger export: request → approval → one-time download, logged', async () => {
      const { approval } = await ok(city.post('/api/supervision/ledger/export-requests', { purpose: '季度通报', filter: { level: 'red' } }));
      assert.equal(approval.status, 'pending');
      assert.equal(approval.approverPermission, 'export.approve');
      assert.equal(errorOf(await city.get(`/api/supervision/ledger/export/${approval.id}`)).code, 'NOT_APPROVED');
      assert.equal(errorOf(await city.post(`/api/supervision/approvals/${approval.id}/decide`, { approve: true })).code, 'FORBIDDEN');
      await ok(leader.post(`/api/supervision/approvals/${approval.id}/decide`, { approve: true, reason: '同意' }));
      assert.equal((await leader.get(`/api/supervision/ledger/export/${approval.id}`)).statusCode, 404, 'only the requester downloads');
      const r = await city.get(`/api/supervision/ledger/export/${approval.id}`);
      assert.equal(r.statusCode, 200);
      assert.match(String(r.headers['content-type']), /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as any);
      const ws = wb.getWorksheet('监察信号')!;
      assert.equal(ws.getRow(1).getCell(1).value, '信号编号');
      assert.equal(ws.rowCount, 2);
      assert.equal(ws.getRow(2).getCell(2).value, '红牌纠错');
      assert.equal(errorOf(await city.get(`/api/supervision/ledger/export/${approval.id}`)).code, 'ALREADY_USED');
      const log = await h.tdb.database.db.selectFrom('operation_log').select(['action']).where('action', 'like', 'supervision.ledger_export%').execute();
      assert.ok(log.some((l) => l.action === 'supervision.ledger_export:personal_data'), JSON.stringify(log));
      const d = await ok(city.get(`/api/supervision/approvals/${approval.id}`));
      assert.deepEqual(d.events.map((e: any) => e.type), ['approval.requested', 'approval.approved', 'approval.used']);
      assert.equal(errorOf(await handler.post('/api/supervision/ledger/export-requests', { purpose: 'x' })).code, 'FORBIDDEN');
      assert.equal(errorOf(await city.post('/api/supervision/ledger/export-requests', { purpose: '' })).code, 'VALIDATION_FAILED');
      assert.equal((await h.client().get(`/api/supervision/ledger/export/${approval.id}`)).statusCode, 401);
    });

    test('a requester cannot approve their own request; withdraw', async () => {
      const { approval } = await ok(leader.post('/api/supervision/ledger/export-requests', { purpose: '自查' }));
      assert.equal(errorOf(await leader.post(`/api/supervision/approvals/${approval.id}/decide`, { approve: true })).code, 'SELF_APPROVAL');
      assert.equal((await ok(leader.post(`/api/supervision/approvals/${approval.id}/withdraw`))).approval.status, 'withdrawn');
      assert.equal((await county.get(`/api/supervision/approvals/${approval.id}`)).statusCode, 404);
    });

    test('patrols and compliance per working day', async () => {
      await ok(city.post('/api/supervision/patrols', { note: '本级平台数据巡查' }));
      await ok(city.post('/api/supervision/patrols', { note: '本级平台视频巡查', mode: 'video' }));
      const lower = await ok(city.post('/api/supervision/patrols', { note: '涪城区平台巡查', targetRegionCode: '510703' }));
      assert.equal(lower.patrol.target, 'lower');
      await ok(county.post('/api/supervision/patrols', { note: '本级巡查' }));
      assert.equal((await county.post('/api/supervision/patrols', { note: 'x', targetRegionCode: '510700' })).statusCode, 404, 'not a lower level');
      assert.equal(errorOf(await unitLeader.post('/api/supervision/patrols', { note: 'x' })).code, 'FORBIDDEN');
      assert.equal(errorOf(await city.post('/api/supervision/patrols', { note: 'x', mode: 'drone' })).code, 'VALIDATION_FAILED');
      const c = await ok(city.get('/api/supervision/patrols/compliance?from=2026-10-31&to=2026-11-03'));
      assert.deepEqual(c.workingDays, ['2026-11-02', '2026-11-03'], 'weekend left out');
      const cityRow = c.regions.find((r: any) => r.regionCode === '510700');
      assert.deepEqual(cityRow.required, { own: 2, lower: 1 });
      assert.deepEqual(cityRow.days[0], { day: '2026-11-02', own: 2, lower: 1, met: true });
      assert.equal(cityRow.metDays, 1);
      const fc = c.regions.find((r: any) => r.regionCode === '510703');
      assert.deepEqual(fc.days[0], { day: '2026-11-02', own: 1, lower: 0, met: false });
      const countyView = await ok(county.get('/api/supervision/patrols/compliance?from=2026-11-02&to=2026-11-02'));
      assert.deepEqual(countyView.regions.map((r: any) => r.regionCode), ['510703']);
      assert.equal((await ok(county.get('/api/supervision/patrols'))).items.length, 1);
      assert.equal((await ok(city.get('/api/supervision/patrols?from=2026-11-02&to=2026-11-02'))).items.length, 4);
      assert.equal(errorOf(await city.get('/api/supervision/patrols/compliance?from=2026-11-02')).code, 'VALIDATION_FAILED');
    });

    test('sampling: reproducible with a seed; findings per sampled case', async () => {
      const a = (await ok(city.post('/api/supervision/samplings', { n: 2, seed: 'q4-2026', status: 'in_process' }))).sampling;
      const b = (await ok(city.post('/api/supervision/samplings', { n: 2, seed: 'q4-2026', status: 'in_process' }))).sampling;
      assert.deepEqual(a.caseIds, b.caseIds);
      assert.equal(a.caseIds.length, 2);
      assert.ok(a.caseIds.every((id: number) => cases.includes(id)));
      assert.deepEqual(seededPick([1, 2, 3, 4, 5], 3, 's'), seededPick([5, 4, 3, 2, 1], 3, 's'), 'order of candidates does not matter');
      assert.equal((await ok(county.post('/api/supervision/samplings', { n: 5 }))).sampling.caseIds.length, 0, 'no cases in the district');
      const f = await ok(city.post(`/api/supervision/samplings/${a.id}/findings`, { caseId: a.caseIds[0], result: 'problem', finding: '告知书未列明法律依据' }));
      assert.equal(f.finding.result, 'problem');
      const outside = cases.find((x) => !a.caseIds.includes(x))!;
      assert.equal(errorOf(await city.post(`/api/supervision/samplings/${a.id}/findings`, { caseId: outside, result: 'ok', finding: 'x' })).code, 'NOT_SAMPLED');
      const d = await ok(city.get(`/api/supervision/samplings/${a.id}`));
      assert.equal(d.cases.length, 2);
      assert.equal(d.findings.length, 1);
      assert.equal((await county.get(`/api/supervision/samplings/${a.id}`)).statusCode, 404);
      assert.equal(errorOf(await city.post('/api/supervision/samplings', { n: 0 })).code, 'VALIDATION_FAILED');
      assert.equal(errorOf(await unitLeader.post('/api/supervision/samplings', { n: 1 })).code, 'FORBIDDEN');
      assert.ok((await ok(city.get('/api/supervision/samplings'))).items.length >= 2);
    });

    test('approvals inbox: decidable requests carry names; mine; never one\'s own', async () => {
      const { approval } = await ok(city.post('/api/supervision/ledger/export-requests', { purpose: '年度考核' }));
      assert.equal(approval.requesterName, '王监察（市监察局）');
      assert.equal(approval.unitName, '绵阳市监察局');
      assert.equal(approval.deciderName, null);
      const inbox = await ok(leader.get('/api/supervision/approvals?decidable=true'));
      assert.ok(inbox.items.some((x: any) => x.id === approval.id));
      assert.ok(inbox.items.every((x: any) => x.status === 'pending' && x.requesterName !== '李局长（市监察局）'));
      assert.ok(!(await ok(city.get('/api/supervision/approvals?decidable=true'))).items.some((x: any) => x.id === approval.id), 'no export.approve, and it is their own');
      assert.ok((await ok(city.get('/api/supervision/approvals?mine=true'))).items.some((x: any) => x.id === approval.id));
      assert.ok(!(await ok(leader.get('/api/supervision/approvals?mine=true'))).items.some((x: any) => x.id === approval.id));
      assert.deepEqual((await ok(county.get('/api/supervision/approvals?decidable=true'))).items, [], 'other jurisdiction');
      const d = await ok(leader.post(`/api/supervision/approvals/${approval.id}/decide`, { approve: false, reason: '用途不明确' }));
      assert.equal(d.approval.status, 'rejected');
      assert.equal(d.approval.deciderName, '李局长（市监察局）');
      assert.ok(!(await ok(leader.get('/api/supervision/approvals?decidable=true'))).items.some((x: any) => x.id === approval.id));
      assert.equal(errorOf(await leader.get('/api/supervision/approvals?decidable=yes')).code, 'VALIDATION_FAILED');
      assert.equal((await h.client().get('/api/supervision/approvals?decidable=true')).statusCode, 401);
    });

    test('manual signal against a case number', async () => {
      const no = (await h.tdb.database.db.selectFrom('cases').select(['case_no', 'unit_id']).where('id', '=', cases[3]).executeTakeFirstOrThrow());
      const { signal } = await ok(city.post('/api/supervision/signals', { kind: 'changed_procedure', explanation: '擅自增加现场核查环节', caseNo: no.case_no }));
      assert.equal(signal.caseId, cases[3]);
      assert.equal(signal.caseNo, no.case_no);
      assert.equal(signal.unitId, no.unit_id);
      assert.equal(signal.unitName, '绵阳市市场监督管理局');
      assert.equal((await city.post('/api/supervision/signals', { kind: 'changed_procedure', explanation: 'x', caseNo: 'NOPE-1' })).statusCode, 404);
      assert.equal((await county.post('/api/supervision/signals', { kind: 'changed_procedure', explanation: 'x', caseNo: no.case_no })).statusCode, 404, 'a city case is outside a district');
      assert.equal(errorOf(await city.post('/api/supervision/signals', { kind: 'changed_procedure', explanation: 'x', caseNo: '' })).code, 'VALIDATION_FAILED');
    });

    test('ledger list: everything found and done, newest first, keyset pages, filters, refusals', async () => {
      const unit = await unitOf(h, 'scjg_leader');
      h.clock.advanceMinutes(1);
      const { signal } = await ok(city.post('/api/supervision/signals', { kind: 'late_decision', level: 'yellow', explanation: '台账测试信号', unitId: unit }));
      h.clock.advanceMinutes(1);
      const { task } = await ok(city.post('/api/supervision/tasks', { title: '台账督办', content: '核查', requirements: '书面报告', unitId: unit }));
      h.clock.advanceMinutes(1);
      const { patrol } = await ok(city.post('/api/supervision/patrols', { note: '台账巡查', findings: '发现窗口无人值守' }));
      await ok(city.post('/api/supervision/patrols', { note: '无发现的巡查' }));
      h.clock.advanceMinutes(1);
      const sp = (await ok(city.post('/api/supervision/samplings', { n: 1, seed: 'ledger' }))).sampling;
      const { finding } = await ok(city.post(`/api/supervision/samplings/${sp.id}/findings`, { caseId: sp.caseIds[0], result: 'problem', finding: '台账抽查问题' }));

      const all = (await ok(city.get('/api/supervision/ledger?limit=200'))).items;
      assert.deepEqual(all.slice(0, 4).map((r: any) => r.key), [`sampling:${finding.id}`, `patrol:${patrol.id}`, `task:${task.id}`, `signal:${signal.id}`]);
      for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].at >= all[i].at, 'newest first');
      assert.ok(!all.some((r: any) => r.kind === 'patrol' && /无发现/.test(r.title)), 'patrols without findings are not in the ledger');
      const [f, p, t, s] = all;
      assert.equal(s.unitName, '绵阳市市场监督管理局');
      assert.equal(s.level, 'yellow');
      assert.equal(s.no, signal.signalNo);
      assert.equal(t.unitName, '绵阳市市场监督管理局');
      assert.equal(t.status, 'draft');
      assert.equal(p.detail, '发现窗口无人值守');
      assert.equal(p.byName, '王监察（市监察局）');
      assert.equal(f.status, 'problem');
      assert.equal(f.caseId, sp.caseIds[0]);
      assert.equal(f.samplingId, sp.id);
      assert.ok(f.caseNo && f.unitName);
      assert.ok(all.some((r: any) => r.kind === 'sampling' && r.status === 'problem' && r.detail === '告知书未列明法律依据'));

      // keyset pages of 3 give the same rows in the same order, each once
      const paged: string[] = [];
      let after: string | null = null;
      do {
        const pg: any = await ok(city.get(`/api/supervision/ledger?limit=3${after ? `&after=${after}` : ''}`));
        assert.ok(pg.items.length <= 3);
        paged.push(...pg.items.map((r: any) => r.key));
        after = pg.nextCursor;
      } while (after);
      assert.deepEqual(paged, all.map((r: any) => r.key));

      // filters
      const tasks = (await ok(city.get('/api/supervision/ledger?kind=task'))).items;
      assert.ok(tasks.length >= 1 && tasks.every((r: any) => r.kind === 'task'));
      const yellow = (await ok(city.get('/api/supervision/ledger?level=yellow'))).items;
      assert.ok(yellow.every((r: any) => r.kind === 'signal' && r.level === 'yellow') && yellow.some((r: any) => r.id === signal.id));
      const problems = (await ok(city.get('/api/supervision/ledger?status=problem'))).items;
      assert.ok(problems.length >= 2 && problems.every((r: any) => r.kind === 'sampling'));
      const byUnit = (await ok(city.get(`/api/supervision/ledger?unitId=${unit}`))).items;
      assert.ok(byUnit.every((r: any) => r.unitId === unit) && byUnit.some((r: any) => r.key === `task:${task.id}`));
      const from = encodeURIComponent(new Date(h.clock.now().getTime() - 90_000).toISOString());
      assert.deepEqual((await ok(city.get(`/api/supervision/ledger?from=${from}`))).items.map((r: any) => r.key), [`sampling:${finding.id}`, `patrol:${patrol.id}`]);

      // jurisdiction: a district sees none of the city's rows
      const countyRows = (await ok(county.get('/api/supervision/ledger?limit=200'))).items;
      assert.ok(!countyRows.some((r: any) => [`signal:${signal.id}`, `task:${task.id}`, `sampling:${finding.id}`, `patrol:${patrol.id}`].includes(r.key)));
      assert.ok(countyRows.some((r: any) => r.kind === 'patrol') === false, 'the district recorded no findings');

      // refusals
      assert.equal((await h.client().get('/api/supervision/ledger')).statusCode, 401);
      assert.equal(errorOf(await handler.get('/api/supervision/ledger')).code, 'FORBIDDEN');
      assert.equal(errorOf(await city.get('/api/supervision/ledger?after=x1')).code, 'VALIDATION_FAILED');
      assert.equal(errorOf(await city.get('/api/supervision/ledger?kind=case')).code, 'VALIDATION_FAILED');
      assert.equal(errorOf(await city.get('/api/supervision/ledger?limit=0')).code, 'VALIDATION_FAILED');
    });

    test('patrol list and sampling detail carry names', async () => {
      const patrols = (await ok(city.get('/api/supervision/patrols?limit=200'))).items;
      const lower = patrols.find((x: any) => x.target === 'lower');
      assert.equal(lower.targetRegionName, '涪城区');
      assert.equal(lower.patrolledByName, '王监察（市监察局）');
      const created = (await ok(city.post('/api/supervision/patrols', { note: '名称', targetRegionCode: '510704' }))).patrol;
      assert.equal(created.targetRegionName, '游仙区');
      assert.equal(created.patrolledByName, '王监察（市监察局）');
      const sp = (await ok(city.get('/api/supervision/samplings'))).items[0];
      const d = await ok(city.get(`/api/supervision/samplings/${sp.id}`));
      assert.deepEqual(d.cases.map((c: any) => c.id), sp.caseIds, 'in the order picked');
      assert.ok(d.cases.every((c: any) => c.unitName === '绵阳市市场监督管理局'));
    });
  });
}

// Case processing over HTTP (CASE-1…CASE-9): the window journey, every command's refusals
// (each 4xx with the machine's code, changing nothing), roles, posts and jurisdiction.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../helpers/db.ts';
import { errorOf, startHarness, type Client, type Harness } from '../helpers/app.ts';
import { PERSON, enter, eventCount, file, itemId, ok, seedItems } from '../helpers/cases.ts';
import { replay } from '../../src/domain/case-machine.ts';
import { fromStored } from '../../src/cases/commands.ts';
import { caseEvents } from '../../src/cases/views.ts';
import { verifyChainTable } from '../../src/store/event-chain.ts';

const ORG = { kind: 'organisation', name: '绵阳富乐餐饮有限公司', creditCode: '91510703MA6B8X2K1', legalRepresentative: '王富乐', contact: '李经办', phone: '13800816003' };

for (const backend of backends()) {
  describe(`cases (${backend})`, () => {
    let h: Harness;
    let ck: Client; // window, 市政务服务中心
    let ck3: Client; // 出件窗口
    let hd: Client; // 市场监管 承办
    let rv: Client; // 审核
    let ld: Client; // 局长 (approver)
    let food: number; // 食品经营许可: s1 受理, s2 承办, s3 审核, s4 批准
    before(async () => {
      h = await startHarness(backend);
      await seedItems(h);
      [ck, ck3, hd, rv, ld] = await Promise.all(['ck01', 'ck03', 'scjg_handler', 'scjg_reviewer', 'scjg_leader'].map((u) => h.login(u)));
      food = await itemId(h, '食品经营许可');
      const { makeCreditCode } = await import('../../src/domain/validators.ts');
      ORG.creditCode = makeCreditCode('91510703MA6B8X2K1');
    });
    after(() => h.close());

    /** An accepted case at 承办 (s2). */
    async function accepted(applicant: Record<string, unknown> = PERSON) {
      const a = await enter(h, ck, food, applicant);
      await ok(ck.post(`/api/cases/${a.caseId}/accept`, {}));
      return a.caseId as number;
    }

    /** Asserts the refusal and that the case did not change. */
    async function refused(c: Client, caseId: number, path: string, body: unknown, status: number, code: string) {
      const before = await eventCount(h, caseId);
      const r = await c.post(`/api/cases/${caseId}/${path}`, body);
      assert.equal(r.statusCode, status, `${path}: ${r.body}`);
      const e = errorOf(r);
      assert.equal(e.code, code, `${path}: ${e.message}`);
      assert.match(e.message, /[\u4e00-\u9fa5]/, 'message in Chinese');
      assert.equal(await eventCount(h, caseId), before, `${path} ${code} changed nothing`);
      return e;
    }

    test('window journey: entry → supplement (all at once) → supplied → accept → steps with a return → extension → grant → 办结 → 送达', async () => {
      const a = await ok(ck.post('/api/cases', {
        itemId: food, applicant: ORG,
        materials: [{ code: 'm1', file: file('申请书.pdf') }, { code: 'm2', paper: true }, { code: 'm3', file: file('布局图.pdf'), paper: true }],
      }), 201);
      assert.match(a.caseNo, /^51070020261102\d{6}$/);
      assert.match(a.queryPassword, /^[A-Z2-9]{8}$/);
      const queue = await ok(ck.get('/api/cases/acceptance-queue'));
      const mine = queue.items.find((x: any) => x.id === a.caseId);
      assert.equal(mine.statusName, '已申报');
      assert.deepEqual(mine.clocks.map((c: any) => [c.kind, c.dueAt, c.remaining]), [['acceptance', '2026-11-09T16:00:00.000Z', 5]]);

      const sup = await ok(ck.post(`/api/cases/${a.caseId}/supplement`, {
        items: [{ materialCode: 'm2', name: '营业执照复印件', problem: '未加盖公章' }, { materialCode: 'm4', name: '食品安全管理制度', problem: '缺少' }],
      }));
      assert.equal(sup.status, 'supplement_requested');
      assert.deepEqual(sup.documents.map((d: any) => d.kind), ['supplement_notice']);
      await ok(ck.post(`/api/cases/${a.caseId}/supply`, { materials: [{ code: 'm2', paper: true }, { code: 'm4', file: file('制度.pdf') }] }));
      const acc = await ok(ck.post(`/api/cases/${a.caseId}/accept`, { comment: '材料齐全' }));
      assert.equal(acc.status, 'in_process');
      assert.deepEqual(acc.documents.map((d: any) => d.title), ['受理通知书']);

      const todo = await ok(hd.get('/api/cases/todo'));
      const t = todo.items.find((x: any) => x.id === a.caseId);
      assert.equal(t.currentStep, 's2');
      assert.deepEqual(t.clocks.map((c: any) => c.kind).sort(), ['case_legal', 'case_promised', 'step']);
      assert.ok(!(await ok(rv.get('/api/cases/todo'))).items.some((x: any) => x.id === a.caseId), 'not in the reviewer’s list yet');

      await ok(hd.post(`/api/cases/${a.caseId}/pass`, { opinion: 'agree', comment: '现场核查符合要求' }));
      await ok(rv.post(`/api/cases/${a.caseId}/return`, { to: 's2', reason: '核查记录缺少照片' }));
      await ok(hd.post(`/api/cases/${a.caseId}/pass`, { opinion: 'agree', comment: '已补充照片' }));
      await ok(rv.post(`/api/cases/${a.caseId}/pass`, { opinion: 'disagree', reason: '建议补充说明，但不影响决定' }));
      const ext = await ok(ld.post(`/api/cases/${a.caseId}/extend`, { reason: '需要组织专家论证' }));
      assert.deepEqual(ext.documents.map((d: any) => d.kind), ['extension_notice']);
      const dec = await ok(ld.post(`/api/cases/${a.caseId}/decide`, { outcome: 'grant', legalBasis: ['《中华人民共和国食品安全法》第三十五条'], comment: '同意' }));
      assert.equal(dec.status, 'decided');
      assert.deepEqual(dec.documents.map((d: any) => d.title), ['准予行政许可决定书']);
      assert.ok((await ok(ck3.get('/api/cases/todo?kind=issue'))).items.some((x: any) => x.id === a.caseId), 'in the issue queue');
      await ok(ck3.post(`/api/cases/${a.caseId}/complete`, { resultKind: 'certificate', number: 'JY15107030001', validFrom: '2026-11-02', validUntil: '2031-11-01' }));
      const del = await ok(ck3.post(`/api/cases/${a.caseId}/deliver`, { method: 'window', recipient: '李经办', receiptNo: 'SD20261102001', signedOn: '2026-11-02' }));
      assert.equal(del.status, 'delivered');

      const d = await ok(ck.get(`/api/cases/${a.caseId}`));
      assert.equal(d.case.certificateNo, 'JY15107030001');
      assert.equal(d.case.applicant.idNumber, ORG.creditCode);
      assert.deepEqual(d.documents.map((x: any) => x.kind), ['supplement_notice', 'acceptance_notice', 'extension_notice', 'grant_decision', 'delivery_receipt']);
      assert.deepEqual(d.steps.map((s: any) => [s.code, s.exit]), [['s2', 'passed'], ['s3', 'returned'], ['s2', 'passed'], ['s3', 'passed'], ['s4', 'decided']]);
      assert.equal(d.steps[3].opinion, 'disagree');
      assert.deepEqual(d.materials.map((m: any) => [m.materialCode, m.round, m.paper]), [['m1', 0, false], ['m2', 0, true], ['m3', 0, true], ['m2', 1, true], ['m4', 1, false]]);
      assert.deepEqual(d.availableCommands, []);
      // every event carries its id (supervision evidence refers to events by id)
      const stored = await h.tdb.database.db.selectFrom('case_events').select(['id', 'seq']).where('stream_id', '=', `case:${a.caseId}`).orderBy('seq').execute();
      assert.deepEqual(d.events.map((e: any) => [e.id, e.seq]), stored.map((e) => [e.id, e.seq]));
      const ev = d.events.find((e: any) => e.type === 'step.passed');
      assert.equal(ev.actorName, '市场监管承办');
      assert.ok(ev.actorPostId, 'post recorded');
      assert.ok(ev.ip, 'IP recorded');
      assert.equal(ev.data.itemVersion, d.case.itemVersionId);
      const promised = d.clocks.find((c: any) => c.kind === 'case_promised');
      assert.equal(promised.extensions.length, 1);
      // the stream rebuilds the projection exactly
      const events = (await caseEvents(h.tdb.database.db, a.caseId)).map(fromStored);
      const row = await h.tdb.database.db.selectFrom('cases').select('state').where('id', '=', a.caseId).executeTakeFirstOrThrow();
      assert.deepEqual(replay(events), row.state);
      assert.equal((await verifyChainTable(h.tdb.database.db, 'case_events')).firstBreak, null);
      // material download (staff) and its access log
      const f = d.materials.find((m: any) => m.fileHash);
      const dl = await ck.get(`/api/cases/${a.caseId}/files/${f.fileHash}`);
      assert.equal(dl.statusCode, 200);
      assert.equal((await ck.get(`/api/cases/${a.caseId}/files/${'0'.repeat(64)}`)).statusCode, 404);
    });

    test('every refusal of the machine is a 4xx with its code and changes nothing', async () => {
      const sub = await enter(h, ck, food);
      await refused(ck, sub.caseId, 'refuse', { reason: ' ' }, 400, 'REASON_REQUIRED');
      await refused(ck, sub.caseId, 'supplement', { items: [] }, 400, 'SUPPLEMENT_LIST_REQUIRED');
      await refused(ck, sub.caseId, 'complete', { resultKind: 'certificate', number: 'X' }, 409, 'WRONG_STATE');
      await refused(ck, sub.caseId, 'supply', { materials: [] }, 409, 'WRONG_STATE');

      const id = await accepted();
      await refused(ck, id, 'accept', {}, 409, 'WRONG_STATE');
      await refused(rv, id, 'pass', { opinion: 'agree' }, 403, 'WRONG_POST');
      await refused(hd, id, 'pass', { opinion: 'disagree' }, 400, 'REASON_REQUIRED');
      await refused(hd, id, 'return', { to: 's1', reason: '退回受理' }, 400, 'RETURN_NOT_ALLOWED');
      await refused(hd, id, 'return', { to: 's2', reason: ' ' }, 400, 'REASON_REQUIRED');
      await refused(hd, id, 'decide', { outcome: 'grant', legalBasis: ['x'] }, 400, 'NOT_DECIDING_STEP');
      await refused(hd, id, 'suspend', { reason: '' }, 400, 'REASON_REQUIRED');
      await refused(hd, id, 'special-procedure', { kind: 'hearing', expected: { days: 10, unit: 'natural' } }, 400, 'SPECIAL_PROCEDURE_NOT_ALLOWED');
      await refused(hd, id, 'terminate', { reason: '' }, 400, 'REASON_REQUIRED');
      await refused(hd, id, 'resume', { reason: '恢复' }, 409, 'WRONG_STATE');
      await refused(hd, id, 'special-result', { result: '合格' }, 409, 'WRONG_STATE');
      await refused(hd, id, 'evidence', { files: [] }, 400, 'EVIDENCE_REQUIRED');
      await refused(ld, id, 'extend', { reason: '' }, 400, 'REASON_REQUIRED');
      await refused(ld, id, 'extend', { reason: '复杂', days: 20 }, 400, 'EXTENSION_TOO_LONG');
      const admin = await h.login('admin');
      await refused(admin, id, 'extend', { reason: '复杂' }, 403, 'WRONG_ROLE');
      await ok(ld.post(`/api/cases/${id}/extend`, { reason: '情况复杂' }));
      await refused(ld, id, 'extend', { reason: '再延' }, 409, 'EXTENSION_ALREADY_USED');
      await ok(hd.post(`/api/cases/${id}/pass`, { opinion: 'agree' }));
      await ok(rv.post(`/api/cases/${id}/pass`, { opinion: 'agree' }));
      await refused(hd, id, 'pass', { opinion: 'agree' }, 403, 'WRONG_POST');
      await refused(ld, id, 'pass', { opinion: 'agree' }, 400, 'LAST_STEP');
      await refused(ld, id, 'decide', { outcome: 'deny', legalBasis: ['《行政许可法》第三十八条'] }, 400, 'REASON_REQUIRED');
      await refused(ld, id, 'decide', { outcome: 'grant', legalBasis: [] }, 400, 'LEGAL_BASIS_REQUIRED');
      await refused(ld, id, 'decide', { outcome: 'grant', legalBasis: ['x'], fees: [{ name: '工本费', amount: '1.234' }] }, 400, 'INVALID_AMOUNT');
      await refused(ld, id, 'decide', { outcome: 'grant', legalBasis: ['x'], penalty: { circumstance: 'minor', fine: '0' } }, 400, 'INVALID_COMMAND');
      // a fee on a free item is recorded and flagged for supervision, not refused (CASE-7)
      const dec = await ok(ld.post(`/api/cases/${id}/decide`, { outcome: 'grant', legalBasis: ['《食品安全法》第三十五条'], fees: [{ name: '工本费', amount: '10.00' }] }));
      const d = await ok(ld.get(`/api/cases/${id}`));
      assert.equal(d.case.feeTotal, '10.00');
      assert.deepEqual(d.situation.decision.violations.map((v: any) => v.code), ['FEE_ON_FREE_ITEM']);
      assert.equal(dec.status, 'decided');
      await refused(ck3, id, 'complete', { resultKind: 'certificate', number: ' ' }, 400, 'RESULT_REQUIRED');
      await refused(ck3, id, 'complete', { resultKind: 'certificate', number: 'N1', validFrom: '2026-11-02', validUntil: '2026-01-01' }, 400, 'INVALID_COMMAND');
      await ok(ck3.post(`/api/cases/${id}/complete`, { resultKind: 'certificate', number: 'N1' }));
      await refused(ck3, id, 'deliver', { method: 'mail', recipient: '', receiptNo: 'R1', signedOn: '2026-11-02' }, 400, 'RECEIPT_REQUIRED');
      await refused(ck3, id, 'deliver', { method: 'mail', recipient: '王', receiptNo: 'R1', signedOn: '2026-11-05' }, 400, 'INVALID_COMMAND');
      // time never runs backwards on a case
      const id2 = await accepted();
      h.clock.advance(-3_600_000);
      await refused(hd, id2, 'pass', { opinion: 'agree' }, 409, 'TIME_REVERSED');
      h.clock.advance(3_600_000);
    });

    test('schema, authentication, role and jurisdiction refusals', async () => {
      const id = await accepted();
      const bad = await hd.post(`/api/cases/${id}/pass`, { opinion: 'maybe' });
      assert.equal(bad.statusCode, 400);
      assert.equal(errorOf(bad).code, 'VALIDATION_FAILED');
      assert.equal(errorOf(await ck.post('/api/cases', { itemId: food, applicant: { ...PERSON, idNumber: '510703198506122318' } })).code, 'INVALID_ID_NUMBER');
      assert.equal(errorOf(await ck.post('/api/cases', { itemId: food, applicant: { ...ORG, creditCode: '91510703MA6B8X2K10' } })).code, 'INVALID_CREDIT_CODE');
      assert.equal(errorOf(await ck.post('/api/cases', { itemId: food, applicant: PERSON, materials: [{ code: 'zz', paper: true }] })).code, 'UNKNOWN_MATERIAL');
      assert.equal(errorOf(await ck.post('/api/cases', { itemId: food, applicant: PERSON, materials: [{ code: 'm1' }] })).code, 'MATERIAL_EMPTY');
      assert.equal((await ck.post('/api/cases', { itemId: 999999, applicant: PERSON })).statusCode, 409);
      // unauthenticated
      assert.equal((await h.client().get(`/api/cases/${id}`)).statusCode, 401);
      assert.equal((await h.client().post(`/api/cases/${id}/pass`, { opinion: 'agree' })).statusCode, 401);
      // wrong role: route permissions
      const sup = await h.login('jcj_city');
      assert.equal(errorOf(await sup.post(`/api/cases/${id}/pass`, { opinion: 'agree' })).code, 'FORBIDDEN');
      assert.equal(errorOf(await sup.post(`/api/cases/${id}/withdraw`, {})).code, 'NOT_APPLICANT', 'the machine decides who may act for the applicant');
      assert.equal(errorOf(await hd.post('/api/cases', { itemId: food, applicant: PERSON })).code, 'FORBIDDEN');
      assert.equal(errorOf(await hd.post(`/api/cases/${id}/extend`, { reason: '复杂' })).code, 'FORBIDDEN');
      const zs = await h.login('zhangsan');
      assert.equal((await zs.get(`/api/cases/${id}`)).statusCode, 403, 'applicants are not staff');
      // the supervisor of the city sees it (region scope); other jurisdictions do not (404)
      assert.equal((await sup.get(`/api/cases/${id}`)).statusCode, 200);
      const list = await ok(sup.get('/api/cases?limit=200'));
      assert.ok(list.items.some((x: any) => x.id === id));
      for (const u of ['fc_ck01', 'fc_scjg_handler', 'zjj_handler', 'jcj_fucheng']) {
        const c = await h.login(u);
        assert.equal((await c.get(`/api/cases/${id}`)).statusCode, 404, u);
        assert.ok(!(await ok(c.get('/api/cases?limit=200'))).items.some((x: any) => x.id === id), u);
      }
      const fc = await h.login('fc_ck01');
      assert.equal((await fc.post(`/api/cases/${id}/accept`, {})).statusCode, 404);
      assert.equal((await fc.get('/api/cases/acceptance-queue')).json().items.length, 0);
      assert.equal(errorOf(await fc.post('/api/cases', { itemId: food, applicant: PERSON, materials: [{ code: 'm1', paper: true }] })).code, 'NOT_FOUND', 'a district window does not receive city items');
      const zjj = await h.login('zjj_handler');
      assert.equal((await zjj.post(`/api/cases/${id}/pass`, { opinion: 'agree' })).statusCode, 404);
      // keyset pagination
      const p1 = await ok(sup.get('/api/cases?limit=2'));
      assert.equal(p1.items.length, 2);
      const p2 = await ok(sup.get(`/api/cases?limit=2&after=${p1.nextCursor}`));
      assert.ok(p2.items.every((x: any) => x.id < p1.items[1].id));
    });

    test('concurrent commands on one case: exactly one extension wins, the chain stays linear', async () => {
      const id = await accepted();
      const leaders = await Promise.all([1, 2, 3, 4, 5].map(() => h.login('scjg_leader')));
      const rs = await Promise.all(leaders.map((c) => c.post(`/api/cases/${id}/extend`, { reason: '并发延期' })));
      assert.deepEqual(rs.map((r) => r.statusCode).sort(), [200, 409, 409, 409, 409]);
      assert.ok(rs.filter((r) => r.statusCode === 409).every((r) => errorOf(r).code === 'EXTENSION_ALREADY_USED'));
      assert.equal((await verifyChainTable(h.tdb.database.db, 'case_events')).firstBreak, null);
    });

    test('available commands follow the table and the user’s post', async () => {
      const id = await accepted();
      const names = async (c: Client) => (await ok(c.get(`/api/cases/${id}`))).availableCommands.map((x: any) => x.type).sort();
      assert.deepEqual(await names(hd), ['attach_evidence', 'decide', 'merge', 'pass_step', 'request_supplement', 'return_step', 'start_special_procedure', 'suspend', 'terminate'].sort());
      assert.deepEqual(await names(rv), []);
      assert.ok((await names(ld)).includes('extend'));
      assert.deepEqual(await names(ck), ['withdraw']);
    });

    test('penalty (CASE-12): 立案 ex officio → investigation → hearing → evidence → decision in the discretion band → merge of another case', async () => {
      const pen = await itemId(h, '对未取得食品生产经营许可从事食品生产经营活动的行政处罚');
      const a = await ok(hd.post('/api/cases/ex-officio', { itemId: pen, applicant: ORG }), 201);
      assert.ok((await ok(hd.get('/api/cases/todo'))).items.some((x: any) => x.id === a.caseId), '立案 waits in the handler’s list');
      const filed = await ok(hd.post(`/api/cases/${a.caseId}/accept`, { comment: '予以立案' }));
      assert.deepEqual(filed.documents, [], '立案 is internal: no notice');
      await ok(hd.post(`/api/cases/${a.caseId}/pass`, { opinion: 'agree', comment: '调查终结' }));
      await ok(rv.post(`/api/cases/${a.caseId}/pass`, { opinion: 'agree', comment: '已告知陈述申辩和听证权利' }));
      const fine = { outcome: 'grant', legalBasis: ['《中华人民共和国食品安全法》第一百二十二条'], comment: '无证经营', penalty: { circumstance: 'ordinary', fine: '60000' } };
      await refused(ld, a.caseId, 'decide', fine, 400, 'SPECIAL_RESULT_MISSING');
      await ok(ld.post(`/api/cases/${a.caseId}/special-procedure`, { kind: 'hearing', expected: { days: 10, unit: 'natural' }, note: '当事人要求听证' }));
      await ok(ld.post(`/api/cases/${a.caseId}/special-result`, { result: '听证会已举行', outcome: 'other' }));
      await refused(ld, a.caseId, 'decide', fine, 400, 'EVIDENCE_REQUIRED');
      await ok(ld.post(`/api/cases/${a.caseId}/evidence`, { files: [{ name: '现场照片', kind: 'photo', file: file('photo.jpg') }] }));
      await refused(ld, a.caseId, 'decide', { ...fine, penalty: { circumstance: 'ordinary', fine: '90000' } }, 400, 'PENALTY_OUT_OF_BAND');
      await refused(ld, a.caseId, 'decide', { ...fine, penalty: undefined }, 400, 'PENALTY_REQUIRED');
      // a second case about the same conduct is merged into this one
      const b = await ok(hd.post('/api/cases/ex-officio', { itemId: pen, applicant: ORG }), 201);
      await ok(hd.post(`/api/cases/${b.caseId}/accept`, {}));
      const permit = await accepted();
      await refused(hd, permit, 'merge', { intoCaseNo: a.caseNo, reason: '同一违法行为' }, 400, 'MERGE_NOT_ALLOWED');
      assert.equal(errorOf(await hd.post(`/api/cases/${b.caseId}/merge`, { intoCaseNo: '00000000000000', reason: '同一' })).code, 'MERGE_TARGET_NOT_FOUND');
      await refused(hd, b.caseId, 'merge', { intoCaseNo: a.caseNo, reason: '' }, 400, 'REASON_REQUIRED');
      assert.equal((await ok(hd.post(`/api/cases/${b.caseId}/merge`, { intoCaseNo: a.caseNo, reason: '同一当事人同一违法行为' }))).status, 'merged');
      const dec = await ok(ld.post(`/api/cases/${a.caseId}/decide`, fine));
      assert.deepEqual(dec.documents.map((d: any) => d.title), ['行政处罚决定书']);
      const d = await ok(ld.get(`/api/cases/${a.caseId}`));
      assert.equal(d.case.fineAmount, '60000.00');
      assert.equal(d.case.penaltyCircumstance, 'ordinary');
      assert.equal(d.situation.decision.evidence.length, 1, 'evidence frozen by hash');
      await refused(ld, a.caseId, 'evidence', { files: [{ name: '补拍', kind: 'photo', file: file('x.jpg') }] }, 409, 'WRONG_STATE');
      await ok(ld.post(`/api/cases/${a.caseId}/complete`, { resultKind: 'document', number: '绵市监罚〔2026〕1号' }));
      await ok(ld.post(`/api/cases/${a.caseId}/deliver`, { method: 'direct', recipient: '王富乐', receiptNo: 'SD-P-1', signedOn: '2026-11-02' }));
    });

    test('依职权立案 (CASE-12): the party and the facts, the facts record fixed as the first material; refusals', async () => {
      const pen = await itemId(h, '对未取得食品生产经营许可从事食品生产经营活动的行政处罚');
      const inspection = await itemId(h, '对食品生产经营者的监督检查');
      const facts = { source: 'complaint', occurredOn: '2026-10-28', place: '绵阳市涪城区临园路 8 号', summary: '群众举报当事人未取得食品经营许可擅自经营餐饮' };
      const a = await ok(hd.post('/api/cases/ex-officio', { itemId: pen, applicant: PERSON, facts }), 201);
      assert.equal(a.documents.length, 0, 'no notice to the party');
      const d = await ok(hd.get(`/api/cases/${a.caseId}`));
      assert.equal(d.case.channel, 'ex_officio');
      assert.equal(d.case.statusName, '已申报');
      assert.equal(d.case.applicant.idNumber, PERSON.idNumber);
      assert.deepEqual(d.materials.map((m: any) => [m.materialCode, m.name, m.phase]), [[null, '案件来源及基本案情', 'application']]);
      const record = await hd.get(`/api/cases/${a.caseId}/files/${d.materials[0].fileHash}`);
      assert.match(record.headers['content-type'] as string, /^text\/plain/);
      for (const t of ['案件来源：投诉举报', '发生日期：2026-10-28', '发生地点：绵阳市涪城区临园路 8 号', facts.summary, '登记人：市场监管承办']) {
        assert.ok(record.body.includes(t), t);
      }
      assert.equal(d.events[0].data.materials[0].hash, d.materials[0].fileHash, 'named by hash in case.applied');
      // in the unit's list and the handler's to-do list (立案 waits); 立案 by accept
      assert.ok((await ok(hd.get(`/api/cases?q=${a.caseNo}`))).items.some((x: any) => x.id === a.caseId));
      assert.ok((await ok(hd.get('/api/cases/todo'))).items.some((x: any) => x.id === a.caseId));
      assert.equal((await ok(hd.post(`/api/cases/${a.caseId}/accept`, { comment: '予以立案' }))).status, 'in_process');
      // an inspection (行政检查) of an organisation, without facts (optional in the API)
      await ok(hd.post('/api/cases/ex-officio', { itemId: inspection, applicant: ORG }), 201);

      // refusals
      const bad = await hd.post('/api/cases/ex-officio', { itemId: pen, applicant: PERSON, facts: { ...facts, summary: '' } });
      assert.equal(bad.statusCode, 400);
      assert.equal(errorOf(bad).code, 'VALIDATION_FAILED');
      assert.equal(errorOf(await hd.post('/api/cases/ex-officio', { itemId: pen, applicant: PERSON, facts: { ...facts, source: 'rumour' } })).code, 'VALIDATION_FAILED');
      assert.equal(errorOf(await hd.post('/api/cases/ex-officio', { itemId: pen, applicant: PERSON, facts: { ...facts, occurredOn: '2026-02-30' } })).code, 'INVALID_FACTS');
      assert.equal(errorOf(await hd.post('/api/cases/ex-officio', { itemId: pen, applicant: PERSON, facts: { ...facts, occurredOn: '2026-11-03' } })).code, 'INVALID_FACTS');
      assert.equal(errorOf(await hd.post('/api/cases/ex-officio', { itemId: pen, applicant: { ...PERSON, idNumber: '510703198506122318' }, facts })).code, 'INVALID_ID_NUMBER');
      assert.equal(errorOf(await hd.post('/api/cases/ex-officio', { itemId: pen, applicant: { ...ORG, creditCode: '91510703MA6B8X2K10' }, facts })).code, 'INVALID_CREDIT_CODE');
      const permit = await hd.post('/api/cases/ex-officio', { itemId: food, applicant: PERSON, facts });
      assert.equal(permit.statusCode, 409);
      assert.equal(errorOf(permit).code, 'NOT_EX_OFFICIO_ITEM', 'a licence is applied for, never opened ex officio');
      assert.equal((await h.client().post('/api/cases/ex-officio', { itemId: pen, applicant: PERSON, facts })).statusCode, 401);
      assert.equal(errorOf(await ck.post('/api/cases/ex-officio', { itemId: pen, applicant: PERSON, facts })).code, 'FORBIDDEN', 'window clerks do not open cases');
      assert.equal((await (await h.login('zhangsan')).post('/api/cases/ex-officio', { itemId: pen, applicant: PERSON, facts })).statusCode, 403);
      // another unit's handler holds a 承办 post, but not in the item's unit
      const other = await (await h.login('zjj_handler')).post('/api/cases/ex-officio', { itemId: pen, applicant: PERSON, facts });
      assert.equal(other.statusCode, 403);
      assert.equal(errorOf(other).code, 'WRONG_POST');
      // and does not see the case
      assert.equal((await (await h.login('zjj_handler')).get(`/api/cases/${a.caseId}`)).statusCode, 404);
    });

    test('parallel approval (CASE-9): one application, a sub-case per unit with its own clocks, completes when all decide', async () => {
      const joint = await itemId(h, '公路建设项目施工许可（并联审批）', '绵阳市交通运输局');
      const a = await ok(ck.post('/api/cases', { itemId: joint, applicant: ORG, materials: [{ code: 'm1', file: file('申请书.pdf') }] }), 201);
      assert.equal(a.subCases.length, 3);
      assert.deepEqual(a.subCases.map((s: any) => s.caseNo), [1, 2, 3].map((i) => `${a.caseNo}-${i}`));
      const q = await ok(ck.get('/api/cases/acceptance-queue?limit=200'));
      assert.ok(q.items.some((x: any) => x.id === a.caseId && x.kind === 'combined'));
      assert.ok(!q.items.some((x: any) => x.parentId === a.caseId), 'sub-cases are accepted through the combined case');
      const acc = await ok(ck.post(`/api/cases/${a.caseId}/accept`, {}));
      assert.equal(acc.documents.length, 3, 'one 受理通知书 per unit');
      assert.equal(acc.status, 'in_process');
            const adm = await h.login('admin');
      assert.equal(errorOf(await adm.post(`/api/cases/${a.caseId}/pass`, { opinion: 'agree' })).code, 'COMBINED_CASE');
      for (const [i, prefix] of [[0, 'jtj'], [1, 'zjj'], [2, 'sthj']] as const) {
        const sid = a.subCases[i].id;
        const [h1, r1, l1] = await Promise.all([h.login(`${prefix}_handler`), h.login(`${prefix}_reviewer`), h.login(`${prefix}_leader`)]);
        const d = await ok(h1.get(`/api/cases/${sid}`));
        assert.ok(d.clocks.some((c: any) => c.kind === 'case_promised'), 'own clocks');
        await ok(h1.post(`/api/cases/${sid}/pass`, { opinion: 'agree' }));
        await ok(r1.post(`/api/cases/${sid}/pass`, { opinion: 'agree' }));
        const st = (await ok(ck.get(`/api/cases/${a.caseId}`))).case.status;
        assert.equal(st, 'in_process');
        await ok(l1.post(`/api/cases/${sid}/decide`, { outcome: 'grant', legalBasis: ['《公路建设市场管理办法》第二十五条'] }));
      }
      const c = await ok(ck.get(`/api/cases/${a.caseId}`));
      assert.equal(c.case.status, 'completed');
      assert.equal(c.case.statusName, '全部办结');
      assert.deepEqual(c.events.map((e: any) => e.type), ['combined.created', 'combined.status_changed', 'combined.status_changed']);
      assert.equal(c.related.length, 4);
    });
  });
}

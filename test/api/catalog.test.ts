// Power library: drafting, validation refusals, review by 编办 and 法制, versions, status,
// jurisdiction, and the public catalogue (CAT-1…CAT-4, CAT-6, PUB-1).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../helpers/db.ts';
import { errorOf, startHarness, type Client, type Harness } from '../helpers/app.ts';
import { permitElements, unitId } from '../helpers/catalog.ts';
import { assertItemAcceptsCases, currentPublishedVersion, getItemVersionSpec } from '../../src/catalog/items.ts';
import { verifyChainTable } from '../../src/store/event-chain.ts';

const SUBMIT = { reason: '依据新修订的条例调整', triggerKind: 'new_law', triggerDate: '2026-10-30' };

for (const backend of backends()) {
  describe(`catalog (${backend})`, () => {
    let h: Harness;
    let ua: Client; // 市场监管 unit admin
    let bb: Client; // 编办
    let fzb: Client; // 法制
    let scjg: number;
    before(async () => {
      h = await startHarness(backend);
      [ua, bb, fzb] = await Promise.all([h.login('scjg_admin'), h.login('bb'), h.login('fzb')]);
      scjg = await unitId(h, '绵阳市市场监督管理局');
    });
    after(() => h.close());

    async function publishNew(over = {}) {
      const d = await ua.post('/api/catalog/changes', { elements: permitElements(scjg, over) });
      assert.equal(d.statusCode, 201, d.body);
      const c = d.json();
      assert.equal((await ua.post(`/api/catalog/changes/${c.id}/submit`, SUBMIT)).statusCode, 200);
      assert.equal((await bb.post(`/api/catalog/changes/${c.id}/review/basic`, { decision: 'approve', opinion: '同意' })).statusCode, 200);
      const r = await fzb.post(`/api/catalog/changes/${c.id}/review/flow`, { decision: 'approve', opinion: '流程合法' });
      assert.equal(r.statusCode, 200, r.body);
      assert.ok(r.json().publishedVersionId);
      return { itemId: c.itemId as number, changeId: c.id as number, versionId: r.json().publishedVersionId as number };
    }

    test('draft → submit → 编办 and 法制 approve → version 1 published, public, usable by cases', async () => {
      const d = await ua.post('/api/catalog/changes', { elements: permitElements(scjg, { name: '食品小作坊登记' }) });
      assert.equal(d.statusCode, 201, d.body);
      const c = d.json();
      assert.equal(c.kind, 'create');
      assert.deepEqual(c.parts, ['basic', 'flow']);
      assert.equal(c.elements.implCode, null);
      // not public, not usable before review (CAT-3: nothing unreviewed enters the library)
      assert.equal((await h.client().get(`/api/public/items/${c.itemId}`)).statusCode, 404);
      await assert.rejects(assertItemAcceptsCases(h.tdb.database.db, c.itemId, h.clock.now()), /尚未发布/);
      const s = await ua.post(`/api/catalog/changes/${c.id}/submit`, SUBMIT);
      assert.equal(s.statusCode, 200, s.body);
      assert.equal(s.json().state, 'submitted');
      // frozen once submitted
      assert.equal(errorOf(await ua.patch(`/api/catalog/changes/${c.id}`, { reason: 'x' })).code, 'CHANGE_NOT_EDITABLE');
      const queue = (await bb.get('/api/catalog/changes?state=submitted&part=basic')).json().items.map((x: any) => x.id);
      assert.ok(queue.includes(c.id));
      const b = await bb.post(`/api/catalog/changes/${c.id}/review/basic`, { decision: 'approve', opinion: '要素齐全' });
      assert.equal(b.json().publishedVersionId, null, 'waits for 法制');
      const f = await fzb.post(`/api/catalog/changes/${c.id}/review/flow`, { decision: 'approve' });
      const vid = f.json().publishedVersionId;
      assert.ok(vid);
      assert.equal(f.json().change.state, 'published');
      const item = (await ua.get(`/api/catalog/items/${c.itemId}`)).json();
      assert.equal(item.item.status, 'active');
      assert.equal(item.current.versionNo, 1);
      assert.equal(item.current.implCode.length, 31);
      assert.ok(item.current.implCode.endsWith(c.elements.baseCode));
      const spec = await getItemVersionSpec(h.tdb.database.db, vid);
      assert.equal(spec.name, '食品小作坊登记');
      assert.equal(spec.steps.length, 3);
      assert.deepEqual((await currentPublishedVersion(h.tdb.database.db, c.itemId))?.versionId, vid);
      assert.equal((await assertItemAcceptsCases(h.tdb.database.db, c.itemId, h.clock.now())).versionId, vid);
      const pub = await h.client().get(`/api/public/items/${c.itemId}`);
      assert.equal(pub.statusCode, 200);
      assert.equal(pub.json().steps[0].postName, '窗口受理岗');
      const events = (await ua.get(`/api/catalog/items/${c.itemId}/events`)).json().items.map((e: any) => e.type);
      assert.deepEqual(events, ['change_submitted', 'part_approved', 'part_approved', 'version_published']);
      const v = await verifyChainTable(h.tdb.database.db, 'catalog_events');
      assert.equal(v.firstBreak, null);
      // clocks: filing (closed at submission) and both reviews (closed at approval)
      const clocks = (await bb.get(`/api/catalog/clocks?itemId=${c.itemId}`)).json().items;
      assert.deepEqual(clocks.map((k: any) => k.kind).sort(), ['filing', 'review_basic', 'review_flow']);
      assert.ok(clocks.every((k: any) => k.doneAt));
      const filing = clocks.find((k: any) => k.kind === 'filing');
      assert.equal(filing.startDate, '2026-10-30');
      assert.equal(filing.dueAt, '2026-11-27T16:00:00.000Z'); // 20 working days after 10/30
    });

    test('a change of a published item: only the flow changed → 法制 alone; new version, old one closed and still readable', async () => {
      const { itemId } = await publishNew({ name: '网络食品交易第三方平台备案' });
      const cur = (await ua.get(`/api/catalog/items/${itemId}`)).json().current.elements;
      const steps = cur.steps.map((s: any) => (s.code === 's2' ? { ...s, limit: { days: 4, unit: 'workday' } } : s));
      const d = await ua.post('/api/catalog/changes', { itemId, elements: { ...cur, steps } });
      assert.equal(d.statusCode, 201, d.body);
      assert.deepEqual(d.json().parts, ['flow']);
      assert.deepEqual(d.json().changedFields, ['steps']);
      await ua.post(`/api/catalog/changes/${d.json().id}/submit`, SUBMIT);
      const wrong = await bb.post(`/api/catalog/changes/${d.json().id}/review/basic`, { decision: 'approve' });
      assert.equal(wrong.statusCode, 403);
      assert.equal(errorOf(wrong).code, 'NOT_REVIEWER_FOR_PART');
      const ok = await fzb.post(`/api/catalog/changes/${d.json().id}/review/flow`, { decision: 'approve', opinion: '同意' });
      assert.ok(ok.json().publishedVersionId);
      const detail = (await ua.get(`/api/catalog/items/${itemId}`)).json();
      assert.equal(detail.current.versionNo, 2);
      assert.equal(detail.versions.length, 2);
      const v1 = (await ua.get(`/api/catalog/items/${itemId}/versions/1`)).json();
      assert.ok(v1.validTo, 'v1 closed');
      assert.equal(v1.elements.steps[1].limit.days, 5, 'v1 unchanged');
      assert.equal((await h.client().get(`/api/public/items/${itemId}`)).json().versionNo, 2);
    });

    test('返回修改: a reviewer returns with an opinion; the unit edits and resubmits', async () => {
      const d = (await ua.post('/api/catalog/changes', { elements: permitElements(scjg) })).json();
      await ua.post(`/api/catalog/changes/${d.id}/submit`, SUBMIT);
      assert.equal(errorOf(await bb.post(`/api/catalog/changes/${d.id}/review/basic`, { decision: 'return' })).code, 'VALIDATION_FAILED');
      const r = await bb.post(`/api/catalog/changes/${d.id}/review/basic`, { decision: 'return', opinion: '设定依据条款不准确' });
      assert.equal(r.json().change.state, 'returned');
      assert.equal(r.json().change.lastOpinion, '设定依据条款不准确');
      assert.equal(errorOf(await fzb.post(`/api/catalog/changes/${d.id}/review/flow`, { decision: 'approve' })).code, 'CHANGE_NOT_SUBMITTED');
      const e = await ua.patch(`/api/catalog/changes/${d.id}`, { elements: { ...d.elements, legalBasis: [{ lawName: '食品安全法', article: '第三十五条', text: '从事食品生产、食品销售、餐饮服务，应当依法取得许可。' }] } });
      assert.equal(e.statusCode, 200, e.body);
      assert.equal(e.json().state, 'draft');
      assert.equal((await ua.post(`/api/catalog/changes/${d.id}/submit`, SUBMIT)).json().state, 'submitted');
      const ev = (await ua.get(`/api/catalog/items/${d.itemId}/events`)).json().items;
      assert.equal(ev[1].type, 'change_returned');
      assert.equal(ev[1].data.opinion, '设定依据条款不准确');
    });

    test('validation refusals with stable codes', async () => {
      const post = (over: object) => ua.post('/api/catalog/changes', { elements: permitElements(scjg, over) });
      const code = async (over: object) => errorOf(await post(over)).code;
      assert.equal(await code({ promisedLimit: { days: 25, unit: 'workday' } }), 'PROMISED_EXCEEDS_LEGAL');
      assert.equal(await code({ legalLimit: { days: 20, unit: 'natural' }, promisedLimit: { days: 15, unit: 'workday' } }), 'PROMISED_EXCEEDS_LEGAL');
      assert.equal(await code({ baseCode: 'abc' }), 'INVALID_BASE_CODE');
      assert.equal(await code({ implCode: '9151070000000000001000000000000' }), 'INVALID_IMPL_CODE');
      const base = permitElements(scjg);
      const steps = base.steps!;
      assert.equal(await code({ steps: steps.map((s) => ({ ...s, limit: { days: 4, unit: 'workday' } })) }), 'STEPS_EXCEED_PROMISED');
      assert.equal(await code({ steps: [{ ...steps[0], postCode: 'nobody' }] }), 'STEP_POST_UNKNOWN');
      assert.equal(await code({ steps: [{ ...steps[0], returnTo: ['s2'] }, steps[1]] }), 'ILLEGAL_RETURN_TARGET');
      assert.equal(await code({ free: false }), 'FEE_REQUIRED');
      assert.equal(await code({ free: false, fees: [{ name: '工本费', basis: '文件', standard: { kind: 'fixed', amount: '12.345' } }] }), 'INVALID_FEE_STANDARD');
      assert.equal(await code({ free: false, fees: [{ name: '费', basis: '文件', standard: { kind: 'range', min: '10', max: '5' } }] }), 'INVALID_FEE_STANDARD');
      assert.equal(await code({ secret: true }), 'SECRET_DOC_REQUIRED');
      const r = await post({ promisedLimit: { days: 25, unit: 'workday' } });
      assert.equal(r.statusCode, 400);
      assert.match(errorOf(r).message, /承诺期限/);
      assert.ok(errorOf(r).details.problems.length >= 1);
      // schema refusal
      assert.equal(errorOf(await ua.post('/api/catalog/changes', { elements: { name: 'x' } })).code, 'VALIDATION_FAILED');
      // no flow → cannot submit
      const d = (await post({ steps: [] })).json();
      assert.equal(errorOf(await ua.post(`/api/catalog/changes/${d.id}/submit`, SUBMIT)).code, 'FLOW_REQUIRED');
      // trigger date in the future
      const d2 = (await post({})).json();
      assert.equal(errorOf(await ua.post(`/api/catalog/changes/${d2.id}/submit`, { ...SUBMIT, triggerDate: '2027-01-01' })).code, 'TRIGGER_DATE_IN_FUTURE');
      // duplicate 实施编码
      assert.equal(errorOf(await post({ baseCode: d2.elements.baseCode })).code, 'DUPLICATE_IMPL_CODE');
    });

    test('a penalty item needs a discretion benchmark before 法制 approves', async () => {
      const pen = permitElements(scjg, {
        type: '02', name: '测试违法行为的行政处罚', materials: [],
        steps: [
          { code: 'p1', kind: 'file', name: '立案', postCode: 'handle', duty: '立案', limit: { days: 5, unit: 'workday' }, returnTo: [] },
          { code: 'p2', kind: 'decide', name: '决定', postCode: 'approve', duty: '决定', limit: { days: 5, unit: 'workday' }, returnTo: ['p1'] },
        ],
      });
      const d = (await ua.post('/api/catalog/changes', { elements: pen })).json();
      await ua.post(`/api/catalog/changes/${d.id}/submit`, SUBMIT);
      assert.equal(errorOf(await fzb.post(`/api/catalog/changes/${d.id}/review/flow`, { decision: 'approve' })).code, 'DISCRETION_REQUIRED');
      await fzb.post(`/api/catalog/changes/${d.id}/review/flow`, { decision: 'return', opinion: '请补充裁量基准' });
      const bands = [{ circumstance: 'minor', description: '首次轻微违法并及时改正', minFine: null, maxFine: null, otherMeasures: '不予处罚，责令改正' },
        { circumstance: 'ordinary', description: '一般情节', minFine: '5000', maxFine: '20000', otherMeasures: null }];
      assert.equal((await ua.patch(`/api/catalog/changes/${d.id}`, { elements: { ...d.elements, discretion: bands } })).statusCode, 200);
      await ua.post(`/api/catalog/changes/${d.id}/submit`, SUBMIT);
      await bb.post(`/api/catalog/changes/${d.id}/review/basic`, { decision: 'approve' });
      assert.ok((await fzb.post(`/api/catalog/changes/${d.id}/review/flow`, { decision: 'approve' })).json().publishedVersionId);
    });

    test('status: pause through 编办 with an effective date; a paused item refuses new cases', async () => {
      const { itemId } = await publishNew();
      const body = { status: 'paused', effectiveDate: '2026-11-05', reason: '长期未发生办件，暂停实施', triggerKind: 'clean_up', triggerDate: '2026-11-01' };
      const r = await ua.post(`/api/catalog/items/${itemId}/status`, body);
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(r.json().state, 'submitted');
      assert.equal(errorOf(await ua.post(`/api/catalog/items/${itemId}/status`, body)).code, 'OPEN_CHANGE_EXISTS');
      assert.ok((await bb.post(`/api/catalog/changes/${r.json().id}/review/basic`, { decision: 'approve' })).json().publishedVersionId);
      const db = h.tdb.database.db;
      // before the effective date the item still takes cases
      await assertItemAcceptsCases(db, itemId, h.clock.now());
      await assert.rejects(assertItemAcceptsCases(db, itemId, new Date('2026-11-05T01:00:00Z')), (e: any) => e.code === 'ITEM_NOT_ACTIVE');
      const events = (await ua.get(`/api/catalog/items/${itemId}/events`)).json().items.map((e: any) => e.type);
      assert.ok(events.includes('status_changed'));
      assert.equal(errorOf(await ua.post(`/api/catalog/items/${itemId}/status`, { ...body, status: 'paused' })).code, 'STATUS_UNCHANGED');
      assert.equal(errorOf(await ua.post(`/api/catalog/items/${itemId}/status`, { ...body, status: 'cancelled', effectiveDate: '2026-10-01' })).code, 'EFFECTIVE_DATE_IN_PAST');
    });

    test('jurisdiction and roles: other unit 404, wrong role 403, anonymous 401', async () => {
      const { itemId } = await publishNew();
      const zjj = await h.login('zjj_admin');
      assert.equal((await zjj.get(`/api/catalog/items/${itemId}`)).statusCode, 404);
      assert.equal(errorOf(await zjj.post(`/api/catalog/items/${itemId}/status`, { status: 'paused', effectiveDate: '2026-12-01', reason: '越权测试', triggerKind: 'other', triggerDate: '2026-11-01' })).code, 'NOT_FOUND');
      assert.equal(errorOf(await zjj.post('/api/catalog/changes', { elements: permitElements(scjg) })).code, 'UNIT_NOT_FOUND');
      assert.ok(!(await zjj.get('/api/catalog/items?limit=200')).json().items.some((i: any) => i.id === itemId));
      const district = await h.login('jcj_fucheng');
      assert.equal((await district.get(`/api/catalog/items/${itemId}`)).statusCode, 404);
      // roles
      const handler = await h.login('scjg_handler');
      assert.equal((await handler.post('/api/catalog/changes', { elements: permitElements(scjg) })).statusCode, 403);
      assert.equal((await ua.post('/api/catalog/changes/1/review/basic', { decision: 'approve' })).statusCode, 403);
      assert.equal((await bb.post('/api/catalog/changes/1/review/flow', { decision: 'approve' })).statusCode, 403);
      assert.equal((await h.client().get('/api/catalog/items')).statusCode, 401);
      // upper level reads: the city supervisor sees the city item
      assert.equal((await (await h.login('jcj_city')).get(`/api/catalog/items/${itemId}`)).statusCode, 200);
    });

    test('publicity check per item and the supervisors\' list (CAT-6)', async () => {
      const { itemId } = await publishNew({ consultPhone: '', online: true, onlineUrl: '', materials: [] });
      const p = (await ua.get(`/api/catalog/items/${itemId}/publicity`)).json();
      const codes = p.problems.map((x: any) => x.code).sort();
      assert.deepEqual(codes, ['NO_CONSULT_PHONE', 'NO_MATERIALS', 'ONLINE_URL_MISSING']);
      const sup = await h.login('jcj_city');
      const list = (await sup.get('/api/catalog/publicity?limit=200')).json().items;
      assert.ok(list.some((x: any) => x.itemId === itemId && x.problems.length === 3));
      assert.ok((await ua.get('/api/catalog/items?publicityProblems=true&limit=200')).json().items.some((i: any) => i.id === itemId));
    });

    test('public catalogue: keyword search (2–4 Chinese characters), unit and type filters, files', async () => {
      const up = await ua.post('/api/catalog/files', { name: '申请书模板.docx', mime: 'application/msword', contentBase64: Buffer.from('模板内容').toString('base64') });
      assert.equal(up.statusCode, 201);
      const hash = up.json().hash;
      assert.equal((await h.client().get(`/api/public/files/${hash}`)).statusCode, 404, 'not public before publication');
      const materials = [{ code: 'm1', name: '申请书', required: true, templateFile: hash }];
      const { itemId } = await publishNew({ name: '药品零售企业许可', keywords: ['药店', '零售药店'], materials });
      const c = h.client();
      const ids = async (qs: string) => (await c.get(`/api/public/items?${qs}`)).json().items.map((i: any) => i.id);
      assert.ok((await ids(`q=${encodeURIComponent('药品')}`)).includes(itemId));
      assert.ok((await ids(`q=${encodeURIComponent('药店')}`)).includes(itemId));
      assert.ok((await ids(`q=${encodeURIComponent('零售企业')}`)).includes(itemId));
      assert.ok(!(await ids(`q=${encodeURIComponent('建筑')}`)).includes(itemId));
      assert.ok((await ids(`unitId=${scjg}&type=01`)).includes(itemId));
      assert.ok(!(await ids('type=02')).includes(itemId));
      const guide = (await c.get(`/api/public/items/${itemId}`)).json();
      assert.equal(guide.materials[0].template.url, `/api/public/files/${hash}`);
      assert.equal(guide.materials[0].template.name, '申请书模板.docx');
      assert.equal(guide.implCode.length, 31);
      assert.ok('unitPhone' in guide);
      const f = await c.get(`/api/public/files/${hash}`);
      assert.equal(f.statusCode, 200);
      assert.equal(f.body, '模板内容');
      assert.equal(errorOf(await c.get('/api/public/items?type=99')).code, 'VALIDATION_FAILED');
      const units = (await c.get('/api/public/catalog/units')).json().items;
      assert.ok(units.some((u: any) => u.id === scjg && u.items >= 1));
      assert.equal((await c.get('/api/public/catalog/meta')).json().itemTypes['02'], '行政处罚');
    });
  });
}

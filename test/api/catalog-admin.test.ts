// Power library: secret items and exemptions (CAT-7), reporting up (CAT-5), Excel and JSON
// export/import (issue 3 item 9), the demo library, and the event chain.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { backends } from '../helpers/db.ts';
import { errorOf, startHarness, type Client, type Harness } from '../helpers/app.ts';
import { permitElements, unitId } from '../helpers/catalog.ts';
import { DEMO_ITEM_COUNT, seedDemoItems } from '../../src/catalog/demo-items.ts';
import { isExemptFromSupervision } from '../../src/catalog/secret.ts';
import { verifyChainTable } from '../../src/store/event-chain.ts';

const SUBMIT = { reason: '事项清理规范', triggerKind: 'clean_up', triggerDate: '2026-11-02' };

for (const backend of backends()) {
  describe(`catalog administration (${backend})`, () => {
    let h: Harness;
    let ua: Client;
    let bb: Client;
    let fzb: Client;
    let scjg: number;
    before(async () => {
      h = await startHarness(backend);
      [ua, bb, fzb] = await Promise.all([h.login('scjg_admin'), h.login('bb'), h.login('fzb')]);
      scjg = await unitId(h, '绵阳市市场监督管理局');
    });
    after(() => h.close());

    async function publish(client: Client, elements: object) {
      const c = (await client.post('/api/catalog/changes', { elements })).json();
      assert.ok(c.id, JSON.stringify(c));
      await client.post(`/api/catalog/changes/${c.id}/submit`, SUBMIT);
      await bb.post(`/api/catalog/changes/${c.id}/review/basic`, { decision: 'approve' });
      await fzb.post(`/api/catalog/changes/${c.id}/review/flow`, { decision: 'approve' });
      return c.itemId as number;
    }

    test('the demo library: ~30 published items, idempotent, with publicity gaps and a verified chain', async () => {
      const db = h.tdb.database.db;
      assert.equal((await seedDemoItems(db, h.clock.now())).items, DEMO_ITEM_COUNT);
      assert.ok(DEMO_ITEM_COUNT >= 30);
      assert.equal((await seedDemoItems(db, h.clock.now())).items, 0);
      const pub = (await h.client().get('/api/public/items?limit=200')).json().items;
      assert.equal(pub.length, DEMO_ITEM_COUNT - 1, 'the secret item is not public');
      assert.ok(pub.some((i: any) => i.name === '食品经营许可' && i.regionCode === '510703'));
      const onSpot = pub.find((i: any) => i.onTheSpot);
      assert.equal(onSpot.promisedLimit.days, 0);
      const gaps = (await (await h.login('jcj_city')).get('/api/catalog/publicity?limit=200')).json().items;
      assert.ok(gaps.length >= 4);
      assert.equal((await verifyChainTable(db, 'catalog_events')).firstBreak, null);
      const q = (await h.client().get(`/api/public/items?q=${encodeURIComponent('护照')}`)).json().items;
      assert.equal(q[0].name, '普通护照签发');
      const guide = (await h.client().get(`/api/public/items/${q[0].id}`)).json();
      assert.equal(guide.elements.fees[0].standard.amount, '120');
      assert.equal(guide.elements.free, false);
    });

    test('secret item: exemption needs supervision and secrecy approval; listed; revocable', async () => {
      const itemId = await publish(ua, permitElements(scjg, { name: '涉密测试事项', secret: true, secretDoc: '绵保发〔2026〕1号' }));
      assert.equal((await h.client().get(`/api/public/items/${itemId}`)).statusCode, 404, 'secret items are not public');
      const plain = await publish(ua, permitElements(scjg));
      assert.equal(errorOf(await ua.post(`/api/catalog/items/${plain}/exemption`, { reason: '测试' })).code, 'ITEM_NOT_SECRET');
      assert.equal(errorOf(await ua.post(`/api/catalog/items/${itemId}/exemption`, {})).code, 'VALIDATION_FAILED');
      const r = await ua.post(`/api/catalog/items/${itemId}/exemption`, { reason: '事项内容涉及国家秘密' });
      assert.equal(r.statusCode, 201);
      const id = r.json().id;
      assert.equal(errorOf(await ua.post(`/api/catalog/items/${itemId}/exemption`, { reason: '重复申请' })).code, 'EXEMPTION_EXISTS');
      const jcj = await h.login('jcj_city');
      const bmj = await h.login('bmj');
      assert.equal((await bmj.post(`/api/catalog/exemptions/${id}/approve-supervision`, { opinion: '同意' })).statusCode, 403);
      assert.equal((await ua.post(`/api/catalog/exemptions/${id}/approve-secrecy`, { opinion: '同意' })).statusCode, 403);
      const s1 = await jcj.post(`/api/catalog/exemptions/${id}/approve-supervision`, { opinion: '同意免于监察' });
      assert.equal(s1.json().state, 'pending');
      assert.equal(await isExemptFromSupervision(h.tdb.database.db, itemId), false, 'one approval is not enough');
      assert.equal(errorOf(await jcj.post(`/api/catalog/exemptions/${id}/approve-supervision`, { opinion: '再次' })).code, 'ALREADY_APPROVED');
      const s2 = await bmj.post(`/api/catalog/exemptions/${id}/approve-secrecy`, { opinion: '经审查属于国家秘密' });
      assert.equal(s2.json().state, 'granted');
      assert.equal(await isExemptFromSupervision(h.tdb.database.db, itemId), true);
      const listed = (await jcj.get('/api/catalog/exemptions?state=granted')).json().items;
      assert.ok(listed.some((x: any) => x.id === id && x.secretDoc === '绵保发〔2026〕1号'));
      const fc = await h.login('jcj_fucheng');
      assert.equal((await fc.post(`/api/catalog/exemptions/${id}/revoke`, { reason: '越权撤销' })).statusCode, 404);
      const rv = await jcj.post(`/api/catalog/exemptions/${id}/revoke`, { reason: '定密期限届满' });
      assert.equal(rv.json().state, 'revoked');
      assert.equal(await isExemptFromSupervision(h.tdb.database.db, itemId), false);
      const types = (await ua.get(`/api/catalog/items/${itemId}/events`)).json().items.map((e: any) => e.type);
      for (const t of ['exemption_requested', 'exemption_approved', 'exemption_granted', 'exemption_revoked']) assert.ok(types.includes(t), t);
    });

    test('report a county item up to the city library; the city reads the county library', async () => {
      const fc = await unitId(h, '涪城区市场监督管理局');
      const admin = await h.login('admin');
      const itemId = await publish(admin, permitElements(fc, { name: '涪城区测试登记' }));
      const r = await admin.post(`/api/catalog/items/${itemId}/report-up`, { note: '按季度上报' });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(r.json().toRegionCode, '510700');
      const city = (await bb.get('/api/catalog/reports?toRegionCode=510700')).json().items;
      assert.ok(city.some((x: any) => x.itemId === itemId && x.fromRegionName === '涪城区'));
      assert.equal((await bb.get(`/api/catalog/items/${itemId}`)).statusCode, 200, 'upper level reads the lower library');
      const yx = await h.login('jcj_youxian');
      assert.equal((await yx.get(`/api/catalog/items/${itemId}`)).statusCode, 404, 'a sibling district does not');
      assert.ok(!(await yx.get('/api/catalog/reports')).json().items.some((x: any) => x.itemId === itemId));
      assert.equal((await ua.post(`/api/catalog/items/${itemId}/report-up`, {})).statusCode, 404);
      const draft = (await ua.post('/api/catalog/changes', { elements: permitElements(scjg) })).json();
      assert.equal(errorOf(await ua.post(`/api/catalog/items/${draft.itemId}/report-up`, {})).code, 'ITEM_NOT_PUBLISHED');
    });

    test('Excel export round-trips into drafts; a bad sheet is refused whole with row errors', async () => {
      const exp = await ua.get('/api/catalog/export/excel');
      assert.equal(exp.statusCode, 200);
      assert.match(String(exp.headers['content-type']), /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exp.rawPayload as any);
      const sheet = wb.getWorksheet('事项')!;
      assert.equal(sheet.getRow(1).getCell(5).value, '事项名称');
      assert.ok(sheet.rowCount >= 2);
      // change every row's base code → brand-new items; one bad promised limit refuses everything
      const header = (sheet.getRow(1).values as any[]);
      const col = (name: string) => header.indexOf(name);
      sheet.eachRow((row, n) => {
        if (n === 1) return;
        row.getCell(col('基本编码')).value = `X${String(n).padStart(11, '0')}`;
        row.getCell(col('实施编码')).value = null;
      });
      const promised = sheet.getRow(2).getCell(col('承诺期限')).value;
      sheet.getRow(2).getCell(col('承诺期限')).value = 999;
      const bad = await ua.post('/api/catalog/import/excel', { contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
      assert.equal(bad.statusCode, 400);
      const err = errorOf(bad);
      assert.equal(err.code, 'IMPORT_INVALID');
      assert.deepEqual(err.details.rows[0], { sheet: '事项', row: 2, column: '承诺期限', message: err.details.rows[0].message });
      assert.match(err.details.rows[0].message, /承诺期限/);
      const before = (await ua.get('/api/catalog/changes?state=draft&limit=200')).json().items.length;
      sheet.getRow(2).getCell(col('承诺期限')).value = promised;
      const good = await ua.post('/api/catalog/import/excel', { contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
      assert.equal(good.statusCode, 200, good.body);
      assert.equal(good.json().imported, sheet.rowCount - 1);
      const afterCount = (await ua.get('/api/catalog/changes?state=draft&limit=200')).json().items.length;
      assert.equal(afterCount - before, good.json().imported);
      const draft = (await ua.get(`/api/catalog/changes/${good.json().changeIds[0]}`)).json();
      assert.ok(draft.elements.steps.length > 0, 'flow came from the 内部流程 sheet');
      // Re-importing the same sheet while those drafts are open is a row error, not a 500.
      const again = await ua.post('/api/catalog/import/excel', { contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
      assert.equal(again.statusCode, 400, again.body);
      assert.equal(errorOf(again).code, 'IMPORT_INVALID');
      assert.equal(errorOf(await ua.post('/api/catalog/import/excel', { contentBase64: Buffer.from('not excel').toString('base64') })).code, 'IMPORT_INVALID');
      assert.equal((await (await h.login('scjg_handler')).post('/api/catalog/import/excel', { contentBase64: 'AAAA' })).statusCode, 403);
    });

    test('JSON export and import (all or nothing)', async () => {
      const exp = (await ua.get('/api/catalog/export/json')).json();
      assert.ok(exp.items.length >= 1);
      assert.ok(exp.items.every((i: any) => i.elements.unitId === scjg), 'only the unit admin\'s own items');
      const ok = permitElements(scjg);
      const bad = permitElements(scjg, { promisedLimit: { days: 30, unit: 'workday' } });
      const r = await ua.post('/api/catalog/import/json', { items: [ok, { elements: bad }, { name: 1 }] });
      assert.equal(r.statusCode, 400);
      const rows = errorOf(r).details.rows;
      assert.ok(rows.some((x: any) => x.row === 3));
      const r2 = await ua.post('/api/catalog/import/json', { items: [ok, { elements: bad }] });
      assert.deepEqual(errorOf(r2).details.rows.map((x: any) => [x.row, x.column]), [[2, 'promisedLimit']]);
      const r3 = await ua.post('/api/catalog/import/json', { items: [ok] });
      assert.equal(r3.json().imported, 1);
      assert.equal(errorOf(await ua.post('/api/catalog/import/json', { items: [] })).code, 'VALIDATION_FAILED');
    });

    test('importing a published item that already has an open change is a row error, not a 500', async () => {
      const elements = permitElements(scjg);
      const itemId = await publish(ua, elements);
      const open = await ua.post('/api/catalog/changes', { itemId, elements: { ...elements, conditions: '变更后的受理条件' } });
      assert.equal(open.statusCode, 201, open.body);
      const r = await ua.post('/api/catalog/import/json', { items: [{ elements: { ...elements, name: '再次导入' } }] });
      assert.equal(r.statusCode, 400, r.body);
      assert.match(errorOf(r).details.rows[0].message, /未完成的变更申请/);
    });

    test('files: upload needs catalog.draft; bad content refused; staff download before publication', async () => {
      const r = await ua.post('/api/catalog/files', { name: '样表.pdf', mime: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4').toString('base64') });
      assert.equal(r.statusCode, 201);
      assert.equal((await ua.get(`/api/catalog/files/${r.json().hash}`)).body, '%PDF-1.4');
      assert.equal(errorOf(await ua.post('/api/catalog/files', { name: 'x', contentBase64: '***' })).code, 'VALIDATION_FAILED');
      assert.equal((await bb.post('/api/catalog/files', { name: 'x', contentBase64: 'AAAA' })).statusCode, 403);
      assert.equal((await h.client().get(`/api/public/files/${r.json().hash}`)).statusCode, 404);
    });

    test('draft edits: check endpoint, update refused for another unit, stale draft refused', async () => {
      const chk = (await ua.post('/api/catalog/check', { elements: permitElements(scjg, { consultPhone: '' }) })).json();
      assert.equal(chk.implCode.length, 31);
      assert.deepEqual(chk.publicity.map((p: any) => p.code), ['NO_CONSULT_PHONE']);
      const d = (await ua.post('/api/catalog/changes', { elements: permitElements(scjg) })).json();
      const zjj = await h.login('zjj_admin');
      assert.equal((await zjj.patch(`/api/catalog/changes/${d.id}`, { reason: '越权' })).statusCode, 404);
      assert.equal((await zjj.get(`/api/catalog/changes/${d.id}`)).statusCode, 404);
      assert.equal(errorOf(await ua.patch(`/api/catalog/changes/${d.id}`, { elements: { ...d.elements, baseCode: 'x' } })).code, 'INVALID_BASE_CODE');
      // two drafts of one item cannot coexist
      const itemId = await publish(ua, permitElements(scjg));
      const cur = (await ua.get(`/api/catalog/items/${itemId}`)).json().current.elements;
      const c1 = await ua.post('/api/catalog/changes', { itemId, elements: { ...cur, name: '改名一' } });
      assert.equal(c1.statusCode, 201);
      assert.equal(errorOf(await ua.post('/api/catalog/changes', { itemId, elements: { ...cur, name: '改名二' } })).code, 'OPEN_CHANGE_EXISTS');
      assert.equal(errorOf(await ua.post(`/api/catalog/changes/${c1.json().id}/submit`, { ...SUBMIT, reason: '' })).code, 'VALIDATION_FAILED');
      const same = (await ua.patch(`/api/catalog/changes/${c1.json().id}`, { elements: cur })).json();
      assert.equal(errorOf(await ua.post(`/api/catalog/changes/${same.id}/submit`, SUBMIT)).code, 'NO_CHANGES');
    });
  });
}

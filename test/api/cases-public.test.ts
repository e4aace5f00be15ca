// The public hall (PUB-1, CASE-1, CASE-8, CASE-10): online application from a real-name
// account, supplement and withdrawal by the applicant, progress by number + password with a
// lockout, documents as HTML and PDF with an embedded, subsetted CJK font, code verification.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { backends } from '../helpers/db.ts';
import { errorOf, startHarness, type Client, type Harness } from '../helpers/app.ts';
import { file, itemId, ok, seedItems } from '../helpers/cases.ts';

for (const backend of backends()) {
  describe(`cases: public hall (${backend})`, () => {
    let h: Harness;
    let zs: Client; // 张三 (person)
    let ck: Client;
    let food: number;
    before(async () => {
      h = await startHarness(backend);
      await seedItems(h);
      [zs, ck] = await Promise.all([h.login('zhangsan'), h.login('ck01')]);
      food = await itemId(h, '食品经营许可');
    });
    after(() => h.close());

    const apply = () => ok(zs.post('/api/public/cases', { itemId: food, materials: [{ code: 'm1', file: file('申请书.pdf') }, { code: 'm2', file: file('营业执照.pdf') }] }), 201);

    test('online application → supplement notice → applicant supplies → accepted; the applicant follows it without staff internals', async () => {
      const a = await apply();
      const staff = await ok(ck.get(`/api/cases/${a.caseId}`));
      assert.equal(staff.case.channel, 'online');
      assert.equal(staff.case.applicant.name, '张三', 'prefilled from the real-name account');
      assert.match(staff.case.applicant.idNumber, /^51070319850612/);
      assert.ok((await ok(ck.get('/api/cases/acceptance-queue?limit=200'))).items.some((x: any) => x.id === a.caseId), 'routed to the city hall');
      await ok(ck.post(`/api/cases/${a.caseId}/supplement`, { items: [{ materialCode: 'm3', name: '主要设备设施、经营布局文件', problem: '未提交' }] }));
      let v = await ok(zs.get(`/api/public/cases/${a.caseId}`));
      assert.equal(v.statusName, '待补正');
      assert.deepEqual(v.parts[0].supplement.items.map((i: any) => i.problem), ['未提交']);
      assert.equal(v.parts[0].documents[0].title, '补正材料通知书');
      const s = await ok(zs.post(`/api/public/cases/${a.caseId}/supplement`, { materials: [{ code: 'm3', file: file('布局.pdf') }] }));
      assert.equal(s.status, 'submitted');
      await ok(ck.post(`/api/cases/${a.caseId}/accept`, {}));
      const hd = await h.login('scjg_handler');
      await ok(hd.post(`/api/cases/${a.caseId}/pass`, { opinion: 'disagree', reason: '内部意见：建议补充核查' }));
      v = await ok(zs.get(`/api/public/cases/${a.caseId}`));
      assert.equal(v.statusName, '办理中');
      assert.ok(v.expectedCompletion, '预计办结日期');
      const titles = v.parts[0].timeline.map((t: any) => t.title);
      assert.deepEqual(titles.slice(0, 5), ['网上申报', '补正告知', '提交补正材料', '受理', '进入「承办」环节']);
      const body = JSON.stringify(v);
      assert.ok(!body.includes('内部意见') && !body.includes('市场监管承办'), 'no opinions or staff names');
      const mine = await ok(zs.get('/api/public/cases'));
      assert.ok(mine.items.some((x: any) => x.id === a.caseId && x.expectedCompletion));
      // other people and staff cannot use it
      const ls = await h.login('lisi');
      assert.equal((await ls.get(`/api/public/cases/${a.caseId}`)).statusCode, 404);
      assert.equal((await ls.post(`/api/public/cases/${a.caseId}/withdraw`, {})).statusCode, 404);
      assert.equal(errorOf(await ck.get('/api/public/cases')).code, 'APPLICANT_ONLY');
      assert.equal((await h.client().get('/api/public/cases')).statusCode, 401);
      assert.equal(errorOf(await zs.post('/api/public/cases', { itemId: 'x' })).code, 'VALIDATION_FAILED');
    });

    test('the applicant withdraws; a refused supplement changes nothing', async () => {
      const a = await apply();
      assert.equal(errorOf(await zs.post(`/api/public/cases/${a.caseId}/supplement`, { materials: [{ code: 'm3', file: file('x.pdf') }] })).code, 'WRONG_STATE');
      const w = await ok(zs.post(`/api/public/cases/${a.caseId}/withdraw`, { reason: '不再需要' }));
      assert.equal(w.status, 'withdrawn');
      assert.equal(errorOf(await zs.post(`/api/public/cases/${a.caseId}/withdraw`, {})).code, 'WRONG_STATE');
    });

    test('secret items cannot be applied for online; organisations must name their legal representative', async () => {
      const secret = await itemId(h, '涉密人员出境审批备案', '绵阳市公安局出入境管理支队');
      assert.equal((await zs.post('/api/public/cases', { itemId: secret, materials: [] })).statusCode, 404);
      const org = await h.login('fuleqi');
      assert.equal(errorOf(await org.post('/api/public/cases', { itemId: food, materials: [{ code: 'm1', file: file('a.pdf') }] })).code, 'LEGAL_REPRESENTATIVE_REQUIRED');
      const r = await ok(org.post('/api/public/cases', { itemId: food, legalRepresentative: '王富乐', materials: [{ code: 'm1', file: file('a.pdf') }] }), 201);
      assert.ok(r.caseNo);
    });

    test('progress by number + query password without an account; repeated wrong passwords lock the query', async () => {
      const a = await apply();
      const anon = h.client();
      const v = await ok(anon.post('/api/public/case-query', { caseNo: a.caseNo, password: a.queryPassword }));
      assert.equal(v.caseNo, a.caseNo);
      assert.equal(v.statusName, '已申报');
      const unknown = await anon.post('/api/public/case-query', { caseNo: '99999999999999', password: 'X' });
      assert.equal(errorOf(unknown).code, 'INVALID_QUERY_PASSWORD', 'unknown numbers look like wrong passwords');
      for (let i = 0; i < 5; i++) {
        const r = await anon.post('/api/public/case-query', { caseNo: a.caseNo, password: 'WRONG' });
        assert.equal(r.statusCode, 401);
      }
      const locked = await anon.post('/api/public/case-query', { caseNo: a.caseNo, password: a.queryPassword });
      assert.equal(locked.statusCode, 429);
      assert.equal(errorOf(locked).code, 'QUERY_LOCKED');
      h.clock.advanceMinutes(16);
      assert.equal((await anon.post('/api/public/case-query', { caseNo: a.caseNo, password: a.queryPassword })).statusCode, 200);
      assert.equal(errorOf(await anon.post('/api/public/case-query', { caseNo: '' })).code, 'VALIDATION_FAILED');
    });

    test('documents: printable HTML, PDF with the subsetted Noto Serif SC, verification shows the facts', async () => {
      const a = await apply();
      const acc = await ok(ck.post(`/api/cases/${a.caseId}/accept`, {}));
      const doc = acc.documents[0];
      assert.match(doc.docNo, /^绵阳市市场监督管理局受〔2026〕\d{6}号$/);
      const html = await zs.get(`/api/public/cases/${a.caseId}/documents/${doc.id}/html`);
      assert.equal(html.statusCode, 200);
      assert.match(html.headers['content-type'] as string, /text\/html/);
      assert.ok(html.body.includes('受理通知书') && html.body.includes(doc.verificationCode) && html.body.includes('行政许可法》第三十二条'));
      const pdf = await zs.get(`/api/public/cases/${a.caseId}/documents/${doc.id}/pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const bytes = pdf.rawPayload;
      const text = bytes.toString('latin1');
      assert.ok(text.startsWith('%PDF-'));
      assert.match(text, /\/BaseFont \/[A-Z]{6}\+NotoSerifSC/, 'font embedded as a subset (tag+name)');
      assert.match(text, /\/FontFile2/, 'TrueType font program embedded');
      assert.ok(bytes.length < 150_000, `subset keeps the file small (${bytes.length} bytes; the font alone is 14 MB)`);
      // the text is really there: the ToUnicode map of the subset covers the title's characters
      const cmaps = [...text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
        try { return inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1'); } catch { return ''; }
      }).filter((s) => s.includes('beginbfchar') || s.includes('beginbfrange')).join('\n');
      for (const ch of '受理通知书') assert.ok(cmaps.includes(ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0').toLowerCase()) || cmaps.toLowerCase().includes(ch.charCodeAt(0).toString(16)), `glyph for ${ch}`);
      // staff download too; an unrelated document id is 404
      assert.equal((await ck.get(`/api/cases/${a.caseId}/documents/${doc.id}/pdf`)).statusCode, 200);
      assert.equal((await zs.get(`/api/public/cases/${a.caseId}/documents/999999/pdf`)).statusCode, 404);
      // public verification
      const v = await ok(h.client().get(`/api/public/documents/verify/${doc.verificationCode.toLowerCase().replaceAll('-', '')}`));
      assert.equal(v.docNo, doc.docNo);
      const facts = Object.fromEntries(v.facts.map((f: any) => [f.label, f.value]));
      assert.equal(facts['办件流水号'], a.caseNo);
      assert.equal(facts['申请人'], '张*', 'the applicant’s name is masked');
      assert.equal(facts['事项名称'], '食品经营许可');
      assert.equal(errorOf(await h.client().get('/api/public/documents/verify/AAAA-BBBB-CCCC-DDDD')).code, 'DOCUMENT_NOT_FOUND');
    });

    test('documents by number + query password without an account: POST with the proof in the body, same lockout', async () => {
      const a = await apply();
      const acc = await ok(ck.post(`/api/cases/${a.caseId}/accept`, {}));
      const doc = acc.documents[0];
      const anon = h.client();
      const proof = { caseNo: a.caseNo, password: a.queryPassword };
      // the query lists the documents; each downloads as PDF with the same proof
      const v = await ok(anon.post('/api/public/case-query', proof));
      assert.deepEqual(v.parts[0].documents.map((d: any) => d.id), [doc.id]);
      const pdf = await anon.post(`/api/public/case-query/documents/${doc.id}/pdf`, proof);
      assert.equal(pdf.statusCode, 200, pdf.body);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.match(pdf.headers['content-disposition'] as string, /attachment; filename\*=UTF-8''/);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const log = await h.tdb.database.db.selectFrom('operation_log').select(['action', 'target_id', 'user_id']).where('action', '=', 'case.query.document')
        .orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual(log, { action: 'case.query.document', target_id: doc.docNo, user_id: null }, 'the anonymous download is logged');
      // a document of another case is 404, whatever the proof
      const other = await apply();
      const otherDoc = (await ok(ck.post(`/api/cases/${other.caseId}/accept`, {}))).documents[0];
      assert.equal(errorOf(await anon.post(`/api/public/case-query/documents/${otherDoc.id}/pdf`, proof)).code, 'NOT_FOUND');
      assert.equal((await anon.post('/api/public/case-query/documents/999999/pdf', proof)).statusCode, 404);
      // schema: the password never travels in the URL or as a query
      assert.equal(errorOf(await anon.post(`/api/public/case-query/documents/${doc.id}/pdf`, { caseNo: a.caseNo })).code, 'VALIDATION_FAILED');
      assert.equal(errorOf(await anon.post(`/api/public/case-query/documents/x/pdf`, proof)).code, 'VALIDATION_FAILED');
      assert.equal((await zs.get(`/api/public/case-query/documents/${doc.id}/pdf?caseNo=${a.caseNo}&password=${a.queryPassword}`)).statusCode, 404, 'no GET route');
      // a wrong password is 401 and counts toward the lockout of the number; after 5, even the right one is refused
      const wrong = await anon.post(`/api/public/case-query/documents/${doc.id}/pdf`, { ...proof, password: 'WRONG' });
      assert.equal(wrong.statusCode, 401);
      assert.equal(errorOf(wrong).code, 'INVALID_QUERY_PASSWORD');
      assert.equal(errorOf(wrong).details.remainingAttempts, 4);
      for (let i = 0; i < 4; i++) assert.equal((await anon.post('/api/public/case-query', { ...proof, password: 'WRONG' })).statusCode, 401);
      const locked = await anon.post(`/api/public/case-query/documents/${doc.id}/pdf`, proof);
      assert.equal(locked.statusCode, 429);
      assert.equal(errorOf(locked).code, 'QUERY_LOCKED');
      h.clock.advanceMinutes(16);
      assert.equal((await anon.post(`/api/public/case-query/documents/${doc.id}/pdf`, proof)).statusCode, 200);
      // signed-in users use the same proof (no session needed, none used)
      assert.equal((await zs.post(`/api/public/case-query/documents/${doc.id}/pdf`, proof)).statusCode, 200);
    });

    test('failed-query rows older than 24 h are pruned on the next failure; the lockout window still counts', async () => {
      const db = h.tdb.database.db;
      const a = await apply();
      const old = new Date(h.clock.now().getTime() - 25 * 3_600_000);
      const recent = new Date(h.clock.now().getTime() - 60_000);
      await db.insertInto('case_query_failures').values([
        { case_no: a.caseNo, ip: '10.0.0.1', at: old },
        { case_no: a.caseNo, ip: '10.0.0.2', at: new Date(old.getTime() - 86_400_000) },
        { case_no: '51070020200101999999', ip: '10.0.0.3', at: old }, // a number nobody asks for again
        { case_no: a.caseNo, ip: '10.0.0.4', at: recent },
      ]).execute();
      const rows = () => db.selectFrom('case_query_failures').select(['case_no', 'ip', 'at']).where('at', '<', new Date(h.clock.now().getTime() - 24 * 3_600_000)).execute();
      assert.equal((await rows()).length, 3);
      const anon = h.client();
      const r = await anon.post('/api/public/case-query', { caseNo: a.caseNo, password: 'WRONG' });
      assert.equal(r.statusCode, 401);
      assert.equal(errorOf(r).details.remainingAttempts, 3, 'the recent failure and this one count; old rows never did');
      assert.deepEqual(await rows(), [], 'old rows of this number and the oldest rows of others are gone');
      const left = await db.selectFrom('case_query_failures').select(['ip']).where('case_no', '=', a.caseNo).orderBy('id').execute();
      assert.deepEqual(left.map((x) => x.ip).slice(0, 1), ['10.0.0.4'], 'rows inside the window stay');
      assert.equal(left.length, 2);
      // a successful query prunes nothing
      await db.insertInto('case_query_failures').values({ case_no: a.caseNo, ip: '10.0.0.5', at: old }).execute();
      await ok(anon.post('/api/public/case-query', { caseNo: a.caseNo, password: a.queryPassword }));
      assert.equal((await rows()).length, 1);
    });
  });
}

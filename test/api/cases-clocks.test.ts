// Clocks of a case through the whole pipeline (ARCHITECTURE "Time", CASE-2, CASE-5, CASE-6):
// due instants in case_clocks from the law's counting, pauses and extensions moving them, the
// §32(4) automatic acceptance by the system, and the scheduler hook — all on an injected clock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../helpers/db.ts';
import { startHarness, type Client, type Harness } from '../helpers/app.ts';
import { PERSON, enter, file, itemId, ok, publishPermit, seedItems } from '../helpers/cases.ts';
import { runAutoAcceptances, startCaseScheduler } from '../../src/cases/auto-accept.ts';

const at = (s: string) => new Date(s);

for (const backend of backends()) {
  describe(`cases: clocks (${backend})`, () => {
    let h: Harness;
    let ck: Client;
    let hd: Client;
    let permit: number; // s2 承办 5 working days, s3 批准 3; promised 10, legal 20
    before(async () => {
      h = await startHarness(backend);
      await seedItems(h);
      await setTime('2026-09-28T02:00:00Z');
      permit = await publishPermit(h, { name: '测试经营许可（时钟）' });
    });

    /** Sessions expire as the injected clock jumps: sign in again at the new instant. */
    async function setTime(iso: string) {
      h.clock.t = at(iso);
      [ck, hd] = await Promise.all([h.login('ck01'), h.login('scjg_handler')]);
    }
    after(() => h.close());

    const clockRows = (caseId: number) => h.tdb.database.db.selectFrom('case_clocks').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
    const open = async (caseId: number, kind: string) => (await clockRows(caseId)).filter((c) => c.kind === kind).at(-1)!;

    test('accepted 2026-09-30: a 5-working-day step is due at the end of 2026-10-13 (National Day holiday and the 10-10 make-up day)', async () => {
      await setTime('2026-09-30T02:00:00Z'); // Wednesday 10:00 China time
      const a = await enter(h, ck, permit);
      await ok(ck.post(`/api/cases/${a.caseId}/accept`, {}));
      const step = await open(a.caseId, 'step');
      assert.equal(step.ref, 's2');
      assert.equal(step.status, 'open');
      assert.equal(step.due_at!.toISOString(), '2026-10-13T16:00:00.000Z');
      // Supervision's first threshold (成都 profile: yellow when ≤ 2 working days remain after the day):
      // from the start of the make-up Saturday 10-10, after which only 10-12 and 10-13 remain.
      assert.equal(step.next_threshold_at!.toISOString(), '2026-10-09T16:00:00.000Z');
      assert.equal((await open(a.caseId, 'case_promised')).due_at!.toISOString(), '2026-10-20T16:00:00.000Z'); // 10 working days
      assert.equal((await open(a.caseId, 'acceptance')).status, 'stopped');
      const row = await h.tdb.database.db.selectFrom('cases').select(['step_due_at', 'promised_due_at', 'legal_due_at']).where('id', '=', a.caseId).executeTakeFirstOrThrow();
      assert.equal(row.step_due_at!.toISOString(), '2026-10-13T16:00:00.000Z');
      assert.equal(row.legal_due_at!.toISOString(), '2026-11-03T16:00:00.000Z'); // 20 working days
      // the to-do badge counts remaining working days from the clock
      await setTime('2026-10-12T02:00:00Z');
      const todo = await ok(hd.get('/api/cases/todo?limit=200'));
      const badge = todo.items.find((x: any) => x.id === a.caseId).clocks.find((c: any) => c.kind === 'step');
      assert.deepEqual([badge.remaining, badge.overdue], [1, false]);
      await setTime('2026-10-14T02:00:00Z');
      const late = (await ok(hd.get('/api/cases/todo?limit=200'))).items.find((x: any) => x.id === a.caseId).clocks.find((c: any) => c.kind === 'step');
      assert.deepEqual([late.remaining, late.overdue], [-1, true]);
    });

    test('§32(4): no notice within 5 working days → accepted by the system as of receipt', async () => {
      await setTime('2026-11-02T02:00:00Z'); // Monday
      const a = await enter(h, ck, permit);
      assert.equal((await open(a.caseId, 'acceptance')).due_at!.toISOString(), '2026-11-09T16:00:00.000Z');
      assert.deepEqual(await runAutoAcceptances(h.tdb.database.db, at('2026-11-09T15:59:59Z')), { accepted: 0, skipped: 0 });
      const r = await runAutoAcceptances(h.tdb.database.db, at('2026-11-09T16:00:00Z'));
      assert.ok(r.accepted >= 1);
      const d = await ok(ck.get(`/api/cases/${a.caseId}`));
      assert.equal(d.case.status, 'in_process');
      const ev = d.events.find((e: any) => e.type === 'case.accepted');
      assert.equal(ev.actorId, null);
      assert.equal(ev.actorName, '系统');
      assert.equal(ev.data.auto, true);
      assert.equal(ev.data.acceptedAsOf, '2026-11-02T02:00:00.000Z', 'as of receipt');
      assert.equal(d.situation.autoAccepted, true);
      assert.deepEqual(d.documents.map((x: any) => x.kind), ['acceptance_notice']);
      // the case clocks count from receipt
      assert.equal(d.clocks.find((c: any) => c.kind === 'case_promised').startedAt, '2026-11-02T02:00:00.000Z');
      assert.deepEqual(await runAutoAcceptances(h.tdb.database.db, at('2026-11-10T02:00:00Z')), { accepted: 0, skipped: 0 }, 'exactly once');
    });

    test('the scheduler hook runs the sweep on the application clock', async () => {
      await setTime('2026-11-16T02:00:00Z');
      const a = await enter(h, ck, permit);
      const s = startCaseScheduler({ db: h.tdb.database.db, now: h.clock.now, intervalMs: 3_600_000 });
      let ckAfter = ck;
      try {
        assert.equal((await s.tick()).accepted, 0);
        await setTime('2026-11-24T00:00:00Z');
        ckAfter = ck;
        assert.equal((await s.tick()).accepted, 1);
        assert.equal((await ok(ckAfter.get(`/api/cases/${a.caseId}`))).case.status, 'in_process');
      } finally {
        s.stop();
      }
    });

    test('a supplement notice after the 5 days is refused: the case counts as accepted (§32(4))', async () => {
      await setTime('2026-11-30T02:00:00Z');
      const a = await enter(h, ck, permit);
      await setTime('2026-12-08T02:00:00Z');
      const r = await ck.post(`/api/cases/${a.caseId}/supplement`, { items: [{ name: '申请书', problem: '未签字' }] });
      assert.equal(r.statusCode, 409);
      assert.equal(r.json().error.code, 'SUPPLEMENT_TOO_LATE');
      const late = await ok(ck.post(`/api/cases/${a.caseId}/accept`, {}));
      const d = await ok(ck.get(`/api/cases/${late.caseId}`));
      const ev = d.events.find((e: any) => e.type === 'case.accepted');
      assert.equal(ev.data.late, true);
      assert.equal(ev.data.acceptedAsOf, '2026-11-30T02:00:00.000Z');
    });

    test('a special procedure (§45) pauses case and step clocks; 7 natural days inside a working-day clock move the due by the working days paused', async () => {
      const prod = await itemId(h, '食品生产许可'); // inspection allowed; s2 承办 4 working days
      await setTime('2026-12-01T02:00:00Z'); // Tuesday
      const a = await ok(ck.post('/api/cases', { itemId: prod, applicant: PERSON, materials: [{ code: 'm1', file: file('a.pdf') }] }), 201);
      await ok(ck.post(`/api/cases/${a.caseId}/accept`, {}));
      const before = (await open(a.caseId, 'step')).due_at!.toISOString();
      const promisedBefore = (await open(a.caseId, 'case_promised')).due_at!.toISOString();
      assert.equal(before, '2026-12-07T16:00:00.000Z'); // 4 working days: 12-02, 03, 04, 07
      await setTime('2026-12-02T02:00:00Z');
      const sp = await ok(hd.post(`/api/cases/${a.caseId}/special-procedure`, { kind: 'inspection', expected: { days: 7, unit: 'natural' }, note: '委托检验' }));
      assert.deepEqual(sp.documents.map((d: any) => d.title), ['特别程序告知书']);
      const paused = await open(a.caseId, 'step');
      assert.equal(paused.status, 'paused');
      assert.equal(paused.due_at, null, 'unknown while paused');
      assert.equal(paused.next_threshold_at, null, 'nothing fires while the law stops the clock');
      await setTime('2026-12-09T02:00:00Z'); // 7 natural days later (Wednesday): 12-03,04,07,08,09 = 5 working days paused
      await ok(hd.post(`/api/cases/${a.caseId}/special-result`, { result: '检验合格', outcome: 'passed' }));
      const resumed = await open(a.caseId, 'step');
      assert.equal(resumed.status, 'open');
      assert.equal(resumed.due_at!.toISOString(), '2026-12-14T16:00:00.000Z'); // 12-07 + 5 working days
      const promised = (await open(a.caseId, 'case_promised')).due_at!.toISOString();
      assert.notEqual(promised, promisedBefore);
      const d = await ok(hd.get(`/api/cases/${a.caseId}`));
      const stepView = d.clocks.filter((c: any) => c.kind === 'step').at(-1);
      assert.equal(stepView.pauses.length, 1);
      assert.deepEqual([stepView.pauses[0].counted, stepView.pauses[0].days], [true, 5]);
      // suspension (挂起) stops the promised clock but not the legal one
      await ok(hd.post(`/api/cases/${a.caseId}/suspend`, { reason: '等待申请人现场整改', expected: { days: 3, unit: 'workday' } }));
      assert.equal((await open(a.caseId, 'case_promised')).status, 'paused');
      assert.equal((await open(a.caseId, 'case_legal')).status, 'open');
      await setTime('2026-12-11T02:00:00Z');
      await ok(hd.post(`/api/cases/${a.caseId}/resume`, { reason: '整改完毕' }));
      assert.equal((await open(a.caseId, 'case_promised')).status, 'open');
    });

    test('an extension (§42) moves the promised and legal limits by 10 working days; a supplement during processing pauses them', async () => {
      await setTime('2026-12-14T02:00:00Z');
      const a = await enter(h, ck, permit);
      await ok(ck.post(`/api/cases/${a.caseId}/accept`, {}));
      const legal = (await open(a.caseId, 'case_legal')).due_at!.toISOString();
      assert.equal(legal, '2027-01-11T16:00:00.000Z'); // 2027's holidays are not published yet: weekdays count
      const ld = await h.login('scjg_leader');
      await ok(ld.post(`/api/cases/${a.caseId}/extend`, { reason: '需要专家论证' }));
      assert.equal((await open(a.caseId, 'case_legal')).due_at!.toISOString(), '2027-01-25T16:00:00.000Z', '+10 working days');
      await ok(hd.post(`/api/cases/${a.caseId}/supplement`, { items: [{ name: '设备清单', problem: '与现场不符' }], limit: { days: 10, unit: 'workday' } }));
      const row = await h.tdb.database.db.selectFrom('cases').select(['status', 'promised_due_at', 'step_due_at']).where('id', '=', a.caseId).executeTakeFirstOrThrow();
      assert.equal(row.status, 'processing_supplement');
      assert.equal(row.promised_due_at, null);
      assert.equal(row.step_due_at, null);
      assert.equal((await open(a.caseId, 'supplement')).status, 'open');
      await setTime('2026-12-16T02:00:00Z');
      await ok(ck.post(`/api/cases/${a.caseId}/supply`, { materials: [{ code: null, name: '设备清单（更正）', file: file('list.pdf') }] }));
      assert.equal((await open(a.caseId, 'case_promised')).status, 'open');
    });
  });
}

// SUP-2 timer: thresholds of real case clocks signalled at their instants with an injected
// clock (no sleeps), exactly once; pauses move the instant; rules fire on real commands;
// two sweepers on one PostgreSQL database signal each due threshold exactly once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backends } from '../helpers/db.ts';
import { startHarness, type Client, type Harness } from '../helpers/app.ts';
import { enter, ok } from '../helpers/cases.ts';
import { acceptedCase, openClocks, setupCases, signalsOf, supervise } from '../helpers/supervision.ts';
import { sweep, sweepAll } from '../../src/supervision/sweep.ts';
import { thresholdInstants, levelsFor, BUILTIN_PROFILES } from '../../src/supervision/profiles.ts';
import { loadCalendar } from '../../src/calendar/service.ts';
import { openDatabase } from '../../src/store/db.ts';
import { verifyChainTable } from '../../src/store/event-chain.ts';

const chengdu = BUILTIN_PROFILES[0];

for (const backend of backends()) {
  describe(`supervision timer (${backend})`, () => {
    let h: Harness;
    let ck: Client;
    let hd: Client;
    let food: number;
    before(async () => {
      h = await startHarness(backend);
      ({ ck, hd, food } = await setupCases(h));
    });
    after(() => h.close());
    /** Advancing the clock ends idle sessions: sign in again. */
    const advance = async (ms: number) => {
      h.clock.advance(ms);
      [ck, hd] = await Promise.all([h.login('ck01'), h.login('scjg_handler')]);
    };

    test('a step clock turns yellow then red at its instants, each signalled once; the row moves on', async () => {
      const db = h.tdb.database.db;
      const id = await acceptedCase(h, ck, food);
      const cal = await loadCalendar(db);
      const step = (await openClocks(h, id)).find((c) => c.kind === 'step')!;
      const [y, r] = thresholdInstants(step.state, cal, levelsFor(chengdu, 'step'));
      assert.equal(step.next_threshold_at?.toISOString(), y.at.toISOString(), 'the hook armed the first threshold');
      assert.deepEqual(await sweep(db, new Date(y.at.getTime() - 1)), { claimed: 0, signalled: 0 });
      const s1 = await sweep(db, y.at);
      assert.ok(s1.signalled >= 1);
      const again = await sweep(db, y.at);
      assert.equal(again.signalled, 0, 'never twice');
      let sig = (await signalsOf(h, id)).filter((s) => s.clock_kind === 'step');
      assert.deepEqual(sig.map((s) => s.level), ['yellow']);
      assert.equal(sig[0].evidence.clock.kind, 'step');
      assert.equal((await openClocks(h, id)).find((c) => c.kind === 'step')!.next_threshold_at?.toISOString(), r.at.toISOString());
      await sweepAll(db, r.at);
      sig = (await signalsOf(h, id)).filter((s) => s.clock_kind === 'step');
      assert.deepEqual(sig.map((s) => s.level), ['yellow', 'red']);
      assert.equal((await openClocks(h, id)).find((c) => c.kind === 'step')!.next_threshold_at, null);
      // red: a response clock, a 督办通知书, notifications; chains verify
      const redId = sig[1].id;
      const doc = await sql<{ kind: string }>`select kind from sup_documents where signal_id = ${redId}`.execute(db);
      assert.deepEqual(doc.rows.map((d) => d.kind), ['supervision_notice']);
      const rc = await sql<{ kind: string }>`select kind from sup_clocks where source = 'signal' and source_id = ${redId}`.execute(db);
      assert.deepEqual(rc.rows.map((c) => c.kind), ['signal_response']);
      const bell = await sql<{ n: number }>`select count(*)::int as n from sup_outbox where signal_id = ${redId} and channel = 'inapp'`.execute(db);
      assert.ok(bell.rows[0].n >= 1, 'the unit leader and handler are notified in-app');
      assert.equal((await verifyChainTable(db, 'signal_events')).firstBreak, null);
    });

    test('a suspension pauses the step clock (no threshold while paused); resumption re-arms it later', async () => {
      const db = h.tdb.database.db;
      const id = await acceptedCase(h, ck, food);
      const before = (await openClocks(h, id)).find((c) => c.kind === 'case_promised')!.next_threshold_at!;
      await advance(3600_000);
      await ok(hd.post(`/api/cases/${id}/suspend`, { reason: '等待规划部门出具意见' }));
      await supervise(h, id);
      assert.equal((await openClocks(h, id)).find((c) => c.kind === 'case_promised'), undefined, 'the paused clock left the open index');
      assert.equal((await sweep(db, new Date(before.getTime() + 1))).signalled, 0);
      await advance(7 * 24 * 3600_000);
      await ok(hd.post(`/api/cases/${id}/resume`, { reason: '已收到意见' }));
      await supervise(h, id);
      const after = (await openClocks(h, id)).find((c) => c.kind === 'case_promised')!.next_threshold_at!;
      assert.ok(after.getTime() > before.getTime() + 4 * 24 * 3600_000, `moved from ${before.toISOString()} to ${after.toISOString()}`);
    });

    test('event rules fire on real commands: a refusal with an empty-sounding reason is a 不受理异常', async () => {
      await advance(0);
      const a = await enter(h, ck, food);
      await ok(ck.post(`/api/cases/${a.caseId}/refuse`, { reason: '不符合' }));
      await supervise(h, a.caseId);
      await supervise(h, a.caseId);
      const s = (await signalsOf(h, a.caseId)).filter((x) => x.rule_code);
      assert.deepEqual(s.map((x) => x.rule_code), ['REFUSE_WITHOUT_REASON'], 'once, even when supervised twice');
      assert.equal(s[0].level, 'red');
      assert.equal(s[0].evidence.eventIds.length, 1);
      const b = await enter(h, ck, food);
      await ok(ck.post(`/api/cases/${b.caseId}/refuse`, { reason: '申请事项依法不需要取得行政许可，已当场告知申请人' }));
      await supervise(h, b.caseId);
      assert.deepEqual((await signalsOf(h, b.caseId)).filter((x) => x.rule_code), []);
    });

    if (backend === 'postgres') {
      test('two sweepers on two connections signal each due threshold exactly once', async () => {
        const db = h.tdb.database.db;
        await advance(0);
        const id = await acceptedCase(h, ck, food);
        const step = (await openClocks(h, id)).find((c) => c.kind === 'step')!;
        // 400 more open clocks like it, all past their red instant
        await sql`insert into case_clocks (case_id, kind, seq, ref, state, started_at, due_at, next_threshold_at, status, updated_at)
          select case_id, 'step', 100 + g, ref, state, started_at, due_at, started_at, 'open', updated_at
          from case_clocks, generate_series(1, 400) g where id = ${step.id}`.execute(db);
        const far = new Date(Date.UTC(2027, 5, 1));
        const before = (await sql<{ n: number }>`select count(*)::int as n from signals`.execute(db)).rows[0].n;
        const [a, b] = await Promise.all([openDatabase({ databaseUrl: h.tdb.url! }), openDatabase({ databaseUrl: h.tdb.url! })]);
        try {
          const [ra, rb] = await Promise.all([sweepAll(a.db, far, 25), sweepAll(b.db, far, 25)]);
          assert.ok(ra.signalled > 0 && rb.signalled > 0, `both worked: ${ra.signalled} + ${rb.signalled}`);
          const per = await sql<{ clock_id: number; n: number }>`
            select clock_id, count(*)::int as n from signals where clock_source = 'case' and clock_kind = 'step' and case_id = ${id} group by clock_id`.execute(db);
          assert.equal(per.rows.length, 401);
          assert.ok(per.rows.every((r) => r.n === 1), 'one red per clock (yellow superseded)');
          const total = (await sql<{ n: number }>`select count(*)::int as n from signals where origin = 'clock'`.execute(db)).rows[0].n;
          const all = (await sql<{ n: number }>`select count(*)::int as n from signals`.execute(db)).rows[0].n;
          assert.equal(all - before, ra.signalled + rb.signalled, 'every signal written was counted by exactly one sweeper');
          assert.ok(total >= 401);
          const left = await sql<{ n: number }>`select count(*)::int as n from case_clocks where status = 'open' and next_threshold_at <= ${far}`.execute(db);
          assert.equal(left.rows[0].n, 0, 'nothing due is left');
        } finally {
          await Promise.all([a.close(), b.close()]);
        }
      });
    }
  });
}

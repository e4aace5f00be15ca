// SUP-2 timer: thresholds of real case clocks signalled at their instants with an injected
// clock (no sleeps), exactly once; the follow-up (response clock, 督办通知书, notifications) owed
// by the sweep's transaction and done once by the follow-up step — or first by a handling act
// that overtakes it; pauses move the instant; rules fire on real commands; two sweepers on one
// PostgreSQL database signal each due threshold, and follow each signal up, exactly once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type RawBuilder } from 'kysely';
import { backends } from '../helpers/db.ts';
import { startHarness, type Client, type Harness } from '../helpers/app.ts';
import { enter, ok } from '../helpers/cases.ts';
import { acceptedCase, openClocks, setupCases, signalsOf, supervise } from '../helpers/supervision.ts';
import { sweep, sweepAll, sweepClocks } from '../../src/supervision/sweep.ts';
import { runAllFollowups } from '../../src/supervision/followups.ts';
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
      // moved back onto a threshold already signalled (as a re-arm could): the committed key is
      // left out — no second signal, no event, no follow-up — and the clock still moves on
      await sql`update case_clocks set next_threshold_at = ${y.at} where id = ${step.id}`.execute(db);
      const count = async () => (await sql<{ s: number; e: number }>`select (select count(*) from signals)::int as s,
        (select count(*) from signal_events)::int as e`.execute(db)).rows[0];
      const before = await count();
      const back = await sweep(db, y.at);
      assert.ok(back.claimed >= 1);
      assert.equal(back.signalled, 0);
      assert.deepEqual(await count(), before);
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

    /** What the follow-up wrote for a signal, and whether it is still owed. */
    const followupOf = async (signalId: number) => {
      const db = h.tdb.database.db;
      const q = async (query: RawBuilder<{ n: number }>) => (await query.execute(db)).rows[0].n;
      return {
        docs: await q(sql<{ n: number }>`select count(*)::int as n from sup_documents where signal_id = ${signalId} and kind = 'supervision_notice'`),
        clocks: await q(sql<{ n: number }>`select count(*)::int as n from sup_clocks where source = 'signal' and source_id = ${signalId} and kind = 'signal_response'`),
        bell: await q(sql<{ n: number }>`select count(*)::int as n from sup_outbox where signal_id = ${signalId} and channel = 'inapp'`),
        owed: await q(sql<{ n: number }>`select count(*)::int as n from sup_signal_followups where signal_ids @> array[${signalId}::bigint]`),
      };
    };

    test('the sweep leaves the follow-up owed in its own transaction; the follow-up step does it once', async () => {
      const db = h.tdb.database.db;
      await advance(0);
      const id = await acceptedCase(h, ck, food);
      const cal = await loadCalendar(db);
      const step = (await openClocks(h, id)).find((c) => c.kind === 'step')!;
      const [, r] = thresholdInstants(step.state, cal, levelsFor(chengdu, 'step'));
      const swept = await sweepClocks(db, r.at);
      assert.ok(swept.signalled >= 1);
      const [red] = (await signalsOf(h, id)).filter((s) => s.clock_kind === 'step');
      assert.equal(red.level, 'red', 'yellow superseded');
      assert.deepEqual(await followupOf(red.id), { docs: 0, clocks: 0, bell: 0, owed: 1 }, 'the signal and its chain are there, the rest is owed');
      assert.equal((await verifyChainTable(db, 'signal_events')).firstBreak, null);
      assert.ok((await runAllFollowups(db, r.at)) >= 1);
      const done = await followupOf(red.id);
      assert.deepEqual({ ...done, bell: done.bell > 0 }, { docs: 1, clocks: 1, bell: true, owed: 0 });
      // the response clock counts from the raising: its due instant is the signal's
      const rc = await sql<{ due_at: Date; response_due_at: Date }>`
        select c.due_at, s.response_due_at from sup_clocks c join signals s on s.id = c.source_id where c.source = 'signal' and c.source_id = ${red.id}`.execute(db);
      assert.equal(rc.rows[0].due_at.toISOString(), rc.rows[0].response_due_at.toISOString());
      assert.equal(await runAllFollowups(db, r.at), 0, 'nothing is done twice');
      assert.deepEqual(await followupOf(red.id), done);
    });

    test('a handling act on a signal still owed its follow-up does the follow-up first', async () => {
      const db = h.tdb.database.db;
      await advance(0);
      const id = await acceptedCase(h, ck, food);
      const cal = await loadCalendar(db);
      const step = (await openClocks(h, id)).find((c) => c.kind === 'step')!;
      const [, r] = thresholdInstants(step.state, cal, levelsFor(chengdu, 'step'));
      await sweepClocks(db, r.at);
      const [red] = (await signalsOf(h, id)).filter((s) => s.clock_kind === 'step');
      await advance(r.at.getTime() - h.clock.now().getTime() + 60_000);
      const leader = await h.login('scjg_leader');
      const res = await ok(leader.post(`/api/supervision/signals/${red.id}/explain`, { text: '承办人员外出培训，已安排他人接办' }));
      assert.equal(res.signal.status, 'explained');
      const after = await followupOf(red.id);
      assert.deepEqual({ ...after, bell: after.bell > 0 }, { docs: 1, clocks: 1, bell: true, owed: 0 }, 'followed up inside the act');
      const rc = await sql<{ status: string }>`select status from sup_clocks where source = 'signal' and source_id = ${red.id}`.execute(db);
      assert.deepEqual(rc.rows.map((c) => c.status), ['stopped'], 'and the explanation stopped the response clock it started');
      await runAllFollowups(db, h.clock.now());
      assert.deepEqual(await followupOf(red.id), after, 'the follow-up step has nothing left for it');
    });

    test('a late response is marked on the parent signal\'s chain by the follow-up of the response clock\'s signal', async () => {
      const db = h.tdb.database.db;
      await advance(0);
      const id = await acceptedCase(h, ck, food);
      const cal = await loadCalendar(db);
      const step = (await openClocks(h, id)).find((c) => c.kind === 'step')!;
      const [, r] = thresholdInstants(step.state, cal, levelsFor(chengdu, 'step'));
      await sweepAll(db, r.at);
      const [red] = (await signalsOf(h, id)).filter((s) => s.clock_kind === 'step');
      const due = (await sql<{ d: Date }>`select response_due_at as d from signals where id = ${red.id}`.execute(db)).rows[0].d;
      const late = new Date(due.getTime() + 3600_000);
      await sweepClocks(db, late);
      const child = await sql<{ id: number; level: string }>`select id, level from signals where parent_id = ${red.id} and clock_kind = 'signal_response'`.execute(db);
      assert.deepEqual(child.rows.map((c) => c.level), ['red']);
      const marks = () => sql<{ n: number }>`select count(*)::int as n from signal_events where stream_id = ${`signal:${red.id}`} and type = 'signal.deadline_passed'`.execute(db);
      assert.equal((await marks()).rows[0].n, 0, 'owed until the follow-up');
      await runAllFollowups(db, late);
      const ev = await sql<{ data: any }>`select data from signal_events where stream_id = ${`signal:${red.id}`} and type = 'signal.deadline_passed'`.execute(db);
      assert.deepEqual(ev.rows.map((e) => [e.data.childSignalId, e.data.clockKind, e.data.level]), [[child.rows[0].id, 'signal_response', 'red']]);
      assert.equal((await verifyChainTable(db, 'signal_events')).firstBreak, null);
      assert.equal((await followupOf(child.rows[0].id)).clocks, 0, 'no response clock on a response clock\'s signal');
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
          // both also ran the follow-up step: every red signal followed up by exactly one of them
          const fu = await sql<{ docs: number; clocks: number }>`
            select (select count(*) from sup_documents d where d.signal_id = s.id and d.kind = 'supervision_notice')::int as docs,
              (select count(*) from sup_clocks c where c.source = 'signal' and c.source_id = s.id and c.kind = 'signal_response')::int as clocks
            from signals s where s.case_id = ${id} and s.clock_kind = 'step' and s.level = 'red'`.execute(db);
          assert.equal(fu.rows.length, 401);
          assert.ok(fu.rows.every((x) => x.docs === 1 && x.clocks === 1), 'one 督办通知书 and one response clock per red signal');
          const owed = await sql<{ n: number }>`select count(*)::int as n from sup_signal_followups`.execute(db);
          assert.equal(owed.rows[0].n, 0, 'nothing is left owed');
        } finally {
          await Promise.all([a.close(), b.close()]);
        }
      });
    }
  });
}

// ARCHITECTURE "Time": a calendar change re-derives the due instant and the next supervision
// threshold of every open clock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../helpers/db.ts';
import { startHarness, type Harness } from '../helpers/app.ts';
import { enter, ok, publishPermit, seedItems } from '../helpers/cases.ts';

for (const backend of backends()) {
  describe(`calendar change re-derives open clocks (${backend})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(backend);
      await seedItems(h);
    });
    after(() => h.close());

    test('turning the make-up Saturday inside a running step into a rest day moves its due instant and yellow threshold, and back', async () => {
      h.clock.t = new Date('2026-09-28T02:00:00Z');
      const permit = await publishPermit(h, { name: '测试经营许可（日历变更）' });
      h.clock.t = new Date('2026-09-30T02:00:00Z');
      const ck = await h.login('ck01');
      const a = await enter(h, ck, permit);
      await ok(ck.post(`/api/cases/${a.caseId}/accept`, {}));
      const step = async () =>
        h.tdb.database.db.selectFrom('case_clocks').selectAll().where('case_id', '=', a.caseId).where('kind', '=', 'step').where('status', '=', 'open').executeTakeFirstOrThrow();
      const before = await step();
      assert.equal(before.due_at!.toISOString(), '2026-10-13T16:00:00.000Z');
      const admin = await h.login('admin');
      assert.equal(before.next_threshold_at!.toISOString(), '2026-10-09T16:00:00.000Z'); // yellow from 10-10
      // 10-10 back to an ordinary Saturday: working days 10-8, 10-9, 10-12, 10-13, 10-14.
      assert.equal((await admin.put('/api/calendar/days/2026-10-10', { kind: 'default' })).statusCode, 200);
      const moved = await step();
      assert.equal(moved.due_at!.toISOString(), '2026-10-14T16:00:00.000Z');
      assert.equal(moved.next_threshold_at!.toISOString(), '2026-10-11T16:00:00.000Z', 'yellow from 10-12, when 2 working days remain');
      assert.equal((await admin.put('/api/calendar/days/2026-10-10', { kind: 'workday', name: '国庆节调休' })).statusCode, 200);
      const back = await step();
      assert.equal(back.due_at!.toISOString(), '2026-10-13T16:00:00.000Z');
      assert.equal(back.next_threshold_at!.toISOString(), '2026-10-09T16:00:00.000Z');
    });
  });
}

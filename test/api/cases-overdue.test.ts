// The 超期 filter of the staff case list (issue 4; SUP-2, SUP-4): open cases past their
// promised, legal or step limit, within the user's jurisdiction, keyset-paginated; decided,
// closed and not-yet-accepted cases are never overdue, nor a clock while it is paused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../helpers/db.ts';
import { errorOf, startHarness, type Client, type Harness } from '../helpers/app.ts';
import { enter, itemId, ok, seedItems } from '../helpers/cases.ts';

for (const backend of backends()) {
  describe(`cases: overdue filter (${backend})`, () => {
    let h: Harness;
    let food: number; // 食品经营许可: promised 5 working days, legal 10; s2 承办 2 working days
    const ids: Record<'open' | 'decided' | 'suspended' | 'submitted' | 'withdrawn' | 'later', number> = {} as any;
    before(async () => {
      h = await startHarness(backend);
      await seedItems(h);
      food = await itemId(h, '食品经营许可');
    });
    after(() => h.close());

    /** Sessions expire as the injected clock jumps: sign in at the current instant. */
    const as = (u: string) => h.login(u);
    const listIds = async (c: Client, query: string) => {
      const out: number[] = [];
      let after: number | null = null;
      do {
        const p = await ok(c.get(`/api/cases?${query}&limit=2${after ? `&after=${after}` : ''}`));
        out.push(...p.items.map((x: any) => x.id));
        after = p.nextCursor;
      } while (after);
      return out;
    };

    test('accepted Monday 2026-11-02: overdue by step on Thursday, by the promised limit after 11-09, by the legal limit after 11-16', async () => {
      const [ck, hd, rv, ld] = await Promise.all(['ck01', 'scjg_handler', 'scjg_reviewer', 'scjg_leader'].map(as));
      const accepted = async () => {
        const a = await enter(h, ck, food);
        await ok(ck.post(`/api/cases/${a.caseId}/accept`, {}));
        return a.caseId as number;
      };
      ids.open = await accepted();
      ids.decided = await accepted();
      await ok(hd.post(`/api/cases/${ids.decided}/pass`, { opinion: 'agree' }));
      await ok(rv.post(`/api/cases/${ids.decided}/pass`, { opinion: 'agree' }));
      await ok(ld.post(`/api/cases/${ids.decided}/decide`, { outcome: 'grant', legalBasis: ['《中华人民共和国食品安全法》第三十五条'] }));
      ids.suspended = await accepted();
      await ok(hd.post(`/api/cases/${ids.suspended}/suspend`, { reason: '申请人要求暂缓办理' }));
      ids.submitted = (await enter(h, ck, food)).caseId;
      ids.withdrawn = await accepted();
      await ok(ck.post(`/api/cases/${ids.withdrawn}/withdraw`, { reason: '申请人书面撤回' }));
      const ours = (list: number[]) => list.filter((id) => Object.values(ids).includes(id));

      let sup = await as('jcj_city');
      for (const k of ['promised', 'legal', 'step']) assert.deepEqual(ours(await listIds(sup, `overdue=${k}`)), [], `nothing is overdue yet (${k})`);

      // Thursday: the 2-working-day 承办 step (11-03, 11-04) has run out; the case limits have not.
      h.clock.t = new Date('2026-11-05T02:00:00Z');
      sup = await as('jcj_city');
      assert.deepEqual(ours(await listIds(sup, 'overdue=step')), [ids.open]);
      assert.deepEqual(ours(await listIds(sup, 'overdue=promised')), []);

      // after the 5th working day (11-09): the promised limit; a case accepted now is not overdue
      h.clock.t = new Date('2026-11-10T02:00:00Z');
      const ck2 = await as('ck01');
      ids.later = (await enter(h, ck2, food)).caseId;
      await ok(ck2.post(`/api/cases/${ids.later}/accept`, {}));
      sup = await as('jcj_city');
      const promised = await ok(sup.get('/api/cases?overdue=promised&limit=200'));
      assert.deepEqual(ours(promised.items.map((x: any) => x.id)), [ids.open]);
      const row = promised.items.find((x: any) => x.id === ids.open);
      assert.ok(row.promisedDueAt < h.clock.now().toISOString());
      assert.ok(row.clocks.some((c: any) => c.kind === 'case_promised' && c.overdue), 'the list badge agrees');
      assert.deepEqual(ours(await listIds(sup, 'overdue=legal')), []);
      // other filters combine with it
      assert.deepEqual(ours(await listIds(sup, 'overdue=promised&status=in_process')), [ids.open]);
      assert.deepEqual(ours(await listIds(sup, 'overdue=promised&status=suspended')), []);

      // after the 10th working day (11-16): the legal limit too — and 挂起 pauses only the
      // promised and step clocks (PAUSED_BY), so the suspended case is past its legal limit
      h.clock.t = new Date('2026-11-17T02:00:00Z');
      sup = await as('jcj_city');
      assert.deepEqual(ours(await listIds(sup, 'overdue=legal')), [ids.suspended, ids.open]);
      assert.deepEqual(ours(await listIds(sup, 'overdue=promised')), [ids.open]);
    });

    test('jurisdiction, keyset pages, refusals (400, 401, 403)', async () => {
      // the unit's own staff see it; other units and districts do not
      const hd = await as('scjg_handler');
      assert.ok((await listIds(hd, 'overdue=promised')).includes(ids.open));
      for (const u of ['fc_scjg_handler', 'zjj_handler', 'jcj_fucheng']) {
        assert.ok(!(await listIds(await as(u), 'overdue=promised')).includes(ids.open), u);
      }
      // several overdue cases page by id, newest first, each once
      const ck = await as('ck01');
      const more: number[] = [];
      for (let i = 0; i < 3; i++) {
        const a = await enter(h, ck, food);
        await ok(ck.post(`/api/cases/${a.caseId}/accept`, {}));
        more.push(a.caseId);
      }
      h.clock.t = new Date('2026-11-25T02:00:00Z');
      const sup = await as('jcj_city');
      const all = await listIds(sup, 'overdue=promised');
      assert.deepEqual(all.filter((id) => [ids.open, ...more].includes(id)), [...more].reverse().concat(ids.open));
      assert.equal(new Set(all).size, all.length);
      assert.deepEqual([...all].sort((x, y) => y - x), all, 'newest first');

      const bad = await sup.get('/api/cases?overdue=yes');
      assert.equal(bad.statusCode, 400);
      assert.equal(errorOf(bad).code, 'VALIDATION_FAILED');
      assert.equal((await h.client().get('/api/cases?overdue=promised')).statusCode, 401);
      const zs = await as('zhangsan');
      assert.equal((await zs.get('/api/cases?overdue=promised')).statusCode, 403);
    });
  });
}

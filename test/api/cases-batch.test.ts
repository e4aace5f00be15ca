// Group commit of case commands (src/cases/command-batch.ts): commands on different cases
// submitted together share one transaction, yet each is all or nothing with its own answer —
// a refusal, an unknown case, or a failure of one command never changes or fails another, and
// two commands on one case run one after the other.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/store/schema.ts';
import { backends } from '../helpers/db.ts';
import { startHarness, type Harness } from '../helpers/app.ts';
import { itemId, seedItems, PERSON } from '../helpers/cases.ts';
import { loadActor } from '../../src/access/actor.ts';
import type { Actor } from '../../src/access/scope.ts';
import { applyForCase } from '../../src/cases/create.ts';
import { batcherOf, fromStored, runCommand } from '../../src/cases/commands.ts';
import { caseEvents } from '../../src/cases/views.ts';
import { replay } from '../../src/domain/case-machine.ts';
import { onCaseEvents } from '../../src/supervision/hooks.ts';
import { verifyChainTable } from '../../src/store/event-chain.ts';
import { AppError } from '../../src/http/errors.ts';
import { cachedState, knownHead } from '../../src/cases/state-cache.ts';

for (const backend of backends()) {
  describe(`cases: commands submitted together (${backend})`, () => {
    let h: Harness;
    let db: Kysely<DB>;
    let ck: Actor;
    let hd: Actor;
    let item: number;
    const now = () => h.clock.now();

    async function actor(username: string): Promise<Actor> {
      // system: the test resolves demo accounts by name
      const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      return (await loadActor(db, u.id))!;
    }
    async function applied(n: number): Promise<number[]> {
      const ids: number[] = [];
      for (let i = 0; i < n; i++) {
        ids.push((await applyForCase(db, { itemId: item, channel: 'window', applicant: PERSON, materials: [{ code: 'm1', paper: true }] },
          { actor: ck, now: now(), ip: '127.0.0.1' })).caseId);
      }
      return ids;
    }
    const eventCountOf = async (id: number) => (await db.selectFrom('cases').select('event_count').where('id', '=', id).executeTakeFirstOrThrow()).event_count;
    async function assertConsistent(ids: number[]) {
      for (const id of ids) {
        const row = await db.selectFrom('cases').select('state').where('id', '=', id).executeTakeFirstOrThrow();
        assert.deepEqual(replay((await caseEvents(db, id)).map(fromStored)), row.state, `case ${id}: projection = replay`);
      }
      assert.equal((await verifyChainTable(db, 'case_events')).firstBreak, null);
    }

    before(async () => {
      h = await startHarness(backend);
      db = h.tdb.database.db;
      await seedItems(h);
      item = await itemId(h, '食品经营许可');
      [ck, hd] = await Promise.all([actor('ck01'), actor('scjg_handler')]);
    });
    after(() => h.close());

    test('commands on different cases share a transaction; every case gets its own events and projections', async () => {
      const ids = await applied(8);
      const s0 = { ...batcherOf(db).stats };
      const done = await Promise.all(ids.map((id) => runCommand(db, id, { type: 'accept' }, { actor: ck, now: now(), ip: '127.0.0.1' })));
      const s1 = batcherOf(db).stats;
      assert.equal(s1.commands - s0.commands, 8);
      assert.ok(s1.batches - s0.batches < 8, `fewer transactions than commands (${s1.batches - s0.batches})`);
      assert.equal(s1.replayed - s0.replayed, 0);
      for (const [i, d] of done.entries()) {
        assert.equal(d.caseId, ids[i]);
        assert.equal(d.state.status, 'in_process');
        assert.ok(d.events.every((e) => Number.isInteger(e.id) && e.id > 0), 'event ids returned');
        assert.deepEqual(d.documents.map((x) => x.kind), ['acceptance_notice'], 'each case its own 受理通知书');
      }
      const docs = await db.selectFrom('case_documents').select(['case_id', 'doc_no']).where('case_id', 'in', ids).where('kind', '=', 'acceptance_notice').execute();
      assert.equal(new Set(docs.map((x) => x.doc_no)).size, 8, 'distinct document numbers');
      await assertConsistent(ids);
    });

    test('a refusal and an unknown case answer their callers and change nothing; the others succeed', async () => {
      const ids = await applied(4);
      const before = await eventCountOf(ids[1]);
      const s0 = { ...batcherOf(db).stats };
      const results = await Promise.allSettled([
        runCommand(db, ids[0], { type: 'accept' }, { actor: ck, now: now() }),
        runCommand(db, ids[1], { type: 'accept' }, { actor: hd, now: now() }), // not a window clerk
        runCommand(db, 99_999_999, { type: 'accept' }, { actor: ck, now: now() }),
        runCommand(db, ids[2], { type: 'accept' }, { actor: ck, now: now() }),
        runCommand(db, ids[3], { type: 'refuse', reason: '' } as never, { actor: ck, now: now() }), // reason required
      ]);
      assert.equal(results[0].status, 'fulfilled');
      assert.equal(results[3].status, 'fulfilled');
      const refused = (results[1] as PromiseRejectedResult).reason;
      assert.ok(refused instanceof AppError && refused.status === 403, String(refused));
      const missing = (results[2] as PromiseRejectedResult).reason;
      assert.ok(missing instanceof AppError && missing.status === 404, String(missing));
      const noReason = (results[4] as PromiseRejectedResult).reason;
      assert.ok(noReason instanceof AppError && noReason.status === 400, String(noReason));
      assert.equal(await eventCountOf(ids[1]), before, 'refused: nothing written');
      assert.equal(batcherOf(db).stats.replayed - s0.replayed, 0, 'refusals need no replay');
      await assertConsistent(ids);
    });

    test('two commands on one case submitted together run one after the other', async () => {
      const [id] = await applied(1);
      const [a, b] = await Promise.all([
        runCommand(db, id, { type: 'accept' }, { actor: ck, now: now() }),
        runCommand(db, id, { type: 'pass_step', opinion: 'agree', comment: '材料齐全' }, { actor: hd, now: now() }),
      ]);
      assert.equal(a.state.currentStep, b.state.steps.at(-2)?.code, 'the second saw the first');
      assert.ok(b.events[0].seq > a.events.at(-1)!.seq);
      await assertConsistent([id]);
    });

    test('a command whose supervision hook fails is replayed alone and fails alone; the others commit', async () => {
      const ids = await applied(3);
      const off = onCaseEvents(async (_trx, b) => {
        if (b.row.id === ids[1]) throw new Error('rule engine failure');
      });
      try {
        const s0 = { ...batcherOf(db).stats };
        const before = await eventCountOf(ids[1]);
        const results = await Promise.allSettled(ids.map((id) => runCommand(db, id, { type: 'accept' }, { actor: ck, now: now() })));
        assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
        assert.match(String((results[1] as PromiseRejectedResult).reason), /rule engine failure/);
        assert.equal(await eventCountOf(ids[1]), before, 'rolled back');
        assert.equal(batcherOf(db).stats.replayed - s0.replayed, 3, 'the batch was replayed command by command');
      } finally {
        off();
      }
      await assertConsistent(ids);
    });

    test('a refused command built inside the transaction (uploads) rolls back whatever it stored', async () => {
      const ids = await applied(2);
      const results = await Promise.allSettled([
        runCommand(db, ids[0], { type: 'accept' }, { actor: ck, now: now() }),
        runCommand(db, ids[1], async (trx) => {
          await trx.insertInto('files').values({ hash: 'f'.repeat(64), name: '未受理的上传.pdf', mime: 'application/pdf', size: 1, content: Buffer.from('x'), created_at: now() } as never).execute();
          return { type: 'accept' };
        }, { actor: hd, now: now() }),
      ]);
      assert.equal(results[0].status, 'fulfilled');
      assert.equal(results[1].status, 'rejected');
      const stored = await db.selectFrom('files').select('hash').where('hash', '=', 'f'.repeat(64)).execute();
      assert.equal(stored.length, 0, 'the refused command stored nothing');
      await assertConsistent(ids);
    });

    test('states a batch leaves are kept for the next batch only at the same chain head, and only once committed', async () => {
      const ids = await applied(3);
      await Promise.all(ids.map((id) => runCommand(db, id, { type: 'accept' }, { actor: ck, now: now() })));
      for (const id of ids) {
        const row = await db.selectFrom('cases').select(['state', 'event_count', 'last_hash']).where('id', '=', id).executeTakeFirstOrThrow();
        const kept = cachedState(id, row.event_count, row.last_hash);
        assert.ok(kept, `case ${id}: the committed state is kept`);
        assert.deepEqual(JSON.parse(JSON.stringify(kept)), row.state, 'the kept state is the stored state');
        assert.equal(cachedState(id, row.event_count - 1, row.last_hash), null, 'not at another head');
      }
      // a batch that rolls back leaves nothing behind
      const head0 = knownHead(ids[0]);
      const off = onCaseEvents(async () => {
        throw new Error('rule engine failure');
      });
      try {
        await Promise.allSettled(ids.map((id) => runCommand(db, id, { type: 'pass_step', opinion: 'agree' }, { actor: hd, now: now() })));
      } finally {
        off();
      }
      assert.deepEqual(knownHead(ids[0]), head0, 'the rolled-back state was not kept');
      // a command written elsewhere (another server process; here: inside a caller's transaction,
      // which does not keep states) moves the head: the next batch reads the row's state
      await db.transaction().execute((trx) => runCommand(trx, ids[0], { type: 'pass_step', opinion: 'agree', comment: '他处办理' }, { actor: hd, now: now() }));
      assert.deepEqual(knownHead(ids[0]), head0, 'still the older head in this process');
      const rv = await actor('scjg_reviewer');
      const [first, second] = await Promise.all([
        runCommand(db, ids[0], { type: 'pass_step', opinion: 'agree' }, { actor: rv, now: now() }),
        runCommand(db, ids[1], { type: 'pass_step', opinion: 'agree' }, { actor: hd, now: now() }),
      ]);
      assert.equal(first.state.currentStep, 's4', 'decided on the state written elsewhere (承办 → 审核 → 批准)');
      assert.deepEqual(first.state.steps.map((x) => x.comment ?? null).slice(0, 1), ['他处办理']);
      assert.equal(second.state.currentStep, 's3');
      await assertConsistent(ids);
    });
  });
}

// appendEvents with a known head (the caller keeps the stream head on its locked row) writes
// the same chain as reading the last event, in one INSERT; a wrong head cannot fork the chain.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, type Database } from './db.ts';
import { migrate } from './migrate.ts';
import { appendEvents, eventTableDdl, GENESIS, verifyChainTable, type NewEvent } from './event-chain.ts';

let d: Database;
const ev = (type: string): NewEvent => ({ type, at: new Date('2026-11-02T02:00:00Z'), actorId: 1, actorName: '测试', actorUnitId: 2, data: { type } });
before(async () => {
  d = await openDatabase({ memory: true });
  await migrate(d);
  await d.execScript(eventTableDdl('head_events'));
});
after(() => d.close());

test('a known head continues the chain exactly; a stale head is refused by the unique key', async () => {
  const t = new Date('2026-11-02T02:00:01Z');
  const a = await appendEvents(d.db, 'head_events', 's', [ev('a'), ev('b')], t, { seq: 0, hash: GENESIS });
  const b = await appendEvents(d.db, 'head_events', 's', [ev('c')], t, { seq: a[1].seq, hash: a[1].hash });
  const c = await appendEvents(d.db, 'head_events', 's', [ev('d')], t);
  assert.deepEqual([...a, ...b, ...c].map((e) => e.seq), [1, 2, 3, 4]);
  assert.ok(a.every((e) => e.id > 0));
  assert.equal((await verifyChainTable(d.db, 'head_events')).firstBreak, null);
  await assert.rejects(appendEvents(d.db, 'head_events', 's', [ev('x')], t, { seq: 1, hash: a[0].hash }), /duplicate|unique/);
});

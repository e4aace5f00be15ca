import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql } from 'kysely';
import { openDatabase, type Database } from './db.ts';
import { migrate } from './migrate.ts';
import { appendEvents, canonicalJson, eventTableDdl, GENESIS, readStream, sm3, verifyChainTable, type NewEvent } from './event-chain.ts';

test('SM3 matches the GB/T 32905 example "abc"', () => {
  assert.equal(sm3('abc'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
});

test('canonical JSON sorts keys at every level and is independent of insertion order', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
    const reversed = Object.fromEntries(Object.entries(o).reverse());
    return canonicalJson(o) === canonicalJson(reversed) && canonicalJson(JSON.parse(canonicalJson(o))) === canonicalJson(o);
  }));
});

/** The first, plain implementation: stored hashes depend on the output staying byte-identical. */
function referenceCanonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(referenceCanonical).join(',')}]`;
  const keys = Object.keys(v as object).filter((k) => (v as any)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${referenceCanonical((v as any)[k])}`).join(',')}}`;
}

test('canonical JSON is byte-identical to the reference form for any value (undefined members, dates, nesting)', () => {
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), fc.constant(undefined), fc.date({ noInvalidDate: true }),
      fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('v'), { maxKeys: 5 })),
  })).v;
  fc.assert(fc.property(value, (v) => canonicalJson(v) === referenceCanonical(v)), { numRuns: 500 });
});

describe('event chains on PGlite', () => {
  let d: Database;
  const ev = (type: string, data: Record<string, unknown>): NewEvent => ({
    type, at: new Date('2026-11-02T02:00:00Z'), actorId: 1, actorName: '测试', actorUnitId: 2, data,
  });
  before(async () => {
    d = await openDatabase({ memory: true });
    await migrate(d);
    await d.execScript(eventTableDdl('test_events'));
  });
  after(() => d.close());

  test('appends link each event to the previous one', async () => {
    const now = new Date('2026-11-02T02:00:01Z');
    await appendEvents(d.db, 'test_events', 's1', [ev('a', { n: 1 }), ev('b', { n: 2, 中文: '意见' })], now);
    await appendEvents(d.db, 'test_events', 's2', [ev('a', { amount: '12.50' })], now);
    await appendEvents(d.db, 'test_events', 's1', [ev('c', { nested: { x: [1, 2] } })], now);
    const s1 = await readStream(d.db, 'test_events', 's1');
    assert.deepEqual(s1.map((e) => e.seq), [1, 2, 3]);
    assert.equal(s1[0].prevHash, GENESIS);
    assert.equal(s1[1].prevHash, s1[0].hash);
    assert.equal(s1[2].prevHash, s1[1].hash);
    const r = await verifyChainTable(d.db, 'test_events', 2);
    assert.deepEqual(r, { table: 'test_events', events: 4, streams: 2, firstBreak: null });
  });

  test('the table refuses UPDATE and DELETE', async () => {
    await assert.rejects(sql`update test_events set type = 'x'`.execute(d.db), /append-only/);
    await assert.rejects(sql`delete from test_events`.execute(d.db), /append-only/);
  });

  test('verify reports the first broken link after tampering with the trigger disabled', async () => {
    await d.execScript(`alter table test_events disable trigger test_events_append_only;
      update test_events set data = '{"n": 999}'::jsonb where stream_id = 's1' and seq = 2;
      alter table test_events enable trigger test_events_append_only;`);
    const r = await verifyChainTable(d.db, 'test_events');
    assert.deepEqual(r.firstBreak && { stream: r.firstBreak.streamId, seq: r.firstBreak.seq, reason: r.firstBreak.reason }, { stream: 's1', seq: 2, reason: 'hash_mismatch' });
  });

  test('verify reports a removed event as a sequence gap', async () => {
    await d.execScript(`alter table test_events disable trigger test_events_append_only;
      delete from test_events where stream_id = 's1';
      delete from test_events where stream_id = 's2';
      alter table test_events enable trigger test_events_append_only;`);
    await appendEvents(d.db, 'test_events', 's3', [ev('a', {}), ev('b', {}), ev('c', {})], new Date());
    await d.execScript(`alter table test_events disable trigger test_events_append_only;
      delete from test_events where stream_id = 's3' and seq = 2;
      alter table test_events enable trigger test_events_append_only;`);
    const r = await verifyChainTable(d.db, 'test_events');
    assert.equal(r.firstBreak?.reason, 'sequence_gap');
    assert.equal(r.firstBreak?.seq, 3);
  });
});

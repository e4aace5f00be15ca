// The sweep's set-based writes pass whole columns as PostgreSQL array literals (arrayLit):
// every value must come back exactly, whatever it contains.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../store/db.ts';
import { arrayLit, jsonColumn, rowsFrom, textColumn } from './arrays.ts';

let d: Database;
before(async () => {
  d = await openDatabase({ memory: true });
});
after(() => d.close());

test('array literals round-trip text (quotes, backslashes, braces, commas, NULL, blanks, Chinese) and numbers', async () => {
  const text = ['a', '', ' lead and trail ', 'NULL', 'null', null, '"quoted"', 'back\\slash', '{brace},comma', '食品经营许可（绵阳）', 'tab\there', 'new\nline'];
  const r = await sql<{ t: (string | null)[]; n: (number | string | null)[] }>`
    select ${arrayLit(text)}::text[] as t, ${arrayLit([1, null, 9007199254740991, 0])}::bigint[] as n`.execute(d.db);
  assert.deepEqual(r.rows[0].t, text);
  assert.deepEqual(r.rows[0].n.map((x) => (x === null ? null : Number(x))), [1, null, 9007199254740991, 0]);
  assert.throws(() => arrayLit([Number.NaN]), TypeError);
});

test('array literals round-trip any strings (property)', async () => {
  await fc.assert(fc.asyncProperty(fc.array(fc.option(fc.string({ unit: 'grapheme' }), { nil: null }), { maxLength: 20 }), async (xs) => {
    // PostgreSQL text cannot hold NUL
    const clean = xs.map((x) => (x === null ? null : x.replace(/\0/g, '')));
    const r = await sql<{ t: (string | null)[] }>`select ${arrayLit(clean)}::text[] as t`.execute(d.db);
    assert.deepEqual(r.rows[0].t, clean);
  }), { numRuns: 200 });
});

test('text columns split by the server round-trip any texts, a single empty one included, and fall back when every separator occurs', async () => {
  const cases: string[][] = [[''], ['', ''], ['a'], ['食品经营许可（绵阳）', 'a\u0001b', 'quote " back \\ brace {,}'], ['NULL', ' ', 'tab\there\nline']];
  cases.push([Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join(''), 'x']);
  for (const xs of cases) {
    const r = await sql<{ t: string[] }>`select array(select unnest(${textColumn(xs)})) as t`.execute(d.db);
    assert.deepEqual(r.rows[0].t, xs);
  }
  await fc.assert(fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 20 }), async (xs) => {
    const clean = xs.map((x) => x.replace(/\0/g, ''));
    const r = await sql<{ t: string[] }>`select array(select unnest(${textColumn(clean)})) as t`.execute(d.db);
    assert.deepEqual(r.rows[0].t, clean);
  }), { numRuns: 200 });
});

test('JSON columns split by the server keep each JSON text exactly as sent', async () => {
  await fc.assert(fc.asyncProperty(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 10 }), async (vs) => {
    const xs = vs.map((v) => JSON.stringify(v));
    const r = await sql<{ t: string[] }>`select array(select unnest(${jsonColumn(xs)})::json::text) as t`.execute(d.db);
    assert.deepEqual(r.rows[0].t, xs);
  }), { numRuns: 100 });
});

test('rowsFrom sends a constant column once and still yields it on every row', async () => {
  for (const n of [1, 3]) {
    const ids = Array.from({ length: n }, (_, i) => i + 1);
    const rows = await sql<{ id: number | string; k: string | null; c: string; t: string; at: Date | null }>`${rowsFrom([
      { name: 'id', type: 'bigint', values: ids }, { name: 'k', type: 'text', values: ids.map(() => null) },
      { name: 'c', type: 'text', values: ids.map((i) => (n === 1 ? 'same' : `v${i}`)) },
      { name: 'at', type: 'timestamptz', values: ids.map(() => '2026-11-02T02:00:00.000Z') },
    ], [{ name: 't', values: textColumn(ids.map((i) => `文本${i}`)) }])}`.execute(d.db);
    assert.deepEqual(rows.rows.map((r) => [Number(r.id), r.k, r.c, r.t, r.at?.toISOString()]),
      ids.map((i) => [i, null, n === 1 ? 'same' : `v${i}`, `文本${i}`, '2026-11-02T02:00:00.000Z']));
  }
  const alike = await sql<{ o: string }>`${rowsFrom([{ name: 'o', type: 'text', values: ['a', 'a', 'a'] }], [])}`.execute(d.db);
  assert.deepEqual(alike.rows.map((r) => r.o), ['a', 'a', 'a'], 'rows alike in every column are still as many rows');
  const text = rowsFrom([{ name: 'id', type: 'bigint', values: [1, 2] }, { name: 'o', type: 'text', values: ['clock', 'clock'] }], []).compile(d.db).sql;
  assert.match(text, /\$\d+::text as "o"/);
  assert.doesNotMatch(text, /unnest\(\$\d+::text\[\]\)/);
});

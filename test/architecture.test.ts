// SEC-1 enforcement: jurisdiction-bound tables are read and written through `scoped(db, actor)`.
// A direct query on such a table must carry a `// system:` comment saying why it is not
// user-facing (authentication, uniqueness checks across the platform, the seed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { scopedTables } from '../src/access/scope.ts';
import '../src/catalog/register.ts';
import '../src/cases/register.ts';

const root = join(import.meta.dirname, '..', 'src');
function files(dir: string, out: string[] = []) {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) files(p, out);
    else if (n.endsWith('.ts') && !n.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

test('every direct query on a jurisdiction-bound table is justified', () => {
  const tables = scopedTables();
  assert.ok(tables.includes('units') && tables.includes('users') && tables.includes('catalog_items'));
  const direct = new RegExp(`\\b(?:db|trx|database\\.db)\\s*\\.\\s*(?:selectFrom|updateTable|deleteFrom)\\(\\s*'(${tables.join('|')})(?:'| as )`);
  const offenders: string[] = [];
  for (const f of files(root)) {
    if (f.endsWith(join('access', 'scope.ts'))) continue;
    const lines = readFileSync(f, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!direct.test(line)) return;
      const context = lines.slice(Math.max(0, i - 3), i + 1).join('\n');
      if (!/\/\/ system:/.test(context)) offenders.push(`${relative(root, f)}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(offenders, [], 'query through scoped(db, actor) or justify with // system:');
});

test('the scan itself catches an unjustified query', () => {
  const direct = /\b(?:db|trx)\s*\.\s*(?:selectFrom|updateTable)\(\s*'(units|users)(?:'| as )/;
  assert.ok(direct.test(`await db.selectFrom('units').selectAll()`));
  assert.ok(direct.test(`trx.updateTable('users').set({})`));
  assert.ok(!direct.test(`scoped(db, a).selectFrom('units')`));
});

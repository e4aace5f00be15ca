// The `sunlight` CLI as acceptance checks call it: the calendar commands print the date alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const bin = join(import.meta.dirname, '..', 'bin', 'sunlight.mjs');

describe('sunlight CLI (PGlite data directory)', () => {
  let dir: string;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sl-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, string, string, string][] = [
    ['add-workdays', '2026-09-30', '5', '2026-10-13'], // National Day 10/1–7, make-up Saturday 10/10
    ['add-workdays', '2026-02-13', '1', '2026-02-14'], // Saturday 2/14 is a make-up working day
    ['add-workdays', '2026-02-13', '20', '2026-03-19'], // 2/14 make-up =1, Spring Festival 2/15–23, 2/24–27 =2..5, 2/28 make-up =6, then 14 weekdays
    ['add-days', '2026-09-24', '7', '2026-10-08'], // ends on 10/1 (holiday) → next working day (民法典 §203)
    ['add-days', '2026-11-20', '1', '2026-11-23'], // Saturday → Monday
  ];
  for (const [cmd, date, n, expected] of cases) {
    test(`calendar ${cmd} ${date} ${n} prints ${expected}`, () => {
      const r = run('calendar', cmd, date, n);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, `${expected}\n`);
    });
  }

  test('bad arguments exit 2 with usage on stderr and nothing on stdout', () => {
    const r = run('calendar', 'add-workdays', '2026-02-30', '1');
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /用法/);
  });

  test('calendar import changes later answers; a bad file imports nothing', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '2027-01-04,holiday,测试\n2027-01-05,rest,错误\n');
    const rb = run('calendar', 'import', bad);
    assert.equal(rb.code, 1);
    assert.match(rb.err, /第 2 行/);
    assert.equal(run('calendar', 'add-workdays', '2027-01-01', '1').out, '2027-01-04\n');
    const good = join(dir, 'good.csv');
    writeFileSync(good, '# 2027 元旦（示例）\n2027-01-04,holiday,元旦调休\n');
    assert.equal(run('calendar', 'import', good).code, 0);
    assert.equal(run('calendar', 'add-workdays', '2027-01-01', '1').out, '2027-01-05\n');
  });

  test('seed writes the demo city once; user create adds a real user; seed then refuses', () => {
    const s = run('seed');
    assert.equal(s.code, 0, s.err);
    assert.match(s.out, /演示城市/);
    const u = run('user', 'create', '--username', 'realuser', '--name', '真实用户', '--unit', '2', '--role', 'handler');
    assert.equal(u.code, 0, u.err);
    assert.match(u.out, /初始密码/);
    const again = run('seed');
    assert.equal(again.code, 1);
    assert.match(again.err, /真实用户/);
  });

  test('migrate is idempotent', () => {
    assert.equal(run('migrate').code, 0);
  });
});

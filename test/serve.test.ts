// `sunlight serve` as a process: starts on a fresh data directory (migrates, seeds the demo
// city), answers, and on SIGTERM finishes in-flight work, closes the database and exits 0.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

const bin = join(import.meta.dirname, '..', 'bin', 'sunlight.mjs');

describe('sunlight serve', () => {
  let dir: string;
  let child: ChildProcess;
  let port: number;
  let output = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sl-serve-'));
    port = 20_000 + Math.floor(Math.random() * 20_000);
    child = spawn(process.execPath, [bin, 'serve'], {
      env: { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
      const check = () => (output.includes('ready on') ? (clearTimeout(t), resolve()) : setTimeout(check, 100));
      check();
    });
  });
  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('a fresh data directory is migrated and seeded with the demo city', async () => {
    assert.match(output, /演示城市/);
    const h = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { status: string; database: string };
    assert.deepEqual([h.status, h.database], ['ok', 'pglite']);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Sunlight@2026' }),
    });
    assert.equal(login.status, 200);
    assert.ok(existsSync(join(dir, 'sunlight.lock')), 'holds the data directory');
  });

  test('a second process cannot open the same PGlite directory', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [bin, 'migrate'], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /正被进程/);
  });

  test('SIGTERM: graceful exit 0 and the lock is released', async () => {
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.ok(!existsSync(join(dir, 'sunlight.lock')));
  });
});

describe('sunlight serve with WORKERS', () => {
  test('more than one process needs PostgreSQL, and WORKERS must be a whole number', async () => {
    const { spawnSync } = await import('node:child_process');
    const pglite = spawnSync(process.execPath, [bin, 'serve'], { env: { ...process.env, WORKERS: '2', DATABASE_URL: '' }, encoding: 'utf8' });
    assert.equal(pglite.status, 1);
    assert.match(pglite.stderr, /WORKERS 大于 1 需要 PostgreSQL/);
    const bad = spawnSync(process.execPath, [bin, 'serve'], { env: { ...process.env, WORKERS: '2.5', DATABASE_URL: 'postgres://127.0.0.1/x' }, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /WORKERS 应为 1 到 64 的整数/);
  });

  test('WORKERS=2 on PostgreSQL: two processes answer on one port, one seeds the demo, SIGTERM stops both', { skip: !process.env.TEST_DATABASE_URL }, async () => {
    const { createTestDatabase } = await import('./helpers/db.ts');
    const tdb = await createTestDatabase('postgres');
    await tdb.database.close();
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    let out = '';
    const primary = spawn(process.execPath, [bin, 'serve'], {
      env: { ...process.env, WORKERS: '2', DATABASE_URL: tdb.url!, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    primary.stdout!.on('data', (d) => (out += d));
    primary.stderr!.on('data', (d) => (out += d));
    try {
      const deadline = Date.now() + 60_000;
      while ((out.match(/ready on/g) ?? []).length < 2) {
        assert.ok(Date.now() < deadline, `workers did not start: ${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const seen = new Set<number | null>();
      for (let i = 0; i < 40 && seen.size < 2; i++) {
        const h = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { database: string; worker: number | null };
        assert.equal(h.database, 'postgres');
        seen.add(h.worker);
      }
      assert.deepEqual([...seen].sort(), [1, 2]);
      assert.equal((out.match(/已写入演示城市/g) ?? []).length, 1, 'the demo city is seeded once');
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Sunlight@2026' }),
      });
      assert.equal(login.status, 200);
      // the session lives in the database: whichever process answers knows it (requests are
      // dealt round-robin, so consecutive ones reach both)
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      for (let i = 0; i < 6; i++) {
        const me = await fetch(`http://127.0.0.1:${port}/api/auth/me`, { headers: { cookie } });
        assert.equal(me.status, 200, `request ${i}`);
        assert.equal(((await me.json()) as { username: string }).username, 'admin');
      }
      const exited = new Promise<number | null>((r) => primary.on('exit', (code) => r(code)));
      primary.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (primary.exitCode === null) primary.kill('SIGKILL');
      await tdb.drop();
    }
  });
});

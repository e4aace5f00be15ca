#!/usr/bin/env node
// Builds the web app into dist/web when its sources changed since the last build, so that
// `npm start` and `npm test` work from a fresh clone without a separate build step.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist', 'web');
const stampFile = join(out, '.build-stamp');

function walk(dir, h) {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, h);
    else h.update(p.slice(root.length)).update(readFileSync(p));
  }
}
const h = createHash('sha256');
walk(join(root, 'web'), h);
if (existsSync(join(root, 'package-lock.json'))) h.update(readFileSync(join(root, 'package-lock.json')));
const stamp = h.digest('hex');

if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(join(out, 'index.html'))) process.exit(0);
console.log('building web app (vite)…');
const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
});
if (r.status !== 0) process.exit(r.status ?? 1);
writeFileSync(stampFile, stamp);

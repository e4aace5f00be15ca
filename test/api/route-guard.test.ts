// Every /api route except the declared public ones refuses an anonymous caller with 401 and
// the error shape; every mutating route refuses a signed-in caller without the CSRF token.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, startHarness, type Harness } from '../helpers/app.ts';

const PUBLIC = new Set(['POST /api/auth/login', 'POST /api/public/register', 'GET /api/health', 'HEAD /api/health']);
// The public hall's catalogue (PUB-1) needs no session.
for (const u of ['/api/public/items', '/api/public/items/:id', '/api/public/files/:hash', '/api/public/catalog/units', '/api/public/catalog/meta'])
  for (const m of ['GET', 'HEAD']) PUBLIC.add(`${m} ${u}`);
// Case progress by number + query password, and document verification (CASE-8, CASE-10).
for (const r of ['POST /api/public/case-query', 'GET /api/public/documents/verify/:code', 'HEAD /api/public/documents/verify/:code']) PUBLIC.add(r);
// The case's documents by the same number + password proof, in a POST body (CASE-8, CASE-10).
PUBLIC.add('POST /api/public/case-query/documents/:docId/pdf');

describe('route guard (pglite)', () => {
  let h: Harness;
  const routes: { method: string; url: string }[] = [];
  before(async () => {
    h = await startHarness('pglite');
    const text = h.app.printRoutes({ commonPrefix: false });
    void text;
    for (const r of (h.app as any)[Symbol.for('sunlight.routes')] ?? []) routes.push(r);
  });
  after(() => h.close());

  test('the route table is available', () => {
    assert.ok(routes.length >= 30, `found ${routes.length} routes`);
  });

  test('anonymous callers get 401 everywhere but the public routes', async () => {
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      if (PUBLIC.has(key) || !r.url.startsWith('/api/')) continue;
      const url = r.url.replace(/:(\w+)/g, (_, p) => (p === 'date' ? '2026-01-01' : p === 'code' ? '510700' : '1'));
      const res = await h.client().request(r.method, url, r.method === 'GET' || r.method === 'HEAD' ? undefined : {});
      assert.equal(res.statusCode, 401, `${key} → ${res.statusCode}`);
      if (r.method !== 'HEAD') assert.equal(errorOf(res).code, 'UNAUTHENTICATED');
    }
  });

  test('signed-in callers without the CSRF token get 403 on every mutating route', async () => {
    const c = await h.login('admin');
    for (const r of routes) {
      if (r.method === 'GET' || r.method === 'HEAD' || PUBLIC.has(`${r.method} ${r.url}`) || !r.url.startsWith('/api/')) continue;
      const url = r.url.replace(/:(\w+)/g, (_, p) => (p === 'date' ? '2026-01-01' : p === 'code' ? '510700' : '1'));
      const res = await c.request(r.method, url, {}, { 'x-csrf-token': '' });
      assert.equal(res.statusCode, 403, `${r.method} ${url}`);
      assert.equal(errorOf(res).code, 'CSRF_FAILED');
    }
  });
});

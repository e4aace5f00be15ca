// An app on a fresh test database with the demo city, an adjustable clock, and HTTP clients
// that keep their session cookie and send the CSRF header like the web app does.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/app.ts';
import { seedDemoCity, DEMO_PASSWORD } from '../../src/access/demo-city.ts';
import { createTestDatabase, type Backend, type TestDatabase } from './db.ts';

export { DEMO_PASSWORD };
export const START = new Date('2026-11-02T02:00:00.000Z'); // Monday 10:00 China time

export class TestClock {
  t: Date;
  constructor(start = START) {
    this.t = new Date(start);
  }
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
  advanceMinutes(m: number) {
    this.advance(m * 60_000);
  }
}

export interface Harness {
  app: FastifyInstance;
  tdb: TestDatabase;
  clock: TestClock;
  client(): Client;
  login(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export async function startHarness(backend: Backend, opts: { seed?: boolean } = {}): Promise<Harness> {
  const clock = new TestClock();
  const tdb = await createTestDatabase(backend, clock.now());
  if (opts.seed !== false) await seedDemoCity(tdb.database.db, clock.now());
  const app = await createApp({ database: tdb.database, now: clock.now, webDir: '/nonexistent' });
  await app.ready();
  const h: Harness = {
    app, tdb, clock,
    client: () => new Client(app),
    login: async (username, password = DEMO_PASSWORD) => {
      const c = new Client(app);
      const r = await c.post('/api/auth/login', { username, password });
      if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
      return c;
    },
    close: async () => {
      await app.close();
      await tdb.drop();
    },
  };
  return h;
}

export class Client {
  cookies = new Map<string, string>();
  csrf: string | null = null;
  constructor(private app: FastifyInstance) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse & { json(): any }> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in headers)) h['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ method: method as any, url, headers: h, ...(body !== undefined && { payload: body as any }) });
    for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
      if (!c.value || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (url === '/api/auth/login' && res.statusCode === 200) this.csrf = res.json().csrfToken;
    return res as any;
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body, headers);
  }
  put(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body, headers);
  }
}

/** Asserts the error shape and returns it. */
export function errorOf(res: { statusCode: number; json(): any }) {
  const b = res.json();
  if (!b?.error?.code || typeof b.error.message !== 'string') throw new Error(`not an error body: ${JSON.stringify(b)}`);
  return b.error as { code: string; message: string; details?: any };
}

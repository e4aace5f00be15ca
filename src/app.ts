// Wiring: open the database, migrate, bootstrap, build the HTTP app.
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { openDatabase, type Database, type OpenOptions } from './store/db.ts';
import { migrate } from './store/migrate.ts';
import { ensureBuiltinRoles } from './access/bootstrap.ts';
import { onCalendarChange, seedCalendarIfEmpty } from './calendar/service.ts';
import { rederiveOpenCaseClocks } from './supervision/recalendar.ts';
import { buildApp } from './http/server.ts';

export const ROOT = join(import.meta.dirname, '..');

// A calendar change moves every open clock's due instant and next threshold (ARCHITECTURE "Time").
onCalendarChange((db, now) => rederiveOpenCaseClocks(db, now));

export function databaseOptionsFromEnv(env = process.env): OpenOptions {
  return env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR ?? join(process.cwd(), 'data') };
}

/** Migrations plus the data every installation needs (roles, calendar). Idempotent. */
export async function prepareDatabase(database: Database, now = new Date()): Promise<void> {
  await migrate(database);
  await ensureBuiltinRoles(database.db, now);
  await seedCalendarIfEmpty(database.db, now);
}

export interface AppOptions {
  database: Database;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  webDir?: string;
}

export async function createApp(o: AppOptions): Promise<FastifyInstance> {
  return buildApp({
    ctx: { db: o.database.db, dbKind: o.database.kind, now: o.now ?? (() => new Date()) },
    logger: o.logger,
    webDir: o.webDir ?? join(ROOT, 'dist', 'web'),
  });
}

export { openDatabase };

// Plain SQL migrations, the same files for PGlite and PostgreSQL, applied in name order,
// each in its own transaction, under an advisory lock so concurrent servers don't race.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from './db.ts';

const dir = join(import.meta.dirname, 'migrations');
const LOCK_KEY = 7_406_155_211; // arbitrary, stable

export function listMigrations(): { version: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), text: readFileSync(join(dir, f), 'utf8') }));
}

export async function migrate(database: Database): Promise<string[]> {
  const { db } = database;
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${LOCK_KEY})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        version text primary key, applied_at timestamptz not null default now())`.execute(conn);
      const done = new Set(
        (await sql<{ version: string }>`select version from schema_migrations`.execute(conn)).rows.map((r) => r.version),
      );
      for (const m of listMigrations()) {
        if (done.has(m.version)) continue;
        await sql`begin`.execute(conn);
        try {
          await sql.raw(m.text).execute(conn);
          await sql`insert into schema_migrations (version) values (${m.version})`.execute(conn);
          await sql`commit`.execute(conn);
        } catch (e) {
          await sql`rollback`.execute(conn);
          throw new Error(`migration ${m.version} failed: ${(e as Error).message}`);
        }
        applied.push(m.version);
      }
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
  return applied;
}

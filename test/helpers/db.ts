// Test databases: PGlite in memory always; a fresh PostgreSQL database per test file when
// TEST_DATABASE_URL is set (created here, dropped at the end).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { prepareDatabase } from '../../src/app.ts';

export type Backend = 'pglite' | 'postgres';

export function backends(): Backend[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  database: Database;
  url?: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(backend: Backend, now = new Date()): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const database = await openDatabase({ memory: true });
    await prepareDatabase(database, now);
    return { database, drop: () => database.close() };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `sl_test_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString() });
  await prepareDatabase(database, now);
  return {
    database,
    url: u.toString(),
    drop: async () => {
      await database.close();
      const c2 = new pg.Client({ connectionString: admin });
      await c2.connect();
      await c2.query(`drop database if exists ${name} with (force)`);
      await c2.end();
    },
  };
}

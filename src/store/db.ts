// Database connection: embedded PGlite by default (data under DATA_DIR, or in memory for
// tests), a PostgreSQL server when a URL is given. Both return values of the same JS types.
import { mkdirSync } from 'node:fs';
import { Kysely, sql } from 'kysely';
import { PostgresDialect } from 'kysely';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DbKind;
  /** The server's connection string (PostgreSQL): another process can open the same database. */
  url?: string;
  /** Run a multi-statement SQL script (migrations). */
  execScript(text: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… — use a PostgreSQL server. */
  databaseUrl?: string;
  /** Directory for PGlite files; `memory://` or undefined with memory=true for in-memory. */
  dataDir?: string;
  memory?: boolean;
}

// Same JS types on both engines: bigint/int8 → number (ids stay far below 2^53),
// numeric → string (exact money), date → 'YYYY-MM-DD', timestamptz → Date.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parseInt8 = (v: string) => Number(v);
const parseDate = (v: string) => v;
const parseNumeric = (v: string) => v;

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPGlite(opts);
}

async function openPGlite(opts: OpenOptions): Promise<Database> {
  let dataDir: string | undefined;
  if (!opts.memory && opts.dataDir && opts.dataDir !== 'memory://') {
    mkdirSync(opts.dataDir, { recursive: true });
    dataDir = opts.dataDir;
  }
  const pglite = await PGlite.create({
    dataDir,
    extensions: { pg_trgm },
    parsers: { [INT8]: parseInt8, [DATE]: parseDate, [NUMERIC]: parseNumeric },
  });
  await pglite.exec(`set time zone 'Asia/Shanghai'`);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    execScript: async (text) => {
      await pglite.exec(text);
    },
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/**
 * Hot statements (the case command's lock and write, the timer's claim and signal writes) start with a `/*hot:name*\/` marker: on
 * PostgreSQL they run as named prepared statements, parsed and planned once per connection
 * instead of on every command. Their text is constant; parameters carry everything else.
 */
const HOT = /^\/\*hot:([a-z_]+)\*\//;
const hotNames = new Map<string, string>();

function hotName(text: string): string | null {
  const known = hotNames.get(text);
  if (known !== undefined) return known;
  const m = HOT.exec(text);
  if (!m) return null;
  // one name per distinct text, so a changed statement (new code version) never collides
  const name = `sl_${m[1]}_${createHash('sha1').update(text).digest('hex').slice(0, 10)}`;
  if (hotNames.size < 1000) hotNames.set(text, name);
  return name;
}

function prepareHotStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, cb?: unknown) => {
    if (typeof text === 'string' && text.startsWith('/*hot:')) {
      const name = hotName(text);
      if (name) return query({ name, text, values }, cb);
    }
    return query(text, values, cb);
  };
}

async function openPostgres(url: string): Promise<Database> {
  const types = {
    getTypeParser: (oid: number, format?: any) => {
      if (oid === INT8) return parseInt8;
      if (oid === DATE) return parseDate;
      if (oid === NUMERIC) return parseNumeric;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    types: types as any,
    options: '-c timezone=Asia/Shanghai',
  });
  // An idle client dropped by the server (restart, failover, admin termination) is emitted
  // here; without a listener it would crash the process. The pool replaces it on next use.
  pool.on('connect', prepareHotStatements);
  pool.on('error', (e) => {
    if (process.env.NODE_ENV !== 'test') console.error(`[db] idle PostgreSQL client error: ${e.message}`);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    url,
    execScript: async (text) => {
      await sql.raw(text).execute(db);
    },
    close: async () => {
      await db.destroy();
    },
  };
}

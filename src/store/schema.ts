// Kysely table types. Each module declares its own tables; this file joins them.
import type { AccessTables } from '../access/tables.ts';
import type { CalendarTables } from '../calendar/tables.ts';

export interface MigrationsTable {
  schema_migrations: { version: string; applied_at: Date };
}

export type DB = AccessTables & CalendarTables & MigrationsTable;

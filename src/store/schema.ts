// Kysely table types. Each module declares its own tables; this file joins them.
import type { AccessTables } from '../access/tables.ts';
import type { CalendarTables } from '../calendar/tables.ts';
import type { CatalogTables } from '../catalog/tables.ts';
import type { CaseTables } from '../cases/tables.ts';
import type { SupervisionTables } from '../supervision/tables.ts';

export interface MigrationsTable {
  schema_migrations: { version: string; applied_at: Date };
}

export type DB = AccessTables & CalendarTables & CatalogTables & CaseTables & SupervisionTables & MigrationsTable;

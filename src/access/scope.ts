// SEC-1: the one mechanism through which every query on jurisdiction-bound data passes.
// A module registers how its table maps to the org tree; then reads and writes go through
// `scoped(db, actor)`, which adds the actor's data-scope filter. An architecture test fails
// if a module queries a registered table directly without a `// system:` justification.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { ScopeKind } from './tables.ts';
import { notFound } from '../http/errors.ts';

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  kind: 'staff' | 'applicant';
  unitId: number | null;
  unitPath: string | null;
  regionCode: string | null;
  regionPath: string | null;
  roles: string[];
  permissions: Set<string>;
  scope: ScopeKind;
  postIds: number[];
}

/** How a table's rows sit in the org tree. Column names are unqualified. */
export type ScopeRule =
  | { via: 'columns'; regionPath: string; unitPath?: string; unitId?: string; ownerId?: string }
  | { via: 'unit_fk'; unitId: string; ownerId?: string };

const registry = new Map<string, ScopeRule>();

export function registerScopedTable(table: keyof DB & string, rule: ScopeRule): void {
  registry.set(table, rule);
}
export function scopedTables(): string[] {
  return [...registry.keys()];
}

const FALSE = sql<SqlBool>`false`;
const TRUE = sql<SqlBool>`true`;
const like = (col: string, prefix: string) => sql<SqlBool>`${sql.ref(col)} like ${escapeLike(prefix) + '%'}`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

function columnsFilter(a: Actor, rule: Extract<ScopeRule, { via: 'columns' }>, q: (c: string) => string): Expression<SqlBool> {
  const { regionPath, unitPath, unitId, ownerId } = rule;
  switch (a.scope) {
    case 'all':
      return TRUE;
    case 'region':
      return a.regionPath ? like(q(regionPath), a.regionPath) : FALSE;
    case 'unit_tree':
      if (unitPath) return a.unitPath ? like(q(unitPath), a.unitPath) : FALSE;
      return a.regionPath ? like(q(regionPath), a.regionPath) : FALSE;
    case 'unit':
      if (unitId) return a.unitId != null ? sql<SqlBool>`${sql.ref(q(unitId))} = ${a.unitId}` : FALSE;
      return a.regionPath ? like(q(regionPath), a.regionPath) : FALSE;
    case 'self':
      if (ownerId) return sql<SqlBool>`${sql.ref(q(ownerId))} = ${a.userId}`;
      if (unitId) return a.unitId != null ? sql<SqlBool>`${sql.ref(q(unitId))} = ${a.unitId}` : FALSE;
      return a.regionPath ? like(q(regionPath), a.regionPath) : FALSE;
  }
}

/** The scope filter for `table` (optionally aliased) as an SQL boolean expression. */
export function scopeFilter(a: Actor, table: string, alias?: string): Expression<SqlBool> {
  const rule = registry.get(table);
  if (!rule) throw new Error(`table ${table} is not registered as scoped`);
  const q = (c: string) => `${alias ?? table}.${c}`;
  if (rule.via === 'columns') return columnsFilter(a, rule, q);
  if (a.scope === 'all') return TRUE;
  if (a.scope === 'self' && rule.ownerId) return sql<SqlBool>`${sql.ref(q(rule.ownerId))} = ${a.userId}`;
  const unitRule = registry.get('units') as Extract<ScopeRule, { via: 'columns' }>;
  const inner = columnsFilter(a, unitRule, (c) => `su.${c}`);
  return sql<SqlBool>`${sql.ref(q(rule.unitId))} in (select su.id from units su where ${inner})`;
}

/**
 * Jurisdiction-filtered entry points. Use these for every user-facing read or write of a
 * registered table; the filter cannot be forgotten because the table is only reachable here.
 */
type TableRef = (keyof DB & string) | `${keyof DB & string} as ${string}`;

export function scoped(db: Kysely<DB>, actor: Actor) {
  return {
    selectFrom<TE extends TableRef>(from: TE): ReturnType<typeof db.selectFrom<TE>> {
      const [table, alias] = from.split(/\s+as\s+/);
      return (db.selectFrom(from as any) as any).where(() => scopeFilter(actor, table, alias));
    },
    updateTable<T extends keyof DB & string>(table: T): ReturnType<typeof db.updateTable<T>> {
      return (db.updateTable(table as any) as any).where(() => scopeFilter(actor, table));
    },
    /** Throws 404 (not 403: existence must not leak) unless row `id` is inside the scope. */
    async assertVisible(table: keyof DB & string, id: number | string, idColumn = 'id'): Promise<void> {
      const row = await db
        .selectFrom(table as any)
        .select(sql`1`.as('one'))
        .where(sql.ref(`${table}.${idColumn}`), '=', id as any)
        .where(() => scopeFilter(actor, table) as any)
        .executeTakeFirst();
      if (!row) throw notFound();
    },
  };
}

export type ScopeExpressionBuilder = ExpressionBuilder<DB, keyof DB>;

export function hasPermission(a: Actor, p: string): boolean {
  return a.permissions.has(p);
}

// The access module's own tables. Other modules register theirs beside their code.
registerScopedTable('regions', { via: 'columns', regionPath: 'path' });
registerScopedTable('units', { via: 'columns', regionPath: 'region_path', unitPath: 'path', unitId: 'id' });
registerScopedTable('posts', { via: 'unit_fk', unitId: 'unit_id' });
registerScopedTable('users', { via: 'unit_fk', unitId: 'unit_id', ownerId: 'id' });

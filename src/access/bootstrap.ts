// What every database needs whatever its data: the built-in roles and the default policy.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { BUILTIN_ROLES } from './permissions.ts';

export async function ensureBuiltinRoles(db: Kysely<DB>, now: Date): Promise<void> {
  for (const r of BUILTIN_ROLES) {
    // An administrator may have tuned a built-in role: existing rows are left as they are.
    await db
      .insertInto('roles')
      .values({ code: r.code, name: r.name, scope: r.scope, permissions: r.permissions, description: r.description, builtin: true, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}

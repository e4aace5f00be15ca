import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import { ALL_PERMISSIONS } from './permissions.ts';
import type { Actor } from './scope.ts';
import type { ScopeKind } from './tables.ts';

export async function listRoles(db: Kysely<DB>) {
  return db.selectFrom('roles').selectAll().orderBy('builtin', 'desc').orderBy('code').execute();
}

function checkPermissions(perms: string[]) {
  const unknown = perms.filter((p) => !(ALL_PERMISSIONS as string[]).includes(p));
  if (unknown.length) throw badRequest('UNKNOWN_PERMISSION', `未知的权限：${unknown.join('、')}`, { unknown });
}

export async function createRole(
  db: Kysely<DB>, _a: Actor, input: { code: string; name: string; scope: ScopeKind; permissions: string[]; description?: string | null }, now: Date,
) {
  checkPermissions(input.permissions);
  const dup = await db.selectFrom('roles').select('code').where('code', '=', input.code).executeTakeFirst();
  if (dup) throw conflict('DUPLICATE_ROLE', `角色编码 ${input.code} 已存在`);
  return db
    .insertInto('roles')
    .values({ code: input.code, name: input.name, scope: input.scope, permissions: input.permissions, description: input.description ?? null, builtin: false, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateRole(
  db: Kysely<DB>, a: Actor, code: string,
  patch: { name?: string; scope?: ScopeKind; permissions?: string[]; description?: string | null; active?: boolean }, now: Date,
) {
  const role = await db.selectFrom('roles').selectAll().where('code', '=', code).executeTakeFirst();
  if (!role) throw notFound('角色不存在');
  if (patch.permissions) checkPermissions(patch.permissions);
  // The top administrator role and the applicant role are fixed: changing them could lock
  // everyone out or give public accounts staff powers.
  if ((code === 'system_admin' || code === 'applicant') && (patch.permissions || patch.scope || patch.active === false))
    throw forbidden('系统内置的该角色权限不可修改', 'BUILTIN_ROLE_LOCKED');
  if (a.roles.includes(code) && patch.active === false) throw badRequest('CANNOT_DISABLE_OWN_ROLE', '不能停用本人持有的角色');
  return db
    .updateTable('roles')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.scope !== undefined && { scope: patch.scope }),
      ...(patch.permissions !== undefined && { permissions: patch.permissions }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.active !== undefined && { active: patch.active }),
      updated_at: now,
    })
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirstOrThrow();
}

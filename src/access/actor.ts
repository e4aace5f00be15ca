// Loads the acting user with everything authorization needs: unit, region, roles, posts.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Actor } from './scope.ts';
import { widestScope } from './permissions.ts';
import type { ScopeKind } from './tables.ts';

export async function loadActor(db: Kysely<DB>, userId: number): Promise<Actor | null> {
  // system: identity lookup for the authenticated session itself
  const user = await db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .leftJoin('regions', 'regions.code', 'units.region_code')
    .select([
      'users.id', 'users.username', 'users.display_name', 'users.kind', 'users.unit_id', 'users.active',
      'units.path as unit_path', 'units.region_code', 'regions.path as region_path', 'units.active as unit_active',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || !user.active) return null;
  if (user.unit_id != null && user.unit_active === false) return null;
  const roles = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.code', 'user_roles.role_code')
    .select(['roles.code', 'roles.scope', 'roles.permissions'])
    .where('user_roles.user_id', '=', userId)
    .where('roles.active', '=', true)
    .execute();
  const posts = await db
    .selectFrom('user_posts')
    .innerJoin('posts', 'posts.id', 'user_posts.post_id')
    .select('posts.id')
    .where('user_posts.user_id', '=', userId)
    .where('posts.active', '=', true)
    .execute();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    kind: user.kind,
    unitId: user.unit_id,
    unitPath: user.unit_path ?? null,
    regionCode: user.region_code ?? null,
    regionPath: user.region_path ?? null,
    roles: roles.map((r) => r.code),
    permissions: new Set(roles.flatMap((r) => r.permissions)),
    scope: roles.length ? widestScope(roles.map((r) => r.scope as ScopeKind)) : 'self',
    postIds: posts.map((p) => p.id),
  };
}

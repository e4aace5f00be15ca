import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { loadActor } from './actor.ts';
import { unauthenticated } from '../http/errors.ts';

export const MeSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['staff', 'applicant']),
  unit: z.object({ id: z.number(), name: z.string() }).nullable(),
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  roles: z.array(z.object({ code: z.string(), name: z.string() })),
  permissions: z.array(z.string()),
  scope: z.enum(['all', 'region', 'unit_tree', 'unit', 'self']),
  posts: z.array(z.object({ id: z.number(), name: z.string(), unitId: z.number() })),
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof MeSchema>;

export async function loadMe(db: Kysely<DB>, userId: number, csrfToken: string, mustChangePassword: boolean): Promise<Me> {
  const a = await loadActor(db, userId);
  if (!a) throw unauthenticated();
  // system: the caller's own unit, region, roles and posts
  const unit = a.unitId ? await db.selectFrom('units').select(['id', 'name']).where('id', '=', a.unitId).executeTakeFirst() : undefined;
  const region = a.regionCode ? await db.selectFrom('regions').select(['code', 'name']).where('code', '=', a.regionCode).executeTakeFirst() : undefined;
  const roles = a.roles.length ? await db.selectFrom('roles').select(['code', 'name']).where('code', 'in', a.roles).execute() : [];
  const posts = a.postIds.length // system: the caller's own posts
    ? await db.selectFrom('posts').select(['id', 'name', 'unit_id']).where('id', 'in', a.postIds).execute()
    : [];
  return {
    id: a.userId, username: a.username, displayName: a.displayName, kind: a.kind,
    unit: unit ?? null, region: region ?? null, roles, permissions: [...a.permissions].sort(), scope: a.scope,
    posts: posts.map((p) => ({ id: p.id, name: p.name, unitId: p.unit_id })), mustChangePassword, csrfToken,
  };
}

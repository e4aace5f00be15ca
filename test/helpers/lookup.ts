import type { Harness } from './app.ts';

export async function unitIdByName(h: Harness, name: string): Promise<number> {
  const r = await h.tdb.database.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return r.id;
}
export async function userIdByName(h: Harness, username: string): Promise<number> {
  const r = await h.tdb.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return r.id;
}
export async function postId(h: Harness, unitName: string, code: string): Promise<number> {
  const r = await h.tdb.database.db
    .selectFrom('posts').innerJoin('units', 'units.id', 'posts.unit_id')
    .select('posts.id').where('units.name', '=', unitName).where('posts.code', '=', code)
    .executeTakeFirstOrThrow();
  return r.id;
}

// Content-addressed files (ARCHITECTURE Integrity): material templates and samples are
// stored once under the SHA-256 of their bytes. A file is served to the public only after a
// published, non-secret version refers to it (PUB-1: forms and samples for download).
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { badRequest, notFound } from '../http/errors.ts';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const fileUrl = (hash: string) => `/api/public/files/${hash}`;

export async function storeFile(db: Kysely<DB>, f: { name: string; mime: string; bytes: Buffer }, by: number | null, now: Date) {
  if (!f.bytes.length) throw badRequest('EMPTY_FILE', '文件内容为空');
  if (f.bytes.length > MAX_FILE_BYTES) throw badRequest('FILE_TOO_LARGE', `文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const hash = createHash('sha256').update(f.bytes).digest('hex');
  await db.insertInto('files').values({ hash, name: f.name, mime: f.mime, size: f.bytes.length, content: f.bytes, created_at: now, created_by: by })
    .onConflict((oc) => oc.column('hash').doNothing()).execute();
  return { hash, size: f.bytes.length, url: fileUrl(hash) };
}

export async function readFile(db: Kysely<DB>, hash: string, publicOnly: boolean) {
  let q = db.selectFrom('files').select(['hash', 'name', 'mime', 'size', 'content']).where('hash', '=', hash);
  if (publicOnly) q = q.where('public', '=', true);
  const f = await q.executeTakeFirst();
  if (!f) throw notFound('文件不存在');
  return { ...f, content: Buffer.from(f.content) };
}

/** Names and sizes of files, for the guide's download list. */
export async function fileNames(db: Kysely<DB>, hashes: string[]) {
  if (!hashes.length) return new Map<string, { name: string; size: number }>();
  const rows = await db.selectFrom('files').select(['hash', 'name', 'size']).where('hash', 'in', hashes).execute();
  return new Map(rows.map((r) => [r.hash, { name: r.name, size: r.size }]));
}

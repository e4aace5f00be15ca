// Keyset pagination: `after` is the last id of the previous page; never OFFSET, never COUNT(*).
import { z } from 'zod';

export const PageQuery = {
  after: z.coerce.number().int().positive().optional().describe('上一页返回的 nextCursor'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export function page<T extends { id: number }>(rows: T[], limit: number): { items: T[]; nextCursor: number | null } {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items, nextCursor: more ? items[items.length - 1].id : null };
}

export const pageSchema = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.number().int().nullable() });

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

import { sql, type RawBuilder } from 'kysely';
import { contains } from '../store/like.ts';

/**
 * The keyword condition on `i.search_text` (PUB-1): a two-character word uses the bigram
 * array index (migration 0005), longer words the pg_trgm index; ILIKE confirms the match.
 */
export function searchCondition(q: string): RawBuilder<boolean> {
  const t = q.trim();
  const like = sql<boolean>`i.search_text ilike ${contains(t)}`;
  if ([...t].length === 2 && !/\s/.test(t)) return sql<boolean>`(i.search_bigrams @> array[lower(${t})]::text[] and ${like})`;
  return like;
}

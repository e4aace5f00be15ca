// Name lookups the catalog views need: posts of a unit (flow steps name a post code) and
// unit names (co-units of a joint item may sit outside the reader's jurisdiction).
import { useMemo } from 'react';
import { useApiData } from '../../hooks/useApiData';
import type { ItemList, Post } from '../../types';
import type { PublicUnit } from './model';

/** Posts of `unitId` (quiet: a reader without org.view still sees the post codes). */
export function useUnitPosts(unitId: number | null | undefined) {
  const res = useApiData<ItemList<Post>>(unitId ? '/api/posts' : null, { unitId: unitId ?? undefined }, { quiet: true });
  return useMemo(() => {
    const posts = res.data?.items ?? [];
    const byCode = new Map(posts.map((p) => [p.code, p]));
    return {
      posts,
      loading: res.loading,
      postName: (code: string) => {
        const p = byCode.get(code);
        return p ? `${p.name}（${p.code}）` : code;
      },
    };
  }, [res.data, res.loading]);
}

/** Names of units that have public items (enough for co-units), by id. */
export function usePublicUnits() {
  const res = useApiData<ItemList<PublicUnit>>('/api/public/catalog/units', undefined, { quiet: true });
  return useMemo(() => {
    const units = res.data?.items ?? [];
    const byId = new Map(units.map((u) => [u.id, u.name]));
    return { units, loading: res.loading, unitName: (id: number) => byId.get(id) ?? `单位 #${id}` };
  }, [res.data, res.loading]);
}

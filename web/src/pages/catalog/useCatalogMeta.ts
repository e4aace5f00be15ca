// The library's code tables (GET /api/public/catalog/meta, public), fetched once per page load
// and shared by every catalog and hall page.
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useFeedback } from '../../hooks/useFeedback';
import type { CatalogMeta } from './model';

let cache: Promise<CatalogMeta> | null = null;

function loadMeta(): Promise<CatalogMeta> {
  cache ??= api.get<CatalogMeta>('/api/public/catalog/meta', undefined, { noRedirect: true }).catch((e) => {
    cache = null;
    throw e;
  });
  return cache;
}

export interface MetaLookup {
  meta: CatalogMeta | undefined;
  /** Chinese name of `code` in `table` (the code itself while loading or when unknown). */
  name: (table: keyof CatalogMeta, code: string | null | undefined) => string;
  /** Select options of a table, in the server's order. */
  options: (table: keyof CatalogMeta) => { value: string; label: string }[];
}

export function useCatalogMeta(): MetaLookup {
  const feedback = useFeedback();
  const [meta, setMeta] = useState<CatalogMeta | undefined>(undefined);
  useEffect(() => {
    let live = true;
    loadMeta()
      .then((m) => live && setMeta(m))
      .catch((e) => live && feedback.error(e));
    return () => {
      live = false;
    };
  }, [feedback]);
  return {
    meta,
    name: (table, code) => (code ? (meta?.[table]?.[code] ?? code) : '—'),
    // Numeric codes (item types 01…26) in code order: JS puts '10'…'26' before '01'.
    options: (table) =>
      Object.entries(meta?.[table] ?? {})
        .sort(([a], [b]) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? a.localeCompare(b) : 0))
        .map(([value, label]) => ({ value, label })),
  };
}

// Keyset ("加载更多") pagination over a `{ items, nextCursor }` list endpoint. Changing the
// filters restarts from the first page; responses of superseded requests are ignored.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Query } from '../api';
import type { Page } from '../types';
import { useFeedback } from './useFeedback';

export interface KeysetList<T> {
  items: T[];
  /** First page (or a reload) in flight. */
  loading: boolean;
  /** A further page in flight. */
  loadingMore: boolean;
  hasMore: boolean;
  error: unknown;
  loadMore: () => void;
  reload: () => void;
  /** Replaces one row in place after an edit (reloads the list when `row` is absent). */
  replace: (match: (row: T) => boolean, row: T | undefined | void) => void;
  /** Shows a just-created row first (keyset order would put it on the last page). */
  prepend: (row: T) => void;
}

export function useKeysetList<T>(path: string, filters: Query = {}, pageSize = 50): KeysetList<T> {
  const feedback = useFeedback();
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloadCount, setReloadCount] = useState(0);
  const generation = useRef(0);
  const filterKey = JSON.stringify(filters);

  const fetchPage = useCallback(
    (after: number | null) => api.get<Page<T>>(path, { ...(JSON.parse(filterKey) as Query), after, limit: pageSize }),
    [path, filterKey, pageSize],
  );

  useEffect(() => {
    const gen = ++generation.current;
    setLoading(true);
    setLoadingMore(false);
    setError(null);
    fetchPage(null)
      .then((page) => {
        if (gen !== generation.current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
      })
      .catch((e) => {
        if (gen !== generation.current) return;
        setItems([]);
        setCursor(null);
        setError(e);
        feedback.error(e);
      })
      .finally(() => {
        if (gen === generation.current) setLoading(false);
      });
  }, [fetchPage, reloadCount, feedback]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const gen = generation.current;
    setLoadingMore(true);
    fetchPage(cursor)
      .then((page) => {
        if (gen !== generation.current) return;
        setItems((prev) => [...prev, ...page.items]);
        setCursor(page.nextCursor);
      })
      .catch((e) => {
        if (gen === generation.current) feedback.error(e);
      })
      .finally(() => {
        if (gen === generation.current) setLoadingMore(false);
      });
  }, [cursor, loadingMore, fetchPage, feedback]);

  const reload = useCallback(() => setReloadCount((n) => n + 1), []);
  const replace = useCallback(
    (match: (row: T) => boolean, row: T | undefined | void) => {
      // Endpoints that answer 204 give no row back: fetch the list again instead.
      if (row && typeof row === 'object') setItems((prev) => prev.map((r) => (match(r) ? row : r)));
      else setReloadCount((n) => n + 1);
    },
    [],
  );

  const prepend = useCallback((row: T) => setItems((prev) => [row, ...prev]), []);

  return { items, loading, loadingMore, hasMore: cursor !== null, error, loadMore, reload, replace, prepend };
}

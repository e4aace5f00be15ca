// Loads one GET resource; `path === null` means "not yet" (e.g. a dependent select).
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Query } from '../api';
import { useFeedback } from './useFeedback';

export interface ApiData<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload: () => void;
  setData: (data: T) => void;
}

export function useApiData<T>(path: string | null, query?: Query, opts: { quiet?: boolean } = {}): ApiData<T> {
  const feedback = useFeedback();
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [error, setError] = useState<unknown>(null);
  const [reloadCount, setReloadCount] = useState(0);
  const generation = useRef(0);
  const queryKey = JSON.stringify(query ?? {});
  const quiet = opts.quiet ?? false;

  useEffect(() => {
    const gen = ++generation.current;
    if (path === null) {
      setData(undefined);
      setLoading(false);
      return;
    }
    setLoading(true);
    setError(null);
    api
      .get<T>(path, JSON.parse(queryKey) as Query)
      .then((d) => {
        if (gen === generation.current) setData(d);
      })
      .catch((e) => {
        if (gen !== generation.current) return;
        setError(e);
        if (!quiet) feedback.error(e);
      })
      .finally(() => {
        if (gen === generation.current) setLoading(false);
      });
  }, [path, queryKey, reloadCount, quiet, feedback]);

  const reload = useCallback(() => setReloadCount((n) => n + 1), []);
  return { data, loading, error, reload, setData };
}

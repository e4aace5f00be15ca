// Unit names for ids in supervision rows (the signal/task rows carry only unitId): fetched
// once per id through GET /api/units/:id and cached for the tab.
import { useEffect, useState } from 'react';
import { api } from '../../api';

const cache = new Map<number, string>();
const pending = new Map<number, Promise<void>>();

export function rememberUnitNames(units: { unitId: number; name: string }[]) {
  for (const u of units) cache.set(u.unitId, u.name);
}

function load(id: number): Promise<void> {
  let p = pending.get(id);
  if (!p) {
    p = api
      .get<{ id: number; name: string }>(`/api/units/${id}`, undefined, { noRedirect: true })
      .then((u) => void cache.set(id, u.name))
      .catch(() => void cache.set(id, `单位 #${id}`));
    pending.set(id, p);
  }
  return p;
}

export function useUnitNames(ids: (number | null | undefined)[]): (id: number | null | undefined) => string {
  const key = [...new Set(ids.filter((x): x is number => !!x))].sort((a, b) => a - b).join(',');
  const [, setTick] = useState(0);
  useEffect(() => {
    const missing = key ? key.split(',').map(Number).filter((id) => !cache.has(id)) : [];
    if (!missing.length) return;
    let alive = true;
    void Promise.all(missing.map(load)).then(() => alive && setTick((n) => n + 1));
    return () => {
      alive = false;
    };
  }, [key]);
  return (id) => (id ? (cache.get(id) ?? '…') : '—');
}

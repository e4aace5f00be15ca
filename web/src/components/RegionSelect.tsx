import { api } from '../api';
import type { ItemList, Region } from '../types';
import { RemoteSelect, type Option, type RemoteSelectProps } from './RemoteSelect';

export const regionOption = (r: Pick<Region, 'code' | 'name'>): Option<string> => ({ value: r.code, label: `${r.name}（${r.code}）` });

async function searchRegions(q: string, activeOnly: boolean): Promise<Option<string>[]> {
  const res = await api.get<ItemList<Region>>('/api/regions', { q });
  return res.items
    .filter((r) => !activeOnly || r.active)
    .slice(0, 200)
    .map(regionOption);
}

type Props = Omit<RemoteSelectProps<string>, 'fetchOptions'> & { activeOnly?: boolean };

/** 行政区划 picker, searched by name or code. */
export function RegionSelect({ activeOnly = false, placeholder = '选择行政区划', ...props }: Props) {
  return <RemoteSelect<string> placeholder={placeholder} {...props} fetchOptions={(q) => searchRegions(q, activeOnly)} />;
}

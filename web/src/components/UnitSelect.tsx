import { api } from '../api';
import type { Page, Unit } from '../types';
import { RemoteSelect, type Option, type RemoteSelectProps } from './RemoteSelect';

export const unitOption = (u: Pick<Unit, 'id' | 'name'>): Option<number> => ({ value: u.id, label: u.name });

type Props = Omit<RemoteSelectProps<number>, 'fetchOptions'> & { activeOnly?: boolean; regionCode?: string };

/** 单位 picker (searched on the server, within the caller's jurisdiction). */
export function UnitSelect({ activeOnly = true, regionCode, placeholder = '选择单位', ...props }: Props) {
  const fetchOptions = async (q: string) => {
    const res = await api.get<Page<Unit>>('/api/units', { q, regionCode, active: activeOnly ? 'true' : undefined, limit: 50 });
    return res.items.map(unitOption);
  };
  return <RemoteSelect<number> placeholder={placeholder} {...props} depsKey={regionCode} fetchOptions={fetchOptions} />;
}

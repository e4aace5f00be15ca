// Multi-select of the active posts of one unit.
import { Select } from 'antd';
import type { SelectProps } from 'antd';
import { useApiData } from '../../../hooks/useApiData';
import type { ItemList, Post } from '../../../types';

type Props = Omit<SelectProps<number[]>, 'options' | 'mode'> & { unitId?: number };

export function PostsSelect({ unitId, ...props }: Props) {
  const { data, loading } = useApiData<ItemList<Post>>(unitId ? '/api/posts' : null, { unitId });
  const options = (data?.items ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }));
  return (
    <Select<number[]>
      mode="multiple"
      allowClear
      placeholder={unitId ? '选择岗位' : '请先选择单位'}
      disabled={!unitId}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      {...props}
    />
  );
}

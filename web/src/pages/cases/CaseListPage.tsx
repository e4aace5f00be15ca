// 办件查询 (staff): every case in the user's data scope, newest first, filters and keyset 加载更多.
import { useState } from 'react';
import { Checkbox, Form, Input, Select, Typography } from 'antd';
import { api } from '../../api';
import { PageCard } from '../../components/PageCard';
import { FilterBar } from '../../components/FilterBar';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { RemoteSelect } from '../../components/RemoteSelect';
import { useKeysetList } from '../../hooks/useKeysetList';
import type { Page } from '../../types';
import type { PublicItem } from '../catalog/model';
import type { CaseSummary } from './model';
import { caseColumns } from './components/caseColumns';

interface Filters {
  status?: string;
  itemId?: number;
  q?: string;
  overdue?: boolean;
}

export const STATUS_OPTIONS = [
  ['submitted', '已申报'],
  ['supplement_requested', '待补正'],
  ['in_process', '办理中'],
  ['processing_supplement', '办理中补正'],
  ['suspended', '挂起'],
  ['special_procedure', '特别程序中'],
  ['decided', '已决定'],
  ['completed', '办结'],
  ['delivered', '已送达'],
  ['refused', '不予受理'],
  ['withdrawn', '已撤回'],
  ['terminated', '已终止'],
  ['merged', '已并案'],
].map(([value, label]) => ({ value, label }));

/** Published items by name, for item selects. */
export const searchItems = async (q: string) =>
  (await api.get<Page<PublicItem>>('/api/public/items', { q: q || undefined, limit: 20 })).items.map((i) => ({ value: i.id, label: `${i.name}（${i.unitName}）` }));

export default function CaseListPage() {
  const [filters, setFilters] = useState<Filters>({});
  const { overdue, ...server } = filters;
  const list = useKeysetList<CaseSummary>('/api/cases', { ...server, q: server.q?.trim() }, 50);
  // The API has no overdue filter: narrow the loaded rows (加载更多 loads further pages).
  const shown = overdue ? { ...list, items: list.items.filter((r) => r.clocks.some((c) => c.overdue)) } : list;
  return (
    <PageCard title="办件查询">
      <FilterBar<Filters> initialValues={{}} onSearch={setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder="办件流水号或申请人" style={{ width: 220 }} data-testid="case-filter-q" />
        </Form.Item>
        <Form.Item name="status">
          <Select allowClear placeholder="状态" style={{ width: 150 }} options={STATUS_OPTIONS} data-testid="case-filter-status" />
        </Form.Item>
        <Form.Item name="itemId">
          <RemoteSelect<number> placeholder="事项" style={{ width: 280 }} fetchOptions={searchItems} data-testid="case-filter-item" />
        </Form.Item>
        <Form.Item name="overdue" valuePropName="checked">
          <Checkbox data-testid="case-filter-overdue">仅看超期</Checkbox>
        </Form.Item>
      </FilterBar>
      {overdue && <Typography.Text type="secondary">超期筛选作用于已加载的办件，可继续“加载更多”。</Typography.Text>}
      <LoadMoreTable<CaseSummary> rowKey="id" columns={caseColumns()} list={shown} data-testid="case-table" />
    </PageCard>
  );
}

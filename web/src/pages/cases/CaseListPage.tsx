// 办件查询 (staff): every case in the user's data scope, newest first, filters (status, item,
// 超期 — promised, legal or step limit passed on an open case, filtered by the server) and
// keyset 加载更多; 依职权立案 for staff who handle cases (CASE-12).
import { useState } from 'react';
import { Button, Form, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth/context';
import { PageCard } from '../../components/PageCard';
import { FilterBar } from '../../components/FilterBar';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { RemoteSelect } from '../../components/RemoteSelect';
import { useKeysetList } from '../../hooks/useKeysetList';
import type { Page } from '../../types';
import type { PublicItem } from '../catalog/model';
import type { CaseSummary, OverdueKind } from './model';
import { caseColumns } from './components/caseColumns';
import { ExOfficioDrawer } from './components/ExOfficioDrawer';

interface Filters {
  status?: string;
  itemId?: number;
  q?: string;
  overdue?: OverdueKind;
}

export const OVERDUE_OPTIONS: { value: OverdueKind; label: string }[] = [
  { value: 'promised', label: '超承诺时限' },
  { value: 'legal', label: '超法定时限' },
  { value: 'step', label: '当前环节超期' },
];

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
  const { me, can } = useAuth();
  const [filters, setFilters] = useState<Filters>({});
  const [exOfficio, setExOfficio] = useState(false);
  const list = useKeysetList<CaseSummary>('/api/cases', { ...filters, q: filters.q?.trim() }, 50);
  const clockKinds = filters.overdue === 'legal' ? ['step', 'case_promised', 'case_legal'] : undefined;
  return (
    <PageCard
      title="办件查询"
      extra={
        can('case.handle') && me?.unit && (
          <Button icon={<PlusOutlined />} onClick={() => setExOfficio(true)} data-testid="case-ex-officio">
            依职权立案
          </Button>
        )
      }
    >
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
        <Form.Item name="overdue">
          <Select<OverdueKind> allowClear placeholder="超期" style={{ width: 150 }} options={OVERDUE_OPTIONS} data-testid="case-filter-overdue" />
        </Form.Item>
      </FilterBar>
      <LoadMoreTable<CaseSummary> rowKey="id" columns={caseColumns({ clockKinds })} list={list} data-testid="case-table" />
      <ExOfficioDrawer open={exOfficio} onClose={() => setExOfficio(false)} onCreated={() => list.reload()} />
    </PageCard>
  );
}

// 变更申请: drafts, submitted, returned and published change requests in the user's
// jurisdiction (the unit's own for a unit admin).
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Form, Select } from 'antd';
import { FilterBar } from '../../components/FilterBar';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { PageCard } from '../../components/PageCard';
import { useKeysetList } from '../../hooks/useKeysetList';
import type { ChangeSummary } from './model';
import { CHANGE_STATE_LABELS } from './labels';
import { changeColumns } from './components/changeColumns';
import { useCatalogMeta } from './useCatalogMeta';

interface Filters {
  state?: string;
}

const STATE_OPTIONS = Object.entries(CHANGE_STATE_LABELS).map(([value, s]) => ({ value, label: s.label }));

export default function ChangesPage() {
  const [params] = useSearchParams();
  const meta = useCatalogMeta();
  const [initial] = useState<Filters>(() => ({ state: params.get('state') ?? undefined }));
  const [filters, setFilters] = useState<Filters>(initial);
  const list = useKeysetList<ChangeSummary>('/api/catalog/changes', { ...filters });
  return (
    <PageCard title="变更申请">
      <FilterBar<Filters> initialValues={initial} onSearch={setFilters}>
        <Form.Item name="state">
          <Select allowClear placeholder="状态" style={{ width: 140 }} options={STATE_OPTIONS} data-testid="change-filter-state" />
        </Form.Item>
      </FilterBar>
      <LoadMoreTable<ChangeSummary>
        rowKey="id"
        list={list}
        columns={changeColumns({ openTestId: 'change-open', triggerName: (c) => meta.name('triggerKinds', c) })}
        data-testid="change-table"
      />
    </PageCard>
  );
}

// 公开异常 (CAT-6, SUP-12): published items whose version in force misses or contradicts a
// publicity element; the supervision module turns each into a signal.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Form, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FilterBar } from '../../components/FilterBar';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { PageCard } from '../../components/PageCard';
import { UnitSelect } from '../../components/UnitSelect';
import { useKeysetList } from '../../hooks/useKeysetList';
import type { PublicityEntry } from './model';

interface Filters {
  unitId?: number;
}

export default function PublicityPage() {
  const [filters, setFilters] = useState<Filters>({});
  const list = useKeysetList<PublicityEntry>('/api/catalog/publicity', { ...filters });
  const columns: TableColumnsType<PublicityEntry> = [
    {
      title: '事项',
      dataIndex: 'name',
      render: (name: string, r) => (
        <div>
          <Link to={`/catalog/items/${r.itemId}?tab=publicity`} data-testid={`publicity-open-${r.itemId}`}>
            {name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.implCode}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: '实施主体', dataIndex: 'unitName' },
    { title: '问题数', key: 'n', width: 80, render: (_, r) => <Tag color="red">{r.problems.length}</Tag> },
    {
      title: '公开要素问题',
      dataIndex: 'problems',
      render: (ps: PublicityEntry['problems']) =>
        ps.map((p, i) => (
          <Tooltip key={i} title={p.code}>
            <Tag color="volcano" style={{ marginBottom: 4 }}>
              {p.message}
            </Tag>
          </Tooltip>
        )),
    },
  ];
  return (
    <PageCard title="公开要素异常清单">
      <FilterBar<Filters> initialValues={{}} onSearch={setFilters}>
        <Form.Item name="unitId">
          <UnitSelect activeOnly={false} style={{ width: 240 }} placeholder="实施主体" data-testid="publicity-filter-unit" />
        </Form.Item>
      </FilterBar>
      <LoadMoreTable<PublicityEntry> rowKey="itemId" columns={columns} list={list} data-testid="publicity-table" />
    </PageCard>
  );
}

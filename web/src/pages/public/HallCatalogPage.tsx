// 事项目录 (PUB-1): published items by unit, type and keyword (Chinese full-text search on the
// server: 2–4 character words work), keyset 加载更多.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FilterBar } from '../../components/FilterBar';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { useKeysetList } from '../../hooks/useKeysetList';
import type { PublicItem } from '../catalog/model';
import { formatLimit } from '../catalog/labels';
import { usePublicUnits } from '../catalog/hooks';
import { useCatalogMeta } from '../catalog/useCatalogMeta';

interface Filters {
  q?: string;
  unitId?: number;
  type?: string;
}

export default function HallCatalogPage() {
  const meta = useCatalogMeta();
  const units = usePublicUnits();
  const [filters, setFilters] = useState<Filters>({});
  const list = useKeysetList<PublicItem>('/api/public/items', { ...filters, q: filters.q?.trim() }, 20);

  const columns: TableColumnsType<PublicItem> = [
    {
      title: '事项名称',
      dataIndex: 'name',
      render: (name: string, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/hall/items/${r.id}`} data-testid={`hall-item-${r.id}`} style={{ fontSize: 15 }}>
            {name}
          </Link>
          <Space size={4} wrap>
            {r.onTheSpot && <Tag color="blue">即办件</Tag>}
            {r.online && <Tag color="cyan">可网上办理</Tag>}
            {!r.free && <Tag color="gold">收费</Tag>}
            {r.status !== 'active' && <Tag color="orange">{r.statusName}</Tag>}
          </Space>
        </Space>
      ),
    },
    { title: '事项类型', dataIndex: 'typeName', width: 110 },
    { title: '实施主体', dataIndex: 'unitName' },
    { title: '法定期限', dataIndex: 'legalLimit', width: 120, render: (l: PublicItem['legalLimit'], r) => formatLimit(l, r.onTheSpot) },
    { title: '承诺期限', dataIndex: 'promisedLimit', width: 140, render: (l: PublicItem['promisedLimit'], r) => formatLimit(l, r.onTheSpot) },
    {
      title: '',
      key: 'guide',
      width: 90,
      render: (_, r) => <Link to={`/hall/items/${r.id}`}>办事指南</Link>,
    },
  ];

  return (
    <Card title="事项目录" extra={<Typography.Text type="secondary">按事项名称或关键词搜索，如“食品”“护照”“施工许可”</Typography.Text>}>
      <FilterBar<Filters> initialValues={{}} onSearch={setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder="搜索事项" style={{ width: 240 }} data-testid="hall-search" />
        </Form.Item>
        <Form.Item name="unitId">
          <Select
            allowClear
            placeholder="实施主体"
            style={{ width: 260 }}
            loading={units.loading}
            showSearch={{ optionFilterProp: 'label' }}
            options={units.units.map((u) => ({ value: u.id, label: `${u.name}（${u.items}）` }))}
            data-testid="hall-filter-unit"
          />
        </Form.Item>
        <Form.Item name="type">
          <Select allowClear placeholder="事项类型" style={{ width: 160 }} options={meta.options('itemTypes')} data-testid="hall-filter-type" />
        </Form.Item>
      </FilterBar>
      <LoadMoreTable<PublicItem> rowKey="id" columns={columns} list={list} data-testid="hall-table" />
    </Card>
  );
}

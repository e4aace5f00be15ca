// 事项清单: the library in the user's jurisdiction (keyset list), filters, export, import and
// drafting a new item.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Badge, Button, Form, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/context';
import { FilterBar } from '../../components/FilterBar';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { PageCard } from '../../components/PageCard';
import { UnitSelect } from '../../components/UnitSelect';
import { useKeysetList } from '../../hooks/useKeysetList';
import { formatInstant } from '../../utils/format';
import type { ItemSummary } from './model';
import { ITEM_STATUS_LABELS } from './labels';
import { ItemStatusTag } from './components/ItemStatusTag';
import { ImportModal } from './ImportModal';
import { useCatalogMeta } from './useCatalogMeta';

interface Filters {
  unitId?: number;
  type?: string;
  status?: string;
  q?: string;
  publicityProblems?: string;
  secret?: string;
}

const STATUS_OPTIONS = Object.entries(ITEM_STATUS_LABELS).map(([value, label]) => ({ value, label }));

export default function ItemsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const meta = useCatalogMeta();
  const canDraft = can('catalog.draft');
  const [filters, setFilters] = useState<Filters>({});
  const list = useKeysetList<ItemSummary>('/api/catalog/items', { ...filters, q: filters.q?.trim() });
  const [importing, setImporting] = useState(false);

  const columns: TableColumnsType<ItemSummary> = [
    {
      title: '事项名称',
      dataIndex: 'name',
      render: (name: string, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/catalog/items/${r.id}`} data-testid={`catalog-open-${r.id}`}>
            {name}
          </Link>
          <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>
            {r.implCode}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '类型', dataIndex: 'typeName', width: 110 },
    { title: '实施主体', dataIndex: 'unitName' },
    { title: '区域', dataIndex: 'regionName', width: 90 },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_, r) => (
        <>
          <ItemStatusTag status={r.status} effective={r.effectiveStatus} statusFrom={r.statusFrom} />
          {r.secret && <Tag color="red">涉密</Tag>}
          {r.exempt && <Tag color="purple">免于监察</Tag>}
        </>
      ),
    },
    { title: '版本', dataIndex: 'currentVersionNo', width: 70, render: (n: number) => (n ? `第 ${n} 版` : '—') },
    {
      title: '公开异常',
      dataIndex: 'publicityProblems',
      width: 90,
      render: (n: number, r) =>
        n ? (
          <Link to={`/catalog/items/${r.id}?tab=publicity`}>
            <Badge count={n} data-testid={`catalog-publicity-${r.id}`} />
          </Link>
        ) : (
          <Typography.Text type="secondary">无</Typography.Text>
        ),
    },
    {
      title: '变更',
      dataIndex: 'openChangeId',
      width: 110,
      render: (id: number | null) =>
        id ? (
          <Tooltip title="有未完成的变更申请">
            <Link to={`/catalog/changes/${id}`}>
              <Tag color="processing">变更 #{id}</Tag>
            </Link>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: formatInstant },
  ];

  return (
    <PageCard
      title="事项清单"
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} href="/api/catalog/export/excel" download data-testid="catalog-export-excel">
            导出 Excel
          </Button>
          <Button icon={<DownloadOutlined />} href="/api/catalog/export/json" download="事项导出.json" data-testid="catalog-export-json">
            导出 JSON
          </Button>
          {canDraft && (
            <>
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="catalog-import">
                导入
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/catalog/drafts/new')} data-testid="catalog-create">
                新增事项
              </Button>
            </>
          )}
        </Space>
      }
    >
      <FilterBar<Filters> initialValues={{}} onSearch={setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder="事项名称、关键词或编码" style={{ width: 220 }} data-testid="catalog-filter-q" />
        </Form.Item>
        <Form.Item name="unitId">
          <UnitSelect activeOnly={false} style={{ width: 220 }} placeholder="实施主体" data-testid="catalog-filter-unit" />
        </Form.Item>
        <Form.Item name="type">
          <Select
            allowClear
            placeholder="事项类型"
            style={{ width: 150 }}
            options={meta.options('itemTypes')}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="catalog-filter-type"
          />
        </Form.Item>
        <Form.Item name="status">
          <Select allowClear placeholder="状态" style={{ width: 110 }} options={STATUS_OPTIONS} data-testid="catalog-filter-status" />
        </Form.Item>
        <Form.Item name="publicityProblems">
          <Select
            allowClear
            placeholder="公开异常"
            style={{ width: 130 }}
            options={[{ value: 'true', label: '有公开异常' }]}
            data-testid="catalog-filter-publicity"
          />
        </Form.Item>
        <Form.Item name="secret">
          <Select
            allowClear
            placeholder="涉密"
            style={{ width: 100 }}
            options={[
              { value: 'true', label: '涉密' },
              { value: 'false', label: '非涉密' },
            ]}
            data-testid="catalog-filter-secret"
          />
        </Form.Item>
      </FilterBar>
      <LoadMoreTable<ItemSummary> rowKey="id" columns={columns} list={list} data-testid="catalog-table" />
      <ImportModal open={importing} onClose={() => setImporting(false)} onImported={list.reload} />
    </PageCard>
  );
}

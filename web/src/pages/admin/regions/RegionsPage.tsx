// 行政区划: browse level by level (breadcrumb), search, create, rename, activate/deactivate.
import { useMemo, useState } from 'react';
import { Breadcrumb, Button, Input, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { useAuth } from '../../../auth/context';
import { PageCard } from '../../../components/PageCard';
import { StatusTag } from '../../../components/StatusTag';
import { useApiData } from '../../../hooks/useApiData';
import { useFeedback } from '../../../hooks/useFeedback';
import { REGION_LEVEL_LABELS } from '../../../labels';
import type { ItemList, Region } from '../../../types';
import { RegionFormModal, type RegionFormTarget } from './RegionFormModal';

/** Rows to show: the children of `parent`, or (at the top) regions whose parent is not listed. */
function visibleRows(items: Region[], parent: Region | null, searching: boolean): Region[] {
  if (searching) return items;
  if (parent) return items.filter((r) => r.parentCode === parent.code);
  const codes = new Set(items.map((r) => r.code));
  return items.filter((r) => !r.parentCode || !codes.has(r.parentCode));
}

export default function RegionsPage() {
  const { can } = useAuth();
  const feedback = useFeedback();
  const canManage = can('region.manage');
  const [trail, setTrail] = useState<Region[]>([]);
  const [q, setQ] = useState('');
  const [form, setForm] = useState<RegionFormTarget | null>(null);
  const parent = trail.length ? trail[trail.length - 1] : null;
  const query = q ? { q } : parent ? { parentCode: parent.code } : {};
  const { data, loading, reload } = useApiData<ItemList<Region>>('/api/regions', query);
  const rows = useMemo(() => visibleRows(data?.items ?? [], parent, !!q), [data, parent, q]);

  const toggleActive = (r: Region) =>
    feedback.confirm({
      title: r.active ? `确定停用“${r.name}”？` : `确定启用“${r.name}”？`,
      content: r.active ? '停用后该区划不能再被新单位选用，已有数据不受影响。' : undefined,
      danger: r.active,
      onOk: async () => {
        await api.patch(`/api/regions/${r.code}`, { active: !r.active });
        feedback.success(r.active ? '已停用' : '已启用');
        reload();
      },
    });

  const columns: TableColumnsType<Region> = [
    { title: '区划代码', dataIndex: 'code', width: 140 },
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, r) =>
        r.level === 'township' ? name : (
          <a onClick={() => { setQ(''); setTrail(q ? [r] : [...trail, r]); }} data-testid={`region-open-${r.code}`}>
            {name}
          </a>
        ),
    },
    { title: '级别', dataIndex: 'level', width: 100, render: (l: Region['level']) => <Tag>{REGION_LEVEL_LABELS[l] ?? l}</Tag> },
    { title: '上级代码', dataIndex: 'parentCode', width: 120, render: (c: string | null) => c ?? '—' },
    { title: '状态', dataIndex: 'active', width: 90, render: (a: boolean) => <StatusTag active={a} /> },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 160,
            render: (_: unknown, r: Region) => (
              <Space size="small">
                <a onClick={() => setForm({ mode: 'rename', region: r })}>重命名</a>
                <a onClick={() => toggleActive(r)} style={r.active ? { color: '#cf1322' } : undefined}>
                  {r.active ? '停用' : '启用'}
                </a>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageCard
      title="行政区划"
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create', parent })} data-testid="region-create">
            新增区划
          </Button>
        )
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Breadcrumb
            items={[
              { title: <a onClick={() => { setTrail([]); setQ(''); }}>全部</a> },
              ...trail.map((r, i) => ({
                title: i === trail.length - 1 ? r.name : <a onClick={() => { setTrail(trail.slice(0, i + 1)); setQ(''); }}>{r.name}</a>,
              })),
            ]}
          />
          <Input.Search
            placeholder="按名称或代码搜索"
            allowClear
            enterButton="搜索"
            style={{ width: 320 }}
            onSearch={(v) => setQ(v.trim())}
            data-testid="region-search"
          />
        </Space>
        <Table<Region> rowKey="code" size="middle" columns={columns} dataSource={rows} loading={loading} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
      </Space>
      <RegionFormModal
        target={form}
        onClose={() => setForm(null)}
        onSaved={() => {
          setForm(null);
          reload();
        }}
      />
    </PageCard>
  );
}

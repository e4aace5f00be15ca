// 单位: filter, list (keyset), create/edit, deactivate with a reason (never delete), activate.
import { useState } from 'react';
import { Button, Form, Input, Select, Space, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { useAuth } from '../../../auth/context';
import { FilterBar } from '../../../components/FilterBar';
import { LoadMoreTable } from '../../../components/LoadMoreTable';
import { PageCard } from '../../../components/PageCard';
import { ReasonModal } from '../../../components/ReasonModal';
import { RegionSelect } from '../../../components/RegionSelect';
import { StatusTag } from '../../../components/StatusTag';
import { useFeedback } from '../../../hooks/useFeedback';
import { useKeysetList } from '../../../hooks/useKeysetList';
import { ACTIVE_FILTER_OPTIONS, UNIT_KIND_LABELS, UNIT_KIND_OPTIONS } from '../../../labels';
import type { Unit, UnitKind } from '../../../types';
import { dash, formatInstant } from '../../../utils/format';
import { UnitFormDrawer, type UnitFormTarget } from './UnitFormDrawer';

interface Filters {
  regionCode?: string;
  kind?: UnitKind;
  q?: string;
  active?: string;
}

export default function UnitsPage() {
  const { can } = useAuth();
  const feedback = useFeedback();
  const canManage = can('unit.manage');
  const [filters, setFilters] = useState<Filters>({});
  const list = useKeysetList<Unit>('/api/units', { ...filters });
  const [form, setForm] = useState<UnitFormTarget | null>(null);
  const [deactivating, setDeactivating] = useState<Unit | null>(null);

  const activate = (u: Unit) =>
    feedback.confirm({
      title: `确定启用“${u.name}”？`,
      onOk: async () => {
        const saved = await api.post<Unit>(`/api/units/${u.id}/activate`);
        feedback.success('单位已启用');
        list.replace((r) => r.id === u.id, saved);
      },
    });

  const deactivate = async (reason: string) => {
    if (!deactivating) return;
    const saved = await api.post<Unit>(`/api/units/${deactivating.id}/deactivate`, { reason });
    feedback.success('单位已停用');
    list.replace((r) => r.id === deactivating.id, saved);
    setDeactivating(null);
  };

  const columns: TableColumnsType<Unit> = [
    {
      title: '单位名称',
      dataIndex: 'name',
      render: (name: string, u) => (
        <Space orientation="vertical" size={0}>
          <span>{name}</span>
          {u.shortName && <span style={{ color: '#8c8c8c', fontSize: 12 }}>简称：{u.shortName}</span>}
        </Space>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 120, render: (k: UnitKind) => <Tag>{UNIT_KIND_LABELS[k] ?? k}</Tag> },
    { title: '统一社会信用代码', dataIndex: 'creditCode', width: 200, render: dash },
    { title: '行政区划', dataIndex: 'regionName', render: (n: string | null, u) => n ?? u.regionCode },
    { title: '上级单位', dataIndex: 'parentName', render: dash },
    { title: '联系电话', dataIndex: 'phone', render: dash },
    {
      title: '状态',
      dataIndex: 'active',
      width: 90,
      render: (a: boolean, u) =>
        a ? (
          <StatusTag active />
        ) : (
          <Tooltip title={`${formatInstant(u.deactivatedAt)} 停用：${u.deactivatedReason ?? ''}`}>
            <span>
              <StatusTag active={false} />
            </span>
          </Tooltip>
        ),
    },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 120,
            fixed: 'right' as const,
            render: (_: unknown, u: Unit) => (
              <Space size="small">
                <a onClick={() => setForm({ mode: 'edit', unit: u })} data-testid={`unit-edit-${u.id}`}>编辑</a>
                {u.active ? (
                  <a style={{ color: '#cf1322' }} onClick={() => setDeactivating(u)} data-testid={`unit-deactivate-${u.id}`}>停用</a>
                ) : (
                  <a onClick={() => activate(u)} data-testid={`unit-activate-${u.id}`}>启用</a>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageCard
      title="单位"
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create' })} data-testid="unit-create">
            新增单位
          </Button>
        )
      }
    >
      <FilterBar<Filters> initialValues={{}} onSearch={setFilters}>
        <Form.Item name="regionCode">
          <RegionSelect style={{ width: 220 }} placeholder="行政区划" data-testid="unit-filter-region" />
        </Form.Item>
        <Form.Item name="kind">
          <Select allowClear placeholder="单位类型" options={UNIT_KIND_OPTIONS} style={{ width: 150 }} data-testid="unit-filter-kind" />
        </Form.Item>
        <Form.Item name="q">
          <Input allowClear placeholder="名称、简称或信用代码" style={{ width: 220 }} data-testid="unit-filter-q" />
        </Form.Item>
        <Form.Item name="active">
          <Select allowClear placeholder="状态" options={ACTIVE_FILTER_OPTIONS} style={{ width: 110 }} data-testid="unit-filter-active" />
        </Form.Item>
      </FilterBar>
      <LoadMoreTable<Unit> rowKey="id" columns={columns} list={list} data-testid="unit-table" />
      <UnitFormDrawer
        target={form}
        onClose={() => setForm(null)}
        onSaved={(u) => {
          if (form?.mode === 'edit') list.replace((r) => r.id === form.unit.id, u);
          else if (u) list.prepend(u);
          else list.reload();
          setForm(null);
        }}
      />
      <ReasonModal
        open={!!deactivating}
        title="停用单位"
        subject={deactivating ? `停用“${deactivating.name}”后，该单位不能再被选用；历史数据保留，可随时重新启用。` : undefined}
        onCancel={() => setDeactivating(null)}
        onSubmit={deactivate}
      />
    </PageCard>
  );
}

// 岗位: posts of a unit (or of all units in the caller's jurisdiction).
import { useMemo, useState } from 'react';
import { Button, Input, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { useAuth } from '../../../auth/context';
import { PageCard } from '../../../components/PageCard';
import { StatusTag } from '../../../components/StatusTag';
import { UnitSelect } from '../../../components/UnitSelect';
import { useApiData } from '../../../hooks/useApiData';
import { useFeedback } from '../../../hooks/useFeedback';
import type { ItemList, Post } from '../../../types';
import { dash } from '../../../utils/format';
import { PostFormModal, type PostFormTarget } from './PostFormModal';

export default function PostsPage() {
  const { can } = useAuth();
  const feedback = useFeedback();
  const canManage = can('post.manage');
  const [unit, setUnit] = useState<{ id: number; name: string } | undefined>();
  const [keyword, setKeyword] = useState('');
  const [form, setForm] = useState<PostFormTarget | null>(null);
  const { data, loading, reload } = useApiData<ItemList<Post>>('/api/posts', { unitId: unit?.id });
  const rows = useMemo(() => {
    const k = keyword.trim();
    const items = data?.items ?? [];
    return k ? items.filter((p) => p.name.includes(k) || p.code.includes(k) || (p.duty ?? '').includes(k)) : items;
  }, [data, keyword]);

  const toggleActive = (p: Post) =>
    feedback.confirm({
      title: p.active ? `确定停用岗位“${p.name}”？` : `确定启用岗位“${p.name}”？`,
      content: p.active ? '停用后不能再为用户分配该岗位，已有记录保留。' : undefined,
      danger: p.active,
      onOk: async () => {
        await api.patch(`/api/posts/${p.id}`, { active: !p.active });
        feedback.success(p.active ? '岗位已停用' : '岗位已启用');
        reload();
      },
    });

  const columns: TableColumnsType<Post> = [
    { title: '岗位编码', dataIndex: 'code', width: 140 },
    { title: '岗位名称', dataIndex: 'name' },
    { title: '所属单位', dataIndex: 'unitName', render: dash },
    { title: '岗位职责', dataIndex: 'duty', ellipsis: true, render: dash },
    { title: '状态', dataIndex: 'active', width: 90, render: (a: boolean) => <StatusTag active={a} /> },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 120,
            render: (_: unknown, p: Post) => (
              <Space size="small">
                <a onClick={() => setForm({ mode: 'edit', post: p })}>编辑</a>
                <a onClick={() => toggleActive(p)} style={p.active ? { color: '#cf1322' } : undefined}>
                  {p.active ? '停用' : '启用'}
                </a>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageCard
      title="岗位"
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create', unit })} data-testid="post-create">
            新增岗位
          </Button>
        )
      }
    >
      <Space wrap className="filter-bar">
        <UnitSelect
          activeOnly={false}
          style={{ width: 260 }}
          placeholder="按单位筛选"
          value={unit?.id}
          onChange={(id, option) => {
            const o = Array.isArray(option) ? option[0] : option;
            setUnit(typeof id === 'number' ? { id, name: String(o?.label ?? id) } : undefined);
          }}
          data-testid="post-filter-unit"
        />
        <Input.Search allowClear placeholder="岗位名称、编码或职责" style={{ width: 260 }} onSearch={setKeyword} data-testid="post-filter-q" />
      </Space>
      <Table<Post> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={loading} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
      <PostFormModal
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

// 角色: roles with their data scope and permissions; create, edit, activate/deactivate.
import { useState } from 'react';
import { Button, Space, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { PageCard } from '../../../components/PageCard';
import { StatusTag } from '../../../components/StatusTag';
import { useFeedback } from '../../../hooks/useFeedback';
import { useRoleCatalog } from '../../../hooks/useRoleCatalog';
import { scopeLabel } from '../../../labels';
import type { Role } from '../../../types';
import { dash } from '../../../utils/format';
import { RoleFormDrawer, type RoleFormTarget } from './RoleFormDrawer';

export default function RolesPage() {
  const feedback = useFeedback();
  const catalog = useRoleCatalog();
  const [form, setForm] = useState<RoleFormTarget | null>(null);

  const toggleActive = (r: Role) =>
    feedback.confirm({
      title: r.active ? `确定停用角色“${r.name}”？` : `确定启用角色“${r.name}”？`,
      content: r.active ? '停用后拥有该角色的用户将失去其权限。' : undefined,
      danger: r.active,
      onOk: async () => {
        await api.patch(`/api/roles/${encodeURIComponent(r.code)}`, { active: !r.active });
        feedback.success(r.active ? '角色已停用' : '角色已启用');
        catalog.reload();
      },
    });

  const columns: TableColumnsType<Role> = [
    { title: '角色编码', dataIndex: 'code', width: 170 },
    {
      title: '角色名称',
      dataIndex: 'name',
      width: 180,
      render: (name: string, r) => (
        <Space size={4}>
          {r.description ? <Tooltip title={r.description}>{name}</Tooltip> : name}
          {r.builtin && <Tag color="blue">内置</Tag>}
        </Space>
      ),
    },
    { title: '数据范围', dataIndex: 'scope', width: 130, render: (s: string) => catalog.scopeName(s) ?? scopeLabel(s) },
    {
      title: '权限',
      dataIndex: 'permissions',
      width: 460,
      render: (ps: string[]) =>
        ps.length ? (
          <Space size={[0, 4]} wrap>
            {ps.map((p) => (
              <Tooltip key={p} title={p}>
                <Tag color="geekblue">{catalog.permissionName(p)}</Tag>
              </Tooltip>
            ))}
          </Space>
        ) : (
          dash(null)
        ),
    },
    { title: '状态', dataIndex: 'active', width: 90, render: (a: boolean) => <StatusTag active={a} /> },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, r) => (
        <Space size="small">
          <a onClick={() => setForm({ mode: 'edit', role: r })} data-testid={`role-edit-${r.code}`}>编辑</a>
          <a onClick={() => toggleActive(r)} style={r.active ? { color: '#cf1322' } : undefined} data-testid={`role-toggle-${r.code}`}>
            {r.active ? '停用' : '启用'}
          </a>
        </Space>
      ),
    },
  ];

  return (
    <PageCard
      title="角色"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create' })} data-testid="role-create">
          新增角色
        </Button>
      }
    >
      <Table<Role>
        rowKey="code"
        size="middle"
        columns={columns}
        dataSource={catalog.roles}
        loading={catalog.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="role-table"
      />
      <RoleFormDrawer
        target={form}
        catalog={catalog}
        onClose={() => setForm(null)}
        onSaved={() => {
          setForm(null);
          catalog.reload();
        }}
      />
    </PageCard>
  );
}

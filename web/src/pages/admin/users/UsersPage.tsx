// 用户: filter, list (keyset), create (one-time initial password), edit, deactivate with a
// reason, activate, reset password, unlock.
import { useState } from 'react';
import { Button, Form, Input, Select, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { useAuth } from '../../../auth/context';
import { FilterBar } from '../../../components/FilterBar';
import { InitialPasswordModal, type InitialPassword } from '../../../components/InitialPasswordModal';
import { LoadMoreTable } from '../../../components/LoadMoreTable';
import { PageCard } from '../../../components/PageCard';
import { ReasonModal } from '../../../components/ReasonModal';
import { StatusTag } from '../../../components/StatusTag';
import { UnitSelect } from '../../../components/UnitSelect';
import { useFeedback } from '../../../hooks/useFeedback';
import { useKeysetList } from '../../../hooks/useKeysetList';
import { useRoleCatalog } from '../../../hooks/useRoleCatalog';
import { ACTIVE_FILTER_OPTIONS } from '../../../labels';
import type { UserActionResult, UserSummary } from '../../../types';
import { dash, formatInstant } from '../../../utils/format';
import { UserDetailDrawer } from './UserDetailDrawer';
import { UserFormDrawer, type UserFormTarget } from './UserFormDrawer';

interface Filters {
  unitId?: number;
  q?: string;
  role?: string;
  active?: string;
  kind?: string;
}

const KIND_OPTIONS = [
  { value: 'staff', label: '工作人员' },
  { value: 'applicant', label: '申请人' },
];

export default function UsersPage() {
  const { can, me } = useAuth();
  const feedback = useFeedback();
  const canManage = can('user.manage');
  const catalog = useRoleCatalog({ quiet: true });
  const [filters, setFilters] = useState<Filters>({});
  const list = useKeysetList<UserSummary>('/api/users', { ...filters });
  const [form, setForm] = useState<UserFormTarget | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [deactivating, setDeactivating] = useState<UserSummary | null>(null);
  const [password, setPassword] = useState<InitialPassword | null>(null);

  const simpleAction = (u: UserSummary, opts: { title: string; content?: string; path: string; done: string; danger?: boolean }) =>
    feedback.confirm({
      title: opts.title,
      content: opts.content,
      danger: opts.danger,
      onOk: async () => {
        const res = await api.post<UserActionResult>(`/api/users/${u.id}/${opts.path}`);
        feedback.success(opts.done);
        list.replace((r) => r.id === u.id, res?.user && toSummary(res.user));
      },
    });

  const resetPassword = (u: UserSummary) =>
    feedback.confirm({
      title: `确定重置“${u.displayName}”的密码？`,
      content: '系统将生成新的初始密码，原密码立即失效，用户下次登录时须修改密码。',
      danger: true,
      onOk: async () => {
        const res = await api.post<UserActionResult>(`/api/users/${u.id}/reset-password`);
        list.replace((r) => r.id === u.id, res?.user && toSummary(res.user));
        if (res?.initialPassword)
          setPassword({ username: u.username, displayName: u.displayName, password: res.initialPassword, reason: 'reset' });
      },
    });

  const deactivate = async (reason: string) => {
    if (!deactivating) return;
    const res = await api.post<UserActionResult>(`/api/users/${deactivating.id}/deactivate`, { reason });
    feedback.success('用户已停用');
    list.replace((r) => r.id === deactivating.id, res?.user && toSummary(res.user));
    setDeactivating(null);
  };

  const columns: TableColumnsType<UserSummary> = [
    {
      title: '用户名',
      dataIndex: 'username',
      render: (name: string, u) => (
        <a onClick={() => setDetailId(u.id)} data-testid={`user-open-${name}`}>
          {name}
        </a>
      ),
    },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '单位', dataIndex: 'unitName', render: dash },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: string[]) => roles.map((r) => <Tag key={r}>{catalog.roleName(r)}</Tag>),
    },
    { title: '状态', key: 'status', width: 140, render: (_, u) => <StatusTag active={u.active} locked={u.locked} /> },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 170, render: formatInstant },
    {
      title: '操作',
      key: 'actions',
      width: 250,
      fixed: 'right',
      render: (_, u) => (
        <Space size="small" wrap={false}>
          <a onClick={() => setDetailId(u.id)}>详情</a>
          {canManage && (
            <>
              <a onClick={() => setForm({ mode: 'edit', user: u })} data-testid={`user-edit-${u.username}`}>编辑</a>
              {u.active ? (
                u.id !== me?.id && (
                  <a style={{ color: '#cf1322' }} onClick={() => setDeactivating(u)} data-testid={`user-deactivate-${u.username}`}>停用</a>
                )
              ) : (
                <a
                  onClick={() => simpleAction(u, { title: `确定启用“${u.displayName}”？`, path: 'activate', done: '用户已启用' })}
                  data-testid={`user-activate-${u.username}`}
                >
                  启用
                </a>
              )}
              <a onClick={() => resetPassword(u)} data-testid={`user-reset-${u.username}`}>重置密码</a>
              {u.locked && (
                <a
                  onClick={() =>
                    simpleAction(u, {
                      title: `确定解锁“${u.displayName}”？`,
                      content: '解锁后该用户可立即重新尝试登录。',
                      path: 'unlock',
                      done: '账户已解锁',
                    })
                  }
                  data-testid={`user-unlock-${u.username}`}
                >
                  解锁
                </a>
              )}
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageCard
      title="用户"
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create' })} data-testid="user-create">
            新增用户
          </Button>
        )
      }
    >
      <FilterBar<Filters> initialValues={{}} onSearch={setFilters}>
        <Form.Item name="unitId">
          <UnitSelect activeOnly={false} style={{ width: 220 }} placeholder="单位" data-testid="user-filter-unit" />
        </Form.Item>
        <Form.Item name="q">
          <Input allowClear placeholder="用户名或姓名" style={{ width: 180 }} data-testid="user-filter-q" />
        </Form.Item>
        <Form.Item name="role">
          <Select
            allowClear
            placeholder="角色"
            style={{ width: 170 }}
            options={catalog.roles.map((r) => ({ value: r.code, label: r.name }))}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="user-filter-role"
          />
        </Form.Item>
        <Form.Item name="kind">
          <Select allowClear placeholder="用户类型" style={{ width: 120 }} options={KIND_OPTIONS} data-testid="user-filter-kind" />
        </Form.Item>
        <Form.Item name="active">
          <Select allowClear placeholder="状态" style={{ width: 100 }} options={ACTIVE_FILTER_OPTIONS} data-testid="user-filter-active" />
        </Form.Item>
      </FilterBar>
      <LoadMoreTable<UserSummary> rowKey="id" columns={columns} list={list} data-testid="user-table" />
      <UserFormDrawer
        target={form}
        catalog={catalog}
        onClose={() => setForm(null)}
        onCreated={(res) => {
          setForm(null);
          setPassword({ username: res.user.username, displayName: res.user.displayName, password: res.initialPassword, reason: 'created' });
          list.prepend(toSummary(res.user));
        }}
        onUpdated={(saved) => {
          const id = form?.mode === 'edit' ? form.user.id : null;
          setForm(null);
          list.replace((r) => r.id === id, saved ? toSummary(saved) : undefined);
        }}
      />
      <UserDetailDrawer userId={detailId} catalog={catalog} onClose={() => setDetailId(null)} />
      <ReasonModal
        open={!!deactivating}
        title="停用用户"
        subject={deactivating ? `停用“${deactivating.displayName}（${deactivating.username}）”后该用户不能登录，其会话立即失效；可随时重新启用。` : undefined}
        onCancel={() => setDeactivating(null)}
        onSubmit={deactivate}
      />
      <InitialPasswordModal value={password} onClose={() => setPassword(null)} />
    </PageCard>
  );
}

function toSummary(d: UserSummary): UserSummary {
  const { id, username, displayName, kind, unitId, unitName, roles, active, locked, lastLoginAt } = d;
  return { id, username, displayName, kind, unitId, unitName, roles, active, locked, lastLoginAt };
}

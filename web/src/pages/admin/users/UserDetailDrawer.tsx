// Read-only user detail (the server logs this read of personal data).
import { Descriptions, Drawer, Spin, Tag } from 'antd';
import { StatusTag } from '../../../components/StatusTag';
import { useApiData } from '../../../hooks/useApiData';
import type { RoleCatalog } from '../../../hooks/useRoleCatalog';
import type { ItemList, Post, UserDetail } from '../../../types';
import { dash, formatInstant } from '../../../utils/format';

export function UserDetailDrawer({ userId, catalog, onClose }: { userId: number | null; catalog: RoleCatalog; onClose: () => void }) {
  const { data: user, loading } = useApiData<UserDetail>(userId === null ? null : `/api/users/${userId}`);
  const { data: posts } = useApiData<ItemList<Post>>(user?.unitId ? '/api/posts' : null, { unitId: user?.unitId ?? undefined }, { quiet: true });
  const postName = (id: number) => posts?.items.find((p) => p.id === id)?.name ?? `#${id}`;

  return (
    <Drawer open={userId !== null} title="用户详情" size={560} onClose={onClose} destroyOnHidden>
      <Spin spinning={loading}>
        {user && (
          <Descriptions
            column={1}
            bordered
            size="small"
            data-testid="user-detail"
            items={[
              { key: 'username', label: '用户名', children: user.username },
              { key: 'displayName', label: '姓名', children: user.displayName },
              { key: 'kind', label: '用户类型', children: user.kind === 'staff' ? '工作人员' : '申请人' },
              { key: 'unit', label: '所在单位', children: dash(user.unitName) },
              {
                key: 'roles',
                label: '角色',
                children: user.roles.length ? user.roles.map((r) => <Tag key={r}>{catalog.roleName(r)}</Tag>) : '—',
              },
              {
                key: 'posts',
                label: '岗位',
                children: user.postIds.length ? user.postIds.map((id) => <Tag key={id}>{postName(id)}</Tag>) : '—',
              },
              { key: 'phone', label: '手机号码', children: dash(user.phone) },
              { key: 'email', label: '电子邮箱', children: dash(user.email) },
              { key: 'idNumber', label: '身份证号', children: <span data-testid="user-detail-idNumber">{dash(user.idNumberMasked)}</span> },
              { key: 'status', label: '状态', children: <StatusTag active={user.active} locked={user.locked} /> },
              ...(!user.active ? [{ key: 'reason', label: '停用原因', children: dash(user.deactivatedReason) }] : []),
              { key: 'mustChange', label: '须修改密码', children: user.mustChangePassword ? '是' : '否' },
              { key: 'lastLogin', label: '最近登录', children: formatInstant(user.lastLoginAt) },
              { key: 'created', label: '创建时间', children: formatInstant(user.createdAt) },
            ]}
          />
        )}
      </Spin>
    </Drawer>
  );
}

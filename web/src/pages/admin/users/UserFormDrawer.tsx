// Create a staff user (the server returns a one-time initial password) or edit one.
import { useEffect, useState } from 'react';
import { Button, Drawer, Form, Input, Select, Space, Spin } from 'antd';
import { api } from '../../../api';
import { UnitSelect } from '../../../components/UnitSelect';
import { useFeedback } from '../../../hooks/useFeedback';
import type { RoleCatalog } from '../../../hooks/useRoleCatalog';
import type { UserCreate, UserCreated, UserDetail, UserPatch, UserSummary } from '../../../types';
import { changedFields, compact, validValues } from '../../../utils/format';
import { USERNAME_RULE } from '../../../utils/validators';
import { PostsSelect } from './PostsSelect';

interface Values {
  username?: string;
  displayName: string;
  unitId: number;
  phone?: string;
  email?: string;
  roles: string[];
  postIds: number[];
}

const CODE_FIELDS = {
  INVALID_USERNAME: 'username',
  DUPLICATE_USERNAME: 'username',
  INVALID_PHONE: 'phone',
  UNIT_NOT_FOUND: 'unitId',
  UNIT_INACTIVE: 'unitId',
  POST_NOT_IN_UNIT: 'postIds',
  ROLE_NOT_FOUND: 'roles',
  ROLE_INACTIVE: 'roles',
  ROLE_NOT_FOR_STAFF: 'roles',
  ROLE_NOT_GRANTABLE: 'roles',
  CANNOT_CHANGE_OWN_ROLES: 'roles',
};

export type UserFormTarget = { mode: 'create' } | { mode: 'edit'; user: UserSummary };

interface Props {
  target: UserFormTarget | null;
  catalog: RoleCatalog;
  onClose: () => void;
  onCreated: (res: UserCreated) => void;
  onUpdated: (user: UserDetail | undefined) => void;
}

export function UserFormDrawer({ target, catalog, onClose, onCreated, onUpdated }: Props) {
  const [form] = Form.useForm<Values>();
  const feedback = useFeedback();
  const [saving, setSaving] = useState(false);
  const [detail, setDetail] = useState<UserDetail | null>(null);
  const [loadingDetail, setLoadingDetail] = useState(false);
  const editId = target?.mode === 'edit' ? target.user.id : null;
  const unitId = Form.useWatch('unitId', form);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    setDetail(null);
    if (editId === null) return;
    let live = true;
    setLoadingDetail(true);
    api
      .get<UserDetail>(`/api/users/${editId}`)
      .then((d) => {
        if (!live) return;
        setDetail(d);
        form.setFieldsValue({
          displayName: d.displayName,
          unitId: d.unitId ?? undefined,
          phone: d.phone ?? undefined,
          email: d.email ?? undefined,
          roles: d.roles,
          postIds: d.postIds,
        });
      })
      .catch((e) => live && feedback.error(e))
      .finally(() => live && setLoadingDetail(false));
    return () => {
      live = false;
    };
  }, [target, editId, form, feedback]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      if (detail) {
        const patch = changedFields(
          { ...detail, unitId: detail.unitId ?? undefined },
          { displayName: v.displayName, unitId: v.unitId, phone: v.phone, email: v.email, roles: v.roles ?? [], postIds: v.postIds ?? [] },
        ) as UserPatch;
        const saved = Object.keys(patch).length ? await api.patch<UserDetail | undefined>(`/api/users/${detail.id}`, patch) : detail;
        feedback.success('用户信息已保存');
        onUpdated(saved);
      } else {
        const body = { ...compact(v), roles: v.roles ?? [], postIds: v.postIds ?? [] } as UserCreate;
        const res = await api.post<UserCreated>('/api/users', body);
        feedback.success('用户已创建');
        onCreated(res);
      }
    } catch (e) {
      feedback.error(e, form, CODE_FIELDS);
    } finally {
      setSaving(false);
    }
  };

  const editing = target?.mode === 'edit';
  return (
    <Drawer
      open={!!target}
      title={editing ? `编辑用户：${target.user.displayName}` : '新增用户'}
      size={560}
      onClose={onClose}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} disabled={editing && !detail} onClick={submit} data-testid="user-form-submit">
            保存
          </Button>
        </Space>
      }
    >
      <Spin spinning={loadingDetail}>
        <Form form={form} layout="vertical" initialValues={{ roles: [], postIds: [] }}>
          {!editing && (
            <Form.Item
              label="用户名"
              name="username"
              extra="登录用，创建后不可修改；初始密码由系统生成"
              rules={[{ required: true, whitespace: true, message: '请输入用户名' }, USERNAME_RULE]}
            >
              <Input maxLength={32} autoComplete="off" data-testid="user-form-username" />
            </Form.Item>
          )}
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
            <Input maxLength={50} data-testid="user-form-displayName" />
          </Form.Item>
          <Form.Item label="所在单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitSelect
              knownOptions={detail?.unitId ? [{ value: detail.unitId, label: detail.unitName ?? String(detail.unitId) }] : []}
              onChange={() => form.setFieldValue('postIds', [])}
              data-testid="user-form-unit"
            />
          </Form.Item>
          <Form.Item label="角色" name="roles" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}>
            <Select
              mode="multiple"
              allowClear
              placeholder="选择角色"
              loading={catalog.loading}
              showSearch={{ optionFilterProp: 'label' }}
              options={catalog.roleOptions.filter((o) => o.value !== 'applicant')}
              data-testid="user-form-roles"
            />
          </Form.Item>
          <Form.Item label="岗位" name="postIds">
            <PostsSelect unitId={unitId} data-testid="user-form-posts" />
          </Form.Item>
          <Form.Item label="手机号码" name="phone">
            <Input maxLength={20} data-testid="user-form-phone" />
          </Form.Item>
          <Form.Item label="电子邮箱" name="email" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
            <Input maxLength={100} data-testid="user-form-email" />
          </Form.Item>
        </Form>
      </Spin>
    </Drawer>
  );
}

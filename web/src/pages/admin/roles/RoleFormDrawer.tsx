// Create or edit a role: data scope and permissions come from GET /api/roles.
import { useState, useLayoutEffect } from 'react';
import { Button, Checkbox, Drawer, Form, Input, Select, Space } from 'antd';
import { api } from '../../../api';
import { useFeedback } from '../../../hooks/useFeedback';
import type { RoleCatalog } from '../../../hooks/useRoleCatalog';
import type { Role } from '../../../types';
import { changedFields, compact, validValues } from '../../../utils/format';

interface Values {
  code?: string;
  name: string;
  scope: string;
  permissions: string[];
  description?: string;
}

const CODE_FIELDS = { DUPLICATE_ROLE: 'code', UNKNOWN_PERMISSION: 'permissions', BUILTIN_ROLE_LOCKED: 'permissions' };

export type RoleFormTarget = { mode: 'create' } | { mode: 'edit'; role: Role };

export function RoleFormDrawer({ target, catalog, onClose, onSaved }: { target: RoleFormTarget | null; catalog: RoleCatalog; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const feedback = useFeedback();
  const [saving, setSaving] = useState(false);
  const editing = target?.mode === 'edit' ? target.role : null;

  // before the browser paints: a value typed the moment the form shows is never overwritten
  useLayoutEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({ name: editing.name, scope: editing.scope, permissions: editing.permissions, description: editing.description ?? undefined });
  }, [target, editing, form]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      if (editing) {
        const patch = changedFields(
          { ...editing, description: editing.description ?? '' },
          { name: v.name, scope: v.scope, permissions: v.permissions ?? [], description: v.description },
        );
        if (Object.keys(patch).length) await api.patch(`/api/roles/${encodeURIComponent(editing.code)}`, patch);
      } else {
        await api.post('/api/roles', { ...compact(v), permissions: v.permissions ?? [] });
      }
      feedback.success(editing ? '角色已保存' : '角色已创建');
      onSaved();
    } catch (e) {
      feedback.error(e, form, CODE_FIELDS);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={!!target}
      title={editing ? `编辑角色：${editing.name}` : '新增角色'}
      size={600}
      onClose={onClose}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={submit} data-testid="role-form-submit">
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={{ permissions: [] }}>
        <Form.Item
          label="角色编码"
          name="code"
          hidden={!!editing}
          extra="小写字母开头，可含小写字母、数字、下划线；创建后不可修改"
          rules={editing ? [] : [{ required: true, whitespace: true, message: '请输入角色编码' }, { pattern: /^[a-z][a-z0-9_]{1,40}$/, message: '角色编码为小写字母开头的字母、数字、下划线' }]}
        >
          <Input maxLength={50} data-testid="role-form-code" />
        </Form.Item>
        <Form.Item label="角色名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入角色名称' }]}>
          <Input maxLength={50} data-testid="role-form-name" />
        </Form.Item>
        <Form.Item label="数据范围" name="scope" rules={[{ required: true, message: '请选择数据范围' }]}>
          <Select
            placeholder="选择数据范围"
            options={catalog.scopes.map((s) => ({ value: s.code, label: s.name }))}
            data-testid="role-form-scope"
          />
        </Form.Item>
        <Form.Item label="权限" name="permissions">
          <Checkbox.Group data-testid="role-form-permissions">
            <Space orientation="vertical">
              {catalog.permissions.map((p) => (
                <Checkbox key={p.code} value={p.code}>
                  {p.name} <span style={{ color: '#8c8c8c' }}>（{p.code}）</span>
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item label="说明" name="description">
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="role-form-description" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

// Create a post in a unit, or edit its name and duty.
import { useState, useLayoutEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { api } from '../../../api';
import { UnitSelect } from '../../../components/UnitSelect';
import { useFeedback } from '../../../hooks/useFeedback';
import type { Post } from '../../../types';
import { changedFields, compact, validValues } from '../../../utils/format';

export type PostFormTarget = { mode: 'create'; unit?: { id: number; name: string } } | { mode: 'edit'; post: Post };

interface Values {
  unitId?: number;
  code?: string;
  name: string;
  duty?: string;
}

const CODE_FIELDS = { DUPLICATE_POST_CODE: 'code', UNIT_NOT_FOUND: 'unitId', UNIT_INACTIVE: 'unitId' };

export function PostFormModal({ target, onClose, onSaved }: { target: PostFormTarget | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const feedback = useFeedback();
  const [saving, setSaving] = useState(false);
  const editing = target?.mode === 'edit' ? target.post : null;
  const presetUnit = target?.mode === 'create' ? target.unit : undefined;

  // before the browser paints: a value typed the moment the form shows is never overwritten
  useLayoutEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ name: editing.name, duty: editing.duty ?? undefined });
    else if (presetUnit) form.setFieldsValue({ unitId: presetUnit.id });
  }, [target, editing, presetUnit, form]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      if (editing) await api.patch(`/api/posts/${editing.id}`, changedFields(editing, { name: v.name, duty: v.duty }));
      else await api.post('/api/posts', compact(v));
      feedback.success(editing ? '岗位已保存' : '岗位已创建');
      onSaved();
    } catch (e) {
      feedback.error(e, form, CODE_FIELDS);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!target}
      title={editing ? `编辑岗位：${editing.name}` : '新增岗位'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical">
        {!editing && (
          <>
            <Form.Item label="所属单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
              <UnitSelect knownOptions={presetUnit ? [{ value: presetUnit.id, label: presetUnit.name }] : []} data-testid="post-form-unit" />
            </Form.Item>
            <Form.Item label="岗位编码" name="code" rules={[
                { required: true, whitespace: true, message: '请输入岗位编码' },
                { pattern: /^[A-Za-z0-9_-]{1,32}$/, message: '岗位编码为 1–32 位字母、数字、下划线或连字符' },
              ]}
            >
              <Input maxLength={32} data-testid="post-form-code" />
            </Form.Item>
          </>
        )}
        <Form.Item label="岗位名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入岗位名称' }]}>
          <Input maxLength={64} data-testid="post-form-name" />
        </Form.Item>
        <Form.Item label="岗位职责" name="duty">
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="post-form-duty" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

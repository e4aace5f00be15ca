// Create a region (code, name, parent) or rename one.
import { useState, useLayoutEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { api } from '../../../api';
import { RegionSelect, regionOption } from '../../../components/RegionSelect';
import { useFeedback } from '../../../hooks/useFeedback';
import type { Region } from '../../../types';
import { compact, validValues } from '../../../utils/format';
import { codeRule, isValidRegionCode } from '../../../utils/validators';

export type RegionFormTarget = { mode: 'create'; parent: Region | null } | { mode: 'rename'; region: Region };

interface Values {
  code?: string;
  name: string;
  parentCode?: string;
}

const CODE_FIELDS = {
  INVALID_REGION_CODE: 'code',
  DUPLICATE_REGION: 'code',
  REGION_CODE_MISMATCH: 'code',
  PARENT_REGION_MISSING: 'parentCode',
  PARENT_REGION_REQUIRED: 'parentCode',
};

export function RegionFormModal({ target, onClose, onSaved }: { target: RegionFormTarget | null; onClose: () => void; onSaved: (r: Region) => void }) {
  const [form] = Form.useForm<Values>();
  const feedback = useFeedback();
  const [saving, setSaving] = useState(false);

  // before the browser paints: a value typed the moment the form shows is never overwritten
  useLayoutEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'create') form.setFieldsValue({ parentCode: target.parent?.code });
    else form.setFieldsValue({ name: target.region.name });
  }, [target, form]);

  const submit = async () => {
    if (!target) return;
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      const saved =
        target.mode === 'create'
          ? await api.post<Region>('/api/regions', compact({ code: v.code, name: v.name, parentCode: v.parentCode }))
          : await api.patch<Region>(`/api/regions/${target.region.code}`, { name: v.name.trim() });
      feedback.success(target.mode === 'create' ? '行政区划已创建' : '名称已修改');
      onSaved(saved);
    } catch (e) {
      feedback.error(e, form, CODE_FIELDS);
    } finally {
      setSaving(false);
    }
  };

  const parent = target?.mode === 'create' ? target.parent : null;
  return (
    <Modal
      open={!!target}
      title={target?.mode === 'rename' ? `重命名：${target.region.name}` : '新增行政区划'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical">
        {target?.mode === 'create' && (
          <>
            <Form.Item
              label="区划代码"
              name="code"
              extra="6 位（省、市、县级）或 9 位（乡镇级）数字代码"
              rules={[{ required: true, message: '请输入区划代码' }, codeRule(isValidRegionCode, '区划代码格式不正确')]}
            >
              <Input maxLength={9} data-testid="region-form-code" />
            </Form.Item>
            <Form.Item label="上级区划" name="parentCode">
              <RegionSelect knownOptions={parent ? [regionOption(parent)] : []} data-testid="region-form-parent" />
            </Form.Item>
          </>
        )}
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
          <Input maxLength={64} data-testid="region-form-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

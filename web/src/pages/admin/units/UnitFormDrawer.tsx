// Create or edit a unit. Credit code, region and parent are fixed once the unit exists.
import { useState, useLayoutEffect } from 'react';
import { Button, Drawer, Form, Input, Select, Space } from 'antd';
import { api } from '../../../api';
import { RegionSelect } from '../../../components/RegionSelect';
import { UnitSelect } from '../../../components/UnitSelect';
import { useFeedback } from '../../../hooks/useFeedback';
import { KINDS_WITHOUT_CREDIT_CODE, UNIT_KIND_OPTIONS } from '../../../labels';
import type { Unit, UnitCreate, UnitKind, UnitPatch } from '../../../types';
import { changedFields, compact, validValues } from '../../../utils/format';
import { codeRule, isValidCreditCode } from '../../../utils/validators';

interface Values {
  name: string;
  shortName?: string;
  kind: UnitKind;
  creditCode?: string;
  regionCode: string;
  parentId?: number;
  phone?: string;
  address?: string;
}

const CODE_FIELDS = {
  INVALID_CREDIT_CODE: 'creditCode',
  CREDIT_CODE_REQUIRED: 'creditCode',
  DUPLICATE_CREDIT_CODE: 'creditCode',
  REGION_NOT_FOUND: 'regionCode',
  REGION_INACTIVE: 'regionCode',
  PARENT_UNIT_NOT_FOUND: 'parentId',
  PARENT_UNIT_INACTIVE: 'parentId',
};

export type UnitFormTarget = { mode: 'create' } | { mode: 'edit'; unit: Unit };

export function UnitFormDrawer({ target, onClose, onSaved }: { target: UnitFormTarget | null; onClose: () => void; onSaved: (u: Unit | undefined) => void }) {
  const [form] = Form.useForm<Values>();
  const feedback = useFeedback();
  const [saving, setSaving] = useState(false);
  const editing = target?.mode === 'edit' ? target.unit : null;
  const kind = Form.useWatch('kind', form);
  const creditRequired = !!kind && !KINDS_WITHOUT_CREDIT_CODE.includes(kind);

  // before the browser paints: a value typed the moment the form shows is never overwritten
  useLayoutEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        name: editing.name,
        shortName: editing.shortName ?? undefined,
        kind: editing.kind,
        creditCode: editing.creditCode ?? undefined,
        regionCode: editing.regionCode,
        parentId: editing.parentId ?? undefined,
        phone: editing.phone ?? undefined,
        address: editing.address ?? undefined,
      });
  }, [target, editing, form]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      let saved: Unit | undefined;
      if (editing) {
        const patch = changedFields(editing, {
          name: v.name,
          shortName: v.shortName,
          kind: v.kind,
          phone: v.phone,
          address: v.address,
        }) as UnitPatch;
        saved = await api.patch<Unit>(`/api/units/${editing.id}`, patch);
      } else {
        const body = compact({ ...v, creditCode: v.creditCode?.trim().toUpperCase() }) as UnitCreate;
        saved = await api.post<Unit>('/api/units', body);
      }
      feedback.success(editing ? '单位信息已保存' : '单位已创建');
      onSaved(saved);
    } catch (e) {
      feedback.error(e, form, CODE_FIELDS);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={!!target}
      title={editing ? `编辑单位：${editing.name}` : '新增单位'}
      size={560}
      onClose={onClose}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={submit} data-testid="unit-form-submit">
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item label="单位名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }, { min: 2, message: '单位名称至少 2 个字' }]}>
          <Input maxLength={100} data-testid="unit-form-name" />
        </Form.Item>
        <Form.Item label="简称" name="shortName">
          <Input maxLength={50} data-testid="unit-form-shortName" />
        </Form.Item>
        <Form.Item label="单位类型" name="kind" rules={[{ required: true, message: '请选择单位类型' }]}>
          <Select options={UNIT_KIND_OPTIONS} placeholder="选择单位类型" data-testid="unit-form-kind" />
        </Form.Item>
        <Form.Item
          label="统一社会信用代码"
          name="creditCode"
          extra={editing ? '统一社会信用代码创建后不可修改' : '服务大厅、窗口可不填'}
          rules={
            editing
              ? []
              : [
                  { required: creditRequired, message: '请输入统一社会信用代码' },
                  codeRule((s) => isValidCreditCode(s.toUpperCase()), '统一社会信用代码格式或校验位不正确'),
                ]
          }
        >
          <Input maxLength={18} disabled={!!editing} data-testid="unit-form-creditCode" />
        </Form.Item>
        <Form.Item label="所属行政区划" name="regionCode" rules={[{ required: true, message: '请选择行政区划' }]}>
          <RegionSelect
            activeOnly
            disabled={!!editing}
            knownOptions={editing ? [{ value: editing.regionCode, label: editing.regionName ?? editing.regionCode }] : []}
            data-testid="unit-form-region"
          />
        </Form.Item>
        <Form.Item label="上级单位" name="parentId">
          <UnitSelect
            disabled={!!editing}
            knownOptions={editing?.parentId ? [{ value: editing.parentId, label: editing.parentName ?? String(editing.parentId) }] : []}
            placeholder="选择上级单位（可不选）"
            data-testid="unit-form-parent"
          />
        </Form.Item>
        <Form.Item label="联系电话" name="phone">
          <Input maxLength={30} data-testid="unit-form-phone" />
        </Form.Item>
        <Form.Item label="地址" name="address">
          <Input.TextArea rows={2} maxLength={200} data-testid="unit-form-address" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

// 状态变更 (CAT-2): 在用 / 暂停 / 取消 from an effective date, with reason and trigger; it goes
// to 编办 like any basic change.
import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api';
import { useFeedback } from '../../hooks/useFeedback';
import { validValues } from '../../utils/format';
import type { Change, ItemStatus, ItemSummary } from './model';
import { ITEM_STATUS_LABELS } from './labels';
import { useCatalogMeta } from './useCatalogMeta';

interface Values {
  status: ItemStatus;
  effectiveDate: Dayjs;
  reason: string;
  triggerKind: string;
  triggerDate: Dayjs;
}

const CODE_FIELDS = {
  STATUS_UNCHANGED: 'status',
  ITEM_CANCELLED: 'status',
  EFFECTIVE_DATE_IN_PAST: 'effectiveDate',
  TRIGGER_DATE_IN_FUTURE: 'triggerDate',
};

export function StatusChangeModal({ item, open, onClose, onDone }: { item: ItemSummary; open: boolean; onClose: () => void; onDone: (c: Change) => void }) {
  const [form] = Form.useForm<Values>();
  const feedback = useFeedback();
  const meta = useCatalogMeta();
  const [saving, setSaving] = useState(false);
  const status = Form.useWatch('status', form);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      const c = await api.post<Change>(`/api/catalog/items/${item.id}/status`, {
        status: v.status,
        effectiveDate: v.effectiveDate.format('YYYY-MM-DD'),
        reason: v.reason.trim(),
        triggerKind: v.triggerKind,
        triggerDate: v.triggerDate.format('YYYY-MM-DD'),
      });
      feedback.success('状态变更申请已提交编办审核');
      onDone(c);
    } catch (e) {
      feedback.error(e, form, CODE_FIELDS);
    } finally {
      setSaving(false);
    }
  };

  const options = (['active', 'paused', 'cancelled'] as const).map((s) => ({ value: s, label: ITEM_STATUS_LABELS[s], disabled: s === item.status }));

  return (
    <Modal
      open={open}
      title={`变更事项状态：${item.name}`}
      okText="提交审核"
      okButtonProps={{ loading: saving, ...({ 'data-testid': 'status-submit' } as object) }}
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      forceRender
      afterClose={() => form.resetFields()}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ effectiveDate: dayjs(), triggerDate: dayjs() }}>
        <Form.Item label="新状态" name="status" rules={[{ required: true, message: '请选择新状态' }]}>
          <Radio.Group optionType="button" options={options} data-testid="status-value" />
        </Form.Item>
        {status === 'cancelled' && <Alert type="warning" showIcon title="取消是最终状态：取消后事项不能再变更，也不能受理新的办件。" style={{ marginBottom: 16 }} />}
        {status === 'paused' && <Alert type="info" showIcon title="暂停期间事项不能受理新的办件，已受理的办件继续办理。" style={{ marginBottom: 16 }} />}
        <Form.Item label="生效日期" name="effectiveDate" rules={[{ required: true, message: '请选择生效日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="status-effective-date" />
        </Form.Item>
        <Form.Item label="原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写原因' }, { min: 2, message: '原因至少 2 个字' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="status-reason" />
        </Form.Item>
        <Form.Item label="触发事由" name="triggerKind" rules={[{ required: true, message: '请选择触发事由' }]}>
          <Select options={meta.options('triggerKinds')} placeholder="选择触发事由" data-testid="status-trigger-kind" />
        </Form.Item>
        <Form.Item label="事由发生日期" name="triggerDate" rules={[{ required: true, message: '请选择事由发生日期' }]} extra="自该日起 20 个工作日内须报备">
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="status-trigger-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

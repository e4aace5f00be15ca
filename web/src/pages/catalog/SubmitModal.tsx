// 提交审核 (CAT-3): the reason, what triggered the change and when (the unit has 20 working days
// from that date to file it). Submission freezes the draft.
import { useState, useLayoutEffect } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useFeedback } from '../../hooks/useFeedback';
import { validValues } from '../../utils/format';
import { useCatalogMeta } from './useCatalogMeta';

export interface SubmitMeta {
  reason: string;
  triggerKind: string;
  triggerDate: string;
}

interface Values {
  reason: string;
  triggerKind: string;
  triggerDate: Dayjs;
}

interface Props {
  open: boolean;
  initial?: Partial<SubmitMeta> | null;
  /** Throws to keep the dialog open (the error is shown). */
  onSubmit: (meta: SubmitMeta) => Promise<void>;
  onCancel: () => void;
}

const CODE_FIELDS = { TRIGGER_DATE_IN_FUTURE: 'triggerDate' };

export function SubmitModal({ open, initial, onSubmit, onCancel }: Props) {
  const [form] = Form.useForm<Values>();
  const feedback = useFeedback();
  const meta = useCatalogMeta();
  const [saving, setSaving] = useState(false);

  const initKey = JSON.stringify(initial ?? {});
  // before the browser paints: a value typed the moment the form shows is never overwritten
  useLayoutEffect(() => {
    if (!open) return;
    const init = JSON.parse(initKey) as Partial<SubmitMeta>;
    form.setFieldsValue({
      reason: init.reason ?? '',
      triggerKind: init.triggerKind ?? undefined,
      triggerDate: init.triggerDate ? dayjs(init.triggerDate) : dayjs(),
    });
  }, [open, initKey, form]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      await onSubmit({ reason: v.reason.trim(), triggerKind: v.triggerKind, triggerDate: v.triggerDate.format('YYYY-MM-DD') });
    } catch (e) {
      feedback.error(e, form, CODE_FIELDS);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="提交审核"
      okText="提交审核"
      cancelText="取消"
      okButtonProps={{ loading: saving, ...({ 'data-testid': 'submit-confirm' } as object) }}
      onOk={submit}
      onCancel={onCancel}
      forceRender
      afterClose={() => form.resetFields()}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="基本要素由编办审核，内部流程和裁量基准由法制机构审核；全部审核通过后发布新版本，原版本继续留存可查。"
      />
      <Form<Values> form={form} layout="vertical">
        <Form.Item label="变更理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写变更理由' }, { min: 2, message: '变更理由至少 2 个字' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="submit-reason" />
        </Form.Item>
        <Form.Item label="触发事由" name="triggerKind" rules={[{ required: true, message: '请选择触发事由' }]}>
          <Select options={meta.options('triggerKinds')} placeholder="如：法律法规立改废、机构改革" data-testid="submit-trigger-kind" />
        </Form.Item>
        <Form.Item
          label="事由发生日期"
          name="triggerDate"
          rules={[{ required: true, message: '请选择事由发生日期' }]}
          extra="自该日起 20 个工作日内须报备，逾期将被电子监察标记"
        >
          <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="submit-trigger-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

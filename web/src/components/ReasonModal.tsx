// Asks for the (required) reason before deactivating a record; records are never deleted.
// The label, button and whether the text is required can be changed for other reasoned acts
// (opinions, notes).
import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useFeedback } from '../hooks/useFeedback';
import { validValues } from '../utils/format';

export interface ReasonModalProps {
  open: boolean;
  title: string;
  /** What is being deactivated, shown above the input. */
  subject?: string;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<void>;
  /** Defaults: 停用原因, 确认停用, danger, required (≥ 2 characters), 200 characters. */
  label?: string;
  okText?: string;
  danger?: boolean;
  optional?: boolean;
  maxLength?: number;
}

export function ReasonModal({
  open,
  title,
  subject,
  onCancel,
  onSubmit,
  label = '停用原因',
  okText = '确认停用',
  danger = true,
  optional = false,
  maxLength = 200,
}: ReasonModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const feedback = useFeedback();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await validValues(form);
    if (!values) return;
    const { reason } = values;
    setSaving(true);
    try {
      await onSubmit((reason ?? '').trim());
    } catch (e) {
      feedback.error(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: saving, ...({ 'data-testid': 'reason-submit' } as object) }}
      cancelText="取消"
      onOk={submit}
      onCancel={onCancel}
      forceRender
      afterClose={() => form.resetFields()}
    >
      {subject && <Alert type={danger ? 'warning' : 'info'} showIcon title={subject} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          label={label}
          name="reason"
          rules={optional ? [] : [{ required: true, whitespace: true, message: `请填写${label}` }, { min: 2, message: `${label}至少 2 个字` }]}
        >
          <Input.TextArea rows={3} maxLength={maxLength} showCount data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

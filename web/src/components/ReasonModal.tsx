// Asks for the (required) reason before deactivating a record; records are never deleted.
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
}

export function ReasonModal({ open, title, subject, onCancel, onSubmit }: ReasonModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const feedback = useFeedback();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await validValues(form);
    if (!values) return;
    const { reason } = values;
    setSaving(true);
    try {
      await onSubmit(reason.trim());
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
      okText="确认停用"
      okButtonProps={{ danger: true, loading: saving, ...({ 'data-testid': 'reason-submit' } as object) }}
      cancelText="取消"
      onOk={submit}
      onCancel={onCancel}
      forceRender
      afterClose={() => form.resetFields()}
    >
      {subject && <Alert type="warning" showIcon title={subject} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        <Form.Item label="停用原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写停用原因' }, { min: 2, message: '停用原因至少 2 个字' }]}>
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

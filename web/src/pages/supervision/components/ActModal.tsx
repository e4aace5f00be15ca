// The dialog of one handling act on a signal (POST /api/supervision/signals/:id/<act>): the
// fields each act's body needs, attachments as Base64, the server's errors on the fields.
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Radio, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { RemoteSelect } from '../../../components/RemoteSelect';
import type { Page } from '../../../types';
import { useFeedback } from '../../../hooks/useFeedback';
import { validValues } from '../../../utils/format';
import { toAttachments } from '../files';
import { SIGNAL_ACTS } from '../labels';
import type { Signal } from '../model';

export type ActKey = keyof typeof SIGNAL_ACTS;

type Field =
  | { name: string; label: string; kind: 'text'; required?: boolean; rows?: number; max?: number }
  | { name: string; label: string; kind: 'days'; required?: boolean; max: number; initial?: number; extra?: string }
  | { name: string; label: string; kind: 'radio'; options: { value: string | boolean; label: string }[]; initial: string | boolean }
  | { name: string; label: string; kind: 'files' }
  | { name: string; label: string; kind: 'supervisor'; extra?: string };

const FIELDS: Record<string, Field[]> = {
  explain: [
    { name: 'kind', label: '类型', kind: 'radio', initial: 'explanation', options: [{ value: 'explanation', label: '情况说明' }, { value: 'appeal', label: '申诉' }] },
    { name: 'text', label: '说明内容', kind: 'text', required: true, rows: 5 },
    { name: 'files', label: '附件', kind: 'files' },
  ],
  investigate: [{ name: 'note', label: '调查事项', kind: 'text', required: true }],
  demand_materials: [
    { name: 'materials', label: '需提供的材料', kind: 'text', required: true },
    { name: 'days', label: '提供期限（工作日）', kind: 'days', required: true, max: 60, initial: 5 },
  ],
  provide_materials: [
    { name: 'text', label: '材料说明', kind: 'text', required: true },
    { name: 'files', label: '附件', kind: 'files' },
  ],
  find: [
    { name: 'finding', label: '认定结果', kind: 'radio', initial: 'valid', options: [{ value: 'valid', label: '成立' }, { value: 'invalid', label: '不成立（撤销信号）' }] },
    { name: 'reason', label: '认定理由', kind: 'text', required: true, rows: 4 },
    { name: 'proposal', label: '监察建议（填写后生成监察建议书）', kind: 'text' },
  ],
  order_rectification: [
    { name: 'requirements', label: '整改要求', kind: 'text', required: true, rows: 4 },
    { name: 'days', label: '整改期限（工作日）', kind: 'days', max: 60, extra: '不填按默认整改期限' },
  ],
  report_rectification: [
    { name: 'text', label: '整改情况', kind: 'text', required: true, rows: 4 },
    { name: 'files', label: '附件', kind: 'files' },
  ],
  verify: [
    { name: 'passed', label: '验收结果', kind: 'radio', initial: true, options: [{ value: true, label: '通过' }, { value: false, label: '不通过（重新整改）' }] },
    { name: 'opinion', label: '验收意见', kind: 'text', required: true },
    { name: 'days', label: '重新整改期限（工作日，不通过时）', kind: 'days', max: 60 },
  ],
  propose_accountability: [
    { name: 'persons', label: '责任人员', kind: 'text', required: true, rows: 2, max: 500 },
    { name: 'proposal', label: '责任追究建议', kind: 'text', required: true, rows: 4 },
  ],
  close: [{ name: 'summary', label: '办结意见', kind: 'text', required: true }],
  reopen: [
    { name: 'reason', label: '再监察理由', kind: 'text', required: true },
    { name: 'assigneeId', label: '承办监察人员（重新指派）', kind: 'supervisor', extra: '不选则由本人承办' },
  ],
  escalate: [
    { name: 'title', label: '督办事项标题（可不填）', kind: 'text', rows: 1, max: 200 },
    { name: 'requirements', label: '督办要求', kind: 'text', required: true, rows: 4 },
    { name: 'limitDays', label: '办理期限（工作日，≤ 20）', kind: 'days', max: 20, extra: '不填按默认 20 个工作日' },
  ],
};

const HINTS: Partial<Record<string, string>> = {
  find: '认定不成立将撤销该信号（留有记录，不删除）。',
  reopen: '再监察须由办结机关的上级监察机关发起。',
  escalate: '将起草督查督办事项并提交领导批准交办。',
};

/** Supervisors in the caller's jurisdiction (GET /api/users?role=supervisor). */
async function searchSupervisors(q: string) {
  const r = await api.get<Page<{ id: number; displayName: string; unitName: string | null; active: boolean }>>('/api/users', { role: 'supervisor', q, active: 'true', limit: 50 });
  return r.items.map((u) => ({ value: u.id, label: u.unitName ? `${u.displayName} · ${u.unitName}` : u.displayName }));
}

export interface ActModalProps {
  signal: Signal;
  act: ActKey | null;
  onClose: () => void;
  onDone: (result: { signal?: Signal; task?: { id: number } }) => void;
}

export function ActModal({ signal, act, onClose, onDone }: ActModalProps) {
  const [form] = Form.useForm();
  const feedback = useFeedback();
  const [saving, setSaving] = useState(false);
  const fields = act ? FIELDS[act] ?? [] : [];

  const submit = async () => {
    if (!act) return;
    const values = await validValues(form);
    if (!values) return;
    const body: Record<string, unknown> = {};
    for (const f of fields) {
      const v = (values as Record<string, unknown>)[f.name];
      if (f.kind === 'files') body[f.name] = await toAttachments(v as UploadFile[] | undefined);
      else if (v !== undefined && v !== null && v !== '') body[f.name] = typeof v === 'string' ? v.trim() : v;
    }
    setSaving(true);
    try {
      const res = await api.post<{ signal?: Signal; task?: { id: number } }>(`/api/supervision/signals/${signal.id}/${act.replace(/_/g, '-')}`, body);
      feedback.success(`已${SIGNAL_ACTS[act]}`);
      onDone(res);
    } catch (e) {
      feedback.error(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!act}
      title={act ? `${SIGNAL_ACTS[act]}：${signal.signalNo}` : ''}
      okText="提交"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ loading: saving, ...({ 'data-testid': 'act-submit' } as object) }}
      destroyOnHidden
      width={600}
    >
      {act && HINTS[act] && <Alert type="info" showIcon title={HINTS[act]} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false} data-testid={`act-form-${act ?? ''}`}>
        {fields.map((f) => {
          switch (f.kind) {
            case 'text':
              return (
                <Form.Item key={f.name} name={f.name} label={f.label} rules={f.required ? [{ required: true, whitespace: true, message: `请填写${f.label}` }] : []}>
                  <Input.TextArea rows={f.rows ?? 3} maxLength={f.max ?? 4000} showCount data-testid={`act-form-${f.name}`} />
                </Form.Item>
              );
            case 'days':
              return (
                <Form.Item key={f.name} name={f.name} label={f.label} extra={f.extra} initialValue={f.initial} rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}>
                  <InputNumber min={1} max={f.max} precision={0} style={{ width: 160 }} data-testid={`act-form-${f.name}`} />
                </Form.Item>
              );
            case 'radio':
              return (
                <Form.Item key={f.name} name={f.name} label={f.label} initialValue={f.initial}>
                  <Radio.Group data-testid={`act-form-${f.name}`}>
                    {f.options.map((o) => (
                      <Radio key={String(o.value)} value={o.value} data-testid={`act-form-${f.name}-${String(o.value)}`}>
                        {o.label}
                      </Radio>
                    ))}
                  </Radio.Group>
                </Form.Item>
              );
            case 'supervisor':
              return (
                <Form.Item key={f.name} name={f.name} label={f.label} extra={f.extra}>
                  <RemoteSelect<number> placeholder="搜索本辖区监察人员" fetchOptions={searchSupervisors} data-testid={`act-form-${f.name}`} />
                </Form.Item>
              );
            case 'files':
              return (
                <Form.Item key={f.name} name={f.name} label={f.label} valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e?.fileList}>
                  <Upload beforeUpload={() => false} multiple maxCount={10} data-testid={`act-form-${f.name}`}>
                    <Button icon={<UploadOutlined />}>选择文件</Button>
                  </Upload>
                </Form.Item>
              );
            default:
              return null;
          }
        })}
      </Form>
    </Modal>
  );
}

export const ACT_FORMS = FIELDS;

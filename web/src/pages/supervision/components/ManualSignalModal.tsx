// 人工发出监察信号 (POST /api/supervision/signals): a 成都§10 violation (kinds from
// GET /api/supervision/manual-kinds) against a case number or a unit in the jurisdiction.
import { useState } from 'react';
import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { api } from '../../../api';
import { UnitSelect } from '../../../components/UnitSelect';
import { useApiData } from '../../../hooks/useApiData';
import { useFeedback } from '../../../hooks/useFeedback';
import { validValues } from '../../../utils/format';
import { LEVEL_ORDER, LEVELS } from '../labels';
import type { Signal } from '../model';

interface Values {
  kind: string;
  level: string;
  target: 'case' | 'unit';
  caseNo?: string;
  unitId?: number;
  title?: string;
  explanation: string;
}

export interface ManualSignalModalProps {
  open: boolean;
  onClose: () => void;
  onDone: (signal: Signal) => void;
}

export function ManualSignalModal({ open, onClose, onDone }: ManualSignalModalProps) {
  const [form] = Form.useForm<Values>();
  const feedback = useFeedback();
  const [saving, setSaving] = useState(false);
  const kinds = useApiData<{ items: { code: string; name: string }[] }>(open ? '/api/supervision/manual-kinds' : null, undefined, { quiet: true });
  const target = Form.useWatch('target', form) ?? 'case';

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const body = {
      kind: v.kind,
      level: v.level,
      title: v.title?.trim() || null,
      explanation: v.explanation.trim(),
      ...(v.target === 'case' ? { caseNo: v.caseNo?.trim() } : { unitId: v.unitId }),
    };
    setSaving(true);
    try {
      const r = await api.post<{ signal: Signal }>('/api/supervision/signals', body);
      feedback.success(`已发出监察信号 ${r.signal.signalNo}`);
      onDone(r.signal);
    } catch (e) {
      feedback.error(e, form, { NOT_FOUND: v.target === 'case' ? 'caseNo' : 'unitId' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="人工发出监察信号"
      okText="发出信号"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ danger: true, loading: saving, ...({ 'data-testid': 'manual-form-submit' } as object) }}
      destroyOnHidden
      width={640}
    >
      <Alert type="info" showIcon title="适用于《成都市行政审批电子监察办法》第十条所列违规情形；信号发出后即进入处置流程，红灯信号限期说明。" style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ level: 'red', target: 'case' }} data-testid="manual-form">
        <Form.Item name="kind" label="违规情形" rules={[{ required: true, message: '请选择违规情形' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={kinds.loading}
            options={(kinds.data?.items ?? []).map((k) => ({ value: k.code, label: k.name }))}
            data-testid="manual-form-kind"
          />
        </Form.Item>
        <Form.Item name="level" label="等级">
          <Radio.Group data-testid="manual-form-level">
            {LEVEL_ORDER.map((l) => (
              <Radio key={l} value={l} data-testid={`manual-form-level-${l}`}>
                {LEVELS[l].label}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="target" label="监察对象">
          <Radio.Group data-testid="manual-form-target">
            <Radio value="case" data-testid="manual-form-target-case">办件</Radio>
            <Radio value="unit" data-testid="manual-form-target-unit">单位</Radio>
          </Radio.Group>
        </Form.Item>
        {target === 'case' ? (
          <Form.Item name="caseNo" label="办件编号" rules={[{ required: true, whitespace: true, message: '请填写办件编号' }]}>
            <Input maxLength={40} placeholder="例如 51070020261102000123" data-testid="manual-form-caseNo" />
          </Form.Item>
        ) : (
          <Form.Item name="unitId" label="责任单位" rules={[{ required: true, message: '请选择责任单位' }]}>
            <UnitSelect activeOnly={false} data-testid="manual-form-unit" />
          </Form.Item>
        )}
        <Form.Item name="title" label="标题（可不填，默认为违规情形）">
          <Input maxLength={200} data-testid="manual-form-title" />
        </Form.Item>
        <Form.Item name="explanation" label="情况说明" rules={[{ required: true, whitespace: true, message: '请填写情况说明' }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="manual-form-explanation" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// One dialog for every case command the API offers this user now (availableCommands): the
// fields each command needs, the POST, and the server's refusal message when it says no.
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Upload } from 'antd';
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { errorMessage } from '../../../hooks/useFeedback';
import { chinaToday, validValues } from '../../../utils/format';
import { fileToBase64 } from '../../catalog/files';
import type { MetaLookup } from '../../catalog/useCatalogMeta';
import type { CaseDetail, CommandResult } from '../model';
import { MaterialsInput, toMaterialInputs, type MaterialDrafts, type MaterialRow } from './MaterialsInput';

/** Command type → route under /api/cases/:id/. */
export const COMMAND_PATHS: Record<string, string> = {
  accept: 'accept',
  refuse: 'refuse',
  request_supplement: 'supplement',
  supply_materials: 'supply',
  pass_step: 'pass',
  return_step: 'return',
  suspend: 'suspend',
  resume: 'resume',
  start_special_procedure: 'special-procedure',
  record_special_result: 'special-result',
  extend: 'extend',
  attach_evidence: 'evidence',
  decide: 'decide',
  complete: 'complete',
  deliver: 'deliver',
  withdraw: 'withdraw',
  terminate: 'terminate',
  merge: 'merge',
};

/** Commands whose text is a required reason. */
const REASON_REQUIRED = new Set(['refuse', 'return_step', 'suspend', 'resume', 'extend', 'terminate', 'merge']);
const REASON_LABELS: Record<string, string> = {
  refuse: '不予受理理由', return_step: '退回理由', suspend: '挂起理由', resume: '恢复说明', extend: '延期理由', terminate: '终止理由',
  merge: '并案理由', withdraw: '撤回原因',
};
const DELIVERY_METHODS = [
  ['direct', '直接送达'], ['window', '窗口领取'], ['mail', '邮寄送达'], ['electronic', '电子送达'], ['left', '留置送达'], ['announcement', '公告送达'],
].map(([value, label]) => ({ value, label }));
const DAY_UNITS = [{ value: 'workday', label: '工作日' }, { value: 'natural', label: '自然日' }];

interface Values {
  comment?: string;
  reason?: string;
  opinion?: 'agree' | 'disagree';
  to?: string;
  supp?: Record<string, { on?: boolean; problem?: string }>;
  otherName?: string;
  otherProblem?: string;
  kind?: string;
  days?: number;
  unit?: 'workday' | 'natural';
  note?: string;
  result?: string;
  outcome?: string;
  reasons?: string;
  legalBasis?: string;
  fees?: { name: string; amount: string; quantity?: string }[];
  circumstance?: string;
  fine?: string;
  otherMeasures?: string;
  resultKind?: 'certificate' | 'document';
  number?: string;
  validFrom?: string;
  validUntil?: string;
  method?: string;
  recipient?: string;
  receiptNo?: string;
  signedOn?: string;
  intoCaseNo?: string;
  evidenceName?: string;
  evidenceKind?: string;
}

export function CommandModal({
  command,
  detail,
  meta,
  onClose,
  onDone,
}: {
  command: { type: string; name: string } | null;
  detail: CaseDetail;
  meta: MetaLookup;
  onClose: () => void;
  onDone: (r: CommandResult) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<MaterialDrafts>({});
  const [evidence, setEvidence] = useState<File | null>(null);
  const type = command?.type ?? '';
  const opinion = Form.useWatch('opinion', form);
  const c = detail.case;
  const item = detail.item;
  const current = item.steps.find((s) => s.code === c.currentStep);
  const isPenalty = c.itemType === '02';
  const materialRows: MaterialRow[] = item.materials.map((m) => ({ key: m.code, code: m.code, name: m.name, required: false }));

  useEffect(() => {
    if (!command) return;
    setError(null);
    setDrafts({});
    setEvidence(null);
  }, [command]);
  const initialValues: Values = {
    opinion: 'agree', outcome: type === 'record_special_result' ? 'passed' : 'grant', unit: 'workday',
    days: type === 'extend' ? 10 : type === 'start_special_procedure' ? 7 : undefined,
    resultKind: 'certificate', validFrom: chinaToday(), signedOn: chinaToday(), method: 'window', recipient: c.applicant.name,
    kind: item.specialProcedures[0], evidenceKind: 'document',
  };

  const body = async (v: Values): Promise<unknown> => {
    switch (type) {
      case 'accept': return { comment: v.comment || undefined };
      case 'request_supplement': {
        const items = item.materials
          .filter((m) => v.supp?.[m.code]?.on)
          .map((m) => ({ materialCode: m.code, name: m.name, problem: (v.supp?.[m.code]?.problem ?? '').trim() }));
        if (v.otherName?.trim()) items.push({ materialCode: null as unknown as string, name: v.otherName.trim(), problem: (v.otherProblem ?? '').trim() });
        return { items };
      }
      case 'supply_materials': return { materials: await toMaterialInputs(materialRows, drafts) };
      case 'pass_step': return { opinion: v.opinion, comment: v.comment || undefined, reason: v.reason || undefined };
      case 'return_step': return { to: v.to ?? '', reason: v.reason ?? '' };
      case 'suspend': return { reason: v.reason ?? '', ...(v.days ? { expected: { days: v.days, unit: v.unit } } : {}) };
      case 'start_special_procedure': return { kind: v.kind, expected: { days: v.days ?? 0, unit: v.unit }, note: v.note || undefined };
      case 'record_special_result': return { result: v.result ?? '', outcome: v.outcome };
      case 'extend': return { reason: v.reason ?? '', days: v.days, unit: v.unit };
      case 'attach_evidence': {
        if (!evidence) return { files: [] };
        return {
          files: [{
            name: v.evidenceName?.trim() || evidence.name, kind: v.evidenceKind,
            file: { name: evidence.name, mime: evidence.type || 'application/octet-stream', contentBase64: await fileToBase64(evidence) },
          }],
        };
      }
      case 'decide':
        return {
          outcome: v.outcome, reasons: v.reasons || undefined,
          legalBasis: (v.legalBasis ?? '').split('\n').map((s) => s.trim()).filter(Boolean),
          fees: (v.fees ?? []).filter((f) => f?.name && f?.amount).map((f) => ({ name: f.name.trim(), amount: String(f.amount).trim(), ...(f.quantity ? { quantity: String(f.quantity) } : {}) })),
          ...(isPenalty && v.circumstance ? { penalty: { circumstance: v.circumstance, fine: String(v.fine ?? '0'), otherMeasures: v.otherMeasures || undefined } } : {}),
          comment: v.comment || undefined,
        };
      case 'complete': return { resultKind: v.resultKind, number: v.number ?? '', validFrom: v.validFrom || undefined, validUntil: v.validUntil || null };
      case 'deliver': return { method: v.method, recipient: v.recipient ?? '', receiptNo: v.receiptNo ?? '', signedOn: v.signedOn };
      case 'merge': return { intoCaseNo: v.intoCaseNo ?? '', reason: v.reason ?? '' };
      default: return { reason: v.reason ?? '' }; // refuse, resume, terminate, withdraw
    }
  };

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      const r = await api.post<CommandResult>(`/api/cases/${c.id}/${COMMAND_PATHS[type]}`, await body(v));
      onDone(r);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const reasonItem = (required: boolean, label = REASON_LABELS[type] ?? '理由') => (
    <Form.Item name="reason" label={label} rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []}>
      <Input.TextArea rows={3} maxLength={1000} showCount data-testid="command-reason" />
    </Form.Item>
  );
  const limitItems = (label: string, required: boolean) => (
    <Space.Compact>
      <Form.Item name="days" label={label} rules={required ? [{ required: true, message: `请填写${label}` }] : []}>
        <InputNumber min={1} max={3650} data-testid="command-days" />
      </Form.Item>
      <Form.Item name="unit" label=" ">
        <Select options={DAY_UNITS} style={{ width: 100 }} />
      </Form.Item>
    </Space.Compact>
  );

  const fields = () => {
    switch (type) {
      case 'accept':
        return (
          <Form.Item name="comment" label="受理意见">
            <Input.TextArea rows={2} maxLength={1000} data-testid="command-comment" />
          </Form.Item>
        );
      case 'request_supplement':
        return (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title="须一次性告知全部需要补正的材料：勾选每一份缺少或不合格的材料，并逐项说明问题。" />
            {item.materials.map((m) => (
              <Space key={m.code} align="start" style={{ display: 'flex' }}>
                <Form.Item name={['supp', m.code, 'on']} valuePropName="checked" style={{ marginBottom: 8, width: 260 }}>
                  <Checkbox data-testid={`supp-check-${m.code}`}>{m.name}</Checkbox>
                </Form.Item>
                <Form.Item
                  name={['supp', m.code, 'problem']}
                  style={{ marginBottom: 8, width: 300 }}
                  dependencies={[['supp', m.code, 'on']]}
                  rules={[({ getFieldValue }) => ({
                    validator: async (_, val?: string) => {
                      if (getFieldValue(['supp', m.code, 'on']) && !val?.trim()) throw new Error('请说明缺少或不合格的情况');
                    },
                  })]}
                >
                  <Input placeholder="问题说明（如：缺少、未签章、已过期）" data-testid={`supp-problem-${m.code}`} />
                </Form.Item>
              </Space>
            ))}
            <Space align="start" style={{ display: 'flex' }}>
              <Form.Item name="otherName" style={{ width: 260 }}>
                <Input placeholder="清单外材料（可选）" data-testid="supp-other-name" />
              </Form.Item>
              <Form.Item name="otherProblem" style={{ width: 300 }}>
                <Input placeholder="问题说明" data-testid="supp-other-problem" />
              </Form.Item>
            </Space>
          </>
        );
      case 'supply_materials':
        return <MaterialsInput rows={materialRows} value={drafts} onChange={setDrafts} paper testId="command-materials" />;
      case 'pass_step':
        return (
          <>
            <Form.Item name="opinion" label={`${current?.name ?? '环节'}意见`}>
              <Radio.Group data-testid="command-opinion" options={[{ value: 'agree', label: '同意' }, { value: 'disagree', label: '不同意' }]} />
            </Form.Item>
            <Form.Item name="comment" label="意见内容">
              <Input.TextArea rows={3} maxLength={2000} showCount data-testid="command-comment" />
            </Form.Item>
            {opinion === 'disagree' && reasonItem(true, '不同意的理由')}
          </>
        );
      case 'return_step':
        return (
          <>
            <Form.Item name="to" label="退回到" rules={[{ required: true, message: '请选择退回的环节' }]}>
              <Select
                data-testid="command-return-to"
                options={(current?.returnTo ?? []).map((code) => ({ value: code, label: item.steps.find((s) => s.code === code)?.name ?? code }))}
                notFoundContent="本环节不允许退回"
              />
            </Form.Item>
            {reasonItem(true)}
          </>
        );
      case 'suspend':
        return (
          <>
            {reasonItem(true)}
            {limitItems('预计时长（可选）', false)}
          </>
        );
      case 'start_special_procedure':
        return (
          <>
            <Form.Item name="kind" label="特别程序" rules={[{ required: true, message: '请选择特别程序' }]}>
              <Select
                data-testid="command-special-kind"
                options={item.specialProcedures.map((k) => ({ value: k, label: meta.name('specialProcedures', k) }))}
                notFoundContent="本事项未设特别程序"
              />
            </Form.Item>
            {limitItems('预计时长', true)}
            <Form.Item name="note" label="说明">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        );
      case 'record_special_result':
        return (
          <>
            <Form.Item name="outcome" label="结论">
              <Radio.Group options={[{ value: 'passed', label: '通过' }, { value: 'failed', label: '未通过' }, { value: 'other', label: '其他' }]} />
            </Form.Item>
            <Form.Item name="result" label="结果" rules={[{ required: true, whitespace: true, message: '请填写特别程序结果' }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="command-result" />
            </Form.Item>
          </>
        );
      case 'extend':
        return (
          <>
            {limitItems('延长期限', true)}
            {reasonItem(true)}
          </>
        );
      case 'attach_evidence':
        return (
          <>
            <Form.Item label="证据文件" required>
              <Upload showUploadList={false} beforeUpload={(f) => { setEvidence(f); return false; }}>
                <Button icon={<UploadOutlined />}>{evidence ? evidence.name : '选择文件'}</Button>
              </Upload>
            </Form.Item>
            <Form.Item name="evidenceName" label="证据名称">
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="evidenceKind" label="类型">
              <Select options={[{ value: 'document', label: '书证' }, { value: 'photo', label: '照片' }, { value: 'video', label: '视频' }, { value: 'audio', label: '录音' }]} />
            </Form.Item>
          </>
        );
      case 'decide':
        return (
          <>
            <Form.Item name="outcome" label="决定">
              <Radio.Group data-testid="command-outcome" options={[{ value: 'grant', label: isPenalty ? '给予处罚' : '准予' }, { value: 'deny', label: isPenalty ? '不予处罚' : '不予' }]} />
            </Form.Item>
            <Form.Item name="reasons" label="理由（不予决定必填）">
              <Input.TextArea rows={3} maxLength={4000} data-testid="command-reasons" />
            </Form.Item>
            <Form.Item name="legalBasis" label="法律依据（每行一条）">
              <Input.TextArea rows={3} data-testid="command-legal-basis" placeholder="如：《中华人民共和国行政许可法》第三十八条" />
            </Form.Item>
            <Form.List name="fees">
              {(list, { add, remove }) => (
                <Form.Item label="收费（元）">
                  {list.map((f) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '收费项目' }]}>
                        <Input placeholder="收费项目" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'amount']} rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/, message: '金额，最多两位小数' }]}>
                        <Input placeholder="金额" style={{ width: 120 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'quantity']}>
                        <Input placeholder="数量" style={{ width: 80 }} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>添加收费</Button>
                </Form.Item>
              )}
            </Form.List>
            {isPenalty && (
              <>
                <Form.Item name="circumstance" label="裁量情形">
                  <Select allowClear options={meta.options('circumstances')} data-testid="command-circumstance" />
                </Form.Item>
                <Form.Item name="fine" label="罚款金额（元）" rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: '金额，最多两位小数' }]}>
                  <Input style={{ width: 200 }} data-testid="command-fine" />
                </Form.Item>
                <Form.Item name="otherMeasures" label="其他处罚措施">
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
              </>
            )}
            <Form.Item name="comment" label="决定意见">
              <Input.TextArea rows={2} maxLength={4000} data-testid="command-comment" />
            </Form.Item>
          </>
        );
      case 'complete':
        return (
          <>
            <Form.Item name="resultKind" label="结果类型">
              <Radio.Group options={[{ value: 'certificate', label: '证照' }, { value: 'document', label: '文书' }]} />
            </Form.Item>
            <Form.Item name="number" label="证照编号 / 文书号" rules={[{ required: true, whitespace: true, message: '请填写编号' }]}>
              <Input maxLength={100} data-testid="command-number" />
            </Form.Item>
            <Space>
              <Form.Item name="validFrom" label="有效期自">
                <Input type="date" />
              </Form.Item>
              <Form.Item name="validUntil" label="有效期至（空为长期）">
                <Input type="date" />
              </Form.Item>
            </Space>
          </>
        );
      case 'deliver':
        return (
          <>
            <Form.Item name="method" label="送达方式">
              <Select options={DELIVERY_METHODS} data-testid="command-method" />
            </Form.Item>
            <Form.Item name="recipient" label="受送达人" rules={[{ required: true, whitespace: true, message: '请填写受送达人' }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="receiptNo" label="送达回证编号">
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="signedOn" label="签收日期" rules={[{ required: true, message: '请填写签收日期' }]}>
              <Input type="date" />
            </Form.Item>
          </>
        );
      case 'merge':
        return (
          <>
            <Form.Item name="intoCaseNo" label="并入的办件流水号" rules={[{ required: true, whitespace: true, message: '请填写办件流水号' }]}>
              <Input maxLength={40} data-testid="command-merge-into" />
            </Form.Item>
            {reasonItem(true)}
          </>
        );
      default:
        return reasonItem(REASON_REQUIRED.has(type));
    }
  };

  return (
    <Modal
      open={!!command}
      title={command?.name}
      width={type === 'request_supplement' || type === 'supply_materials' || type === 'decide' ? 760 : 560}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>取消</Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => void submit()} data-testid="command-submit">
          确定
        </Button>,
      ]}
    >
      <Form form={form} key={type} layout="vertical" initialValues={initialValues} data-testid={`command-form-${type}`}>
        {fields()}
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="command-error" />}
    </Modal>
  );
}

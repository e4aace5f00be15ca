// 新建规则版本 (POST /api/supervision/rules/:code/versions): severity, enabled region levels,
// the parameters and a required 修订说明. The parameters are edited as a form generated from
// the base version's keys and value types (number, boolean, text, list of texts; any other
// value as JSON), or as one JSON object (「以 JSON 编辑」). The server validates them with the
// rule kind's schema; a refusal (INVALID_PARAMS) is shown above the parameters.
import { useState, useLayoutEffect } from 'react';
import { Alert, Checkbox, Divider, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Typography } from 'antd';
import { api, isApiError } from '../../../api';
import { useFeedback } from '../../../hooks/useFeedback';
import { validValues } from '../../../utils/format';
import { LEVEL_ORDER, LEVELS, REGION_LEVELS, label } from '../labels';

export interface RuleVersionBase {
  severity: string;
  params: Record<string, unknown>;
  enabledLevels: string[];
}

export interface RuleVersionFormProps {
  code: string;
  /** The version the new one starts from; null = closed. */
  base: (RuleVersionBase & { fromVersion: number }) | null;
  /** Region levels a rule can be enabled for (GET …/versions `levels`). */
  levels: string[];
  onClose: () => void;
  onCreated: (version: number) => void;
}

type FieldType = 'number' | 'boolean' | 'string' | 'strings' | 'json';
type Shape = [key: string, type: FieldType][];

/** Chinese names of the parameters of the shipped rule kinds (unknown keys show as is). */
const PARAM_LABELS: Record<string, string> = {
  minChars: '理由最少字数',
  placeholders: '视为无实质内容的理由',
  eventType: '监察的办件事件',
  field: '理由字段',
  outcome: '仅限决定结果',
  label: '信号名称',
  maxNotices: '允许补正告知次数',
  maxLagMinutes: '补录最大延迟（分钟）',
  futureToleranceMinutes: '时间容差（分钟）',
  includeLegal: '同时检查法定期限',
  checkFailedGrant: '检查结果不合格仍准予',
  itemTypes: '适用的事项类型代码',
  statuses: '事项状态',
  ignore: '不发信号的问题代码',
};

function typeOf(v: unknown): FieldType {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return 'strings';
  return 'json';
}
const shapeOf = (params: Record<string, unknown>): Shape => Object.entries(params).map(([k, v]) => [k, typeOf(v)]);
const toField = (type: FieldType, v: unknown) => (type === 'json' ? JSON.stringify(v ?? null, null, 2) : v);

/** The form's parameter fields as the parameters object (an unreadable JSON field throws). */
function paramsFrom(shape: Shape, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, type] of shape) {
    const v = values[k];
    if (v === undefined || v === null || (type === 'string' && v === '')) continue; // the kind's default applies
    if (type === 'json') {
      try {
        out[k] = JSON.parse(String(v));
      } catch {
        throw new Error(`参数「${PARAM_LABELS[k] ?? k}」不是有效的 JSON`);
      }
    } else out[k] = v;
  }
  return out;
}

function parseObject(text: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text || '{}');
  } catch {
    throw new Error('参数不是有效的 JSON');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('参数应为 JSON 对象，例如 {"minChars": 4}');
  return v as Record<string, unknown>;
}

interface Values {
  severity: string;
  enabledLevels: string[];
  params?: Record<string, unknown>;
  paramsJson?: string;
  note: string;
}

export function RuleVersionForm({ code, base, levels, onClose, onCreated }: RuleVersionFormProps) {
  const [form] = Form.useForm<Values>();
  const feedback = useFeedback();
  const [shape, setShape] = useState<Shape>([]);
  const [json, setJson] = useState(false);
  const [paramsError, setParamsError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // before the browser paints: a value typed the moment the form shows is never overwritten
  useLayoutEffect(() => {
    if (!base) return;
    const s = shapeOf(base.params);
    setShape(s);
    setJson(false);
    setParamsError(null);
    form.resetFields();
    form.setFieldsValue({
      severity: base.severity, enabledLevels: base.enabledLevels, note: '',
      params: Object.fromEntries(s.map(([k, t]) => [k, toField(t, base.params[k])])),
    });
  }, [base, form]);

  const currentParams = (): Record<string, unknown> =>
    json ? parseObject(form.getFieldValue('paramsJson') ?? '') : paramsFrom(shape, form.getFieldValue('params') ?? {});

  const toggleJson = (on: boolean) => {
    try {
      const p = currentParams();
      if (on) form.setFieldsValue({ paramsJson: JSON.stringify(p, null, 2) });
      else {
        const s = shapeOf(p);
        setShape(s);
        form.setFieldsValue({ params: Object.fromEntries(s.map(([k, t]) => [k, toField(t, p[k])])) });
      }
      setParamsError(null);
      setJson(on);
    } catch (e) {
      setParamsError((e as Error).message);
    }
  };

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    let params: Record<string, unknown>;
    try {
      params = currentParams();
    } catch (e) {
      setParamsError((e as Error).message);
      return;
    }
    setParamsError(null);
    setSaving(true);
    try {
      const r = await api.post<{ version: { version: number } }>(`/api/supervision/rules/${code}/versions`, {
        severity: v.severity, enabledLevels: v.enabledLevels ?? [], params, note: v.note.trim(),
      });
      feedback.success(`已保存第 ${r.version.version} 版（尚未启用）`);
      onCreated(r.version.version);
    } catch (e) {
      if (isApiError(e) && e.code === 'INVALID_PARAMS') setParamsError(e.message);
      feedback.error(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!base}
      title={base ? `新建规则版本（以第 ${base.fromVersion} 版为基础）` : ''}
      okText="保存新版本"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ loading: saving, ...({ 'data-testid': 'rule-version-submit' } as object) }}
      forceRender
      width={680}
    >
      <Alert type="info" showIcon title="版本保存后不可修改；保存不会改变正在生效的规则，回测确认后再启用。" style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" data-testid="rule-version-form">
        <Form.Item name="severity" label="信号等级" rules={[{ required: true, message: '请选择信号等级' }]}>
          <Radio.Group data-testid="rule-version-severity">
            {LEVEL_ORDER.map((l) => (
              <Radio key={l} value={l} data-testid={`rule-version-severity-${l}`}>{LEVELS[l].label}</Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="enabledLevels" label="启用层级（不选即停用该规则）">
          <Checkbox.Group data-testid="rule-version-levels">
            {levels.map((l) => (
              <Checkbox key={l} value={l} data-testid={`rule-version-level-${l}`}>{label(REGION_LEVELS, l)}</Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Divider titlePlacement="start" plain style={{ margin: '8px 0 12px' }}>
          <Space>
            参数
            <Switch size="small" checked={json} onChange={toggleJson} data-testid="rule-params-json-toggle" />
            <Typography.Text type="secondary">以 JSON 编辑</Typography.Text>
          </Space>
        </Divider>
        {paramsError && <Alert type="error" showIcon title={paramsError} style={{ marginBottom: 12 }} data-testid="rule-version-params-error" />}
        {json ? (
          <Form.Item name="paramsJson" label="参数（JSON 对象；未填写的参数取规则类型的缺省值）">
            <Input.TextArea rows={8} spellCheck={false} style={{ fontFamily: 'monospace' }} data-testid="rule-params-json" />
          </Form.Item>
        ) : shape.length ? (
          shape.map(([k, type]) => {
            const text = PARAM_LABELS[k] ? `${PARAM_LABELS[k]}（${k}）` : k;
            const id = `rule-param-${k}`;
            switch (type) {
              case 'number':
                return <Form.Item key={k} name={['params', k]} label={text}><InputNumber style={{ width: 200 }} data-testid={id} /></Form.Item>;
              case 'boolean':
                return <Form.Item key={k} name={['params', k]} label={text} valuePropName="checked"><Switch data-testid={id} /></Form.Item>;
              case 'string':
                return <Form.Item key={k} name={['params', k]} label={text}><Input maxLength={200} data-testid={id} /></Form.Item>;
              case 'strings':
                return (
                  <Form.Item key={k} name={['params', k]} label={text} extra="输入后按回车添加一项">
                    <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['\n']} data-testid={id} />
                  </Form.Item>
                );
              default:
                return (
                  <Form.Item key={k} name={['params', k]} label={`${text}（JSON）`}>
                    <Input.TextArea rows={3} spellCheck={false} style={{ fontFamily: 'monospace' }} data-testid={id} />
                  </Form.Item>
                );
            }
          })
        ) : (
          <Typography.Paragraph type="secondary" data-testid="rule-params-none">该规则类型没有参数（如需添加，请以 JSON 编辑）。</Typography.Paragraph>
        )}
        <Form.Item name="note" label="修订说明" rules={[{ required: true, whitespace: true, message: '请填写修订说明' }, { min: 2, message: '修订说明至少 2 个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="rule-version-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// The drafting form with every element (CAT-1, CAT-4). Client hints (promised ≤ legal, step
// limits inside the promise) are advisory; the server's problems are shown per field and in a
// summary when it refuses. 保存草稿 keeps the draft; 提交审核 saves and submits it.
import { useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Anchor, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Switch, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { CheckCircleOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../../api';
import { UnitSelect } from '../../../components/UnitSelect';
import { useApiData } from '../../../hooks/useApiData';
import { errorMessage, useFeedback } from '../../../hooks/useFeedback';
import type { Unit } from '../../../types';
import { validValues } from '../../../utils/format';
import type { Change, Elements, Problem, TimeLimit } from '../model';
import { BASE_CODE_RE, PENALTY_TYPE, deriveImplCode, formatLimit, limitExceeds } from '../labels';
import { usePublicUnits, useUnitPosts } from '../hooks';
import { useCatalogMeta } from '../useCatalogMeta';
import { SubmitModal, type SubmitMeta } from '../SubmitModal';
import { placeProblems, problemsOf, toElements, type DraftValues, type PlacedProblem } from './draftValues';
import { DiscretionEditor, FeesEditor, LegalBasisEditor, MaterialsEditor } from './ListEditors';
import { LimitFields } from './LimitFields';
import { StepsEditor } from './StepsEditor';

/** Refusals without details.problems that still belong to one field. */
const CODE_FIELDS: Record<string, string> = {
  UNIT_NOT_FOUND: 'unitId',
  UNIT_INACTIVE: 'unitId',
  UNIT_WITHOUT_CREDIT_CODE: 'unitId',
  DUPLICATE_IMPL_CODE: 'baseCode',
  CO_UNIT_NOT_FOUND: 'coUnitIds',
  INVALID_CO_UNIT: 'coUnitIds',
};

const SECTIONS = [
  ['basic', '基本信息'],
  ['legal', '设定依据'],
  ['conditions', '受理条件'],
  ['materials', '申请材料'],
  ['procedure', '流程与期限'],
  ['fees', '收费'],
  ['result', '办理结果'],
  ['office', '办理机构与咨询'],
  ['secret', '涉密'],
  ['steps', '内部流程'],
  ['discretion', '裁量基准'],
] as const;

function Section({ id, title, extra, children }: { id: string; title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card id={`draft-sec-${id}`} size="small" title={title} extra={extra} className="element-section">
      {children}
    </Card>
  );
}

export interface DraftFormProps {
  initial: DraftValues;
  /** The published item this draft changes (null: a new item). */
  itemId: number | null;
  /** The saved draft being edited (null until first saved). */
  changeId: number | null;
  submitInitial?: Partial<SubmitMeta>;
  header?: ReactNode;
}

export function DraftForm({ initial, itemId, changeId: initialChangeId, submitInitial, header }: DraftFormProps) {
  const [form] = Form.useForm<DraftValues>();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const meta = useCatalogMeta();
  const [changeId, setChangeId] = useState(initialChangeId);
  const [saving, setSaving] = useState<'check' | 'save' | 'submit' | null>(null);
  const [problems, setProblems] = useState<PlacedProblem[]>([]);
  const [checked, setChecked] = useState<{ implCode: string | null; publicity: Problem[] } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const placed = useRef<(string | number)[][]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);

  const unitId = Form.useWatch('unitId', form);
  const type = Form.useWatch('type', form);
  const baseCode = Form.useWatch('baseCode', form);
  const implFlag = Form.useWatch('implFlag', form);
  const legal = Form.useWatch('legalLimit', form) as TimeLimit | undefined;
  const promised = Form.useWatch('promisedLimit', form) as TimeLimit | undefined;
  const onTheSpot = Form.useWatch('onTheSpot', form);
  const secret = Form.useWatch('secret', form);
  const discretionCount = (Form.useWatch('discretion', form) ?? []).length;

  const { data: unit } = useApiData<Unit>(unitId ? `/api/units/${unitId}` : null, undefined, { quiet: true });
  const posts = useUnitPosts(unitId);
  const publicUnits = usePublicUnits();
  const derived = deriveImplCode(unit?.creditCode, implFlag, baseCode);

  const clearServerErrors = () => {
    (form as FormInstance).setFields(placed.current.map((name) => ({ name, errors: [] })));
    placed.current = [];
    setProblems([]);
  };

  const showProblems = (err: unknown): boolean => {
    let ps = problemsOf(err);
    if (!ps.length && isApiError(err) && CODE_FIELDS[err.code]) ps = [{ code: err.code, message: err.message, field: CODE_FIELDS[err.code] }];
    if (!ps.length) return false;
    const out = placeProblems(form, ps);
    placed.current = out.flatMap((p) => (p.placed ? [p.placed] : []));
    setProblems(out);
    feedback.message.error(ps.length > 1 ? `${errorMessage(err)}（共 ${ps.length} 个问题，见各字段提示）` : errorMessage(err));
    summaryRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    return true;
  };

  /** Validated elements, or null (antd shows what is missing). */
  const collect = async (): Promise<Elements | null> => {
    clearServerErrors();
    if (!(await validValues(form))) {
      feedback.message.error('请按提示补全或修正表单');
      return null;
    }
    return toElements(form.getFieldsValue(true) as DraftValues);
  };

  const persist = async (elements: Elements): Promise<Change | null> => {
    try {
      const c = changeId
        ? await api.patch<Change>(`/api/catalog/changes/${changeId}`, { elements })
        : await api.post<Change>('/api/catalog/changes', { itemId: itemId ?? undefined, elements });
      setChangeId(c.id);
      return c;
    } catch (e) {
      if (!showProblems(e)) feedback.error(e);
      return null;
    }
  };

  const check = async () => {
    const elements = await collect();
    if (!elements) return;
    setSaving('check');
    try {
      const r = await api.post<{ implCode: string | null; problems: Problem[]; publicity: Problem[] }>('/api/catalog/check', { elements });
      setChecked({ implCode: r.implCode, publicity: r.publicity });
      if (r.problems.length) {
        const out = placeProblems(form, r.problems);
        placed.current = out.flatMap((p) => (p.placed ? [p.placed] : []));
        setProblems(out);
      } else feedback.success('校验通过');
    } catch (e) {
      if (!showProblems(e)) feedback.error(e);
    } finally {
      setSaving(null);
    }
  };

  const save = async () => {
    const elements = await collect();
    if (!elements) return;
    setSaving('save');
    const c = await persist(elements);
    setSaving(null);
    if (!c) return;
    feedback.success('草稿已保存');
    navigate(`/catalog/changes/${c.id}`);
  };

  const startSubmit = async () => {
    const elements = await collect();
    if (!elements) return;
    setSaving('submit');
    const c = await persist(elements);
    setSaving(null);
    if (c) setSubmitting(true);
  };

  const submit = async (m: SubmitMeta) => {
    try {
      await api.post<Change>(`/api/catalog/changes/${changeId}/submit`, m);
    } catch (e) {
      if (problemsOf(e).length) {
        setSubmitting(false);
        showProblems(e);
        return;
      }
      throw e;
    }
    feedback.success('已提交审核');
    setSubmitting(false);
    navigate(`/catalog/changes/${changeId}`);
  };

  const promisedHint = (() => {
    if (!legal || !promised) return null;
    if (onTheSpot && Number(promised.days) !== 0) return '即办件的承诺期限应为 0（当场办结）';
    if (limitExceeds({ days: Number(promised.days) || 0, unit: promised.unit }, { days: Number(legal.days) || 0, unit: legal.unit }))
      return `承诺期限不得超过法定期限（${formatLimit(legal)}）`;
    return null;
  })();

  const coUnitOptions = publicUnits.units.map((u) => ({ value: u.id, label: `${u.name}（${u.regionName}）` }));
  for (const id of initial.coUnitIds) if (!coUnitOptions.some((o) => o.value === id)) coUnitOptions.push({ value: id, label: publicUnits.unitName(id) });
  const showDiscretion = type === PENALTY_TYPE || discretionCount > 0;

  const actions = (
    <Space wrap>
      <Button icon={<CheckCircleOutlined />} loading={saving === 'check'} onClick={check} data-testid="draft-check">
        校验
      </Button>
      <Button icon={<SaveOutlined />} loading={saving === 'save'} onClick={save} data-testid="draft-save">
        保存草稿
      </Button>
      <Button type="primary" icon={<SendOutlined />} loading={saving === 'submit'} onClick={startSubmit} data-testid="draft-submit">
        提交审核
      </Button>
    </Space>
  );

  return (
    <Row gutter={16}>
      <Col xs={24} xl={20}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {header}
          <div ref={summaryRef}>
            {problems.length > 0 && (
              <Alert
                type="error"
                showIcon
                data-testid="draft-problems"
                title={`服务器拒绝了这份草稿，共 ${problems.length} 个问题：`}
                description={
                  <ul className="problem-list">
                    {problems.map((p, i) => (
                      <li key={i} data-code={p.code}>
                        {p.where && <Typography.Text strong>{p.where}：</Typography.Text>}
                        {p.message}
                      </li>
                    ))}
                  </ul>
                }
              />
            )}
            {checked && !problems.length && (
              <Alert
                type={checked.publicity.length ? 'warning' : 'success'}
                showIcon
                closable={{ onClose: () => setChecked(null) }}
                data-testid="draft-check-result"
                title={`规则校验通过${checked.implCode ? `，实施编码 ${checked.implCode}` : ''}${checked.publicity.length ? `；发布后将有 ${checked.publicity.length} 个公开要素问题：` : '；公开要素齐全'}`}
                description={
                  checked.publicity.length ? (
                    <ul className="problem-list">
                      {checked.publicity.map((p, i) => (
                        <li key={i}>{p.message}</li>
                      ))}
                    </ul>
                  ) : undefined
                }
              />
            )}
          </div>
          <Form<DraftValues> form={form} layout="vertical" initialValues={initial} scrollToFirstError={{ behavior: 'smooth', block: 'center' }}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Section id="basic" title="基本信息">
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item label="事项名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写事项名称' }, { min: 2, message: '事项名称至少 2 个字' }]}>
                      <Input maxLength={200} data-testid="draft-name" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item label="事项类型" name="type" rules={[{ required: true, message: '请选择事项类型' }]}>
                      <Select
                        options={meta.options('itemTypes').map((o) => ({ ...o, label: `${o.value} ${o.label}` }))}
                        showSearch={{ optionFilterProp: 'label' }}
                        data-testid="draft-type"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item label="实施主体" name="unitId" rules={[{ required: true, message: '请选择实施主体' }]}>
                      <UnitSelect
                        knownOptions={unit ? [{ value: unit.id, label: unit.name }] : []}
                        onChange={() => form.setFieldValue('steps', ((form.getFieldValue('steps') ?? []) as object[]).map((s) => ({ ...s, postCode: undefined })))}
                        data-testid="draft-unit"
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Row gutter={12}>
                  <Col xs={24} md={6}>
                    <Form.Item
                      label="基本编码"
                      name="baseCode"
                      normalize={(v: string) => v?.toUpperCase()}
                      rules={[{ required: true, message: '请填写基本编码' }, { pattern: BASE_CODE_RE, message: '基本编码为 12 位数字或大写字母' }]}
                    >
                      <Input maxLength={12} style={{ fontFamily: 'monospace' }} data-testid="draft-baseCode" />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={3}>
                    <Form.Item label="标识位" name="implFlag" rules={[{ pattern: /^\d$/, message: '1 位数字' }]} tooltip="实施编码中信用代码与基本编码之间的 1 位数字">
                      <Input maxLength={1} data-testid="draft-implFlag" />
                    </Form.Item>
                  </Col>
                  <Col xs={16} md={15}>
                    <Form.Item
                      label="实施编码"
                      name="implCode"
                      extra={
                        derived ? (
                          <span data-testid="draft-derived-implCode">按实施主体统一社会信用代码生成：{derived}（留空即按此生成）</span>
                        ) : unit && !unit.creditCode ? (
                          <Typography.Text type="danger">实施主体没有统一社会信用代码，无法生成实施编码</Typography.Text>
                        ) : (
                          '实施编码 = 统一社会信用代码（18 位）+ 标识位（1 位）+ 基本编码（12 位）'
                        )
                      }
                      rules={[
                        {
                          validator: (_, v: string | undefined) => {
                            const s = (v ?? '').trim();
                            if (!s) return Promise.resolve();
                            if (s.length !== 31) return Promise.reject(new Error('实施编码应为 31 位'));
                            if (derived && s !== derived) return Promise.reject(new Error(`与实施主体和基本编码不符，应为 ${derived}`));
                            return Promise.resolve();
                          },
                        },
                      ]}
                    >
                      <Input maxLength={31} placeholder={derived ?? ''} style={{ fontFamily: 'monospace' }} data-testid="draft-implCode" />
                    </Form.Item>
                  </Col>
                </Row>
                <Row gutter={12}>
                  <Col xs={24} md={8}>
                    <Form.Item label="受委托单位" name="entrustedUnit">
                      <Input maxLength={200} placeholder="委托实施时填写" data-testid="draft-entrustedUnit" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={16}>
                    <Form.Item label="协办单位（并联审批）" name="coUnitIds">
                      <Select mode="multiple" allowClear options={coUnitOptions} showSearch={{ optionFilterProp: 'label' }} placeholder="无" data-testid="draft-coUnits" />
                    </Form.Item>
                  </Col>
                </Row>
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item label="关键词" name="keywords" extra="用于网上大厅检索，回车分隔">
                      <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} suffixIcon={null} data-testid="draft-keywords" />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={4}>
                    <Form.Item label="即办件" name="onTheSpot" valuePropName="checked" tooltip="当场办结，承诺期限为 0">
                      <Switch data-testid="draft-onTheSpot" />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={4}>
                    <Form.Item label="年检" name="annualInspection" valuePropName="checked">
                      <Switch data-testid="draft-annualInspection" />
                    </Form.Item>
                  </Col>
                </Row>
              </Section>

              <Section id="legal" title="设定依据">
                <LegalBasisEditor />
              </Section>

              <Section id="conditions" title="受理条件与数量限制">
                <Form.Item label="受理条件" name="conditions">
                  <Input.TextArea rows={3} maxLength={5000} data-testid="draft-conditions" />
                </Form.Item>
                <Form.Item label="数量限制" name="quantityLimit">
                  <Input.TextArea rows={2} maxLength={1000} placeholder="如：无数量限制" data-testid="draft-quantityLimit" />
                </Form.Item>
              </Section>

              <Section id="materials" title="申请材料">
                <MaterialsEditor meta={meta} />
              </Section>

              <Section id="procedure" title="办理流程与期限">
                <Form.Item label="办理流程（对外）" name="externalProcedure">
                  <Input.TextArea rows={2} maxLength={5000} placeholder="如：申请—受理—审查—决定—送达" data-testid="draft-externalProcedure" />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item label="法定期限" required>
                      <LimitFields name={['legalLimit']} testId="draft-legalLimit" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      label="承诺期限"
                      required
                      extra={promisedHint && <Typography.Text type="warning" data-testid="draft-promised-hint">{promisedHint}</Typography.Text>}
                    >
                      <LimitFields name={['promisedLimit']} testId="draft-promisedLimit" />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item label="特别程序（不计入办理期限）" name="specialProcedures">
                  <Checkbox.Group options={meta.options('specialProcedures')} data-testid="draft-specialProcedures" />
                </Form.Item>
                <Form.Item label="决定须记录其结果的特别程序" name="requiresResultOf">
                  <Checkbox.Group options={meta.options('specialProcedures')} data-testid="draft-requiresResultOf" />
                </Form.Item>
              </Section>

              <Section id="fees" title="收费">
                <FeesEditor />
              </Section>

              <Section id="result" title="办理结果">
                <Row gutter={12}>
                  <Col xs={24} md={6}>
                    <Form.Item label="结果类型" name={['result', 'kind']}>
                      <Select options={meta.options('resultKinds')} data-testid="draft-result-kind" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item label="证照或批文名称" name={['result', 'name']}>
                      <Input maxLength={200} data-testid="draft-result-name" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item label="有效期" name={['result', 'validity']}>
                      <Input maxLength={100} placeholder="如：5年" data-testid="draft-result-validity" />
                    </Form.Item>
                  </Col>
                </Row>
              </Section>

              <Section id="office" title="办理机构与咨询">
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item label="办理机构" name="office">
                      <Input maxLength={200} data-testid="draft-office" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label="办理地点" name="address">
                      <Input maxLength={300} data-testid="draft-address" />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item label="办理时间" name="hours">
                      <Input maxLength={200} data-testid="draft-hours" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label="咨询电话" name="consultPhone">
                      <Input maxLength={40} data-testid="draft-consultPhone" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label="监督投诉电话" name="complaintPhone">
                      <Input maxLength={40} data-testid="draft-complaintPhone" />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={4}>
                    <Form.Item label="网上办理" name="online" valuePropName="checked">
                      <Switch data-testid="draft-online" />
                    </Form.Item>
                  </Col>
                  <Col xs={16} md={20}>
                    <Form.Item
                      label="网上办理地址"
                      name="onlineUrl"
                      rules={[{ pattern: /^https?:\/\/[^\s/]+\.[^\s]+$/, message: '应为 http(s):// 开头的网址' }]}
                    >
                      <Input maxLength={500} placeholder="https://" data-testid="draft-onlineUrl" />
                    </Form.Item>
                  </Col>
                </Row>
              </Section>

              <Section id="secret" title="涉密">
                <Row gutter={12}>
                  <Col xs={8} md={4}>
                    <Form.Item label="涉密事项" name="secret" valuePropName="checked" tooltip="涉密事项不对外公开">
                      <Switch data-testid="draft-secret" />
                    </Form.Item>
                  </Col>
                  {secret && (
                    <Col xs={16} md={20}>
                      <Form.Item label="定密依据文件" name="secretDoc" rules={[{ required: true, whitespace: true, message: '涉密事项须注明定密依据文件' }]}>
                        <Input maxLength={200} placeholder="如：绵保发〔2025〕12号" data-testid="draft-secretDoc" />
                      </Form.Item>
                    </Col>
                  )}
                </Row>
                {secret && <Alert type="warning" showIcon title="涉密事项发布后不在网上大厅公开；如需免于电子监察，发布后另行申请，经监察机关和保密部门共同审批。" />}
              </Section>

              <Section id="steps" title="内部流程（法制审核）">
                <StepsEditor meta={meta} posts={posts.posts} postsLoading={posts.loading} unitChosen={!!unitId} />
              </Section>

              {showDiscretion && (
                <Section id="discretion" title="裁量基准（法制审核）">
                  {type === PENALTY_TYPE && !discretionCount && (
                    <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="行政处罚事项须设定裁量基准，法制机构方可审核通过" />
                  )}
                  <DiscretionEditor meta={meta} />
                </Section>
              )}
            </Space>
          </Form>
          <div className="draft-actions">{actions}</div>
        </Space>
      </Col>
      <Col xs={0} xl={4}>
        <Anchor
          offsetTop={24}
          replace
          items={SECTIONS.filter(([k]) => k !== 'discretion' || showDiscretion).map(([k, title]) => ({ key: k, href: `#draft-sec-${k}`, title }))}
        />
      </Col>
      <SubmitModal open={submitting} initial={submitInitial} onSubmit={submit} onCancel={() => setSubmitting(false)} />
    </Row>
  );
}

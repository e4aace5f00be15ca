// The internal flow (CAT-4): ordered steps with kind, post (of the item's unit), duty, time
// limit and legal returns (only to earlier steps). The sum of limits must fit the promise.
import { Alert, Button, Col, Form, Input, Row, Select, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { FlowStep, TimeLimit } from '../model';
import type { MetaLookup } from '../useCatalogMeta';
import { PENALTY_STEP_KINDS, PENALTY_TYPE, PERMIT_STEP_KINDS, formatLimit, limitExceeds, stepsTotal } from '../labels';
import type { DraftValues } from './draftValues';
import { nextCode } from './draftValues';
import { LimitFields } from './LimitFields';
import { ListErrors, ListRow } from './ListEditors';

interface Props {
  meta: MetaLookup;
  posts: { code: string; name: string; active: boolean }[];
  postsLoading: boolean;
  unitChosen: boolean;
}

export function StepsEditor({ meta, posts, postsLoading, unitChosen }: Props) {
  const form = Form.useFormInstance<DraftValues>();
  const type = Form.useWatch('type') as string | undefined;
  const steps = (Form.useWatch('steps') ?? []) as Partial<FlowStep>[];
  const promised = Form.useWatch('promisedLimit') as TimeLimit | undefined;

  const penalty = type === PENALTY_TYPE;
  const group = (label: string, kinds: string[]) => ({ label, options: kinds.map((k) => ({ value: k, label: meta.name('stepKinds', k) })) });
  const kindOptions = penalty
    ? [group('行政处罚环节', PENALTY_STEP_KINDS), group('其他环节', PERMIT_STEP_KINDS)]
    : [group('许可等事项环节', PERMIT_STEP_KINDS), group('行政处罚环节', PENALTY_STEP_KINDS)];
  const postOptions = posts.filter((p) => p.active).map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }));

  const total = promised ? stepsTotal(steps, promised) : null;
  const over = !!(total && promised && limitExceeds(total, promised));

  const removeStep = (index: number, remove: (i: number) => void) => {
    const code = steps[index]?.code;
    remove(index);
    if (!code) return;
    const rest = (form.getFieldValue('steps') ?? []) as FlowStep[];
    rest.forEach((s, i) => {
      if (s.returnTo?.includes(code)) form.setFieldValue(['steps', i, 'returnTo'], s.returnTo.filter((c) => c !== code));
    });
  };

  return (
    <Form.List name="steps">
      {(fields, { add, remove, move }, { errors }) => (
        <>
          {!unitChosen && <Alert type="info" showIcon title="请先选择实施主体，环节岗位从该单位的岗位中选择" style={{ marginBottom: 12 }} />}
          {total && promised && steps.length > 0 && (
            <Alert
              type={over ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="draft-steps-total"
              title={`各环节时限合计 ${formatLimit(total)}，承诺期限 ${formatLimit(promised)}${over ? '：超过承诺期限，提交时将被拒绝' : ''}`}
            />
          )}
          {fields.map((f, i) => {
            const earlier = steps.slice(0, i).filter((s) => s?.code);
            return (
              <ListRow
                key={f.key}
                title={
                  <>
                    环节 {i + 1} <Tag>{steps[i]?.code}</Tag>
                  </>
                }
                index={i}
                count={fields.length}
                onMove={move}
                onRemove={() => removeStep(f.name, remove)}
                testId={`draft-step-${i}`}
              >
                <Form.Item name={[f.name, 'code']} hidden>
                  <Input />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} md={6}>
                    <Form.Item label="环节类型" name={[f.name, 'kind']} rules={[{ required: true, message: '请选择环节类型' }]}>
                      <Select
                        options={kindOptions}
                        onChange={(k: string) => {
                          if (!form.getFieldValue(['steps', f.name, 'name'])) form.setFieldValue(['steps', f.name, 'name'], meta.name('stepKinds', k));
                        }}
                        data-testid={`draft-step-${i}-kind`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item label="环节名称" name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写环节名称' }]}>
                      <Input maxLength={50} data-testid={`draft-step-${i}-name`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item label="办理岗位" name={[f.name, 'postCode']} rules={[{ required: true, message: '请选择岗位' }]}>
                      <Select
                        options={postOptions}
                        loading={postsLoading}
                        disabled={!unitChosen}
                        placeholder="本单位岗位"
                        showSearch={{ optionFilterProp: 'label' }}
                        data-testid={`draft-step-${i}-post`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item label="时限" required>
                      <LimitFields name={[f.name, 'limit']} testId={`draft-step-${i}-limit`} block />
                    </Form.Item>
                  </Col>
                </Row>
                <Row gutter={12}>
                  <Col xs={24} md={14}>
                    <Form.Item label="岗位职责" name={[f.name, 'duty']}>
                      <Input.TextArea rows={2} maxLength={2000} data-testid={`draft-step-${i}-duty`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item
                      label="可退回至"
                      name={[f.name, 'returnTo']}
                      extra="只能退回到此前的环节"
                      rules={[
                        {
                          validator: (_, v: string[] | undefined) => {
                            const allowed = new Set(earlier.map((s) => s.code));
                            const bad = (v ?? []).filter((c) => !allowed.has(c));
                            return bad.length ? Promise.reject(new Error(`${bad.join('、')} 不是此前的环节`)) : Promise.resolve();
                          },
                        },
                      ]}
                    >
                      <Select
                        mode="multiple"
                        allowClear
                        placeholder={i === 0 ? '第一个环节不可退回' : '不可退回'}
                        disabled={i === 0}
                        options={earlier.map((s) => ({ value: s.code!, label: `${s.name || meta.name('stepKinds', s.kind)}（${s.code}）` }))}
                        data-testid={`draft-step-${i}-returnTo`}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </ListRow>
            );
          })}
          <ListErrors errors={errors} />
          {!fields.length && <Alert type="warning" showIcon title="提交审核前须设定内部流程（至少一个环节）" style={{ marginBottom: 12 }} />}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => {
              const codes = steps.map((s) => s?.code);
              const kinds = penalty ? PENALTY_STEP_KINDS : PERMIT_STEP_KINDS;
              const kind = kinds[Math.min(fields.length, kinds.length - 1)];
              add({
                code: nextCode(penalty ? 'p' : 's', codes),
                kind,
                name: meta.name('stepKinds', kind),
                postCode: undefined,
                duty: '',
                limit: { days: 1, unit: promised?.unit ?? 'workday' },
                returnTo: [],
              });
            }}
            data-testid="draft-step-add"
          >
            添加环节
          </Button>
        </>
      )}
    </Form.List>
  );
}

// Dynamic lists of the drafting form: legal basis, materials, fees, discretion bands.
import type { ReactNode } from 'react';
import { Button, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { MetaLookup } from '../useCatalogMeta';
import { DECIMAL_RE, FEE_KIND_OPTIONS } from '../labels';
import type { DraftValues } from './draftValues';
import { nextCode } from './draftValues';
import { FileHashInput } from './FileHashInput';

const DECIMAL_RULE = { pattern: DECIMAL_RE, message: '应为非负数，最多两位小数' };

/** One entry of a list: a numbered frame with move and remove buttons. */
export function ListRow({
  title,
  index,
  count,
  onMove,
  onRemove,
  testId,
  children,
}: {
  title: ReactNode;
  index: number;
  count: number;
  onMove?: (from: number, to: number) => void;
  onRemove: () => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <div className="list-row" data-testid={testId}>
      <div className="list-row-head">
        <Typography.Text strong>{title}</Typography.Text>
        <Space size={0}>
          {onMove && (
            <>
              <Tooltip title="上移">
                <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(index, index - 1)} />
              </Tooltip>
              <Tooltip title="下移">
                <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => onMove(index, index + 1)} />
              </Tooltip>
            </>
          )}
          <Tooltip title="删除">
            <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={onRemove} data-testid={`${testId}-remove`} />
          </Tooltip>
        </Space>
      </div>
      {children}
    </div>
  );
}

/** Errors of a whole list (e.g. the server's STEPS_EXCEED_PROMISED on `steps`). */
export function ListErrors({ errors }: { errors: ReactNode[] }) {
  if (!errors.length) return null;
  return (
    <div role="alert" className="list-errors">
      {errors.map((e, i) => (
        <div key={i}>
          <Typography.Text type="danger">{e}</Typography.Text>
        </div>
      ))}
    </div>
  );
}

export function LegalBasisEditor() {
  return (
    <Form.List name="legalBasis">
      {(fields, { add, remove, move }, { errors }) => (
        <>
          {fields.map((f, i) => (
            <ListRow key={f.key} title={`依据 ${i + 1}`} index={i} count={fields.length} onMove={move} onRemove={() => remove(f.name)} testId={`draft-legal-${i}`}>
              <Row gutter={12}>
                <Col xs={24} md={14}>
                  <Form.Item label="法律法规名称" name={[f.name, 'lawName']} rules={[{ required: true, whitespace: true, message: '请填写法律法规名称' }]}>
                    <Input maxLength={200} placeholder="如：中华人民共和国行政许可法" data-testid={`draft-legal-${i}-lawName`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={10}>
                  <Form.Item label="条款" name={[f.name, 'article']}>
                    <Input maxLength={100} placeholder="如：第十二条" data-testid={`draft-legal-${i}-article`} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label="条款原文" name={[f.name, 'text']} extra="须公开条款原文，缺失将列为公开要素问题">
                <Input.TextArea rows={3} maxLength={5000} data-testid={`draft-legal-${i}-text`} />
              </Form.Item>
            </ListRow>
          ))}
          <ListErrors errors={errors} />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ lawName: '', article: '', text: '' })} data-testid="draft-legal-add">
            添加设定依据
          </Button>
        </>
      )}
    </Form.List>
  );
}

export function MaterialsEditor({ meta }: { meta: MetaLookup }) {
  const form = Form.useFormInstance<DraftValues>();
  return (
    <Form.List name="materials">
      {(fields, { add, remove, move }, { errors }) => (
        <>
          {fields.map((f, i) => (
            <ListRow
              key={f.key}
              title={
                <Space>
                  材料 {i + 1}
                  <Form.Item noStyle shouldUpdate>
                    {() => <Tag>{form.getFieldValue(['materials', f.name, 'code'])}</Tag>}
                  </Form.Item>
                </Space>
              }
              index={i}
              count={fields.length}
              onMove={move}
              onRemove={() => remove(f.name)}
              testId={`draft-material-${i}`}
            >
              <Form.Item name={[f.name, 'code']} hidden>
                <Input />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item label="材料名称" name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写材料名称' }]}>
                    <Input maxLength={200} data-testid={`draft-material-${i}-name`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item label="必要性" name={[f.name, 'required']} valuePropName="checked">
                    <Checkbox data-testid={`draft-material-${i}-required`}>必要材料</Checkbox>
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item label="份数" name={[f.name, 'count']} rules={[{ required: true, message: '请填写份数' }]}>
                    <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid={`draft-material-${i}-count`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item label="原件/复印件" name={[f.name, 'form']}>
                    <Select options={meta.options('materialForms')} data-testid={`draft-material-${i}-form`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item label="载体" name={[f.name, 'media']}>
                    <Select options={meta.options('materialMedia')} data-testid={`draft-material-${i}-media`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={9}>
                  <Form.Item label="空白模板" name={[f.name, 'templateFile']}>
                    <FileHashInput label="模板" testId={`draft-material-${i}-template`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={9}>
                  <Form.Item label="示例样表" name={[f.name, 'sampleFile']}>
                    <FileHashInput label="样表" testId={`draft-material-${i}-sample`} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label="备注" name={[f.name, 'note']}>
                <Input maxLength={1000} placeholder="如：加盖公章；由发证部门核验原件后退还" data-testid={`draft-material-${i}-note`} />
              </Form.Item>
            </ListRow>
          ))}
          <ListErrors errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => {
              const codes = ((form.getFieldValue('materials') ?? []) as { code?: string }[]).map((m) => m.code);
              add({ code: nextCode('m', codes), name: '', required: true, form: 'original', media: 'both', count: 1, templateFile: null, sampleFile: null, note: '' });
            }}
            data-testid="draft-material-add"
          >
            添加申请材料
          </Button>
        </>
      )}
    </Form.List>
  );
}

function FeeStandardFields({ index }: { index: number }) {
  const kind = Form.useWatch(['fees', index, 'standard', 'kind']) as string | undefined;
  const base = [index, 'standard'];
  const req = (msg: string) => [{ required: true, whitespace: true, message: msg }, DECIMAL_RULE];
  return (
    <Row gutter={12}>
      <Col xs={24} md={8}>
        <Form.Item label="标准类型" name={[...base, 'kind']} rules={[{ required: true, message: '请选择标准类型' }]}>
          <Radio.Group optionType="button" options={FEE_KIND_OPTIONS} data-testid={`draft-fee-${index}-kind`} />
        </Form.Item>
      </Col>
      {kind === 'fixed' && (
        <Col xs={24} md={8}>
          <Form.Item label="金额（元）" name={[...base, 'amount']} rules={req('请填写金额')}>
            <Input data-testid={`draft-fee-${index}-amount`} />
          </Form.Item>
        </Col>
      )}
      {kind === 'range' && (
        <>
          <Col xs={12} md={8}>
            <Form.Item label="下限（元）" name={[...base, 'min']} rules={req('请填写下限')}>
              <Input data-testid={`draft-fee-${index}-min`} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              label="上限（元）"
              name={[...base, 'max']}
              dependencies={[['fees', index, 'standard', 'min']]}
              rules={[
                ...req('请填写上限'),
                ({ getFieldValue }) => ({
                  validator: (_, v) => {
                    const min = getFieldValue(['fees', index, 'standard', 'min']);
                    return !v || !min || Number(min) <= Number(v) ? Promise.resolve() : Promise.reject(new Error('下限不能高于上限'));
                  },
                }),
              ]}
            >
              <Input data-testid={`draft-fee-${index}-max`} />
            </Form.Item>
          </Col>
        </>
      )}
      {kind === 'rate' && (
        <>
          <Col xs={12} md={8}>
            <Form.Item label="单价（元）" name={[...base, 'perUnit']} rules={req('请填写单价')}>
              <Input data-testid={`draft-fee-${index}-perUnit`} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label="计量单位" name={[...base, 'unitName']} rules={[{ required: true, whitespace: true, message: '请填写计量单位' }]}>
              <Input maxLength={20} placeholder="如：次、件、平方米" data-testid={`draft-fee-${index}-unitName`} />
            </Form.Item>
          </Col>
        </>
      )}
    </Row>
  );
}

export function FeesEditor() {
  const free = Form.useWatch('free') as boolean | undefined;
  return (
    <>
      <Form.Item label="是否收费" name="free">
        <Radio.Group
          optionType="button"
          options={[
            { value: true, label: '不收费' },
            { value: false, label: '收费' },
          ]}
          data-testid="draft-free"
        />
      </Form.Item>
      {free === false && (
        <Form.List name="fees">
          {(fields, { add, remove, move }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <ListRow key={f.key} title={`收费项目 ${i + 1}`} index={i} count={fields.length} onMove={move} onRemove={() => remove(f.name)} testId={`draft-fee-${i}`}>
                  <Row gutter={12}>
                    <Col xs={24} md={10}>
                      <Form.Item label="收费项目名称" name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写收费项目名称' }]}>
                        <Input maxLength={200} data-testid={`draft-fee-${i}-name`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={14}>
                      <Form.Item label="收费依据" name={[f.name, 'basis']}>
                        <Input maxLength={1000} placeholder="文件名称及文号" data-testid={`draft-fee-${i}-basis`} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <FeeStandardFields index={f.name} />
                </ListRow>
              ))}
              <ListErrors errors={errors} />
              {!fields.length && <Typography.Paragraph type="warning">收费事项须至少列明一项收费项目及标准。</Typography.Paragraph>}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', basis: '', standard: { kind: 'fixed', amount: '' } })} data-testid="draft-fee-add">
                添加收费项目
              </Button>
            </>
          )}
        </Form.List>
      )}
    </>
  );
}

export function DiscretionEditor({ meta }: { meta: MetaLookup }) {
  const form = Form.useFormInstance<DraftValues>();
  return (
    <Form.List name="discretion">
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((f, i) => (
            <ListRow key={f.key} title={`裁量档次 ${i + 1}`} index={i} count={fields.length} onRemove={() => remove(f.name)} testId={`draft-band-${i}`}>
              <Row gutter={12}>
                <Col xs={24} md={6}>
                  <Form.Item
                    label="情节"
                    name={[f.name, 'circumstance']}
                    rules={[
                      { required: true, message: '请选择情节' },
                      {
                        validator: (_, v) => {
                          const all = ((form.getFieldValue('discretion') ?? []) as { circumstance?: string }[]).filter((b) => b.circumstance === v);
                          return !v || all.length <= 1 ? Promise.resolve() : Promise.reject(new Error('每个情节只能设一个档次'));
                        },
                      },
                    ]}
                  >
                    <Select options={meta.options('circumstances')} data-testid={`draft-band-${i}-circumstance`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={9}>
                  <Form.Item label="罚款下限（元）" name={[f.name, 'minFine']} rules={[DECIMAL_RULE]}>
                    <Input placeholder="不罚款可留空" data-testid={`draft-band-${i}-minFine`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={9}>
                  <Form.Item label="罚款上限（元）" name={[f.name, 'maxFine']} rules={[DECIMAL_RULE]}>
                    <Input placeholder="无上限可留空" data-testid={`draft-band-${i}-maxFine`} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label="情节描述" name={[f.name, 'description']} rules={[{ required: true, whitespace: true, message: '请描述情节' }]}>
                <Input.TextArea rows={2} maxLength={2000} data-testid={`draft-band-${i}-description`} />
              </Form.Item>
              <Form.Item label="其他处理措施" name={[f.name, 'otherMeasures']}>
                <Input.TextArea rows={2} maxLength={1000} placeholder="如：没收违法所得；责令改正" data-testid={`draft-band-${i}-otherMeasures`} />
              </Form.Item>
            </ListRow>
          ))}
          <ListErrors errors={errors} />
          {fields.length < 4 && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => {
                const used = new Set(((form.getFieldValue('discretion') ?? []) as { circumstance?: string }[]).map((b) => b.circumstance));
                const next = Object.keys(meta.meta?.circumstances ?? {}).find((c) => !used.has(c));
                add({ circumstance: next, description: '', minFine: '', maxFine: '', otherMeasures: '' });
              }}
              data-testid="draft-band-add"
            >
              添加裁量档次
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

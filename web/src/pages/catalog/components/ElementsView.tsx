// Every CAT-1 element of one element set (a version, a draft) in readable sections; the
// internal flow and the discretion benchmark (CAT-4) optionally. Values carry `el-<field>`.
import type { ReactNode } from 'react';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { Elements, Material } from '../model';
import { PENALTY_TYPE, formatLimit, staffFileUrl, yesNo } from '../labels';
import type { MetaLookup } from '../useCatalogMeta';
import { DiscretionTable, FeesTable, LegalBasisList, MaterialsTable, type FileRef } from './ElementTables';
import { FlowSteps } from './FlowSteps';

export interface ElementsViewProps {
  elements: Elements;
  meta: MetaLookup;
  /** The 实施编码 of a published version (a draft's is derived by the server). */
  implCode?: string | null;
  unitName: (id: number) => string;
  postName: (code: string) => string;
  /** Include the internal flow and discretion sections (default true). */
  withFlow?: boolean;
  fileOf?: (m: Material, which: 'template' | 'sample') => FileRef | null;
}

const v = (field: string, value: ReactNode): ReactNode => <span data-testid={`el-${field}`}>{value === '' || value === null || value === undefined ? '—' : value}</span>;
const text = (field: string, value: string) => (
  <span data-testid={`el-${field}`} style={{ whiteSpace: 'pre-wrap' }}>
    {value || <Typography.Text type="secondary">未填写</Typography.Text>}
  </span>
);

/** Staff link to an uploaded template / sample (names are not known for hashes: the short hash is shown). */
export const staffFileOf = (m: Material, which: 'template' | 'sample'): FileRef | null => {
  const hash = which === 'template' ? m.templateFile : m.sampleFile;
  return hash ? { url: staffFileUrl(hash), name: `${which === 'template' ? '模板' : '样表'}（${hash.slice(0, 8)}）` } : null;
};

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card size="small" title={title} className="element-section" data-testid={testId}>
      {children}
    </Card>
  );
}

export function ElementsView({ elements: e, meta, implCode, unitName, postName, withFlow = true, fileOf = staffFileOf }: ElementsViewProps) {
  const desc = (items: DescriptionsProps['items']) => <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={items} />;
  const tags = (field: string, codes: string[], table: 'specialProcedures') =>
    v(field, codes.length ? codes.map((c) => <Tag key={c}>{meta.name(table, c)}</Tag>) : '无');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="elements-view">
      <Section title="基本信息">
        {desc([
          { key: 'name', label: '事项名称', span: 2, children: v('name', e.name) },
          { key: 'type', label: '事项类型', children: v('type', `${meta.name('itemTypes', e.type)}（${e.type}）`) },
          { key: 'baseCode', label: '基本编码', children: v('baseCode', <Typography.Text code>{e.baseCode}</Typography.Text>) },
          {
            key: 'implCode',
            label: '实施编码',
            children: v('implCode', implCode || e.implCode ? <Typography.Text code>{implCode || e.implCode}</Typography.Text> : '提交后按实施主体信用代码生成'),
          },
          { key: 'implFlag', label: '实施编码标识位', children: v('implFlag', e.implFlag) },
          { key: 'unit', label: '实施主体', children: v('unitId', unitName(e.unitId)) },
          { key: 'entrusted', label: '受委托单位', children: v('entrustedUnit', e.entrustedUnit || '无') },
          {
            key: 'co',
            label: '协办单位（并联审批）',
            span: 2,
            children: v('coUnitIds', e.coUnitIds.length ? e.coUnitIds.map((id) => <Tag key={id}>{unitName(id)}</Tag>) : '无'),
          },
          { key: 'keywords', label: '关键词', span: 2, children: v('keywords', e.keywords.length ? e.keywords.map((k) => <Tag key={k}>{k}</Tag>) : '无') },
          { key: 'onTheSpot', label: '即办件', children: v('onTheSpot', e.onTheSpot ? <Tag color="blue">即办件</Tag> : '否') },
          { key: 'annual', label: '年检', children: v('annualInspection', yesNo(e.annualInspection)) },
          { key: 'secret', label: '涉密', children: v('secret', e.secret ? <Tag color="red">涉密</Tag> : '否') },
          { key: 'secretDoc', label: '定密依据', children: v('secretDoc', e.secret ? e.secretDoc : '—') },
        ])}
      </Section>

      <Section title="设定依据">
        <LegalBasisList items={e.legalBasis} />
      </Section>

      <Section title="受理条件与数量限制">
        {desc([
          { key: 'conditions', label: '受理条件', span: 2, children: text('conditions', e.conditions) },
          { key: 'quantity', label: '数量限制', span: 2, children: text('quantityLimit', e.quantityLimit) },
        ])}
      </Section>

      <Section title="申请材料">
        <MaterialsTable materials={e.materials} meta={meta} fileOf={fileOf} />
      </Section>

      <Section title="办理流程与期限">
        {desc([
          { key: 'ext', label: '办理流程', span: 2, children: text('externalProcedure', e.externalProcedure) },
          { key: 'legal', label: '法定期限', children: v('legalLimit', formatLimit(e.legalLimit)) },
          { key: 'promised', label: '承诺期限', children: v('promisedLimit', formatLimit(e.promisedLimit, e.onTheSpot)) },
          { key: 'special', label: '特别程序（不计入期限）', children: tags('specialProcedures', e.specialProcedures, 'specialProcedures') },
          { key: 'requires', label: '须记录结果的特别程序', children: tags('requiresResultOf', e.requiresResultOf, 'specialProcedures') },
        ])}
      </Section>

      <Section title="收费">
        <FeesTable free={e.free} fees={e.fees} />
      </Section>

      <Section title="办理结果">
        {desc([
          { key: 'kind', label: '结果类型', children: v('resultKind', meta.name('resultKinds', e.result.kind)) },
          { key: 'name', label: '证照或批文名称', children: v('resultName', e.result.name || '无') },
          { key: 'validity', label: '有效期', span: 2, children: v('resultValidity', e.result.validity || '—') },
        ])}
      </Section>

      <Section title="办理机构与咨询">
        {desc([
          { key: 'office', label: '办理机构', children: v('office', e.office) },
          { key: 'address', label: '办理地点', children: v('address', e.address) },
          { key: 'hours', label: '办理时间', span: 2, children: v('hours', e.hours) },
          { key: 'consult', label: '咨询电话', children: v('consultPhone', e.consultPhone) },
          { key: 'complaint', label: '监督投诉电话', children: v('complaintPhone', e.complaintPhone) },
          { key: 'online', label: '网上办理', children: v('online', e.online ? <Tag color="blue">可网上办理</Tag> : '否') },
          {
            key: 'url',
            label: '网上办理地址',
            children: v('onlineUrl', e.onlineUrl ? <a href={e.onlineUrl} target="_blank" rel="noreferrer">{e.onlineUrl}</a> : '—'),
          },
        ])}
      </Section>

      {withFlow && (
        <Section title="内部流程" testId="section-steps">
          <FlowSteps
            promisedLimit={e.promisedLimit}
            steps={e.steps.map((s) => ({ ...s, kindName: meta.name('stepKinds', s.kind), post: postName(s.postCode) }))}
          />
        </Section>
      )}
      {withFlow && (e.type === PENALTY_TYPE || e.discretion.length > 0) && (
        <Section title="裁量基准" testId="section-discretion">
          <DiscretionTable bands={e.discretion} meta={meta} />
        </Section>
      )}
    </Space>
  );
}

// 办事指南 (PUB-1): every public element of the version in force — legal basis, conditions,
// materials with template/sample downloads, procedure and flow diagram, limits, fees, result,
// office, hours, consultation and complaint phones — and the 在线申办 entry.
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { EnvironmentOutlined, FormOutlined, PhoneOutlined } from '@ant-design/icons';
import { useApiData } from '../../hooks/useApiData';
import { errorMessage } from '../../hooks/useFeedback';
import { formatInstant } from '../../utils/format';
import type { Material, PublicGuide } from '../catalog/model';
import { PENALTY_TYPE, formatLimit } from '../catalog/labels';
import { DiscretionTable, FeesTable, LegalBasisList, MaterialsTable } from '../catalog/components/ElementTables';
import { FlowSteps } from '../catalog/components/FlowSteps';
import { useCatalogMeta } from '../catalog/useCatalogMeta';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card size="small" title={title} className="element-section" data-testid={testId}>
      {children}
    </Card>
  );
}

const pre = (s: string, testId: string) => (
  <span style={{ whiteSpace: 'pre-wrap' }} data-testid={testId}>
    {s || '—'}
  </span>
);

export default function HallGuidePage() {
  const { id } = useParams();
  const meta = useCatalogMeta();
  const { data: g, loading, error } = useApiData<PublicGuide>(`/api/public/items/${id}`, undefined, { quiet: true });

  if (!g) {
    if (loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
    return (
      <Result
        status="404"
        title="事项不存在或未公开"
        subTitle={errorMessage(error)}
        extra={
          <Link to="/hall">
            <Button type="primary">返回事项目录</Button>
          </Link>
        }
      />
    );
  }
  const e = g.elements;
  const byCode = new Map(g.materials.map((m) => [m.code, m]));
  const fileOf = (m: Material, which: 'template' | 'sample') => {
    const f = byCode.get(m.code)?.[which];
    return f ? { url: f.url, name: f.name } : null;
  };
  const canApply = g.status === 'active';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="guide">
      <Breadcrumb items={[{ title: <Link to="/hall">事项目录</Link> }, { title: '办事指南' }]} />
      <Card>
        <Row gutter={16} align="middle">
          <Col flex="auto">
            <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="guide-name">
              {e.name}
            </Typography.Title>
            <Space wrap>
              <Tag color="blue">{g.typeName}</Tag>
              <Tag color={g.status === 'active' ? 'green' : 'orange'} data-testid="guide-status">
                {g.statusName}
              </Tag>
              {e.onTheSpot && <Tag color="geekblue">即办件</Tag>}
              {e.online && <Tag color="cyan">可网上办理</Tag>}
              <Typography.Text type="secondary" data-testid="guide-version">
                第 {g.versionNo} 版，{formatInstant(g.validFrom)} 起施行
              </Typography.Text>
            </Space>
          </Col>
          <Col>
            <Link to={`/hall/apply/${g.id}`} aria-disabled={!canApply} onClick={(ev) => !canApply && ev.preventDefault()}>
              <Button type="primary" size="large" icon={<FormOutlined />} disabled={!canApply} data-testid="guide-apply">
                在线申办
              </Button>
            </Link>
          </Col>
        </Row>
        {g.status !== 'active' && (
          <Alert
            style={{ marginTop: 16 }}
            type="warning"
            showIcon
            title={`该事项已${g.statusName}${g.statusFrom ? `（${g.statusFrom} 起）` : ''}，暂不受理新的申请`}
            description={g.statusReason ?? undefined}
          />
        )}
      </Card>

      <Section title="基本信息">
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'unit', label: '实施主体', children: <span data-testid="guide-unit">{g.unitName}</span> },
            { key: 'region', label: '行政区划', children: g.regionName },
            ...(e.implCode ? [{ key: 'impl', label: '实施编码', children: <Typography.Text code>{e.implCode}</Typography.Text> }] : []),
            { key: 'base', label: '基本编码', children: <Typography.Text code>{e.baseCode}</Typography.Text> },
            { key: 'entrusted', label: '受委托单位', children: e.entrustedUnit || '无' },
            { key: 'co', label: '协办单位（并联审批）', children: g.coUnits.length ? g.coUnits.map((u) => <Tag key={u.id}>{u.name}</Tag>) : '无' },
            { key: 'quantity', label: '数量限制', span: 2, children: pre(e.quantityLimit, 'guide-quantity') },
          ]}
        />
      </Section>

      <Section title="设定依据">
        <LegalBasisList items={e.legalBasis} testId="guide-legal-basis" />
      </Section>

      {e.type !== PENALTY_TYPE && (
        <Section title="受理条件">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="guide-conditions">
            {e.conditions || '—'}
          </Typography.Paragraph>
        </Section>
      )}

      {g.materials.length > 0 && (
        <Section title="申请材料">
          <MaterialsTable materials={g.materials} meta={meta} fileOf={fileOf} testId="guide-materials" />
        </Section>
      )}

      <Section title="办理流程">
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          {pre(e.externalProcedure, 'guide-procedure')}
          <FlowSteps
            orientation={g.steps.length <= 6 ? 'horizontal' : 'vertical'}
            testId="guide-flow"
            steps={g.steps.map((s) => ({ ...s, post: s.postName }))}
          />
        </Space>
      </Section>

      <Section title="办理期限">
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'legal', label: '法定期限', children: <span data-testid="guide-legal-limit">{formatLimit(e.legalLimit, e.onTheSpot)}</span> },
            { key: 'promised', label: '承诺期限', children: <span data-testid="guide-promised-limit">{formatLimit(e.promisedLimit, e.onTheSpot)}</span> },
            {
              key: 'special',
              label: '特别程序（不计入期限）',
              span: 2,
              children: e.specialProcedures.length ? e.specialProcedures.map((c) => <Tag key={c}>{meta.name('specialProcedures', c)}</Tag>) : '无',
            },
          ]}
        />
      </Section>

      <Section title="收费标准">
        <FeesTable free={e.free} fees={e.fees} testId="guide-fees" />
      </Section>

      <Section title="办理结果">
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'kind', label: '结果类型', children: meta.name('resultKinds', e.result.kind) },
            { key: 'name', label: '证照或批文名称', children: <span data-testid="guide-result">{e.result.name || '—'}</span> },
            { key: 'validity', label: '有效期', children: e.result.validity || '—' },
            { key: 'annual', label: '年检', children: e.annualInspection ? '须年检' : '无' },
          ]}
        />
      </Section>

      {e.type === PENALTY_TYPE && e.discretion.length > 0 && (
        <Section title="行政处罚裁量基准">
          <DiscretionTable bands={e.discretion} meta={meta} testId="guide-discretion" />
        </Section>
      )}

      <Section title="办理地点、时间与咨询">
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'office', label: '办理机构', children: <span data-testid="guide-office">{e.office || '—'}</span> },
            { key: 'address', label: <><EnvironmentOutlined /> 办理地点</>, children: <span data-testid="guide-address">{e.address || '—'}</span> },
            { key: 'hours', label: '办理时间', span: 2, children: <span data-testid="guide-hours">{e.hours || '—'}</span> },
            { key: 'consult', label: <><PhoneOutlined /> 咨询电话</>, children: <span data-testid="guide-consult-phone">{e.consultPhone || '—'}</span> },
            { key: 'complaint', label: <><PhoneOutlined /> 监督投诉电话</>, children: <span data-testid="guide-complaint-phone">{e.complaintPhone || '—'}</span> },
            {
              key: 'online',
              label: '网上办理',
              span: 2,
              children: e.online ? (
                e.onlineUrl ? (
                  <a href={e.onlineUrl} target="_blank" rel="noreferrer">
                    {e.onlineUrl}
                  </a>
                ) : (
                  '可网上办理'
                )
              ) : (
                '不支持网上办理，请到办理地点现场办理'
              ),
            },
          ]}
        />
      </Section>
    </Space>
  );
}

// 办件详情 (CASE-3, SUP-1): header, the actions this user may take now (the API's
// availableCommands), clocks with pause history, the full event stream as an audit trail,
// materials, documents and related sub-cases.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useApiData } from '../../hooks/useApiData';
import { errorMessage, useFeedback } from '../../hooks/useFeedback';
import { formatInstant } from '../../utils/format';
import { useCatalogMeta } from '../catalog/useCatalogMeta';
import type { CaseDetail, CaseMaterial } from './model';
import { CHANNEL_NAMES, CaseStatusTag, ClockBadges } from './labels';
import { CommandModal } from './components/CommandModal';
import { CaseTimeline } from './components/CaseTimeline';
import { ClocksPanel } from './components/ClocksPanel';
import { DocumentLinks } from './components/DocumentLinks';

const DANGER = new Set(['refuse', 'terminate', 'withdraw']);

export default function CaseDetailPage() {
  const { id } = useParams();
  const feedback = useFeedback();
  const meta = useCatalogMeta();
  const { data, loading, error, reload } = useApiData<CaseDetail>(`/api/cases/${id}`, undefined, { quiet: true });
  const [command, setCommand] = useState<{ type: string; name: string } | null>(null);

  if (!data) {
    if (loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
    return <Result status="404" title="办件不存在或不在您的数据权限内" subTitle={errorMessage(error)} extra={<Link to="/cases"><Button>办件查询</Button></Link>} />;
  }
  const c = data.case;
  const step = data.item.steps.find((s) => s.code === c.currentStep);
  const a = c.applicant;
  const supplement = data.situation.supplement;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="case-page">
      <Card
        title={
          <Space>
            <span>办件</span>
            <Typography.Text copyable data-testid="case-no">{c.caseNo}</Typography.Text>
            <CaseStatusTag status={c.status} name={c.statusName} />
          </Space>
        }
        extra={<ClockBadges clocks={c.clocks} kinds={['acceptance', 'step', 'case_promised', 'case_legal', 'supplement', 'delivery']} testId="case-badges" />}
      >
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'item', label: '事项',
              children: (
                <Link to={`/catalog/items/${c.itemId}/versions/${data.item.versionNo}`} data-testid="case-item">
                  {c.itemName}（第 {data.item.versionNo} 版）
                </Link>
              ),
            },
            { key: 'unit', label: '办理单位', children: c.unitName },
            { key: 'channel', label: '来源', children: `${CHANNEL_NAMES[c.channel] ?? c.channel}${c.kind === 'combined' ? ' · 并联审批' : ''}` },
            { key: 'applicant', label: '申请人', children: <span data-testid="case-applicant">{a.name}</span> },
            { key: 'id', label: a.type === 'person' ? '证件号码' : '统一社会信用代码', children: a.idNumber },
            { key: 'phone', label: '联系电话', children: a.phone },
            ...(a.type === 'organisation' ? [{ key: 'rep', label: '法定代表人 / 联系人', children: `${a.legalRepresentative ?? '—'} / ${a.contact ?? '—'}` }] : []),
            { key: 'step', label: '当前环节', children: <span data-testid="case-current-step">{step ? `${step.name}（${step.postCode}）` : '—'}</span> },
            { key: 'received', label: '收件时间', children: formatInstant(c.receivedAt) },
            { key: 'accepted', label: '受理时间', children: formatInstant(c.acceptedAt) },
            { key: 'decided', label: '决定时间', children: c.decidedAt ? `${formatInstant(c.decidedAt)}（${c.outcome === 'grant' ? '准予' : '不予'}）` : '—' },
            ...(c.feeTotal ? [{ key: 'fee', label: '收费合计', children: `${c.feeTotal} 元` }] : []),
            ...(c.fineAmount ? [{ key: 'fine', label: '罚款', children: `${c.fineAmount} 元（${meta.name('circumstances', c.penaltyCircumstance)}）` }] : []),
            ...(c.certificateNo ? [{ key: 'cert', label: '证照 / 文书编号', children: `${c.certificateNo}（${c.validFrom ?? '—'} 至 ${c.validUntil ?? '长期'}）` }] : []),
          ]}
        />
        {supplement && ['supplement_requested', 'processing_supplement'].includes(c.status) && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title={`待申请人补正（第 ${supplement.sequence} 次告知，${formatInstant(supplement.requestedAt)}）`}
            description={supplement.items.map((i) => `${i.name}：${i.problem}`).join('；')}
          />
        )}
        <div style={{ marginTop: 16 }} data-testid="case-actions">
          {data.availableCommands.length ? (
            <Space wrap>
              {data.availableCommands.map((cmd) => (
                <Button
                  key={cmd.type}
                  type={['accept', 'pass_step', 'decide', 'complete', 'deliver'].includes(cmd.type) ? 'primary' : 'default'}
                  danger={DANGER.has(cmd.type)}
                  onClick={() => setCommand(cmd)}
                  data-testid={`cmd-${cmd.type}`}
                >
                  {cmd.name}
                </Button>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary" data-testid="case-no-actions">当前没有您可以执行的操作</Typography.Text>
          )}
        </div>
      </Card>

      <Card>
        <Tabs
          items={[
            { key: 'timeline', label: <span data-testid="case-tab-timeline">办理记录</span>, children: <CaseTimeline detail={data} /> },
            { key: 'clocks', label: <span data-testid="case-tab-clocks">时限</span>, children: <ClocksPanel detail={data} /> },
            {
              key: 'materials', label: <span data-testid="case-tab-materials">材料（{data.materials.length}）</span>,
              children: (
                <Table<CaseMaterial>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={data.materials}
                  data-testid="case-materials"
                  columns={[
                    { title: '材料', dataIndex: 'name' },
                    { title: '批次', dataIndex: 'round', render: (r: number, m) => (m.phase === 'evidence' ? <Tag color="purple">证据</Tag> : r === 0 ? '申请' : `第 ${r} 次补正`) },
                    { title: '纸质', dataIndex: 'paper', render: (p: boolean) => (p ? <Tag color="gold">纸质随案流转</Tag> : '—') },
                    { title: '收到时间', dataIndex: 'receivedAt', render: (v: string) => formatInstant(v) },
                    {
                      title: '电子件',
                      dataIndex: 'fileHash',
                      render: (h: string | null) =>
                        h ? (
                          <a href={`/api/cases/${c.id}/files/${h}`} data-testid={`material-download-${h.slice(0, 8)}`}>
                            下载 <Typography.Text code style={{ fontSize: 12 }}>{h.slice(0, 12)}…</Typography.Text>
                          </a>
                        ) : '—',
                    },
                  ]}
                />
              ),
            },
            {
              key: 'documents', label: <span data-testid="case-tab-documents">文书（{data.documents.length}）</span>,
              children: <DocumentLinks docs={data.documents} base={`/api/cases/${c.id}`} />,
            },
            ...(data.related.length
              ? [{
                  key: 'related', label: '并联审批',
                  children: (
                    <Table
                      size="small"
                      rowKey="id"
                      pagination={false}
                      dataSource={data.related}
                      columns={[
                        { title: '办件', dataIndex: 'caseNo', render: (no: string, r: { id: number }) => <Link to={`/cases/${r.id}`}>{no}</Link> },
                        { title: '单位', dataIndex: 'unitName' },
                        { title: '状态', dataIndex: 'statusName' },
                      ]}
                    />
                  ),
                }]
              : []),
          ]}
        />
      </Card>

      <CommandModal
        command={command}
        detail={data}
        meta={meta}
        onClose={() => setCommand(null)}
        onDone={(r) => {
          setCommand(null);
          feedback.success(`已${command?.name ?? '办理'}：${r.statusName}${r.documents.length ? `，已出具${r.documents.map((d) => d.title).join('、')}` : ''}`);
          reload();
        }}
      />
    </Space>
  );
}

// What the applicant sees of a case (CASE-8): status, 预计办结日期, the supplement request, the
// decision and result, a timeline of public steps (no staff internals) and the notices.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, List, Space, Tag, Timeline, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { formatDeadline, formatInstant } from '../../../utils/format';
import type { ApplicantPart, ApplicantView, DocumentRef } from '../model';
import { CHANNEL_NAMES, CaseStatusTag } from '../labels';
import { DocumentLinks } from './DocumentLinks';

export function ApplicantCaseView({
  view,
  docBase,
  supplyArea,
  extra,
  onDownload,
}: {
  view: ApplicantView;
  /** URL prefix of the documents (signed-in applicant), or null when they are fetched by `onDownload` (query by password) or not at all. */
  docBase: string | null;
  /** Downloads a document's PDF without a URL of its own (the query proof travels in a POST body). */
  onDownload?: (doc: DocumentRef) => Promise<void>;
  /** Rendered under a part's supplement request (upload form), when the applicant may supply. */
  supplyArea?: (part: ApplicantPart) => ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="applicant-case">
      <Card title={`办件 ${view.caseNo}`} extra={extra}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'no', label: '办件流水号', children: <span data-testid="applicant-case-no">{view.caseNo}</span> },
            { key: 'item', label: '事项', children: `${view.itemName}（${view.itemTypeName}）` },
            { key: 'status', label: '办理状态', children: <CaseStatusTag status={view.status} name={view.statusName} /> },
            { key: 'channel', label: '申报方式', children: CHANNEL_NAMES[view.channel] ?? view.channel },
            { key: 'applicant', label: '申请人', children: view.applicantName },
            { key: 'received', label: '申请时间', children: formatInstant(view.receivedAt) },
            { key: 'accepted', label: '受理时间', children: formatInstant(view.acceptedAt) },
            {
              key: 'expected',
              label: '预计办结日期',
              children: <span data-testid="applicant-expected">{view.expectedCompletion ? formatDeadline(view.expectedCompletion) : '受理后确定'}</span>,
            },
          ]}
        />
      </Card>
      {view.parts.map((p) => (
        <Card
          key={p.id}
          size="small"
          title={view.combined ? `${p.unitName}（${p.caseNo}）` : '办理进度'}
          extra={view.combined ? <CaseStatusTag status={p.status} name={p.statusName} /> : undefined}
          data-testid={`applicant-part-${p.id}`}
        >
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {p.supplement && ['supplement_requested', 'processing_supplement'].includes(p.status) && (
              <Alert
                type="warning"
                showIcon
                data-testid="applicant-supplement"
                title={`请补正材料${p.supplement.sequence > 1 ? `（第 ${p.supplement.sequence} 次补正告知）` : ''}`}
                description={
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {p.supplement.items.map((i, n) => (
                      <li key={n}>
                        <Typography.Text strong>{i.name}</Typography.Text>：{i.problem}
                      </li>
                    ))}
                  </ul>
                }
              />
            )}
            {p.supplement && supplyArea && ['supplement_requested', 'processing_supplement'].includes(p.status) && supplyArea(p)}
            {p.decision && (
              <Alert
                type={p.decision.outcome === 'grant' ? 'success' : 'error'}
                showIcon
                data-testid="applicant-decision"
                title={`${p.decision.outcome === 'grant' ? '准予' : '不予'}（${formatInstant(p.decision.decidedAt)}）`}
                description={p.decision.reasons ?? undefined}
              />
            )}
            {p.result && (
              <Descriptions
                size="small"
                bordered
                column={{ xs: 1, md: 3 }}
                items={[
                  { key: 'n', label: p.result.kind === 'certificate' ? '证照编号' : '文书编号', children: p.result.number },
                  { key: 'f', label: '有效期自', children: p.result.validFrom ?? '—' },
                  { key: 'u', label: '有效期至', children: p.result.validUntil ?? '长期' },
                ]}
              />
            )}
            <Timeline
              data-testid="applicant-timeline"
              items={p.timeline.map((t, i) => ({
                key: i,
                content: (
                  <div>
                    <Typography.Text strong>{t.title}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{formatInstant(t.at)}</Typography.Text>
                    {t.detail && <div>{t.detail}</div>}
                  </div>
                ),
              }))}
            />
            <div>
              <Typography.Title level={5}>
                文书 {docBase === null && !onDownload && <Tag>凭账户登录后可下载</Tag>}
              </Typography.Title>
              {docBase === null && onDownload ? (
                <QueryDocuments docs={p.documents} onDownload={onDownload} />
              ) : docBase === null ? (
                <ul data-testid="applicant-documents">
                  {p.documents.map((d) => (
                    <li key={d.id}>
                      {d.title}（{d.docNo}，验证码 {d.verificationCode}）
                    </li>
                  ))}
                  {!p.documents.length && <li>暂无文书</li>}
                </ul>
              ) : (
                <DocumentLinks docs={p.documents} base={docBase} testId="applicant-documents" />
              )}
            </div>
          </Space>
        </Card>
      ))}
    </Space>
  );
}

/** Documents of a case found by number + password: a 下载 PDF button each (POST with the proof). */
function QueryDocuments({ docs, onDownload }: { docs: DocumentRef[]; onDownload: (doc: DocumentRef) => Promise<void> }) {
  const [busy, setBusy] = useState<number | null>(null);
  return (
    <List<DocumentRef>
      size="small"
      bordered
      dataSource={docs}
      locale={{ emptyText: '暂无文书' }}
      data-testid="applicant-documents"
      renderItem={(d) => (
        <List.Item
          key={d.id}
          actions={[
            <Button
              key="pdf"
              size="small"
              icon={<FilePdfOutlined />}
              loading={busy === d.id}
              onClick={async () => {
                setBusy(d.id);
                try {
                  await onDownload(d);
                } finally {
                  setBusy(null);
                }
              }}
              data-testid={`query-doc-pdf-${d.id}`}
            >
              下载 PDF
            </Button>,
          ]}
        >
          <List.Item.Meta
            title={<span data-testid={`doc-title-${d.id}`} data-kind={d.kind}>{d.title}</span>}
            description={`${d.docNo} · 验证码 ${d.verificationCode}${d.issuedAt ? ` · ${formatInstant(d.issuedAt)}` : ''}`}
          />
        </List.Item>
      )}
    />
  );
}

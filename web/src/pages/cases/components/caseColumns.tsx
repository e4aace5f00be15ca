// Columns shared by the staff case lists (to-do, acceptance queue, all cases).
import { Link } from 'react-router-dom';
import { Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { formatInstant } from '../../../utils/format';
import type { CaseSummary } from '../model';
import { CHANNEL_NAMES, CaseStatusTag, ClockBadges } from '../labels';

export function caseColumns(opts: { clockKinds?: string[]; step?: boolean } = {}): TableColumnsType<CaseSummary> {
  return [
    {
      title: '办件流水号',
      dataIndex: 'caseNo',
      fixed: 'left',
      render: (no: string, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/cases/${r.id}`} data-testid={`case-open-${r.caseNo}`}>
            {no}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {CHANNEL_NAMES[r.channel] ?? r.channel}
            {r.kind === 'combined' ? ' · 并联审批' : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '事项',
      dataIndex: 'itemName',
      render: (n: string, r) => (
        <Space orientation="vertical" size={0}>
          <span>{n}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.unitName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '申请人', dataIndex: 'applicantName' },
    { title: '状态', dataIndex: 'statusName', render: (n: string, r) => <CaseStatusTag status={r.status} name={n} /> },
    ...(opts.step === false ? [] : [{ title: '当前环节', dataIndex: 'currentStep', render: (s: string | null) => s ?? '—' }]),
    { title: '时限', key: 'clocks', render: (_: unknown, r: CaseSummary) => <ClockBadges clocks={r.clocks} kinds={opts.clockKinds} testId={`case-clocks-${r.caseNo}`} /> },
    { title: '收件时间', dataIndex: 'receivedAt', render: (v: string) => formatInstant(v) },
  ];
}

// Every clock of a case: due instant (China time), used / remaining, overdue, pauses, extensions.
import { Space, Table, Tag, Typography } from 'antd';
import { formatDeadline, formatInstant } from '../../../utils/format';
import { formatLimit } from '../../catalog/labels';
import type { CaseDetail, ClockView } from '../model';
import { clockText } from '../labels';

export function ClocksPanel({ detail }: { detail: CaseDetail }) {
  const stepName = (ref: string | null) => (ref ? detail.item.steps.find((s) => s.code === ref)?.name ?? ref : '');
  const unit = (c: ClockView) => (c.limit.unit === 'workday' ? '个工作日' : '天');
  return (
    <Table<ClockView>
      size="small"
      rowKey={(c) => `${c.kind}-${c.ref ?? ''}-${c.startedAt}`}
      pagination={false}
      dataSource={detail.clocks}
      data-testid="case-clocks"
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '时钟', key: 'kind', render: (_, c) => `${c.kindName}${c.ref ? `（${stepName(c.ref)}）` : ''}` },
        { title: '时限', dataIndex: 'limit', render: (l: ClockView['limit'], c) => `${formatLimit(l)}${c.effectiveLimit !== l.days ? `（含延长 ${c.effectiveLimit}）` : ''}` },
        { title: '起算', dataIndex: 'startedAt', render: (v: string) => formatInstant(v) },
        { title: '截止（北京时间）', key: 'due', render: (_, c) => (c.dueAt ? formatDeadline(c.dueAt) : `暂停中，预计 ${formatDeadline(c.projectedDueAt)}`) },
        { title: '已用', dataIndex: 'used', render: (u: number, c) => `${u} ${unit(c)}` },
        {
          title: '状态',
          key: 'state',
          render: (_, c) =>
            c.status === 'stopped' ? (
              <Space size={4}>
                <Tag>已停止 {formatInstant(c.stoppedAt)}</Tag>
                {c.overdue && <Tag color="red">超期</Tag>}
              </Space>
            ) : (
              <Tag color={c.status === 'paused' ? 'default' : c.overdue ? 'red' : 'green'} data-testid={`clock-${c.kind}`}>
                {clockText({ status: c.status, remaining: c.remaining, unit: c.limit.unit, overdue: c.overdue })}
              </Tag>
            ),
        },
        {
          title: '暂停 / 延期',
          key: 'pauses',
          render: (_, c) =>
            c.pauses.length || c.extensions.length ? (
              <Space orientation="vertical" size={0}>
                {c.pauses.map((p, i) => (
                  <Typography.Text key={`p${i}`} style={{ fontSize: 12 }}>
                    暂停 {formatInstant(p.from)} — {p.to ? formatInstant(p.to) : '至今'}：{p.reason}
                    {p.expected ? `（预计 ${formatLimit(p.expected)}）` : ''}
                    {p.counted ? `，扣除 ${p.days || p.daysSoFar} 天` : '，不扣除'}
                  </Typography.Text>
                ))}
                {c.extensions.map((x, i) => (
                  <Typography.Text key={`x${i}`} style={{ fontSize: 12 }}>
                    延长 {formatLimit({ days: x.days, unit: x.unit })}（{formatInstant(x.approvedAt)}）：{x.reason}
                  </Typography.Text>
                ))}
              </Space>
            ) : '—',
        },
      ]}
    />
  );
}

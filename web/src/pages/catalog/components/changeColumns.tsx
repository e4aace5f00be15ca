// Columns shared by the change list and the review queues.
import { Link } from 'react-router-dom';
import { Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ChangeSummary } from '../model';
import { CHANGE_KIND_LABELS, CHANGE_STATE_LABELS, ITEM_STATUS_LABELS, PART_LABELS, elementLabel } from '../labels';
import { formatInstant } from '../../../utils/format';

export function changeColumns(opts: { openTestId: string; triggerName: (code: string | null) => string }): TableColumnsType<ChangeSummary> {
  return [
    {
      title: '事项',
      dataIndex: 'itemName',
      render: (name: string, r) => (
        <div>
          <Link to={`/catalog/changes/${r.id}`} data-testid={`${opts.openTestId}-${r.id}`}>
            {name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              #{r.id} · {r.implCode}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: '实施主体', dataIndex: 'unitName' },
    {
      title: '申请',
      dataIndex: 'kind',
      width: 100,
      render: (k: ChangeSummary['kind'], r) =>
        k === 'status' && r.newStatus ? (
          <Tag color="purple">
            {ITEM_STATUS_LABELS[r.newStatus]}（{r.statusFrom} 起）
          </Tag>
        ) : (
          <Tag>{CHANGE_KIND_LABELS[k]}</Tag>
        ),
    },
    {
      title: '变更要素',
      dataIndex: 'changedFields',
      render: (f: string[]) => {
        const names = f.map(elementLabel);
        const text = names.length > 4 ? `${names.slice(0, 4).join('、')} 等 ${names.length} 项` : names.join('、');
        return <Tooltip title={names.join('、')}>{text || '—'}</Tooltip>;
      },
    },
    {
      title: '审核',
      dataIndex: 'parts',
      width: 200,
      render: (parts: ChangeSummary['parts'], r) =>
        parts.map((p) => {
          const done = p === 'basic' ? r.basicApprovedAt : r.flowApprovedAt;
          return (
            <Tag key={p} color={done ? 'green' : 'default'}>
              {PART_LABELS[p]}
              {done ? ' ✓' : ''}
            </Tag>
          );
        }),
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 90,
      render: (s: ChangeSummary['state']) => <Tag color={CHANGE_STATE_LABELS[s].color}>{CHANGE_STATE_LABELS[s].label}</Tag>,
    },
    {
      title: '理由与触发事由',
      key: 'reason',
      render: (_, r) => (
        <div style={{ maxWidth: 260 }}>
          <div>{r.reason ?? '—'}</div>
          {r.triggerKind && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {opts.triggerName(r.triggerKind)}（{r.triggerDate}）
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: '提交时间', dataIndex: 'submittedAt', width: 170, render: formatInstant },
  ];
}

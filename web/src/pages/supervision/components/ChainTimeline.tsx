// The chained handling record of a signal or task (every act one event; hash shown short).
import { Space, Tag, Timeline, Typography } from 'antd';
import { formatDeadline, formatInstant } from '../../../utils/format';
import type { ChainEvent } from '../model';
import { SIGNAL_STATUSES } from '../labels';

const FIELD_LABELS: Record<string, string> = {
  text: '内容', note: '调查事项', reason: '理由', materials: '需提供材料', requirements: '要求', summary: '办结意见', opinion: '意见',
  persons: '责任人员', proposal: '建议', days: '期限（工作日）', dueAt: '期限至', taskNo: '督办编号', documentNo: '文书编号', title: '标题',
  content: '内容', limitDays: '办理期限（工作日）', explanation: '说明',
};
const FINDINGS: Record<string, string> = { valid: '成立', invalid: '不成立' };

function files(v: unknown) {
  if (!Array.isArray(v) || !v.length) return null;
  return (
    <div>
      附件：{(v as { name: string; size?: number }[]).map((f) => <Tag key={f.name}>{f.name}</Tag>)}
    </div>
  );
}

export function ChainTimeline({ events, names, testId }: { events: ChainEvent[]; names: Record<string, string>; testId: string }) {
  return (
    <Timeline
      data-testid={testId}
      items={events.map((e) => {
        const d = (e.data ?? {}) as Record<string, unknown>;
        return {
          key: e.seq,
          color: e.type.endsWith('raised') ? 'red' : e.type.includes('revoked') ? 'gray' : 'blue',
          content: (
            <div data-testid={`${testId}-${e.seq}`} data-type={e.type}>
              <Space wrap>
                <Typography.Text strong>{names[e.type] ?? e.type}</Typography.Text>
                {typeof d.finding === 'string' && <Tag color={d.finding === 'valid' ? 'red' : 'default'}>认定{FINDINGS[d.finding] ?? d.finding}</Tag>}
                {typeof d.kind === 'string' && e.type.includes('appeal') && <Tag>申诉</Tag>}
                {d.late === true && <Tag color="orange">逾期</Tag>}
                {typeof d.to === 'string' && <Typography.Text type="secondary">→ {SIGNAL_STATUSES[d.to] ?? d.to}</Typography.Text>}
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {formatInstant(e.at)} · {e.actorName ?? '系统'} · <span title={e.hash}>#{e.hash.slice(0, 10)}</span>
                </Typography.Text>
              </div>
              {Object.entries(FIELD_LABELS).map(([k, l]) =>
                d[k] !== undefined && d[k] !== null && d[k] !== '' ? (
                  <div key={k}>
                    <Typography.Text type="secondary">{l}：</Typography.Text>
                    <Typography.Text>{k === 'dueAt' ? formatDeadline(String(d[k])) : String(d[k])}</Typography.Text>
                  </div>
                ) : null,
              )}
              {files(d.files)}
            </div>
          ),
        };
      })}
    />
  );
}

import { Tag } from 'antd';
import { LEVELS, SIGNAL_STATUSES, TASK_STATUSES } from '../labels';
import type { Level } from '../model';

export function LevelTag({ level }: { level: Level | string }) {
  const l = LEVELS[level as Level];
  return (
    <Tag color={l?.color} data-level={level}>
      {l?.label ?? level}
    </Tag>
  );
}

const STATUS_COLORS: Record<string, string> = {
  raised: 'orange',
  explained: 'cyan',
  investigating: 'purple',
  materials_requested: 'gold',
  valid: 'red',
  rectifying: 'volcano',
  rectified: 'geekblue',
  verified: 'green',
  revoked: 'default',
  closed: 'green',
};

export function SignalStatusTag({ status, testId }: { status: string; testId?: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId} data-status={status}>
      {SIGNAL_STATUSES[status] ?? status}
    </Tag>
  );
}

export function TaskStatusTag({ status, testId }: { status: string; testId?: string }) {
  const color = status === 'closed' ? 'green' : status === 'draft' ? 'default' : status === 'pending_approval' ? 'gold' : 'blue';
  return (
    <Tag color={color} data-testid={testId} data-status={status}>
      {TASK_STATUSES[status] ?? status}
    </Tag>
  );
}

// Display helpers of the case pages: status colours, clock badges, check digits.
import { Space, Tag, Tooltip } from 'antd';
import { formatDeadline } from '../../utils/format';
import type { ClockBadge } from './model';

const STATUS_COLORS: Record<string, string> = {
  submitted: 'blue',
  supplement_requested: 'orange',
  in_process: 'processing',
  processing_supplement: 'orange',
  suspended: 'warning',
  special_procedure: 'purple',
  decided: 'cyan',
  completed: 'green',
  delivered: 'green',
  refused: 'red',
  withdrawn: 'default',
  terminated: 'red',
  merged: 'default',
};

export function CaseStatusTag({ status, name }: { status: string; name: string }) {
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="case-status" data-status={status}>
      {name}
    </Tag>
  );
}

export const CLOCK_NAMES: Record<string, string> = {
  acceptance: '受理',
  case_promised: '承诺',
  case_legal: '法定',
  step: '环节',
  supplement: '补正',
  special: '特别程序',
  delivery: '送达',
};

export const CHANNEL_NAMES: Record<string, string> = { online: '网上申报', window: '窗口收件', ex_officio: '依职权立案' };

export const POST_NAMES: Record<string, string> = { accept: '窗口受理岗', handle: '承办岗', review: '审核岗', approve: '批准岗' };

const unitText = (u: string) => (u === 'workday' ? '个工作日' : '天');

/** 剩余 N 个工作日 / 已超期 N 个工作日 (red) / 已暂停. */
export function clockText(c: Pick<ClockBadge, 'status' | 'remaining' | 'unit' | 'overdue'>): string {
  if (c.status === 'paused') return '已暂停';
  if (c.overdue) return c.remaining < 0 ? `已超期 ${-c.remaining} ${unitText(c.unit)}` : '已超期';
  return `剩余 ${c.remaining} ${unitText(c.unit)}`;
}

export function ClockBadgeTag({ clock, testId }: { clock: ClockBadge; testId?: string }) {
  const color = clock.status === 'paused' ? 'default' : clock.overdue ? 'red' : clock.remaining <= 1 ? 'orange' : 'green';
  const name = CLOCK_NAMES[clock.kind] ?? clock.kind;
  return (
    <Tooltip title={`${name}时限 截止 ${formatDeadline(clock.projectedDueAt)}`}>
      <Tag color={color} data-testid={testId} data-overdue={clock.overdue} data-clock={clock.kind}>
        {name}：{clockText(clock)}
      </Tag>
    </Tooltip>
  );
}

/** The badges of a list row: the given kinds (default: step, promised, acceptance). */
export function ClockBadges({ clocks, kinds = ['acceptance', 'step', 'case_promised', 'supplement'], testId }: { clocks: ClockBadge[]; kinds?: string[]; testId?: string }) {
  const shown = clocks.filter((c) => kinds.includes(c.kind));
  if (!shown.length) return <span>—</span>;
  return (
    <Space size={4} wrap data-testid={testId}>
      {shown.map((c) => (
        <ClockBadgeTag key={`${c.kind}-${c.ref ?? ''}`} clock={c} />
      ))}
    </Space>
  );
}

// ------------------------------------------------------------------ check digits (GB 11643, GB 32100)
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function isValidIdNumber(s: string): boolean {
  const v = s.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(v[i]), 0);
  return '10X98765432'[sum % 11] === v[17];
}

const CC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function isValidCreditCode(s: string): boolean {
  const v = s.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v)) return false;
  const sum = CC_WEIGHTS.reduce((acc, w, i) => acc + w * CC_CHARS.indexOf(v[i]), 0);
  const check = (31 - (sum % 31)) % 31;
  return CC_CHARS[check] === v[17];
}

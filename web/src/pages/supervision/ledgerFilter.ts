// The ledger filter (GET /api/supervision/ledger, export requests) and its wording.
import { formatInstant } from '../../utils/format';
import { LEVELS, SAMPLING_RESULTS, SIGNAL_STATUSES, TASK_STATUSES } from './labels';

export interface LedgerFilter {
  kind?: string;
  level?: string;
  status?: string;
  unitId?: number;
  from?: string;
  to?: string;
}

export function statusLabel(code: string | undefined) {
  if (!code) return undefined;
  return SIGNAL_STATUSES[code] ?? TASK_STATUSES[code] ?? SAMPLING_RESULTS[code] ?? (code === 'recorded' ? '巡查已记录' : code);
}

/** The filter in words (for the export request and its list). */
export function describeFilter(f: LedgerFilter | undefined, unitName?: string): string {
  if (!f) return '全部';
  const parts: string[] = [];
  if (f.level) parts.push(`等级：${LEVELS[f.level as keyof typeof LEVELS]?.label ?? f.level}`);
  if (f.status) parts.push(`状态：${statusLabel(f.status)}`);
  if (f.unitId) parts.push(`责任单位：${unitName ?? `#${f.unitId}`}`);
  if (f.from || f.to) parts.push(`时间：${f.from ? formatInstant(f.from).slice(0, 10) : '…'} 至 ${f.to ? formatInstant(new Date(new Date(f.to).getTime() - 1).toISOString()).slice(0, 10) : '…'}`);
  return parts.length ? parts.join('；') : '全部';
}

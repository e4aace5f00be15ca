import type { Dayjs } from 'dayjs';
import type { Query } from '../../../api';
import { chinaDayStart } from '../../../utils/format';

export interface LogFilterValues {
  username?: string;
  result?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** Filter form values → query: the date range becomes [from 00:00, day after `to` 00:00) China time. */
export function logQuery(v: LogFilterValues): Query {
  const [start, end] = v.range ?? [null, null];
  return {
    username: v.username?.trim(),
    result: v.result,
    action: v.action?.trim(),
    from: start ? chinaDayStart(start.format('YYYY-MM-DD')) : undefined,
    to: end ? chinaDayStart(end.add(1, 'day').format('YYYY-MM-DD')) : undefined,
  };
}

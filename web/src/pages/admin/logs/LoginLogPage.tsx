// 登录日志 (append-only): newest first, filters, 加载更多.
import { useState } from 'react';
import { Form, Input, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Query } from '../../../api';
import { FilterBar } from '../../../components/FilterBar';
import { LogRangeFilter } from './LogRangeFilter';
import { LoadMoreTable } from '../../../components/LoadMoreTable';
import { PageCard } from '../../../components/PageCard';
import { useKeysetList } from '../../../hooks/useKeysetList';
import { LOGIN_RESULT_COLORS, LOGIN_RESULT_LABELS } from '../../../labels';
import type { LoginLogEntry, LoginResult } from '../../../types';
import { dash, formatInstant } from '../../../utils/format';
import { logQuery, type LogFilterValues } from './logQuery';

const RESULT_OPTIONS = (Object.keys(LOGIN_RESULT_LABELS) as LoginResult[]).map((value) => ({ value, label: LOGIN_RESULT_LABELS[value] }));

const columns: TableColumnsType<LoginLogEntry> = [
  { title: '时间', dataIndex: 'at', width: 170, render: formatInstant },
  { title: '用户名', dataIndex: 'username', width: 140 },
  {
    title: '结果',
    dataIndex: 'result',
    width: 110,
    render: (r: string) => <Tag color={LOGIN_RESULT_COLORS[r as LoginResult] ?? 'default'}>{LOGIN_RESULT_LABELS[r as LoginResult] ?? r}</Tag>,
  },
  { title: 'IP 地址', dataIndex: 'ip', width: 140, render: dash },
  {
    title: '终端',
    dataIndex: 'userAgent',
    render: (ua: string | null) =>
      ua ? (
        <Typography.Text ellipsis={{ tooltip: ua }} style={{ maxWidth: 280 }}>
          {ua}
        </Typography.Text>
      ) : (
        '—'
      ),
  },
  { title: '说明', dataIndex: 'detail', render: dash },
];

export default function LoginLogPage() {
  const [query, setQuery] = useState<Query>({});
  const list = useKeysetList<LoginLogEntry>('/api/logs/login', query);

  return (
    <PageCard title="登录日志">
      <FilterBar<LogFilterValues> initialValues={{}} onSearch={(v) => setQuery(logQuery(v))}>
        <Form.Item name="username">
          <Input allowClear placeholder="用户名" style={{ width: 160 }} data-testid="log-filter-username" />
        </Form.Item>
        <Form.Item name="result">
          <Select allowClear placeholder="结果" options={RESULT_OPTIONS} style={{ width: 130 }} data-testid="log-filter-result" />
        </Form.Item>
        <LogRangeFilter />
      </FilterBar>
      <LoadMoreTable<LoginLogEntry> rowKey="id" columns={columns} list={list} data-testid="login-log-table" />
    </PageCard>
  );
}

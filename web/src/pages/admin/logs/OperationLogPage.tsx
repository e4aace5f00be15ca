// 操作日志 (append-only): who did what, when, from where, with what result.
import { useState } from 'react';
import { Form, Input, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Query } from '../../../api';
import { FilterBar } from '../../../components/FilterBar';
import { LogRangeFilter } from './LogRangeFilter';
import { LoadMoreTable } from '../../../components/LoadMoreTable';
import { PageCard } from '../../../components/PageCard';
import { useKeysetList } from '../../../hooks/useKeysetList';
import { OPERATION_RESULT_LABELS } from '../../../labels';
import type { OperationLogEntry } from '../../../types';
import { dash, formatInstant } from '../../../utils/format';
import { logQuery, type LogFilterValues } from './logQuery';

const RESULT_OPTIONS = Object.entries(OPERATION_RESULT_LABELS).map(([value, r]) => ({ value, label: r.label }));

const columns: TableColumnsType<OperationLogEntry> = [
  { title: '时间', dataIndex: 'at', width: 170, render: formatInstant },
  { title: '用户', dataIndex: 'username', width: 120, render: dash },
  { title: '操作', dataIndex: 'action', render: (a: string) => <Typography.Text code>{a}</Typography.Text> },
  {
    title: '对象',
    key: 'target',
    render: (_, r) => (r.targetType ? `${r.targetType}${r.targetId ? ` #${r.targetId}` : ''}` : '—'),
  },
  {
    title: '结果',
    dataIndex: 'result',
    width: 110,
    render: (res: string, r) => {
      const l = OPERATION_RESULT_LABELS[res];
      return (
        <Tag color={l?.color ?? 'default'}>
          {l?.label ?? res}
          {r.statusCode ? ` ${r.statusCode}` : ''}
        </Tag>
      );
    },
  },
  { title: 'IP 地址', dataIndex: 'ip', width: 130, render: dash },
  { title: '请求', key: 'request', render: (_, r) => (r.method ? `${r.method} ${r.route ?? ''}` : dash(r.route)) },
];

function Detail({ row }: { row: OperationLogEntry }) {
  return (
    <div style={{ fontSize: 12 }}>
      <div>请求编号：{dash(row.requestId)}</div>
      <pre style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(row.detail, null, 2)}</pre>
    </div>
  );
}

export default function OperationLogPage() {
  const [query, setQuery] = useState<Query>({});
  const list = useKeysetList<OperationLogEntry>('/api/logs/operations', query);

  return (
    <PageCard title="操作日志">
      <FilterBar<LogFilterValues> initialValues={{}} onSearch={(v) => setQuery(logQuery(v))}>
        <Form.Item name="username">
          <Input allowClear placeholder="用户名" style={{ width: 150 }} data-testid="log-filter-username" />
        </Form.Item>
        <Form.Item name="action">
          <Input allowClear placeholder="操作（前缀，如 user.）" style={{ width: 190 }} data-testid="log-filter-action" />
        </Form.Item>
        <Form.Item name="result">
          <Select allowClear placeholder="结果" options={RESULT_OPTIONS} style={{ width: 120 }} data-testid="log-filter-result" />
        </Form.Item>
        <LogRangeFilter />
      </FilterBar>
      <LoadMoreTable<OperationLogEntry>
        rowKey="id"
        columns={columns}
        list={list}
        expandable={{ expandedRowRender: (row) => <Detail row={row} />, rowExpandable: (row) => row.detail != null || !!row.requestId }}
        data-testid="operation-log-table"
      />
    </PageCard>
  );
}

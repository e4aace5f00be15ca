// 预警信号: the signal queue in the user's jurisdiction with filters and keyset paging; live
// changes from the SSE stream refresh the list (throttled) without reload. Supervisors raise
// a manual signal (成都§10) from here.
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, DatePicker, Form, Select, Space, Typography } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/context';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { FilterBar } from '../../components/FilterBar';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { PageCard } from '../../components/PageCard';
import { UnitSelect } from '../../components/UnitSelect';
import { useApiData } from '../../hooks/useApiData';
import { useKeysetList } from '../../hooks/useKeysetList';
import { chinaDayStart, formatInstant } from '../../utils/format';
import { LiveBadge } from './components/LiveBadge';
import { LevelTag, SignalStatusTag } from './components/tags';
import { CATEGORIES, LEVEL_ORDER, LEVELS, SIGNAL_STATUSES, label } from './labels';
import { useLiveSignals, useThrottled } from './liveStream';
import type { Rule, Signal } from './model';
import { ManualSignalModal } from './components/ManualSignalModal';

interface Filters {
  level?: string;
  status?: string;
  category?: string;
  ruleCode?: string;
  unitId?: number;
  dates?: [Dayjs, Dayjs] | null;
}

const opts = (m: Record<string, string>) => Object.entries(m).map(([value, l]) => ({ value, label: l }));

export default function SignalsPage() {
  const [params] = useSearchParams();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [manual, setManual] = useState(false);
  const [initial] = useState<Filters>(() => ({
    level: params.get('level') ?? undefined,
    status: params.get('status') ?? undefined,
    category: params.get('category') ?? undefined,
    ruleCode: params.get('ruleCode') ?? undefined,
    unitId: params.get('unitId') ? Number(params.get('unitId')) : undefined,
    dates: null,
  }));
  const [filters, setFilters] = useState<Filters>(initial);
  const caseId = params.get('caseId') ?? undefined;
  const query = useMemo(() => {
    const { dates, ...rest } = filters;
    const next = (d: Dayjs) => d.add(1, 'day').format('YYYY-MM-DD');
    return {
      ...rest,
      caseId,
      from: dates?.[0] ? new Date(chinaDayStart(dates[0].format('YYYY-MM-DD'))).toISOString() : undefined,
      to: dates?.[1] ? new Date(chinaDayStart(next(dates[1]))).toISOString() : undefined,
    };
  }, [filters, caseId]);
  const list = useKeysetList<Signal>('/api/supervision/signals', query);
  const rules = useApiData<{ items: Rule[] }>('/api/supervision/rules', undefined, { quiet: true });
  const refresh = useThrottled(list.reload, 1000);
  const live = useLiveSignals(() => refresh());

  const columns: TableColumnsType<Signal> = [
    {
      title: '信号编号', dataIndex: 'signalNo', fixed: 'left',
      render: (v: string, s) => <Link to={`/supervision/signals/${s.id}`} data-testid={`signal-open-${s.id}`}>{v}</Link>,
    },
    { title: '等级', dataIndex: 'level', render: (l: string) => <LevelTag level={l} /> },
    { title: '标题', dataIndex: 'title', render: (v: string, s) => <Typography.Text data-testid={`signal-title-${s.id}`}>{v}</Typography.Text> },
    { title: '类别', dataIndex: 'category', render: (c: string) => label(CATEGORIES, c) },
    { title: '责任单位', dataIndex: 'unitName' },
    {
      title: '办件 / 事项', key: 'case',
      render: (_: unknown, s) => (
        <Space orientation="vertical" size={0}>
          {s.caseNo && <Link to={`/supervision/cases?no=${encodeURIComponent(s.caseNo)}`}>{s.caseNo}</Link>}
          {s.itemName && <Typography.Text type="secondary">{s.itemName}</Typography.Text>}
        </Space>
      ),
    },
    { title: '状态', dataIndex: 'status', render: (st: string, s) => <SignalStatusTag status={st} testId={`signal-status-${s.id}`} /> },
    { title: '认定', dataIndex: 'finding', render: (f: string | null) => (f === 'valid' ? '成立' : f === 'invalid' ? '不成立' : '—') },
    { title: '发出时间', dataIndex: 'raisedAt', render: formatInstant },
    { title: '说明期限', dataIndex: 'responseDueAt', render: formatInstant },
  ];

  return (
    <PageCard
      title="预警信号"
      extra={
        <Space>
          <LiveBadge state={live} />
          {can('supervision.handle') && (
            <Button danger icon={<AlertOutlined />} onClick={() => setManual(true)} data-testid="signal-manual">
              人工发出信号
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar<Filters> initialValues={initial} onSearch={setFilters}>
        <Form.Item name="level">
          <Select allowClear placeholder="等级" style={{ width: 110 }} options={LEVEL_ORDER.map((l) => ({ value: l, label: LEVELS[l].label }))} data-testid="signal-filter-level" />
        </Form.Item>
        <Form.Item name="status">
          <Select allowClear placeholder="处置状态" style={{ width: 170 }} options={opts(SIGNAL_STATUSES)} data-testid="signal-filter-status" />
        </Form.Item>
        <Form.Item name="category">
          <Select allowClear placeholder="规则类别" style={{ width: 130 }} options={opts(CATEGORIES)} data-testid="signal-filter-category" />
        </Form.Item>
        <Form.Item name="ruleCode">
          <Select
            allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="监察规则" style={{ width: 200 }} data-testid="signal-filter-rule"
            options={(rules.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
          />
        </Form.Item>
        <Form.Item name="unitId">
          <UnitSelect allowClear activeOnly={false} placeholder="责任单位" style={{ width: 220 }} data-testid="signal-filter-unit" />
        </Form.Item>
        <Form.Item name="dates">
          <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['发出日期起', '止']} data-testid="signal-filter-dates" />
        </Form.Item>
      </FilterBar>
      <LoadMoreTable<Signal>
        rowKey="id"
        list={list}
        columns={columns}
        data-testid="signal-table"
        onRow={(s) => ({ 'data-testid': `signal-row-${s.id}`, 'data-level': s.level, 'data-status': s.status } as React.HTMLAttributes<HTMLElement>)}
      />
      <ManualSignalModal
        open={manual}
        onClose={() => setManual(false)}
        onDone={(s) => {
          setManual(false);
          navigate(`/supervision/signals/${s.id}`);
        }}
      />
    </PageCard>
  );
}

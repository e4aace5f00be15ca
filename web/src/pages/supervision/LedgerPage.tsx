// 监察台账 (SUP-9): everything found and done in the jurisdiction — signals with their finding,
// rectification and task, supervision tasks, sampling findings, patrol findings — newest first
// (GET /api/supervision/ledger, keyset). Copying the ledger needs a leader's approval (SEC-2,
// 四川§15): 申请导出 files a request with the current filters; once approved the requester
// downloads the Excel file once (the download is in the operation log).
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api';
import { FilterBar } from '../../components/FilterBar';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { PageCard } from '../../components/PageCard';
import { UnitSelect } from '../../components/UnitSelect';
import { useFeedback } from '../../hooks/useFeedback';
import { useKeysetList, type KeysetList } from '../../hooks/useKeysetList';
import { chinaDayStart, formatDeadline, formatInstant, validValues } from '../../utils/format';
import { LevelTag, SignalStatusTag, TaskStatusTag } from './components/tags';
import { downloadFile } from './files';
import { APPROVAL_STATUSES, LEDGER_KINDS, LEVEL_ORDER, LEVELS, SAMPLING_RESULTS, SIGNAL_STATUSES, TASK_STATUSES, label } from './labels';
import { describeFilter, type LedgerFilter as ApiFilter } from './ledgerFilter';
import type { Approval, LedgerRow } from './model';

interface Filters {
  kind?: string;
  level?: string;
  status?: string;
  unitId?: number;
  dates?: [Dayjs, Dayjs] | null;
}


const opts = (m: Record<string, string>, skip: Record<string, string> = {}) =>
  Object.entries(m).filter(([v]) => !(v in skip)).map(([value, l]) => ({ value, label: l }));

const STATUS_OPTIONS = [
  { label: '监察信号', options: opts(SIGNAL_STATUSES) },
  { label: '督查督办', options: opts(TASK_STATUSES, SIGNAL_STATUSES) },
  { label: '抽样监察', options: opts(SAMPLING_RESULTS) },
  { label: '巡查', options: [{ value: 'recorded', label: '巡查已记录' }] },
];

function RowStatus({ r }: { r: LedgerRow }) {
  const testId = `ledger-status-${r.kind}-${r.id}`;
  if (r.kind === 'signal') return <SignalStatusTag status={r.status} testId={testId} />;
  if (r.kind === 'task') return <TaskStatusTag status={r.status} testId={testId} />;
  if (r.kind === 'sampling') {
    return (
      <Tag color={r.status === 'problem' ? 'red' : 'green'} data-testid={testId} data-status={r.status}>
        {label(SAMPLING_RESULTS, r.status)}
      </Tag>
    );
  }
  return <Tag data-testid={testId} data-status={r.status}>已记录</Tag>;
}

function RowNo({ r }: { r: LedgerRow }) {
  const testId = `ledger-open-${r.kind}-${r.id}`;
  switch (r.kind) {
    case 'signal':
      return <Link to={`/supervision/signals/${r.id}`} data-testid={testId}>{r.no}</Link>;
    case 'task':
      return <Link to={`/supervision/tasks/${r.id}`} data-testid={testId}>{r.no}</Link>;
    case 'sampling':
      return <Link to={`/supervision/samplings/${r.samplingId}`} data-testid={testId}>抽样 #{r.samplingId}</Link>;
    default:
      return <Link to="/supervision/patrols" data-testid={testId}>巡查 #{r.id}</Link>;
  }
}

function ExportRequests({ list }: { list: KeysetList<Approval> }) {
  const feedback = useFeedback();
  const [busy, setBusy] = useState<number | null>(null);

  const download = async (ap: Approval) => {
    setBusy(ap.id);
    try {
      await downloadFile(`/api/supervision/ledger/export/${ap.id}`, `监察台账-${ap.id}.xlsx`);
      feedback.success('已下载（每次批准限下载一次）');
    } catch (e) {
      feedback.error(e);
    } finally {
      setBusy(null);
      list.reload();
    }
  };
  const withdraw = (ap: Approval) =>
    feedback.confirm({
      title: '撤回导出申请？',
      okText: '撤回',
      onOk: async () => {
        await api.post(`/api/supervision/approvals/${ap.id}/withdraw`);
        feedback.success('已撤回');
        list.reload();
      },
    });

  return (
    <Card title="我的导出申请" size="small" style={{ marginTop: 16 }}>
      <LoadMoreTable<Approval>
        rowKey="id"
        list={list}
        size="small"
        data-testid="ledger-exports"
        locale={{ emptyText: '暂无导出申请' }}
        onRow={(ap) => ({ 'data-testid': `ledger-export-${ap.id}`, 'data-status': ap.status } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: '申请编号', dataIndex: 'id' },
          { title: '用途', key: 'purpose', render: (_: unknown, ap) => (ap.payload as { purpose?: string } | null)?.purpose ?? ap.title },
          { title: '筛选条件', key: 'filter', render: (_: unknown, ap) => describeFilter((ap.payload as { filter?: ApiFilter } | null)?.filter) },
          {
            title: '状态', dataIndex: 'status',
            render: (s: string, ap) => (
              <Tag color={APPROVAL_STATUSES[s]?.color} data-testid={`ledger-export-status-${ap.id}`} data-status={s}>
                {APPROVAL_STATUSES[s]?.label ?? s}
              </Tag>
            ),
          },
          { title: '审批人 / 意见', key: 'decision', render: (_: unknown, ap) => (ap.deciderName ? `${ap.deciderName}${ap.reason ? `：${ap.reason}` : ''}` : '—') },
          { title: '申请时间', dataIndex: 'createdAt', render: formatInstant },
          {
            title: '操作', key: 'actions',
            render: (_: unknown, ap) => (
              <Space>
                {ap.status === 'approved' && (
                  <Button type="primary" size="small" icon={<DownloadOutlined />} loading={busy === ap.id} onClick={() => void download(ap)} data-testid={`ledger-export-download-${ap.id}`}>
                    下载 Excel
                  </Button>
                )}
                {ap.status === 'pending' && (
                  <Button size="small" onClick={() => withdraw(ap)} data-testid={`ledger-export-withdraw-${ap.id}`}>
                    撤回
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

export default function LedgerPage() {
  const feedback = useFeedback();
  const [filters, setFilters] = useState<Filters>({});
  const [exporting, setExporting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [unitLabel, setUnitLabel] = useState<string | undefined>();
  const [form] = Form.useForm<{ purpose: string }>();

  const query = useMemo<ApiFilter>(() => {
    const { dates, ...rest } = filters;
    const next = (d: Dayjs) => d.add(1, 'day').format('YYYY-MM-DD');
    return {
      ...rest,
      from: dates?.[0] ? new Date(chinaDayStart(dates[0].format('YYYY-MM-DD'))).toISOString() : undefined,
      to: dates?.[1] ? new Date(chinaDayStart(next(dates[1]))).toISOString() : undefined,
    };
  }, [filters]);
  // The ledger's cursor is an opaque string (one position per kind); the hook passes it back as is.
  const list = useKeysetList<LedgerRow>('/api/supervision/ledger', { ...query });
  const exports = useKeysetList<Approval>('/api/supervision/approvals', { mine: 'true', kind: 'ledger.export' });

  const requestExport = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      const { kind: _kind, ...filter } = query;
      const r = await api.post<{ approval: Approval }>('/api/supervision/ledger/export-requests', { purpose: v.purpose.trim(), filter });
      feedback.success(`导出申请已提交（编号 ${r.approval.id}），待分管领导批准`);
      setExporting(false);
      exports.reload();
    } catch (e) {
      feedback.error(e, form);
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<LedgerRow> = [
    {
      title: '类别', dataIndex: 'kind', fixed: 'left',
      render: (k: string) => <Tag color={LEDGER_KINDS[k]?.color}>{LEDGER_KINDS[k]?.label ?? k}</Tag>,
    },
    { title: '编号', key: 'no', render: (_: unknown, r) => <RowNo r={r} /> },
    { title: '时间', dataIndex: 'at', render: formatInstant },
    { title: '等级', dataIndex: 'level', render: (l: string | null) => (l ? <LevelTag level={l} /> : '—') },
    {
      title: '事项', key: 'title',
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 360 }}>
          <Typography.Text>{r.title}</Typography.Text>
          {r.detail && r.detail !== r.title && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: r.detail }} style={{ maxWidth: 360, fontSize: 12 }}>
              {r.detail}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '责任单位', dataIndex: 'unitName' },
    {
      title: '办件', key: 'case',
      render: (_: unknown, r) => (r.caseNo ? <Link to={`/supervision/cases?no=${encodeURIComponent(r.caseNo)}`}>{r.caseNo}</Link> : '—'),
    },
    { title: '状态', key: 'status', render: (_: unknown, r) => <RowStatus r={r} /> },
    { title: '认定', dataIndex: 'finding', render: (f: string | null) => (f === 'valid' ? '成立' : f === 'invalid' ? '不成立' : '—') },
    { title: '整改期限', dataIndex: 'rectifyDueAt', render: (d: string | null) => (d ? formatDeadline(d) : '—') },
    {
      title: '督查督办', key: 'task',
      render: (_: unknown, r) =>
        r.kind !== 'task' && r.taskId ? (
          <Space size={4}>
            <Link to={`/supervision/tasks/${r.taskId}`}>{r.taskNo ?? `#${r.taskId}`}</Link>
            {r.taskStatus && <TaskStatusTag status={r.taskStatus} />}
          </Space>
        ) : r.kind === 'task' && r.signalId ? (
          <Link to={`/supervision/signals/${r.signalId}`}>来源信号</Link>
        ) : (
          '—'
        ),
    },
    { title: '办结时间', dataIndex: 'closedAt', render: (d: string | null) => (d ? formatInstant(d) : '—') },
    { title: '记录人', dataIndex: 'byName', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <PageCard
        title="监察台账"
        extra={
          <Button icon={<ExportOutlined />} onClick={() => setExporting(true)} data-testid="ledger-export-request">
            申请导出
          </Button>
        }
      >
        <FilterBar<Filters> initialValues={{}} onSearch={setFilters}>
          <Form.Item name="kind">
            <Select allowClear placeholder="类别" style={{ width: 120 }} options={Object.entries(LEDGER_KINDS).map(([value, k]) => ({ value, label: k.label }))} data-testid="ledger-filter-kind" />
          </Form.Item>
          <Form.Item name="level">
            <Select allowClear placeholder="等级" style={{ width: 110 }} options={LEVEL_ORDER.map((l) => ({ value: l, label: LEVELS[l].label }))} data-testid="ledger-filter-level" />
          </Form.Item>
          <Form.Item name="status">
            <Select allowClear placeholder="状态" style={{ width: 180 }} options={STATUS_OPTIONS} data-testid="ledger-filter-status" />
          </Form.Item>
          <Form.Item name="unitId">
            <UnitSelect
              allowClear activeOnly={false} placeholder="责任单位" style={{ width: 220 }} data-testid="ledger-filter-unit"
              onChange={(_v, o) => setUnitLabel((o as { label?: string } | undefined)?.label)}
            />
          </Form.Item>
          <Form.Item name="dates">
            <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['日期起', '止']} data-testid="ledger-filter-dates" />
          </Form.Item>
        </FilterBar>
        <LoadMoreTable<LedgerRow>
          rowKey="key"
          list={list}
          columns={columns}
          data-testid="ledger-table"
          onRow={(r) => ({ 'data-testid': `ledger-row-${r.kind}-${r.id}`, 'data-kind': r.kind, 'data-status': r.status } as React.HTMLAttributes<HTMLElement>)}
        />
        <ExportRequests list={exports} />
      </PageCard>
      <Modal
        open={exporting}
        title="申请导出监察台账（Excel）"
        okText="提交申请"
        cancelText="取消"
        onOk={requestExport}
        onCancel={() => setExporting(false)}
        okButtonProps={{ loading: saving, ...({ 'data-testid': 'ledger-export-submit' } as object) }}
        destroyOnHidden
      >
        <Alert
          type="info" showIcon style={{ marginBottom: 16 }}
          title="复制、下载监察数据须经分管领导批准（四川省办法第十五条）。批准后由申请人下载一次，下载记入操作日志。导出内容为符合筛选条件的监察信号和督查督办事项。"
        />
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label="筛选条件">
            <span data-testid="ledger-export-filter">{describeFilter(query, unitLabel)}</span>
          </Descriptions.Item>
        </Descriptions>
        <Form form={form} layout="vertical" preserve={false} data-testid="ledger-export-form">
          <Form.Item name="purpose" label="导出用途（理由）" rules={[{ required: true, whitespace: true, message: '请填写导出用途' }]}>
            <Input.TextArea rows={3} maxLength={200} showCount data-testid="ledger-export-purpose" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

// 监察规则库: rules as data (code, category, severity, parameters, version, enabled region
// levels) and 回测: run a rule over a date range of history without raising signals
// (POST /api/supervision/rules/:code/backtest) → counts per unit and sample cases.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Drawer, Form, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { api } from '../../api';
import { useAuth } from '../../auth/context';
import { PageCard } from '../../components/PageCard';
import { useApiData } from '../../hooks/useApiData';
import { useFeedback } from '../../hooks/useFeedback';
import { chinaDayStart, validValues } from '../../utils/format';
import { CATEGORIES, REGION_LEVELS, SEVERITIES, label } from './labels';
import type { BacktestResult, Rule } from './model';

export default function RulesPage() {
  const { can } = useAuth();
  const feedback = useFeedback();
  const rules = useApiData<{ items: Rule[] }>('/api/supervision/rules');
  const [rule, setRule] = useState<Rule | null>(null);
  const [result, setResult] = useState<BacktestResult | null>(null);
  const [running, setRunning] = useState(false);
  const [form] = Form.useForm<{ dates: [Dayjs, Dayjs] }>();

  const run = async () => {
    const v = await validValues(form);
    if (!v || !rule) return;
    setRunning(true);
    try {
      const from = new Date(chinaDayStart(v.dates[0].format('YYYY-MM-DD'))).toISOString();
      const to = new Date(chinaDayStart(v.dates[1].add(1, 'day').format('YYYY-MM-DD'))).toISOString();
      setResult(await api.post<BacktestResult>(`/api/supervision/rules/${rule.code}/backtest`, { version: rule.version, from, to }));
    } catch (e) {
      feedback.error(e);
    } finally {
      setRunning(false);
    }
  };

  return (
    <PageCard title="监察规则库">
      <Table<Rule>
        rowKey="code"
        size="middle"
        loading={rules.loading}
        dataSource={rules.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="rule-table"
        onRow={(r) => ({ 'data-testid': `rule-row-${r.code}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: '编码', dataIndex: 'code', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
          { title: '名称', dataIndex: 'name' },
          { title: '类别', dataIndex: 'category', render: (c: string) => label(CATEGORIES, c) },
          { title: '严重程度', dataIndex: 'severity', render: (s: string) => <Tag color={s === 'red' || s === 'high' ? 'red' : s === 'yellow' || s === 'medium' ? 'gold' : 'blue'}>{label(SEVERITIES, s)}</Tag> },
          { title: '依据', dataIndex: 'basis', render: (b: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: b }} style={{ maxWidth: 260, marginBottom: 0 }}>{b}</Typography.Paragraph> },
          { title: '参数', dataIndex: 'params', render: (p: unknown) => (p && Object.keys(p as object).length ? <Typography.Text code style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(p)}</Typography.Text> : '—') },
          { title: '版本', dataIndex: 'version', render: (v: number) => `第 ${v} 版` },
          { title: '启用层级', dataIndex: 'enabledLevels', render: (ls: string[]) => (ls.length ? ls.map((l) => <Tag key={l}>{label(REGION_LEVELS, l)}</Tag>) : <Tag>未启用</Tag>) },
          {
            title: '操作', key: 'op', fixed: 'right',
            render: (_: unknown, r) => can('supervision.rules') && (
              <Button size="small" onClick={() => { setRule(r); setResult(null); form.setFieldsValue({ dates: [dayjs().subtract(30, 'day'), dayjs()] }); }} data-testid={`rule-backtest-${r.code}`}>
                回测
              </Button>
            ),
          },
        ]}
      />
      <Drawer open={!!rule} width={720} title={rule ? `回测：${rule.name}（第 ${rule.version} 版）` : ''} onClose={() => setRule(null)} destroyOnHidden>
        <Alert type="info" showIcon title="回测按历史办件重新计算该规则，只显示将会发出的信号，不实际发出。" style={{ marginBottom: 16 }} />
        <Form form={form} layout="inline" onFinish={run}>
          <Form.Item name="dates" label="事件日期" rules={[{ required: true, message: '请选择日期范围' }]}>
            <DatePicker.RangePicker data-testid="backtest-dates" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={running} data-testid="backtest-run">开始回测</Button>
          </Form.Item>
        </Form>
        {result && (
          <Space orientation="vertical" size={16} style={{ width: '100%', marginTop: 16 }} data-testid="backtest-result" data-hits={result.hits}>
            <Space size={32}>
              <Statistic title="扫描办件" value={result.casesScanned} />
              <Statistic title="命中" value={result.hits} />
            </Space>
            {result.truncated && <Alert type="warning" showIcon title="办件过多，仅扫描了部分，请缩小日期范围" />}
            <Card size="small" title="按单位">
              <Table size="small" rowKey="unitId" pagination={false} dataSource={result.byUnit} data-testid="backtest-units"
                columns={[{ title: '单位', dataIndex: 'unitName' }, { title: '命中数', dataIndex: 'hits', align: 'right' }]} />
            </Card>
            <Card size="small" title="样例办件">
              <Table size="small" rowKey={(s) => `${s.caseId}:${s.title}`} pagination={false} dataSource={result.samples} data-testid="backtest-samples"
                columns={[
                  { title: '办件', dataIndex: 'caseNo', render: (n: string) => <Link to={`/supervision/cases?no=${encodeURIComponent(n)}`}>{n}</Link> },
                  { title: '问题', dataIndex: 'title' },
                  { title: '说明', dataIndex: 'explanation' },
                ]} />
            </Card>
          </Space>
        )}
      </Drawer>
    </PageCard>
  );
}

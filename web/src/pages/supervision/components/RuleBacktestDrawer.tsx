// 回测: run one version of a rule over a date range of history without raising signals
// (POST /api/supervision/rules/:code/backtest { version, from, to }) → counts per unit and
// sample cases. Opened from the rule list (the live version) and from the version history.
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Drawer, Form, Space, Statistic, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { api } from '../../../api';
import { useFeedback } from '../../../hooks/useFeedback';
import { chinaDayStart, validValues } from '../../../utils/format';
import type { BacktestResult } from '../model';

export interface RuleBacktestTarget {
  code: string;
  name: string;
  version: number;
}

export function RuleBacktestDrawer({ target, onClose }: { target: RuleBacktestTarget | null; onClose: () => void }) {
  const feedback = useFeedback();
  const [result, setResult] = useState<BacktestResult | null>(null);
  const [running, setRunning] = useState(false);
  const [form] = Form.useForm<{ dates: [Dayjs, Dayjs] }>();

  useEffect(() => setResult(null), [target]);

  const run = async () => {
    const v = await validValues(form);
    if (!v || !target) return;
    setRunning(true);
    try {
      const from = new Date(chinaDayStart(v.dates[0].format('YYYY-MM-DD'))).toISOString();
      const to = new Date(chinaDayStart(v.dates[1].add(1, 'day').format('YYYY-MM-DD'))).toISOString();
      setResult(await api.post<BacktestResult>(`/api/supervision/rules/${target.code}/backtest`, { version: target.version, from, to }));
    } catch (e) {
      feedback.error(e);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Drawer open={!!target} width={720} title={target ? `回测：${target.name}（第 ${target.version} 版）` : ''} onClose={onClose} destroyOnHidden>
      <div data-testid="backtest-drawer" data-version={target?.version ?? ''}>
        <Alert type="info" showIcon title="回测按历史办件重新计算该规则版本，只显示将会发出的信号，不实际发出。" style={{ marginBottom: 16 }} />
        <Form form={form} layout="inline" onFinish={run} initialValues={{ dates: [dayjs().subtract(30, 'day'), dayjs()] }}>
          <Form.Item name="dates" label="事件日期" rules={[{ required: true, message: '请选择日期范围' }]}>
            <DatePicker.RangePicker data-testid="backtest-dates" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={running} data-testid="backtest-run">开始回测</Button>
          </Form.Item>
        </Form>
        {result && (
          <Space orientation="vertical" size={16} style={{ width: '100%', marginTop: 16 }} data-testid="backtest-result" data-hits={result.hits} data-version={result.rule.version ?? ''}>
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
      </div>
    </Drawer>
  );
}

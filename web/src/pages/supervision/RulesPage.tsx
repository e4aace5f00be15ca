// 监察规则库: rules as data (code, category, severity, parameters, version, enabled region
// levels). Per rule: 版本 — the version history, 新建版本, 回测 of any version and 启用此版本
// (components/RuleVersionsDrawer.tsx) — and 回测 of the live version (RuleBacktestDrawer:
// run a rule over a date range of history without raising signals).
import { useState } from 'react';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useAuth } from '../../auth/context';
import { PageCard } from '../../components/PageCard';
import { useApiData } from '../../hooks/useApiData';
import { CATEGORIES, SEVERITIES, label } from './labels';
import type { Rule } from './model';
import { RuleBacktestDrawer, type RuleBacktestTarget } from './components/RuleBacktestDrawer';
import { RuleVersionsDrawer, levelTags } from './components/RuleVersionsDrawer';

export default function RulesPage() {
  const { can } = useAuth();
  const rules = useApiData<{ items: Rule[] }>('/api/supervision/rules');
  const [backtest, setBacktest] = useState<RuleBacktestTarget | null>(null);
  const [versionsOf, setVersionsOf] = useState<string | null>(null);

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
        onRow={(r) => ({ 'data-testid': `rule-row-${r.code}`, 'data-version': r.version } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: '编码', dataIndex: 'code', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
          { title: '名称', dataIndex: 'name' },
          { title: '类别', dataIndex: 'category', render: (c: string) => label(CATEGORIES, c) },
          { title: '严重程度', dataIndex: 'severity', render: (s: string) => <Tag color={s === 'red' || s === 'high' ? 'red' : s === 'yellow' || s === 'medium' ? 'gold' : 'blue'}>{label(SEVERITIES, s)}</Tag> },
          { title: '依据', dataIndex: 'basis', render: (b: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: b }} style={{ maxWidth: 260, marginBottom: 0 }}>{b}</Typography.Paragraph> },
          { title: '参数', dataIndex: 'params', render: (p: unknown) => (p && Object.keys(p as object).length ? <Typography.Text code style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(p)}</Typography.Text> : '—') },
          { title: '版本', dataIndex: 'version', render: (v: number, r) => <span data-testid={`rule-live-version-${r.code}`} data-version={v}>第 {v} 版</span> },
          { title: '启用层级', dataIndex: 'enabledLevels', render: levelTags },
          {
            title: '操作', key: 'op', fixed: 'right',
            render: (_: unknown, r) => can('supervision.rules') && (
              <Space size={4}>
                <Button size="small" onClick={() => setVersionsOf(r.code)} data-testid={`rule-versions-${r.code}`}>版本</Button>
                <Button size="small" onClick={() => setBacktest({ code: r.code, name: r.name, version: r.version })} data-testid={`rule-backtest-${r.code}`}>回测</Button>
              </Space>
            ),
          },
        ]}
      />
      <RuleBacktestDrawer target={backtest} onClose={() => setBacktest(null)} />
      <RuleVersionsDrawer code={versionsOf} onClose={() => setVersionsOf(null)} onChanged={rules.reload} />
    </PageCard>
  );
}

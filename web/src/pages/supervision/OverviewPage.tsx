// 监察总览: counts of 提醒/黄灯/红灯 by unit and level, by region and region level, the daily
// trend, the worst units and items (GET /api/supervision/overview, rollups only), and a live feed of signal changes
// from the SSE stream; every change also refreshes the figures (throttled), without reload.
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Card, Col, Empty, List, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { PageCard } from '../../components/PageCard';
import { useApiData } from '../../hooks/useApiData';
import { formatInstant } from '../../utils/format';
import { EChart } from './components/EChart';
import { LiveBadge } from './components/LiveBadge';
import { LevelTag, SignalStatusTag } from './components/tags';
import { LEVEL_ORDER, LEVELS, REGION_LEVELS, label } from './labels';
import { useLiveSignals, useThrottled } from './liveStream';
import type { LiveSignal, Overview, OverviewRegion, OverviewUnit, RegionCounts } from './model';

const MAX_FEED = 30;

function lastDays(days: number, today = new Date()): string[] {
  const out: string[] = [];
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
  for (let i = days - 1; i >= 0; i--) out.push(fmt.format(new Date(today.getTime() - i * 86_400_000)));
  return out;
}

const regionCountColumns = [
  ...LEVEL_ORDER.map((l) => ({ title: LEVELS[l].label, dataIndex: l, align: 'right' as const })),
  { title: '未办结', dataIndex: 'open', align: 'right' as const },
];

export default function OverviewPage() {
  const navigate = useNavigate();
  const [days, setDays] = useState(30);
  const { data, reload } = useApiData<Overview>('/api/supervision/overview', { days });
  const [feed, setFeed] = useState<LiveSignal[]>([]);
  const refresh = useThrottled(reload, 800);
  const live = useLiveSignals((s) => {
    setFeed((prev) => [s, ...prev.filter((x) => x.signalId !== s.signalId)].slice(0, MAX_FEED));
    refresh();
  });

  const byUnit = useMemo<EChartsCoreOption>(() => {
    const units = [...(data?.units ?? [])].sort((a, b) => b.red + b.yellow + b.reminder - (a.red + a.yellow + a.reminder)).slice(0, 15);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, left: 'center', data: LEVEL_ORDER.map((l) => LEVELS[l].label) },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: units.map((u) => u.name), axisLabel: { width: 160, overflow: 'truncate' } },
      series: LEVEL_ORDER.map((l) => ({
        name: LEVELS[l].label, type: 'bar', stack: 'n', itemStyle: { color: LEVELS[l].chart }, data: units.map((u) => u[l]),
      })),
    };
  }, [data]);

  const byLevel = useMemo<EChartsCoreOption>(() => ({
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [{
      type: 'pie', radius: ['40%', '70%'],
      data: LEVEL_ORDER.map((l) => ({ name: LEVELS[l].label, value: data?.totals[l]?.raised ?? 0, itemStyle: { color: LEVELS[l].chart } })),
    }],
  }), [data]);

  const trend = useMemo<EChartsCoreOption>(() => {
    // The server's day may differ from the browser's (test clocks): end at the later one.
    const latest = (data?.trend ?? []).reduce((m, t) => (t.day > m ? t.day : m), '');
    const end = latest && latest > lastDays(1)[0] ? new Date(`${latest}T12:00:00+08:00`) : new Date();
    const axis = lastDays(days, end);
    const by = new Map((data?.trend ?? []).map((t) => [`${t.day}|${t.level}`, t.raised]));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, left: 'center', data: LEVEL_ORDER.map((l) => LEVELS[l].label) },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: axis.map((d) => d.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: LEVEL_ORDER.map((l) => ({
        name: LEVELS[l].label, type: 'line', smooth: true, itemStyle: { color: LEVELS[l].chart }, data: axis.map((d) => by.get(`${d}|${l}`) ?? 0),
      })),
    };
  }, [data, days]);

  const unitColumns = [
    { title: '单位', dataIndex: 'name', render: (v: string, u: OverviewUnit) => <Link to={`/supervision/signals?unitId=${u.unitId}`}>{v}</Link> },
    ...LEVEL_ORDER.map((l) => ({ title: LEVELS[l].label, dataIndex: l, align: 'right' as const })),
    { title: '未办结', dataIndex: 'open', align: 'right' as const },
    { title: '认定成立', dataIndex: 'valid', align: 'right' as const },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageCard
        title="监察总览"
        extra={
          <Space>
            <LiveBadge state={live} />
            <Segmented
              value={days}
              onChange={(v) => setDays(Number(v))}
              options={[{ label: '近 7 天', value: 7 }, { label: '近 30 天', value: 30 }, { label: '近 90 天', value: 90 }]}
              data-testid="overview-days"
            />
          </Space>
        }
      >
        <Row gutter={16}>
          {LEVEL_ORDER.map((l) => (
            <Col span={8} key={l}>
              <Card size="small">
                <div data-testid={`overview-total-${l}`} data-raised={data?.totals[l]?.raised ?? 0} data-open={data?.totals[l]?.open ?? 0}>
                  <Statistic
                    title={<LevelTag level={l} />}
                    value={data?.totals[l]?.raised ?? 0}
                    suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>（未办结 {data?.totals[l]?.open ?? 0}）</Typography.Text>}
                    styles={{ content: { color: LEVELS[l].chart } }}
                  />
                </div>
              </Card>
            </Col>
          ))}
        </Row>
      </PageCard>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="按单位统计" size="small">
            {data?.units.length ? (
              <EChart option={byUnit} height={Math.max(260, Math.min(15, data.units.length) * 28 + 60)} testId="chart-by-unit" data={{ units: data.units.length }}
                onClick={(p) => {
                  const u = data.units.find((x) => x.name === p.name);
                  if (u) navigate(`/supervision/signals?unitId=${u.unitId}`);
                }}
              />
            ) : (
              <Empty description="暂无监察信号" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="按等级统计" size="small">
            <EChart option={byLevel} height={260} testId="chart-by-level" />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="每日趋势" size="small">
            <EChart option={trend} height={280} testId="chart-trend" data={{ days }} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="实时动态" size="small" extra={<LiveBadge state={live} />}>
            <List
              data-testid="live-feed"
              size="small"
              locale={{ emptyText: '打开本页后新发出或变更的信号将出现在这里' }}
              dataSource={feed}
              style={{ maxHeight: 280, overflow: 'auto' }}
              renderItem={(s) => (
                <List.Item key={s.signalId} data-testid={`live-signal-${s.signalId}`} data-level={s.level} data-status={s.status}>
                  <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                    <Space wrap>
                      <LevelTag level={s.level} />
                      <Link to={`/supervision/signals/${s.signalId}`}>{s.title}</Link>
                      <SignalStatusTag status={s.status} />
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {s.signalNo} · {s.unitName ?? ''} · {formatInstant(s.at)}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={9}>
          <Card title="按区划层级统计" size="small">
            <Table<RegionCounts & { regionLevel: string; regions: number }>
              rowKey="regionLevel" size="small" pagination={false} dataSource={data?.regionLevels ?? []} data-testid="overview-region-levels"
              onRow={(r) => ({ 'data-testid': `overview-region-level-${r.regionLevel}`, 'data-red': r.red, 'data-yellow': r.yellow, 'data-reminder': r.reminder } as React.HTMLAttributes<HTMLElement>)}
              columns={[
                { title: '层级', dataIndex: 'regionLevel', render: (v: string) => label(REGION_LEVELS, v) },
                { title: '区划数', dataIndex: 'regions', align: 'right' },
                ...regionCountColumns,
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card title="按区划统计（责任单位所在区划）" size="small">
            <Table<OverviewRegion>
              rowKey="regionCode" size="small" pagination={false} dataSource={data?.regions ?? []} data-testid="overview-regions"
              onRow={(r) => ({ 'data-testid': `overview-region-${r.regionCode}`, 'data-red': r.red, 'data-yellow': r.yellow, 'data-reminder': r.reminder } as React.HTMLAttributes<HTMLElement>)}
              columns={[
                { title: '区划', dataIndex: 'name', render: (v: string, r) => `${v}（${r.regionCode}）` },
                { title: '层级', dataIndex: 'regionLevel', render: (v: string) => label(REGION_LEVELS, v) },
                ...regionCountColumns,
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title="问题较多的单位" size="small">
            <Table<OverviewUnit> rowKey="unitId" size="small" pagination={false} dataSource={data?.worstUnits ?? []} columns={unitColumns} data-testid="worst-units"
              onRow={(u) => ({ 'data-testid': `worst-unit-${u.unitId}` } as React.HTMLAttributes<HTMLElement>)}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="问题较多的事项" size="small">
            <Table
              rowKey="itemId" size="small" pagination={false} dataSource={data?.worstItems ?? []} data-testid="worst-items"
              columns={[
                { title: '事项', dataIndex: 'name', render: (v: string, i: { itemId: number }) => <Link to={`/catalog/items/${i.itemId}`}>{v}</Link> },
                { title: '红灯', dataIndex: 'red', align: 'right' },
                { title: '合计', dataIndex: 'raised', align: 'right' },
                { title: '未办结', dataIndex: 'open', align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

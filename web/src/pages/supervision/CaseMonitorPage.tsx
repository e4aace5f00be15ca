// 办件监控: enter a case number → the case's full timeline (every event with record time),
// its clocks (limit, start, due, pauses, extensions, remaining) and the signals raised on it,
// merged in time order. Reads GET /api/cases?q=, GET /api/cases/:id, GET /api/supervision/signals?caseId=.
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, Input, List, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth/context';
import { PageCard } from '../../components/PageCard';
import { useApiData } from '../../hooks/useApiData';
import { errorMessage } from '../../hooks/useFeedback';
import type { Page } from '../../types';
import { formatDeadline, formatInstant } from '../../utils/format';
import { LevelTag, SignalStatusTag } from './components/tags';
import { useLiveSignals, useThrottled } from './liveStream';
import type { Signal } from './model';

interface CaseSummaryLite {
  id: number;
  caseNo: string;
  itemName: string;
  unitName: string;
  applicantName: string;
  statusName: string;
  receivedAt: string;
}
interface ClockView {
  kind: string;
  kindName: string;
  ref: string | null;
  status: 'running' | 'paused' | 'stopped';
  limit: { days: number; unit: string };
  startedAt: string;
  stoppedAt: string | null;
  dueAt: string | null;
  projectedDueAt: string;
  used: number;
  remaining: number;
  effectiveLimit: number;
  overdue: boolean;
  pauses: { from: string; to: string | null; reason: string; days: number }[];
  extensions: { days: number; unit: string; reason: string; approvedAt: string }[];
}
interface CaseEvent {
  seq: number;
  type: string;
  at: string;
  recordedAt: string;
  actorName: string | null;
  data: Record<string, unknown>;
}
interface CaseDetailLite {
  case: CaseSummaryLite & { status: string; promisedDueAt: string | null; legalDueAt: string | null; currentStep: string | null };
  clocks: ClockView[];
  events: CaseEvent[];
  availableCommands: { type: string; name: string }[];
}

const unitText = (u: string) => (u === 'workday' ? '工作日' : '自然日');
const CLOCK_STATUS: Record<string, string> = { running: '计时中', paused: '暂停', stopped: '已停止' };

export default function CaseMonitorPage() {
  const [params, setParams] = useSearchParams();
  const { can } = useAuth();
  const no = params.get('no') ?? '';
  const [text, setText] = useState(no);
  const [matches, setMatches] = useState<CaseSummaryLite[] | null>(null);
  const [caseId, setCaseId] = useState<number | null>(params.get('id') ? Number(params.get('id')) : null);
  const [searchError, setSearchError] = useState<string | null>(null);

  useEffect(() => {
    setText(no);
    if (!no) return;
    let alive = true;
    setSearchError(null);
    api.get<Page<CaseSummaryLite>>('/api/cases', { q: no, limit: 20 })
      .then((p) => {
        if (!alive) return;
        setMatches(p.items);
        const exact = p.items.find((c) => c.caseNo === no) ?? (p.items.length === 1 ? p.items[0] : undefined);
        setCaseId(exact ? exact.id : null);
      })
      .catch((e) => alive && setSearchError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [no]);

  const detail = useApiData<CaseDetailLite>(caseId ? `/api/cases/${caseId}` : null);
  const signals = useApiData<Page<Signal>>(caseId && can('supervision.view') ? '/api/supervision/signals' : null, { caseId: caseId ?? undefined, limit: 200 }, { quiet: true });
  const refresh = useThrottled(() => {
    detail.reload();
    signals.reload();
  }, 800);
  useLiveSignals((s) => {
    if (s.caseId && s.caseId === caseId) refresh();
  }, !!caseId && can('supervision.view'));

  const timeline = useMemo(() => {
    const rows: { at: string; key: string; node: React.ReactNode; color: string }[] = [];
    for (const e of detail.data?.events ?? []) {
      const late = Date.parse(e.recordedAt) - Date.parse(e.at) > 60_000;
      rows.push({
        at: e.at, key: `e${e.seq}`, color: 'blue',
        node: (
          <div data-testid={`case-event-${e.seq}`} data-type={e.type}>
            <Typography.Text strong>{e.type}</Typography.Text> · {e.actorName ?? '系统'}
            <div><Typography.Text type="secondary">{formatInstant(e.at)}{late ? `（录入 ${formatInstant(e.recordedAt)}）` : ''}</Typography.Text></div>
          </div>
        ),
      });
    }
    for (const s of signals.data?.items ?? []) {
      rows.push({
        at: s.raisedAt, key: `s${s.id}`, color: s.level === 'red' ? 'red' : s.level === 'yellow' ? 'orange' : 'blue',
        node: (
          <div data-testid={`case-timeline-signal-${s.id}`}>
            <Space wrap><LevelTag level={s.level} /><Link to={`/supervision/signals/${s.id}`}>{s.title}</Link><SignalStatusTag status={s.status} /></Space>
            <div><Typography.Text type="secondary">{formatInstant(s.raisedAt)} · {s.explanation}</Typography.Text></div>
          </div>
        ),
      });
    }
    return rows.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }, [detail.data, signals.data]);

  const search = () => setParams(text.trim() ? { no: text.trim() } : {});
  const c = detail.data?.case;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageCard title="办件监控">
        <Space.Compact style={{ width: 480 }}>
          <Input
            placeholder="输入办件流水号（或申请人名称）"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onPressEnter={search}
            allowClear
            data-testid="case-monitor-no"
          />
          <Button type="primary" icon={<SearchOutlined />} onClick={search} data-testid="case-monitor-search">查询</Button>
        </Space.Compact>
        {searchError && <Alert type="error" showIcon title={searchError} style={{ marginTop: 16 }} />}
        {matches && !caseId && (
          <List
            style={{ marginTop: 16 }}
            bordered
            data-testid="case-monitor-matches"
            locale={{ emptyText: '未找到办件' }}
            dataSource={matches}
            renderItem={(m) => (
              <List.Item>
                <a onClick={() => setCaseId(m.id)} data-testid={`case-monitor-pick-${m.id}`}>{m.caseNo}</a>
                <span>{m.itemName} · {m.applicantName} · {m.statusName}</span>
              </List.Item>
            )}
          />
        )}
      </PageCard>
      {caseId && !detail.data && detail.loading && <Spin style={{ display: 'block', margin: 40 }} />}
      {c && detail.data && (
        <>
          <Card title={`办件 ${c.caseNo}`} size="small" data-testid="case-monitor-case" data-case-id={c.id}>
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
              <Descriptions.Item label="事项">{c.itemName}</Descriptions.Item>
              <Descriptions.Item label="办理单位">{c.unitName}</Descriptions.Item>
              <Descriptions.Item label="申请人">{c.applicantName}</Descriptions.Item>
              <Descriptions.Item label="状态">{c.statusName}</Descriptions.Item>
              <Descriptions.Item label="收件时间">{formatInstant(c.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="承诺 / 法定期限">
                {c.promisedDueAt ? formatDeadline(c.promisedDueAt) : '—'} / {c.legalDueAt ? formatDeadline(c.legalDueAt) : '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="时钟" size="small">
            <Table<ClockView>
              size="small"
              pagination={false}
              rowKey={(k) => `${k.kind}:${k.ref ?? ''}:${k.startedAt}`}
              dataSource={detail.data.clocks}
              data-testid="case-clocks"
              onRow={(k) => ({ 'data-testid': `case-clock-${k.kind}${k.ref ? `-${k.ref}` : ''}`, 'data-overdue': String(k.overdue), 'data-status': k.status } as React.HTMLAttributes<HTMLElement>)}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: '时钟', dataIndex: 'kindName', render: (v: string, k) => `${v}${k.ref ? `（${k.ref}）` : ''}` },
                { title: '时限', key: 'limit', render: (_: unknown, k) => `${k.limit.days} 个${unitText(k.limit.unit)}（有效 ${k.effectiveLimit}）` },
                { title: '起算', dataIndex: 'startedAt', render: formatInstant },
                { title: '到期', key: 'due', render: (_: unknown, k) => formatDeadline(k.dueAt ?? k.projectedDueAt) },
                { title: '已用 / 剩余', key: 'used', render: (_: unknown, k) => `${k.used} / ${k.remaining}` },
                {
                  title: '状态', key: 'status',
                  render: (_: unknown, k) => (
                    <Space>
                      <Tag color={k.status === 'running' ? 'blue' : k.status === 'paused' ? 'orange' : 'default'}>{CLOCK_STATUS[k.status]}</Tag>
                      {k.overdue && <Tag color="red">已超时</Tag>}
                    </Space>
                  ),
                },
                {
                  title: '暂停 / 延期', key: 'px',
                  render: (_: unknown, k) => (
                    <>
                      {k.pauses.map((p, i) => <div key={`p${i}`}>暂停 {formatInstant(p.from)} – {p.to ? formatInstant(p.to) : '至今'}（{p.days} 天）：{p.reason}</div>)}
                      {k.extensions.map((x, i) => <div key={`x${i}`}>延期 {x.days} 个{unitText(x.unit)}：{x.reason}</div>)}
                      {!k.pauses.length && !k.extensions.length && '—'}
                    </>
                  ),
                },
              ]}
            />
          </Card>
          <Card title={`监察信号（${signals.data?.items.length ?? 0}）`} size="small">
            <List
              size="small"
              data-testid="case-signals"
              dataSource={signals.data?.items ?? []}
              locale={{ emptyText: '该办件没有监察信号' }}
              renderItem={(s) => (
                <List.Item data-testid={`case-signal-${s.id}`} data-level={s.level}>
                  <Space wrap>
                    <LevelTag level={s.level} />
                    <Link to={`/supervision/signals/${s.id}`}>{s.signalNo}</Link>
                    {s.title}
                    <SignalStatusTag status={s.status} />
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card title="全过程时间线" size="small">
            {timeline.length ? (
              <Timeline data-testid="case-timeline" items={timeline.map((r) => ({ key: r.key, color: r.color, content: r.node }))} />
            ) : (
              <Empty />
            )}
          </Card>
        </>
      )}
      {caseId && detail.error != null && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
    </Space>
  );
}

// 信号详情: the signal, its evidence (the triggering events / the clock as it stood, with the
// Chinese explanation), the chained handling record, documents (督办通知书 …), and the acts
// the state machine allows to this user (unit: 说明/申诉 …; supervisor: 调查/认定/整改 …).
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Empty, List, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/context';
import { useApiData } from '../../hooks/useApiData';
import { errorMessage } from '../../hooks/useFeedback';
import { formatDeadline, formatInstant } from '../../utils/format';
import { ActModal, type ActKey } from './components/ActModal';
import { ChainTimeline } from './components/ChainTimeline';
import { LevelTag, SignalStatusTag } from './components/tags';
import { ACT_PERMISSION, CATEGORIES, CLOCK_KINDS, DOCUMENT_KINDS, ORIGINS, SIGNAL_ACTS, SIGNAL_EVENTS, label } from './labels';
import { useLiveSignals, useThrottled } from './liveStream';
import type { SignalDetail, SignalEvidence } from './model';

interface CaseEventLite {
  id?: number;
  seq: number;
  type: string;
  at: string;
  recordedAt?: string;
  actorName: string | null;
}
const ACT_ORDER: ActKey[] = ['explain', 'provide_materials', 'report_rectification', 'investigate', 'demand_materials', 'find', 'order_rectification', 'verify', 'propose_accountability', 'close', 'reopen'];

function Evidence({ ev, caseId, canViewCase }: { ev: SignalEvidence | null; caseId: number | null; canViewCase: boolean }) {
  const caseData = useApiData<{ events: CaseEventLite[] }>(canViewCase && caseId && ev?.eventIds?.length ? `/api/cases/${caseId}` : null, undefined, { quiet: true });
  if (!ev) return <Empty description="无证据记录" />;
  const ids = ev.eventIds ?? [];
  const matched = (caseData.data?.events ?? []).filter((e) => e.id !== undefined && ids.includes(e.id));
  const clock = ev.clock;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {ev.basis && (
        <div>
          <Typography.Text type="secondary">依据：</Typography.Text>
          {ev.basis}
        </div>
      )}
      {clock && (
        <Descriptions size="small" column={2} bordered data-testid="evidence-clock">
          <Descriptions.Item label="时钟">{label(CLOCK_KINDS, clock.kind)}{clock.ref ? `（${clock.ref}）` : ''}</Descriptions.Item>
          <Descriptions.Item label="时限">{clock.limit ? `${clock.limit.days} 个${clock.limit.unit === 'workday' ? '工作日' : '自然日'}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="起算">{formatInstant(clock.startedAt)}</Descriptions.Item>
          <Descriptions.Item label="到期">{clock.dueAt ? formatDeadline(clock.dueAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label="阈值时刻">{formatInstant(ev.thresholdAt)}</Descriptions.Item>
          <Descriptions.Item label="暂停 / 延期">
            {(clock.pauses ?? []).map((p, i) => <div key={`p${i}`}>暂停 {formatInstant(p.from)} – {p.to ? formatInstant(p.to) : '至今'}：{p.reason}</div>)}
            {(clock.extensions ?? []).map((x, i) => <div key={`x${i}`}>延期 {x.days} 天：{x.reason}</div>)}
            {!clock.pauses?.length && !clock.extensions?.length && '无'}
          </Descriptions.Item>
        </Descriptions>
      )}
      {ids.length > 0 && (
        <List
          size="small"
          bordered
          header="触发事件"
          data-testid="evidence-events"
          dataSource={ids}
          renderItem={(id) => {
            const e = matched.find((x) => x.id === id);
            return (
              <List.Item data-testid={`evidence-event-${id}`}>
                {e ? (
                  <span>
                    {e.type} · {formatInstant(e.at)}{e.recordedAt && e.recordedAt !== e.at ? `（录入 ${formatInstant(e.recordedAt)}）` : ''} · {e.actorName ?? '系统'}
                  </span>
                ) : (
                  <span>事件 #{id}</span>
                )}
              </List.Item>
            );
          }}
        />
      )}
      {ev.facts && (
        <Descriptions size="small" column={1} bordered title="相关事实">
          {Object.entries(ev.facts).map(([k, v]) => (
            <Descriptions.Item key={k} label={k}>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Space>
  );
}

export default function SignalDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { data, loading, error, reload, setData } = useApiData<SignalDetail>(`/api/supervision/signals/${id}`);
  const [act, setAct] = useState<ActKey | null>(null);
  const refresh = useThrottled(reload, 500);
  useLiveSignals((s) => {
    if (String(s.signalId) === id) refresh();
  });

  if (!data) {
    if (loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
    return <Result status="warning" title="无法加载监察信号" subTitle={error ? errorMessage(error) : undefined} />;
  }
  const { signal: s, events, documents } = data;
  const allowed = new Set(s.allowedActs ?? []);
  const acts = ACT_ORDER.filter((a) => allowed.has(a) && can(ACT_PERMISSION[a]));
  const canEscalate = s.level === 'red' && !s.taskId && allowed.has('escalate') && can('supervision.handle');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <LevelTag level={s.level} />
            <span data-testid="signal-title">{s.title}</span>
            <SignalStatusTag status={s.status} testId="signal-status" />
          </Space>
        }
        extra={<Button onClick={() => navigate('/supervision/signals')}>返回列表</Button>}
        data-testid="signal-detail"
        data-status={s.status}
        data-level={s.level}
      >
        <Alert type={s.level === 'red' ? 'error' : s.level === 'yellow' ? 'warning' : 'info'} showIcon title={s.explanation} data-testid="signal-explanation" style={{ marginBottom: 16 }} />
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
          <Descriptions.Item label="信号编号">{s.signalNo}</Descriptions.Item>
          <Descriptions.Item label="类别">{label(CATEGORIES, s.category)}</Descriptions.Item>
          <Descriptions.Item label="来源">{label(ORIGINS, s.origin)}{s.ruleCode ? `（${s.ruleCode} 第 ${s.ruleVersion ?? 1} 版）` : ''}</Descriptions.Item>
          <Descriptions.Item label="责任单位">{s.unitName}</Descriptions.Item>
          <Descriptions.Item label="办件">
            {s.caseNo ? <Link to={`/supervision/cases?no=${encodeURIComponent(s.caseNo)}`} data-testid="signal-case">{s.caseNo}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="事项">{s.itemName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="发出时间">{formatInstant(s.raisedAt)}</Descriptions.Item>
          <Descriptions.Item label="说明期限">{s.responseDueAt ? formatDeadline(s.responseDueAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label="认定">
            <span data-testid="signal-finding" data-finding={s.finding ?? ''}>{s.finding === 'valid' ? '成立' : s.finding === 'invalid' ? '不成立' : '未认定'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="整改期限">{s.rectifyDueAt ? formatDeadline(s.rectifyDueAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label="督查督办">{s.taskId ? <Link to={`/supervision/tasks/${s.taskId}`}>查看督办事项</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label="再监察次数">{s.reopenCount}</Descriptions.Item>
        </Descriptions>
        {(acts.length > 0 || canEscalate) && (
          <Space wrap style={{ marginTop: 16 }} data-testid="signal-actions">
            {acts.map((a) => (
              <Button key={a} type={a === 'explain' || a === 'find' ? 'primary' : 'default'} danger={a === 'propose_accountability'} onClick={() => setAct(a)} data-testid={`signal-act-${a}`}>
                {SIGNAL_ACTS[a]}
              </Button>
            ))}
            {canEscalate && (
              <Button danger onClick={() => setAct('escalate')} data-testid="signal-act-escalate">
                {SIGNAL_ACTS.escalate}
              </Button>
            )}
          </Space>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title="证据" size="small" data-testid="signal-evidence" style={{ marginBottom: 16 }}>
            <Evidence ev={s.evidence} caseId={s.caseId} canViewCase={can('case.view')} />
          </Card>
          <Card title="文书" size="small">
            <List
              data-testid="signal-documents"
              locale={{ emptyText: '暂无文书' }}
              dataSource={documents}
              renderItem={(d) => (
                <List.Item
                  actions={[
                    <a key="open" href={`/api/supervision/documents/${d.id}/html`} target="_blank" rel="noreferrer" data-testid={`signal-doc-${d.id}`}>
                      查看 / 打印
                    </a>,
                  ]}
                >
                  <List.Item.Meta
                    avatar={<FileTextOutlined />}
                    title={<Space><Tag>{label(DOCUMENT_KINDS, d.kind)}</Tag>{d.title}</Space>}
                    description={`${d.docNo} · 验证码 ${d.verificationCode} · ${formatInstant(d.issuedAt)}`}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="处置记录" size="small">
            <ChainTimeline events={events} names={SIGNAL_EVENTS} testId="signal-event" />
          </Card>
        </Col>
      </Row>
      <ActModal
        signal={s}
        act={act}
        onClose={() => setAct(null)}
        onDone={(r) => {
          setAct(null);
          if (r.task) navigate(`/supervision/tasks/${r.task.id}`);
          else {
            if (r.signal) setData({ ...data, signal: r.signal });
            reload();
          }
        }}
      />
    </Space>
  );
}

// 审批: the generic approvals (SEC-2 and every "needs a leader's approval" flow) — 待我审批
// (pending requests I hold the permission for and did not file), 我的申请 (withdraw while
// pending) and 全部 in my jurisdiction. Each row shows kind, requester, reason and a summary of
// the payload; the drawer shows the chained record. Deciding takes an opinion (required to refuse).
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Descriptions, Drawer, Form, Input, Modal, Space, Spin, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api';
import { useMe } from '../../auth/context';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { PageCard } from '../../components/PageCard';
import { useApiData } from '../../hooks/useApiData';
import { useFeedback } from '../../hooks/useFeedback';
import { useKeysetList } from '../../hooks/useKeysetList';
import { formatInstant, validValues } from '../../utils/format';
import { ChainTimeline } from './components/ChainTimeline';
import { APPROVAL_EVENTS, APPROVAL_KINDS, APPROVAL_STATUSES, label } from './labels';
import { describeFilter, type LedgerFilter } from './ledgerFilter';
import type { Approval, ApprovalDetail } from './model';

type TabKey = 'inbox' | 'mine' | 'all';
const QUERIES: Record<TabKey, Record<string, string>> = {
  inbox: { decidable: 'true' },
  mine: { mine: 'true' },
  all: {},
};

/** What the request is about, by kind; other kinds show their payload fields. */
export function PayloadSummary({ ap }: { ap: Approval }): ReactNode {
  const p = (ap.payload ?? {}) as Record<string, unknown>;
  switch (ap.kind) {
    case 'ledger.export':
      return (
        <Space orientation="vertical" size={0}>
          <span>用途：{String(p.purpose ?? '')}</span>
          <Typography.Text type="secondary">筛选条件：{describeFilter(p.filter as LedgerFilter | undefined)}</Typography.Text>
        </Space>
      );
    case 'task.dispatch':
      return <Link to={`/supervision/tasks/${String(p.taskId)}`}>督办事项 {String(p.taskNo ?? p.taskId)}</Link>;
    case 'task.extension':
      return (
        <Space orientation="vertical" size={0}>
          <Link to={`/supervision/tasks/${String(p.taskId)}`}>督办事项 {String(p.taskNo ?? p.taskId)}</Link>
          <span>延期 {String(p.days)} 个工作日：{String(p.reason ?? '')}</span>
        </Space>
      );
    default:
      return (
        <Typography.Text type="secondary">
          {Object.entries(p).map(([k, v]) => `${k}：${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('；') || '—'}
        </Typography.Text>
      );
  }
}

function StatusTag({ ap }: { ap: Approval }) {
  return (
    <Tag color={APPROVAL_STATUSES[ap.status]?.color} data-testid={`approval-status-${ap.id}`} data-status={ap.status}>
      {APPROVAL_STATUSES[ap.status]?.label ?? ap.status}
    </Tag>
  );
}

function ApprovalDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { data } = useApiData<ApprovalDetail>(id ? `/api/supervision/approvals/${id}` : null);
  const ap = data?.approval;
  return (
    <Drawer open={id !== null} onClose={onClose} title={ap ? `审批申请 #${ap.id}` : '审批申请'} size={560} destroyOnHidden>
      {!ap ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="approval-detail">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="类型">{label(APPROVAL_KINDS, ap.kind)}</Descriptions.Item>
            <Descriptions.Item label="标题">{ap.title}</Descriptions.Item>
            <Descriptions.Item label="申请人">{ap.requesterName}（{ap.unitName}）</Descriptions.Item>
            <Descriptions.Item label="内容"><PayloadSummary ap={ap} /></Descriptions.Item>
            <Descriptions.Item label="状态"><StatusTag ap={ap} /></Descriptions.Item>
            <Descriptions.Item label="审批人">{ap.deciderName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="审批意见">{ap.reason || '—'}</Descriptions.Item>
            <Descriptions.Item label="申请时间">{formatInstant(ap.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="审批时间">{formatInstant(ap.decidedAt)}</Descriptions.Item>
          </Descriptions>
          <ChainTimeline events={data.events} names={APPROVAL_EVENTS} testId="approval-event" />
        </Space>
      )}
    </Drawer>
  );
}

export default function ApprovalsPage() {
  const me = useMe();
  const feedback = useFeedback();
  const [tab, setTab] = useState<TabKey>('inbox');
  const list = useKeysetList<Approval>('/api/supervision/approvals', QUERIES[tab]);
  const [deciding, setDeciding] = useState<{ ap: Approval; approve: boolean } | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason?: string }>();

  const mayDecide = (ap: Approval) => ap.status === 'pending' && ap.requesterId !== me.id && me.permissions.includes(ap.approverPermission);

  const decide = async () => {
    if (!deciding) return;
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      const r = await api.post<{ approval: Approval }>(`/api/supervision/approvals/${deciding.ap.id}/decide`, { approve: deciding.approve, reason: (v.reason ?? '').trim() });
      feedback.success(deciding.approve ? '已批准' : '已不批准');
      setDeciding(null);
      list.replace((x) => x.id === r.approval.id, r.approval);
    } catch (e) {
      feedback.error(e, form, { REASON_REQUIRED: 'reason' });
    } finally {
      setSaving(false);
    }
  };

  const withdraw = (ap: Approval) =>
    feedback.confirm({
      title: '撤回该申请？',
      okText: '撤回',
      onOk: async () => {
        const r = await api.post<{ approval: Approval }>(`/api/supervision/approvals/${ap.id}/withdraw`);
        feedback.success('已撤回');
        list.replace((x) => x.id === ap.id, r.approval);
      },
    });

  const columns: TableColumnsType<Approval> = [
    { title: '编号', dataIndex: 'id', render: (id: number) => <a onClick={() => setOpen(id)} data-testid={`approval-open-${id}`}>#{id}</a> },
    { title: '类型', dataIndex: 'kind', render: (k: string) => <Tag>{label(APPROVAL_KINDS, k)}</Tag> },
    { title: '标题', dataIndex: 'title' },
    {
      title: '申请人', key: 'requester',
      render: (_: unknown, ap) => (
        <Space orientation="vertical" size={0}>
          <span>{ap.requesterName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{ap.unitName}</Typography.Text>
        </Space>
      ),
    },
    { title: '理由 / 内容', key: 'payload', render: (_: unknown, ap) => <PayloadSummary ap={ap} /> },
    { title: '状态', dataIndex: 'status', render: (_: string, ap) => <StatusTag ap={ap} /> },
    { title: '审批意见', key: 'decision', render: (_: unknown, ap) => (ap.deciderName ? `${ap.deciderName}${ap.reason ? `：${ap.reason}` : ''}` : '—') },
    { title: '申请时间', dataIndex: 'createdAt', render: formatInstant },
    {
      title: '操作', key: 'actions',
      render: (_: unknown, ap) => (
        <Space>
          {mayDecide(ap) && (
            <>
              <Button type="primary" size="small" onClick={() => setDeciding({ ap, approve: true })} data-testid={`approval-approve-${ap.id}`}>
                批准
              </Button>
              <Button danger size="small" onClick={() => setDeciding({ ap, approve: false })} data-testid={`approval-reject-${ap.id}`}>
                不批准
              </Button>
            </>
          )}
          {ap.status === 'pending' && ap.requesterId === me.id && (
            <Button size="small" onClick={() => withdraw(ap)} data-testid={`approval-withdraw-${ap.id}`}>
              撤回
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageCard title="审批">
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as TabKey)}
        items={[
          { key: 'inbox', label: <span data-testid="approvals-tab-inbox">待我审批</span> },
          { key: 'mine', label: <span data-testid="approvals-tab-mine">我的申请</span> },
          { key: 'all', label: <span data-testid="approvals-tab-all">全部</span> },
        ]}
      />
      <LoadMoreTable<Approval>
        rowKey="id"
        list={list}
        columns={columns}
        data-testid="approval-table"
        locale={{ emptyText: tab === 'inbox' ? '没有待您审批的申请' : '暂无申请' }}
        onRow={(ap) => ({ 'data-testid': `approval-row-${ap.id}`, 'data-kind': ap.kind, 'data-status': ap.status } as React.HTMLAttributes<HTMLElement>)}
      />
      <Modal
        open={!!deciding}
        title={deciding ? `${deciding.approve ? '批准' : '不批准'}：${deciding.ap.title}` : ''}
        okText={deciding?.approve ? '批准' : '不批准'}
        cancelText="取消"
        onOk={decide}
        onCancel={() => setDeciding(null)}
        okButtonProps={{ danger: deciding ? !deciding.approve : false, loading: saving, ...({ 'data-testid': 'approval-decide-submit' } as object) }}
        destroyOnHidden
      >
        {deciding && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={<span>{deciding.ap.requesterName}（{deciding.ap.unitName}）：<PayloadSummary ap={deciding.ap} /></span>} />
        )}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={deciding?.approve ? '审批意见（可不填）' : '不批准理由'}
            rules={deciding?.approve ? [] : [{ required: true, whitespace: true, message: '不批准须说明理由' }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="approval-opinion" />
          </Form.Item>
        </Form>
      </Modal>
      <ApprovalDrawer id={open} onClose={() => setOpen(null)} />
    </PageCard>
  );
}

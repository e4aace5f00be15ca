// 变更申请: state, parts and their approvals, reason and trigger, the filing/review clocks, and
// what changed (old vs new). The unit edits and submits drafts here; 编办 / 法制 approve their
// part or return the whole request with an opinion.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Collapse, Descriptions, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { CheckOutlined, EditOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth/context';
import { PageCard } from '../../components/PageCard';
import { ReasonModal } from '../../components/ReasonModal';
import { useApiData } from '../../hooks/useApiData';
import { errorMessage, useFeedback } from '../../hooks/useFeedback';
import type { Page } from '../../types';
import { formatDeadline, formatInstant } from '../../utils/format';
import type { CatalogClock, Change, ItemDetail, ItemVersion, ReviewPart } from './model';
import { CHANGE_KIND_LABELS, CHANGE_STATE_LABELS, CLOCK_LABELS, ITEM_STATUS_LABELS, PART_LABELS } from './labels';
import { ChangeDiff } from './components/ChangeDiff';
import { ElementsView } from './components/ElementsView';
import { usePublicUnits, useUnitPosts } from './hooks';
import { SubmitModal, type SubmitMeta } from './SubmitModal';
import { useCatalogMeta } from './useCatalogMeta';

type Review = { part: ReviewPart; decision: 'approve' | 'return' } | null;

export default function ChangeDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { can } = useAuth();
  const feedback = useFeedback();
  const meta = useCatalogMeta();
  const change = useApiData<Change>(`/api/catalog/changes/${id}`);
  const c = change.data;
  const detail = useApiData<ItemDetail>(c ? `/api/catalog/items/${c.itemId}` : null);
  const baseNo = c?.baseVersionId ? detail.data?.versions.find((v) => v.id === c.baseVersionId)?.versionNo : undefined;
  const base = useApiData<ItemVersion>(c && baseNo ? `/api/catalog/items/${c.itemId}/versions/${baseNo}` : null);
  const clocks = useApiData<Page<CatalogClock>>(c ? '/api/catalog/clocks' : null, { itemId: c?.itemId, limit: 200 }, { quiet: true });
  const posts = useUnitPosts(c?.elements.unitId);
  const units = usePublicUnits();
  const [submitting, setSubmitting] = useState(false);
  const [review, setReview] = useState<Review>(null);

  if (!c) {
    if (change.loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
    return <Result status="warning" title="无法加载变更申请" subTitle={errorMessage(change.error)} />;
  }
  const item = detail.data?.item;
  const unitName = (uid: number) => (item && uid === item.unitId ? item.unitName : units.unitName(uid));
  const ctx = { meta, unitName, postName: posts.postName };
  const editable = (c.state === 'draft' || c.state === 'returned') && c.kind !== 'status';
  const canDraft = can('catalog.draft');
  const approvedAt = (p: ReviewPart) => (p === 'basic' ? c.basicApprovedAt : c.flowApprovedAt);
  const reviewable = c.state === 'submitted' ? c.parts.filter((p) => can(`catalog.review.${p}`) && !approvedAt(p)) : [];
  const publishedNo = c.publishedVersionId ? detail.data?.versions.find((v) => v.id === c.publishedVersionId)?.versionNo : undefined;
  const myClocks = (clocks.data?.items ?? []).filter((k) => k.changeId === c.id);

  const submit = async (m: SubmitMeta) => {
    await api.post<Change>(`/api/catalog/changes/${c.id}/submit`, m);
    feedback.success('已提交审核');
    setSubmitting(false);
    change.reload();
    detail.reload();
    clocks.reload();
  };

  const decide = async (opinion: string) => {
    if (!review) return;
    const r = await api.post<{ change: Change; publishedVersionId: number | null }>(`/api/catalog/changes/${c.id}/review/${review.part}`, {
      decision: review.decision,
      opinion,
    });
    feedback.success(review.decision === 'return' ? '已退回修改' : r.publishedVersionId ? '审核通过，新版本已发布' : '审核通过，待其他部门审核');
    setReview(null);
    change.setData(r.change);
    detail.reload();
    clocks.reload();
  };

  const partStatus = (p: ReviewPart) => {
    if (!c.parts.includes(p)) return <Typography.Text type="secondary">不涉及</Typography.Text>;
    const at = approvedAt(p);
    if (at) return <Tag color="green">已通过 {formatInstant(at)}</Tag>;
    if (c.state === 'submitted') return <Tag color="processing">待审核</Tag>;
    if (c.state === 'published') return <Tag color="green">已通过</Tag>;
    return <Tag>未提交</Tag>;
  };

  const statusChange = c.kind === 'status';
  const state = CHANGE_STATE_LABELS[c.state];

  return (
    <PageCard
      title={
        <Space wrap>
          <span>
            变更申请 #{c.id}：{item?.name ?? c.elements.name}
          </span>
          <Tag>{CHANGE_KIND_LABELS[c.kind]}</Tag>
          <Tag color={state.color} data-testid="change-state" data-state={c.state}>
            {state.label}
          </Tag>
        </Space>
      }
      extra={
        <Space wrap>
          {editable && canDraft && (
            <>
              <Button icon={<EditOutlined />} onClick={() => navigate(`/catalog/changes/${c.id}/edit`)} data-testid="change-edit">
                编辑
              </Button>
              <Button type="primary" icon={<SendOutlined />} onClick={() => setSubmitting(true)} data-testid="change-submit">
                提交审核
              </Button>
            </>
          )}
          {reviewable.map((p) => (
            <Space key={p}>
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setReview({ part: p, decision: 'approve' })} data-testid={`review-approve-${p}`}>
                {reviewable.length > 1 ? `${p === 'basic' ? '基本要素' : '内部流程'}审核通过` : '审核通过'}
              </Button>
              <Button danger icon={<RollbackOutlined />} onClick={() => setReview({ part: p, decision: 'return' })} data-testid={`review-return-${p}`}>
                退回修改
              </Button>
            </Space>
          ))}
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {c.state === 'returned' && c.lastOpinion && (
          <Alert type="warning" showIcon title="审核退回" description={`审核意见：${c.lastOpinion}`} data-testid="change-returned-opinion" />
        )}
        {c.state === 'published' && (
          <Alert
            type="success"
            showIcon
            data-testid="change-published"
            title={
              <span>
                已审核通过并发布{publishedNo ? `为第 ${publishedNo} 版` : ''}。
                {publishedNo && <Link to={`/catalog/items/${c.itemId}/versions/${publishedNo}`}>查看该版本</Link>}
              </span>
            }
          />
        )}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'item', label: '事项', children: <Link to={`/catalog/items/${c.itemId}`}>{item?.name ?? c.elements.name}</Link> },
            { key: 'impl', label: '实施编码', children: item?.implCode ?? '—' },
            { key: 'basic', label: '基本要素（编办）', children: <span data-testid="change-part-basic">{partStatus('basic')}</span> },
            { key: 'flow', label: '内部流程和裁量基准（法制）', children: <span data-testid="change-part-flow">{partStatus('flow')}</span> },
            { key: 'reason', label: '变更理由', span: 2, children: c.reason ?? '—' },
            {
              key: 'trigger',
              label: '触发事由',
              children: c.triggerKind ? `${meta.name('triggerKinds', c.triggerKind)}（${c.triggerDate ?? '—'}）` : '—',
            },
            { key: 'submitted', label: '提交时间', children: formatInstant(c.submittedAt) },
            ...(statusChange
              ? [
                  {
                    key: 'status',
                    label: '状态变更',
                    span: 2,
                    children: (
                      <span data-testid="change-status">
                        {item ? ITEM_STATUS_LABELS[item.status] : '—'} → <Tag color="purple">{c.newStatus ? ITEM_STATUS_LABELS[c.newStatus] : '—'}</Tag>
                        自 {c.statusFrom} 起生效；原因：{c.statusReason ?? '—'}
                      </span>
                    ),
                  },
                ]
              : []),
            { key: 'updated', label: '最后修改', children: formatInstant(c.updatedAt) },
            { key: 'opinion', label: '最近审核意见', children: c.lastOpinion ?? '—' },
          ]}
        />
        {myClocks.length > 0 && (
          <Card size="small" title="时限（报备 20 个工作日，审核 10 个工作日）">
            <Table<CatalogClock>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={myClocks}
              data-testid="change-clocks"
              columns={[
                { title: '时限', dataIndex: 'kind', render: (k: CatalogClock['kind']) => CLOCK_LABELS[k] },
                { title: '起算日', dataIndex: 'startDate' },
                { title: '期限', key: 'days', render: (_, k) => `${k.days} 个${k.dayUnit === 'natural' ? '自然日' : '工作日'}` },
                { title: '截止', dataIndex: 'dueAt', render: formatDeadline },
                { title: '完成', dataIndex: 'doneAt', render: formatInstant },
                {
                  title: '状态',
                  key: 'state',
                  render: (_, k) => (k.late ? <Tag color="red">{k.doneAt ? '逾期完成' : '已逾期'}</Tag> : k.doneAt ? <Tag color="green">按时完成</Tag> : <Tag color="processing">计时中</Tag>),
                },
              ]}
            />
          </Card>
        )}
        {c.kind === 'create' ? (
          <Card size="small" title="新事项的全部要素">
            <ElementsView elements={c.elements} meta={meta} implCode={item?.implCode} unitName={unitName} postName={posts.postName} />
          </Card>
        ) : statusChange ? null : (
          <Card size="small" title="变更内容" extra={c.changedFields.length ? <Typography.Text type="secondary">涉及 {c.changedFields.length} 项要素</Typography.Text> : null}>
            {base.data ? (
              <ChangeDiff before={base.data.elements} after={c.elements} ctx={ctx} baseLabel={`第 ${base.data.versionNo} 版`} />
            ) : (
              <Spin spinning={base.loading || detail.loading}>
                <Typography.Text type="secondary">正在加载原版本…</Typography.Text>
              </Spin>
            )}
          </Card>
        )}
        {c.kind === 'modify' && (
          <Collapse
            items={[
              {
                key: 'all',
                label: '变更后的全部要素',
                children: <ElementsView elements={c.elements} meta={meta} implCode={item?.implCode} unitName={unitName} postName={posts.postName} />,
              },
            ]}
          />
        )}
      </Space>
      <SubmitModal
        open={submitting}
        initial={{ reason: c.reason ?? '', triggerKind: c.triggerKind ?? undefined, triggerDate: c.triggerDate ?? undefined }}
        onSubmit={submit}
        onCancel={() => setSubmitting(false)}
      />
      <ReasonModal
        open={!!review}
        title={review ? `${PART_LABELS[review.part]}：${review.decision === 'approve' ? '审核通过' : '退回修改'}` : ''}
        subject={
          review?.decision === 'return'
            ? '退回后整份变更申请回到起草单位修改，各部门已作出的审核通过一并作废。'
            : review && c.parts.filter((p) => !approvedAt(p)).length === 1
              ? '这是最后一项待审核内容：通过后立即发布新版本，原版本失效但留存可查。'
              : '通过后仍须其他部门审核本申请涉及的其他内容。'
        }
        label="审核意见"
        okText={review?.decision === 'return' ? '退回' : '审核通过'}
        danger={review?.decision === 'return'}
        maxLength={2000}
        onCancel={() => setReview(null)}
        onSubmit={decide}
      />
    </PageCard>
  );
}

// 事项详情: the version in force with every element, the internal flow, discretion bands,
// version history, the chained review record and publicity problems; unit actions (change,
// status, secret marking and exemption, report to the upper library).
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Button, Descriptions, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, LockOutlined, SafetyOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth/context';
import { PageCard } from '../../components/PageCard';
import { ReasonModal } from '../../components/ReasonModal';
import { useApiData } from '../../hooks/useApiData';
import { errorMessage, useFeedback } from '../../hooks/useFeedback';
import { formatInstant } from '../../utils/format';
import type { CatalogEvent, ItemDetail, Problem } from './model';
import { CHANGE_STATE_LABELS, PENALTY_TYPE } from './labels';
import { DiscretionTable } from './components/ElementTables';
import { ElementsView } from './components/ElementsView';
import { EventTimeline } from './components/EventTimeline';
import { FlowSteps } from './components/FlowSteps';
import { ItemStatusTag } from './components/ItemStatusTag';
import { PublicityList } from './components/PublicityList';
import { VersionsTable } from './components/VersionsTable';
import { StatusChangeModal } from './StatusChangeModal';
import { usePublicUnits, useUnitPosts } from './hooks';
import { useCatalogMeta } from './useCatalogMeta';

type Dialog = 'status' | 'exemption' | 'report' | null;

export default function ItemDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { can } = useAuth();
  const feedback = useFeedback();
  const meta = useCatalogMeta();
  const canDraft = can('catalog.draft');
  const tab = params.get('tab') ?? 'elements';
  const { data, loading, error, reload } = useApiData<ItemDetail>(`/api/catalog/items/${id}`);
  const events = useApiData<{ items: CatalogEvent[] }>(tab === 'events' ? `/api/catalog/items/${id}/events` : null);
  const publicity = useApiData<{ problems: Problem[] }>(tab === 'publicity' ? `/api/catalog/items/${id}/publicity` : null);
  const [dialog, setDialog] = useState<Dialog>(null);

  const elements = data?.current?.elements ?? data?.openChange?.elements;
  const posts = useUnitPosts(elements?.unitId);
  const units = usePublicUnits();

  if (!data) {
    if (loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
    return <Result status="warning" title="无法加载事项" subTitle={error ? errorMessage(error) : undefined} />;
  }
  const { item, current, versions, openChange } = data;
  const unitName = (uid: number) => (uid === item.unitId ? item.unitName : units.unitName(uid));
  const published = !!current;
  const editableChange = openChange && (openChange.state === 'draft' || openChange.state === 'returned');

  const startChange = (query = '') => {
    if (openChange) navigate(editableChange ? `/catalog/changes/${openChange.id}/edit` : `/catalog/changes/${openChange.id}`);
    else navigate(`/catalog/items/${item.id}/change${query}`);
  };

  const requestExemption = async (reason: string) => {
    await api.post(`/api/catalog/items/${item.id}/exemption`, { reason });
    feedback.success('免于监察申请已提交，待监察机关和保密部门审批');
    setDialog(null);
    reload();
  };
  const reportUp = async (note: string) => {
    const r = await api.post<{ id: number; toRegionCode: string }>(`/api/catalog/items/${item.id}/report-up`, { note: note || undefined });
    feedback.success(`已上报上级权力库（${r.toRegionCode}）`);
    setDialog(null);
  };

  const isPenalty = elements?.type === PENALTY_TYPE || (elements?.discretion.length ?? 0) > 0;
  const tabs = [
    {
      key: 'elements',
      label: '事项要素',
      children: elements && (
        <ElementsView
          elements={elements}
          meta={meta}
          implCode={current?.implCode ?? item.implCode}
          unitName={unitName}
          postName={posts.postName}
          withFlow={false}
        />
      ),
    },
    {
      key: 'flow',
      label: '内部流程',
      children: elements && (
        <FlowSteps
          promisedLimit={elements.promisedLimit}
          steps={elements.steps.map((s) => ({ ...s, kindName: meta.name('stepKinds', s.kind), post: posts.postName(s.postCode) }))}
        />
      ),
    },
    ...(isPenalty && elements
      ? [{ key: 'discretion', label: '裁量基准', children: <DiscretionTable bands={elements.discretion} meta={meta} /> }]
      : []),
    {
      key: 'versions',
      label: `历史版本（${versions.length}）`,
      children: <VersionsTable itemId={item.id} versions={versions} />,
    },
    {
      key: 'events',
      label: '审核记录',
      children: <Spin spinning={events.loading}>{events.data && <EventTimeline events={events.data.items} meta={meta} />}</Spin>,
    },
    {
      key: 'publicity',
      label: (
        <span>
          公开检查{item.publicityProblems ? <Tag color="red" style={{ marginLeft: 6 }}>{item.publicityProblems}</Tag> : null}
        </span>
      ),
      children: <Spin spinning={publicity.loading}>{publicity.data && <PublicityList problems={publicity.data.problems} />}</Spin>,
    },
  ];

  return (
    <PageCard
      title={
        <Space>
          <span data-testid="item-name">{item.name}</span>
          <ItemStatusTag status={item.status} effective={item.effectiveStatus} statusFrom={item.statusFrom} />
          {item.secret && <Tag color="red">涉密</Tag>}
          {item.exempt && <Tag color="purple">免于监察</Tag>}
        </Space>
      }
      extra={
        canDraft && (
          <Space wrap>
            {item.status !== 'cancelled' && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => startChange()} data-testid="item-draft">
                {openChange ? (editableChange ? '继续编辑变更' : '查看变更申请') : published ? '发起变更' : '编辑草稿'}
              </Button>
            )}
            {published && item.status !== 'cancelled' && (
              <Button icon={<SwapOutlined />} disabled={!!openChange} onClick={() => setDialog('status')} data-testid="item-status-change">
                状态变更
              </Button>
            )}
            {published && !item.secret && item.status !== 'cancelled' && (
              <Button icon={<LockOutlined />} disabled={!!openChange} onClick={() => startChange('?secret=1')} data-testid="item-mark-secret">
                标记涉密
              </Button>
            )}
            {published && item.secret && !item.exempt && (
              <Button icon={<SafetyOutlined />} onClick={() => setDialog('exemption')} data-testid="item-exemption">
                申请免于监察
              </Button>
            )}
            {published && item.regionLevel !== 'province' && (
              <Button icon={<UploadOutlined />} onClick={() => setDialog('report')} data-testid="item-report-up">
                上报上级
              </Button>
            )}
          </Space>
        )
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'impl', label: '实施编码', children: <Typography.Text code copyable data-testid="item-implCode">{item.implCode}</Typography.Text> },
            { key: 'type', label: '事项类型', children: item.typeName },
            { key: 'unit', label: '实施主体', children: `${item.unitName}（${item.regionName}）` },
            {
              key: 'version',
              label: '现行版本',
              children: current ? (
                <span data-testid="item-version">
                  第 {current.versionNo} 版，{formatInstant(current.validFrom)} 起施行
                </span>
              ) : (
                <Tag>尚未发布</Tag>
              ),
            },
            { key: 'statusFrom', label: '状态生效日期', children: item.statusFrom ?? '—' },
            { key: 'hash', label: '要素哈希（SM3）', children: current ? <Typography.Text code>{current.elementsHash.slice(0, 16)}…</Typography.Text> : '—' },
          ]}
        />
        {openChange && (
          <Alert
            type={openChange.state === 'returned' ? 'warning' : 'info'}
            showIcon
            data-testid="item-open-change"
            title={
              <span>
                该事项有未完成的{openChange.kind === 'status' ? '状态变更' : '变更'}申请 #{openChange.id}（
                {CHANGE_STATE_LABELS[openChange.state].label}）：<Link to={`/catalog/changes/${openChange.id}`}>查看</Link>
                {openChange.state === 'returned' && openChange.lastOpinion ? `；退回意见：${openChange.lastOpinion}` : ''}
              </span>
            }
          />
        )}
        {!published && <Alert type="warning" showIcon title="事项尚未发布，以下为草稿内容；审核通过发布后方对外公开。" />}
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'elements' ? {} : { tab: k }, { replace: true })}
          items={tabs.map((t) => ({ ...t, label: <span data-testid={`item-tab-${t.key}`}>{t.label}</span> }))}
        />
      </Space>
      <StatusChangeModal
        item={item}
        open={dialog === 'status'}
        onClose={() => setDialog(null)}
        onDone={(c) => {
          setDialog(null);
          navigate(`/catalog/changes/${c.id}`);
        }}
      />
      <ReasonModal
        open={dialog === 'exemption'}
        title="申请免于监察"
        subject={`涉密事项“${item.name}”免于电子监察，须经监察机关和保密部门共同审批。`}
        label="申请理由"
        okText="提交申请"
        danger={false}
        onCancel={() => setDialog(null)}
        onSubmit={requestExemption}
      />
      <ReasonModal
        open={dialog === 'report'}
        title="上报上级权力库"
        subject={`将现行版本（第 ${current?.versionNo ?? '—'} 版）上报上级行政区的权力库。`}
        label="上报说明"
        okText="上报"
        danger={false}
        optional
        onCancel={() => setDialog(null)}
        onSubmit={reportUp}
      />
    </PageCard>
  );
}


// One published version of an item, current or superseded (versions are immutable and stay
// readable forever): validity, status, hash, publicity problems and every element.
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { PageCard } from '../../components/PageCard';
import { useApiData } from '../../hooks/useApiData';
import { errorMessage } from '../../hooks/useFeedback';
import { formatInstant } from '../../utils/format';
import type { ItemDetail, ItemVersion } from './model';
import { ITEM_STATUS_COLORS, ITEM_STATUS_LABELS } from './labels';
import { ElementsView } from './components/ElementsView';
import { PublicityList } from './components/PublicityList';
import { usePublicUnits, useUnitPosts } from './hooks';
import { useCatalogMeta } from './useCatalogMeta';

export default function VersionPage() {
  const { id, versionNo } = useParams();
  const meta = useCatalogMeta();
  const { data: v, loading, error } = useApiData<ItemVersion>(`/api/catalog/items/${id}/versions/${versionNo}`);
  const { data: detail } = useApiData<ItemDetail>(`/api/catalog/items/${id}`, undefined, { quiet: true });
  const posts = useUnitPosts(v?.elements.unitId);
  const units = usePublicUnits();

  if (!v) {
    if (loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
    return <Result status="warning" title="无法加载该版本" subTitle={error ? errorMessage(error) : undefined} />;
  }
  const item = detail?.item;
  const unitName = (uid: number) => (item && uid === item.unitId ? item.unitName : units.unitName(uid));
  const newer = detail?.versions.filter((x) => x.versionNo > v.versionNo).length ?? 0;

  return (
    <PageCard
      title={
        <Space>
          <span>{v.elements.name}</span>
          <Tag color="blue" data-testid="version-no">
            第 {v.versionNo} 版
          </Tag>
          {v.validTo ? (
            <Tag data-testid="version-superseded">已失效</Tag>
          ) : (
            <Tag color="green" data-testid="version-current">
              现行版本
            </Tag>
          )}
        </Space>
      }
      extra={
        <Link to={`/catalog/items/${id}?tab=versions`}>
          <Button icon={<ArrowLeftOutlined />}>返回事项</Button>
        </Link>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="version-view">
        {v.validTo && (
          <Alert
            type="info"
            showIcon
            title={`本版本已于 ${formatInstant(v.validTo)} 被新版本取代${newer ? `（其后共 ${newer} 个版本）` : ''}，仅供查阅；曾在其下办理的办件仍按本版本记录。`}
          />
        )}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'impl', label: '实施编码', children: <Typography.Text code>{v.implCode}</Typography.Text> },
            { key: 'status', label: '状态', children: <Tag color={ITEM_STATUS_COLORS[v.status]}>{ITEM_STATUS_LABELS[v.status]}</Tag> },
            { key: 'from', label: '施行起', children: <span data-testid="version-valid-from">{formatInstant(v.validFrom)}</span> },
            { key: 'to', label: '失效于', children: <span data-testid="version-valid-to">{v.validTo ? formatInstant(v.validTo) : '—（现行）'}</span> },
            { key: 'statusFrom', label: '状态生效日期', children: v.statusFrom },
            { key: 'prior', label: '此前状态', children: v.priorStatus ? ITEM_STATUS_LABELS[v.priorStatus] : '—' },
            { key: 'reason', label: '状态变更原因', span: 2, children: v.statusReason ?? '—' },
            { key: 'published', label: '发布时间', children: formatInstant(v.publishedAt) },
            { key: 'change', label: '变更申请', children: <Link to={`/catalog/changes/${v.changeId}`}>#{v.changeId}</Link> },
            { key: 'hash', label: '要素哈希（SM3）', span: 2, children: <Typography.Text code copyable>{v.elementsHash}</Typography.Text> },
          ]}
        />
        {v.publicityProblems.length > 0 && <PublicityList problems={v.publicityProblems} />}
        <ElementsView elements={v.elements} meta={meta} implCode={v.implCode} unitName={unitName} postName={posts.postName} />
      </Space>
    </PageCard>
  );
}

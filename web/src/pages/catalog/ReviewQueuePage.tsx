// 审核待办: submitted change requests whose part (basic → 编办, flow → 法制) still awaits the
// reviewer's decision.
import { useParams } from 'react-router-dom';
import { Alert, Result } from 'antd';
import { useAuth } from '../../auth/context';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { PageCard } from '../../components/PageCard';
import { useKeysetList } from '../../hooks/useKeysetList';
import type { ChangeSummary, ReviewPart } from './model';
import { PART_LABELS } from './labels';
import { changeColumns } from './components/changeColumns';
import { useCatalogMeta } from './useCatalogMeta';

export default function ReviewQueuePage() {
  const { part = 'basic' } = useParams();
  const { can } = useAuth();
  const meta = useCatalogMeta();
  const p = (part === 'flow' ? 'flow' : 'basic') as ReviewPart;
  const list = useKeysetList<ChangeSummary>('/api/catalog/changes', { state: 'submitted', part: p });
  if (!can(`catalog.review.${p}`)) return <Result status="403" title="无权访问" subTitle="当前角色不审核此类内容。" />;
  return (
    <PageCard title={`审核待办：${PART_LABELS[p]}`}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          p === 'basic'
            ? '编办审核事项的基本要素（编码、名称、依据、材料、期限、收费、结果等）和状态变更；自提交起 10 个工作日内办结。'
            : '法制机构审核内部流程（环节、岗位、时限、退回）和行政处罚裁量基准；自提交起 10 个工作日内办结。'
        }
      />
      <LoadMoreTable<ChangeSummary>
        rowKey="id"
        list={list}
        columns={changeColumns({ openTestId: 'review-open', triggerName: (c) => meta.name('triggerKinds', c) })}
        data-testid="review-table"
      />
    </PageCard>
  );
}

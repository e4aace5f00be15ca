// Route wrapper of the drafting form:
//   /catalog/drafts/new              a new item
//   /catalog/items/:id/change        a change of a published item, prefilled from the version in force
//                                    (?secret=1 preselects 涉密 for 标记涉密)
//   /catalog/changes/:id/edit        a saved draft (or one returned by a reviewer)
import { Link, useMatch, useSearchParams } from 'react-router-dom';
import { Alert, Button, Result, Spin } from 'antd';
import { useMe } from '../../../auth/context';
import { PageCard } from '../../../components/PageCard';
import { useApiData } from '../../../hooks/useApiData';
import { errorMessage } from '../../../hooks/useFeedback';
import type { Change, ItemDetail } from '../model';
import { CHANGE_STATE_LABELS } from '../labels';
import { DraftForm } from './DraftForm';
import { emptyDraft, toDraftValues } from './draftValues';

const Loading = () => <Spin style={{ display: 'block', margin: '80px auto' }} />;

export default function DraftFormPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const changeMatch = useMatch('/catalog/items/:id/change');
  const editMatch = useMatch('/catalog/changes/:id/edit');
  const itemId = changeMatch?.params.id ?? null;
  const changeId = editMatch?.params.id ?? null;

  const item = useApiData<ItemDetail>(itemId ? `/api/catalog/items/${itemId}` : null);
  const change = useApiData<Change>(changeId ? `/api/catalog/changes/${changeId}` : null);
  const changeItem = useApiData<ItemDetail>(change.data ? `/api/catalog/items/${change.data.itemId}` : null, undefined, { quiet: true });

  if (changeId) {
    const c = change.data;
    if (!c) return change.loading ? <Loading /> : <Result status="warning" title="无法加载变更申请" subTitle={errorMessage(change.error)} />;
    if (c.kind === 'status' || (c.state !== 'draft' && c.state !== 'returned'))
      return (
        <Result
          status="info"
          title={`该变更申请${CHANGE_STATE_LABELS[c.state].label}，不能编辑`}
          extra={
            <Link to={`/catalog/changes/${c.id}`}>
              <Button type="primary">查看变更申请</Button>
            </Link>
          }
        />
      );
    const name = changeItem.data?.item.name ?? c.elements.name;
    return (
      <PageCard title={c.kind === 'create' ? `编辑新事项草稿：${name}` : `编辑变更草稿：${name}`}>
        <DraftForm
          key={`change-${c.id}`}
          initial={toDraftValues(c.elements)}
          itemId={c.kind === 'modify' ? c.itemId : null}
          changeId={c.id}
          submitInitial={{ reason: c.reason ?? '', triggerKind: c.triggerKind ?? undefined, triggerDate: c.triggerDate ?? undefined }}
          header={
            <>
              {c.state === 'returned' && (
                <Alert type="warning" showIcon data-testid="draft-returned-opinion" title="审核退回" description={`审核意见：${c.lastOpinion ?? '—'}`} />
              )}
              {c.kind === 'modify' && changeItem.data?.current && (
                <Alert
                  type="info"
                  showIcon
                  title={
                    <span>
                      基于现行第 {changeItem.data.current.versionNo} 版起草；审核通过发布新版本前，现行版本继续有效。
                      <Link to={`/catalog/items/${c.itemId}`}>查看现行版本</Link>
                    </span>
                  }
                />
              )}
            </>
          }
        />
      </PageCard>
    );
  }

  if (itemId) {
    const d = item.data;
    if (!d) return item.loading ? <Loading /> : <Result status="warning" title="无法加载事项" subTitle={errorMessage(item.error)} />;
    if (d.openChange)
      return (
        <Result
          status="info"
          title="该事项已有未完成的变更申请"
          subTitle="每个事项同时只能有一份未完成的变更申请，请在其基础上修改。"
          extra={
            <Link to={d.openChange.state === 'draft' || d.openChange.state === 'returned' ? `/catalog/changes/${d.openChange.id}/edit` : `/catalog/changes/${d.openChange.id}`}>
              <Button type="primary">打开变更申请 #{d.openChange.id}</Button>
            </Link>
          }
        />
      );
    if (!d.current) return <Result status="warning" title="事项尚未发布，请编辑其草稿" />;
    const initial = toDraftValues(d.current.elements);
    const marking = params.get('secret') === '1';
    if (marking) initial.secret = true;
    return (
      <PageCard title={`${marking ? '标记涉密' : '事项变更'}：${d.item.name}`}>
        <DraftForm
          key={`item-${d.item.id}-${marking}`}
          initial={initial}
          itemId={d.item.id}
          changeId={null}
          header={
            <Alert
              type="info"
              showIcon
              title={`以下为现行第 ${d.current.versionNo} 版的全部要素，修改后保存为变更草稿；提交审核并通过后发布为第 ${d.current.versionNo + 1} 版。`}
              description={marking ? '请在“涉密”部分填写定密依据文件。' : undefined}
            />
          }
        />
      </PageCard>
    );
  }

  return (
    <PageCard title="新增事项">
      <DraftForm key="new" initial={emptyDraft(me.unit?.id)} itemId={null} changeId={null} />
    </PageCard>
  );
}

// 待办 (CASE-3): the current steps of the user's posts in their unit, with clock badges;
// second tab: decided/completed cases to 办结 / 送达.
import { useState } from 'react';
import { Tabs } from 'antd';
import { PageCard } from '../../components/PageCard';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { useKeysetList } from '../../hooks/useKeysetList';
import type { CaseSummary } from './model';
import { caseColumns } from './components/caseColumns';

export default function CaseTodoPage() {
  const [kind, setKind] = useState<'steps' | 'issue'>('steps');
  const list = useKeysetList<CaseSummary>('/api/cases/todo', { kind }, 30);
  return (
    <PageCard title="我的待办">
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as 'steps' | 'issue')}
        items={[
          { key: 'steps', label: <span data-testid="todo-tab-steps">待办环节</span> },
          { key: 'issue', label: <span data-testid="todo-tab-issue">待办结 / 送达</span> },
        ]}
      />
      <LoadMoreTable<CaseSummary> rowKey="id" columns={caseColumns({ clockKinds: ['step', 'case_promised', 'case_legal', 'delivery'] })} list={list} data-testid="todo-table" />
    </PageCard>
  );
}

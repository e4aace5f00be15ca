// 受理队列 (CASE-2): the window's submitted and supplement-requested cases with the acceptance
// clock; 受理 / 不予受理 / 补正告知 on the case page. 窗口收件 enters a walk-in application.
import { Link } from 'react-router-dom';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PageCard } from '../../components/PageCard';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { useKeysetList } from '../../hooks/useKeysetList';
import { useAuth } from '../../auth/context';
import type { CaseSummary } from './model';
import { caseColumns } from './components/caseColumns';

export default function AcceptanceQueuePage() {
  const { can } = useAuth();
  const list = useKeysetList<CaseSummary>('/api/cases/acceptance-queue', {}, 30);
  return (
    <PageCard
      title="受理队列"
      extra={
        can('case.enter') && (
          <Link to="/cases/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="window-entry">
              窗口收件
            </Button>
          </Link>
        )
      }
    >
      <LoadMoreTable<CaseSummary>
        rowKey="id"
        columns={caseColumns({ clockKinds: ['acceptance', 'supplement'], step: false })}
        list={list}
        data-testid="acceptance-table"
      />
    </PageCard>
  );
}

// 我的办件 (CASE-8): the signed-in applicant's cases, newest first, keyset 加载更多.
import { Link } from 'react-router-dom';
import { Card } from 'antd';
import type { TableColumnsType } from 'antd';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { useKeysetList } from '../../hooks/useKeysetList';
import { formatDeadline, formatInstant } from '../../utils/format';
import type { OwnCase } from '../cases/model';
import { CaseStatusTag } from '../cases/labels';

export default function HallMyCasesPage() {
  const list = useKeysetList<OwnCase>('/api/public/cases', {}, 20);
  const columns: TableColumnsType<OwnCase> = [
    {
      title: '办件流水号',
      dataIndex: 'caseNo',
      render: (no: string, r) => (
        <Link to={`/hall/my-cases/${r.id}`} data-testid={`my-case-${r.caseNo}`}>
          {no}
        </Link>
      ),
    },
    { title: '事项', dataIndex: 'itemName' },
    { title: '办理单位', dataIndex: 'unitName' },
    { title: '状态', dataIndex: 'statusName', render: (n: string, r) => <CaseStatusTag status={r.status} name={n} /> },
    { title: '申请时间', dataIndex: 'receivedAt', render: (v: string) => formatInstant(v) },
    { title: '预计办结日期', dataIndex: 'expectedCompletion', render: (v: string | null) => (v ? formatDeadline(v) : '—') },
  ];
  return (
    <Card title="我的办件">
      <LoadMoreTable<OwnCase> rowKey="id" columns={columns} list={list} data-testid="my-cases-table" />
    </Card>
  );
}

// 上报记录 (CAT-5): items reported from a lower library to its upper level.
import { Link } from 'react-router-dom';
import { Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { LoadMoreTable } from '../../components/LoadMoreTable';
import { PageCard } from '../../components/PageCard';
import { useKeysetList } from '../../hooks/useKeysetList';
import { formatInstant } from '../../utils/format';
import type { ReportEntry } from './model';

export default function ReportsPage() {
  const list = useKeysetList<ReportEntry>('/api/catalog/reports');
  const columns: TableColumnsType<ReportEntry> = [
    {
      title: '事项',
      dataIndex: 'itemName',
      render: (name: string, r) => (
        <div>
          <Link to={`/catalog/items/${r.itemId}/versions/${r.versionNo}`}>{name}</Link>（第 {r.versionNo} 版）
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.implCode}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: '实施主体', dataIndex: 'unitName' },
    { title: '上报', key: 'route', render: (_, r) => `${r.fromRegionName} → ${r.toRegionName}` },
    { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    { title: '上报时间', dataIndex: 'reportedAt', width: 170, render: formatInstant },
  ];
  return (
    <PageCard title="上报上级权力库记录">
      <LoadMoreTable<ReportEntry> rowKey="id" columns={columns} list={list} data-testid="report-table" />
    </PageCard>
  );
}

// Version history: every published version stays readable, with its validity dates.
import { Link } from 'react-router-dom';
import { Table, Tag } from 'antd';
import type { VersionEntry } from '../model';
import { ITEM_STATUS_COLORS, ITEM_STATUS_LABELS } from '../labels';
import { formatInstant } from '../../../utils/format';

export function VersionsTable({ itemId, versions }: { itemId: number; versions: VersionEntry[] }) {
  return (
    <Table<VersionEntry>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={versions}
      locale={{ emptyText: '尚无已发布的版本' }}
      data-testid="version-table"
      columns={[
        {
          title: '版本',
          dataIndex: 'versionNo',
          width: 110,
          render: (n: number) => (
            <Link to={`/catalog/items/${itemId}/versions/${n}`} data-testid={`version-open-${n}`}>
              第 {n} 版
            </Link>
          ),
        },
        { title: '事项名称', dataIndex: 'name' },
        { title: '状态', dataIndex: 'status', width: 90, render: (s: VersionEntry['status']) => <Tag color={ITEM_STATUS_COLORS[s]}>{ITEM_STATUS_LABELS[s]}</Tag> },
        { title: '状态生效日期', dataIndex: 'statusFrom', width: 120 },
        { title: '施行起', dataIndex: 'validFrom', width: 170, render: formatInstant },
        {
          title: '失效于',
          dataIndex: 'validTo',
          width: 170,
          render: (v: string | null) => (v ? formatInstant(v) : <Tag color="green">现行</Tag>),
        },
        { title: '变更申请', dataIndex: 'changeId', width: 100, render: (c: number) => <Link to={`/catalog/changes/${c}`}>#{c}</Link> },
      ]}
    />
  );
}

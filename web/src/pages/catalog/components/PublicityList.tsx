// CAT-6: publicity elements missing or inconsistent in the version in force.
import { Alert, Table, Tag } from 'antd';
import type { Problem } from '../model';
import { elementLabel } from '../labels';

export function PublicityList({ problems }: { problems: Problem[] }) {
  if (!problems.length) return <Alert type="success" showIcon title="公开要素齐全，未发现问题" data-testid="publicity-ok" />;
  return (
    <Table<Problem>
      size="small"
      rowKey={(_, i) => String(i)}
      pagination={false}
      dataSource={problems}
      data-testid="publicity-problems"
      columns={[
        { title: '问题', dataIndex: 'code', width: 260, render: (c: string) => <Tag color="red">{c}</Tag> },
        { title: '说明', dataIndex: 'message' },
        { title: '涉及要素', dataIndex: 'field', width: 200, render: (f?: string) => (f ? elementLabel(f.split('.')[0]) : '—') },
      ]}
    />
  );
}

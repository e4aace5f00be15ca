// Documents of a case: title, number, verification code, printable page and PDF.
import { Button, Space, Table, Typography } from 'antd';
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { formatInstant } from '../../../utils/format';
import type { DocumentRef } from '../model';

/** `base` is the case's URL prefix: `/api/cases/:id` (staff) or `/api/public/cases/:id` (applicant). */
export function DocumentLinks({ docs, base, testId = 'case-documents' }: { docs: DocumentRef[]; base: string; testId?: string }) {
  return (
    <Table<DocumentRef>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={docs}
      data-testid={testId}
      locale={{ emptyText: '暂无文书' }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '文书', dataIndex: 'title', render: (t: string, d) => <span data-testid={`doc-title-${d.id}`} data-kind={d.kind}>{t}</span> },
        { title: '文号', dataIndex: 'docNo' },
        {
          title: '验证码',
          dataIndex: 'verificationCode',
          render: (c: string, d) => (
            <Typography.Text code copyable data-testid={`doc-code-${d.id}`}>
              {c}
            </Typography.Text>
          ),
        },
        { title: '出具时间', dataIndex: 'issuedAt', render: (v?: string) => formatInstant(v) },
        {
          title: '',
          key: 'open',
          render: (_, d) => (
            <Space>
              <a href={`${base}/documents/${d.id}/html`} target="_blank" rel="noreferrer" data-testid={`doc-html-${d.id}`}>
                <Button size="small" icon={<PrinterOutlined />}>打印页</Button>
              </a>
              <a href={`${base}/documents/${d.id}/pdf`} download data-testid={`doc-pdf-${d.id}`}>
                <Button size="small" icon={<FilePdfOutlined />}>下载 PDF</Button>
              </a>
            </Space>
          ),
        },
      ]}
    />
  );
}

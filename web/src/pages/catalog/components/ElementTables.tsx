// Read-only renderings of the list elements: legal basis, materials, fees, discretion bands.
import type { ReactNode } from 'react';
import { Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { DiscretionBand, Fee, LegalBasis, Material } from '../model';
import { feeStandardText, fineText } from '../labels';
import type { MetaLookup } from '../useCatalogMeta';

const FEE_KIND_NAMES = { fixed: '固定金额', range: '区间', rate: '按量计费' } as const;

export function LegalBasisList({ items, testId = 'el-legalBasis' }: { items: LegalBasis[]; testId?: string }) {
  if (!items.length) return <Typography.Text type="secondary">未填写设定依据</Typography.Text>;
  return (
    <div data-testid={testId}>
      {items.map((b, i) => (
        <div key={i} className="legal-basis">
          <Typography.Text strong>
            《{b.lawName.replace(/^《|》$/g, '')}》{b.article}
          </Typography.Text>
          {b.text ? (
            <Typography.Paragraph className="legal-text">{b.text}</Typography.Paragraph>
          ) : (
            <Typography.Paragraph type="warning">（未公开条款原文）</Typography.Paragraph>
          )}
        </div>
      ))}
    </div>
  );
}

export interface FileRef {
  url: string;
  name: string;
}

interface MaterialsProps {
  materials: Material[];
  meta: MetaLookup;
  /** Link of a material's template / sample, or null. */
  fileOf: (m: Material, which: 'template' | 'sample') => FileRef | null;
  testId?: string;
}

export function MaterialsTable({ materials, meta, fileOf, testId = 'el-materials' }: MaterialsProps) {
  const link = (m: Material, which: 'template' | 'sample'): ReactNode => {
    const f = fileOf(m, which);
    if (!f) return '—';
    return (
      <a href={f.url} download={f.name} data-testid={`material-${which}-${m.code}`}>
        <DownloadOutlined /> {f.name}
      </a>
    );
  };
  return (
    <Table<Material>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={materials}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '无申请材料' }}
      data-testid={testId}
      columns={[
        { title: '序号', key: 'no', width: 60, render: (_, __, i) => i + 1 },
        {
          title: '材料名称',
          dataIndex: 'name',
          render: (name: string, m) => (
            <Space orientation="vertical" size={0}>
              <span data-testid={`material-name-${m.code}`}>{name}</span>
              {m.note && <Typography.Text type="secondary">{m.note}</Typography.Text>}
            </Space>
          ),
        },
        { title: '必要性', dataIndex: 'required', width: 80, render: (r: boolean) => (r ? <Tag color="red">必要</Tag> : <Tag>非必要</Tag>) },
        { title: '原件/复印件', dataIndex: 'form', width: 120, render: (v: string) => meta.name('materialForms', v) },
        { title: '载体', dataIndex: 'media', width: 100, render: (v: string) => meta.name('materialMedia', v) },
        { title: '份数', dataIndex: 'count', width: 60 },
        { title: '空白模板', key: 'template', render: (_, m) => link(m, 'template') },
        { title: '示例样表', key: 'sample', render: (_, m) => link(m, 'sample') },
      ]}
    />
  );
}

export function FeesTable({ free, fees, testId = 'el-fees' }: { free: boolean; fees: Fee[]; testId?: string }) {
  if (free && !fees.length)
    return (
      <Tag color="green" data-testid={testId}>
        不收费
      </Tag>
    );
  return (
    <Table<Fee>
      size="small"
      rowKey={(_, i) => String(i)}
      pagination={false}
      dataSource={fees}
      locale={{ emptyText: '收费事项未列明收费项目' }}
      data-testid={testId}
      columns={[
        { title: '收费项目', dataIndex: 'name' },
        { title: '标准类型', key: 'kind', width: 100, render: (_, f) => FEE_KIND_NAMES[f.standard.kind] },
        { title: '收费标准', key: 'standard', width: 160, render: (_, f) => feeStandardText(f.standard) },
        { title: '收费依据', dataIndex: 'basis', render: (v: string) => v || <Typography.Text type="warning">未公开收费依据</Typography.Text> },
      ]}
    />
  );
}

export function DiscretionTable({ bands, meta, testId = 'el-discretion' }: { bands: DiscretionBand[]; meta: MetaLookup; testId?: string }) {
  return (
    <Table<DiscretionBand>
      size="small"
      rowKey="circumstance"
      pagination={false}
      dataSource={bands}
      locale={{ emptyText: '未设定裁量基准' }}
      data-testid={testId}
      columns={[
        { title: '情节', dataIndex: 'circumstance', width: 80, render: (c: string) => <Tag>{meta.name('circumstances', c)}</Tag> },
        { title: '情节描述', dataIndex: 'description' },
        { title: '罚款幅度', key: 'fine', width: 160, render: (_, b) => fineText(b) },
        { title: '其他处理措施', dataIndex: 'otherMeasures', render: (v: string | null) => v || '—' },
      ]}
    />
  );
}

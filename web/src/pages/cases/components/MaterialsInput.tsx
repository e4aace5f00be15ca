// Materials against a list (the item's materials, or the items of a supplement notice): one file
// per row (scan or upload), optionally the 纸质材料随案流转 flag (window only). Files travel as
// Base64 in the JSON body (`MaterialInput`).
import { Button, Checkbox, Space, Table, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { fileToBase64 } from '../../catalog/files';
import type { MaterialInput } from '../model';

export interface MaterialRow {
  /** Row key (the material code, or a generated key for materials outside the list). */
  key: string;
  code: string | null;
  name: string;
  required?: boolean;
  /** Shown under the name (e.g. the problem named by a supplement notice). */
  hint?: string;
}

export interface MaterialDraft {
  file: File | null;
  paper: boolean;
}
export type MaterialDrafts = Record<string, MaterialDraft>;

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Rows with a file or the paper flag, as the API's materials. */
export async function toMaterialInputs(rows: MaterialRow[], drafts: MaterialDrafts): Promise<MaterialInput[]> {
  const out: MaterialInput[] = [];
  for (const r of rows) {
    const d = drafts[r.key];
    if (!d || (!d.file && !d.paper)) continue;
    out.push({
      code: r.code,
      name: r.name,
      paper: d.paper,
      file: d.file ? { name: d.file.name, mime: d.file.type || 'application/octet-stream', contentBase64: await fileToBase64(d.file) } : null,
    });
  }
  return out;
}

/** Required rows with neither a file nor the paper flag. */
export const missingRequired = (rows: MaterialRow[], drafts: MaterialDrafts) =>
  rows.filter((r) => r.required && !drafts[r.key]?.file && !drafts[r.key]?.paper);

export function MaterialsInput({
  rows,
  value,
  onChange,
  paper = false,
  testId = 'materials-input',
}: {
  rows: MaterialRow[];
  value: MaterialDrafts;
  onChange: (v: MaterialDrafts) => void;
  /** Show the 纸质材料随案流转 flag. */
  paper?: boolean;
  testId?: string;
}) {
  const set = (key: string, patch: Partial<MaterialDraft>) =>
    onChange({ ...value, [key]: { ...(value[key] ?? { file: null, paper: false }), ...patch } });
  return (
    <Table<MaterialRow>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      columns={[
        {
          title: '材料名称',
          dataIndex: 'name',
          render: (name: string, r) => (
            <Space orientation="vertical" size={0}>
              <span>
                {name} {r.required && <Tag color="red">必交</Tag>}
              </span>
              {r.hint && <Typography.Text type="warning">{r.hint}</Typography.Text>}
            </Space>
          ),
        },
        {
          title: '电子件（扫描或上传）',
          key: 'file',
          width: 320,
          render: (_, r) => {
            const f = value[r.key]?.file;
            return (
              <Space data-testid={`material-upload-${r.key}`}>
                <Upload
                  showUploadList={false}
                  beforeUpload={(file) => {
                    if (file.size > MAX_FILE_BYTES) return Upload.LIST_IGNORE;
                    set(r.key, { file });
                    return false;
                  }}
                >
                  <Button size="small" icon={<UploadOutlined />}>
                    {f ? '重新选择' : '选择文件'}
                  </Button>
                </Upload>
                {f && (
                  <Typography.Text data-testid={`material-file-${r.key}`}>
                    <PaperClipOutlined /> {f.name}
                  </Typography.Text>
                )}
              </Space>
            );
          },
        },
        ...(paper
          ? [
              {
                title: '纸质材料随案流转',
                key: 'paper',
                width: 150,
                render: (_: unknown, r: MaterialRow) => (
                  <Checkbox checked={!!value[r.key]?.paper} onChange={(e) => set(r.key, { paper: e.target.checked })} data-testid={`material-paper-${r.key}`} />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

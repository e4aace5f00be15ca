// 导入事项一览表 (Excel) or a JSON export: every row becomes a draft; any error refuses the
// whole file and the server lists the rows (sheet, row, column, message).
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../api';
import { useFeedback } from '../../hooks/useFeedback';
import type { ImportResult, ImportRowError } from './model';
import { fileToBase64 } from './files';

function rowErrors(err: unknown): ImportRowError[] {
  if (!isApiError(err)) return [];
  const rows = (err.details as { rows?: unknown } | undefined)?.rows;
  return Array.isArray(rows) ? (rows as ImportRowError[]) : [];
}

async function send(file: File): Promise<ImportResult> {
  if (/\.json$/i.test(file.name)) {
    let data: unknown;
    try {
      data = JSON.parse(await file.text());
    } catch {
      throw new Error('文件不是有效的 JSON');
    }
    const items = Array.isArray(data) ? data : (data as { items?: unknown })?.items;
    if (!Array.isArray(items) || !items.length) throw new Error('JSON 中没有事项（应为数组，或导出文件的 items）');
    return api.post<ImportResult>('/api/catalog/import/json', { items });
  }
  return api.post<ImportResult>('/api/catalog/import/excel', { contentBase64: await fileToBase64(file) });
}

export function ImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const feedback = useFeedback();
  const [file, setFile] = useState<File | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [errors, setErrors] = useState<ImportRowError[]>([]);
  const [result, setResult] = useState<ImportResult | null>(null);

  const reset = () => {
    setFile(null);
    setProblem(null);
    setErrors([]);
    setResult(null);
  };

  const submit = async () => {
    if (!file) {
      setProblem('请选择要导入的文件');
      return;
    }
    setProblem(null);
    setErrors([]);
    setSaving(true);
    try {
      const res = await send(file);
      setResult(res);
      feedback.success(`已导入 ${res.imported} 个事项草稿`);
      onImported();
    } catch (e) {
      const rows = rowErrors(e);
      if (rows.length || !isApiError(e)) setProblem(e instanceof Error ? e.message : '导入失败');
      else feedback.error(e);
      setErrors(rows);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="导入事项"
      width={760}
      onCancel={onClose}
      afterClose={reset}
      footer={[
        <Button key="cancel" onClick={onClose}>
          关闭
        </Button>,
        <Button key="ok" type="primary" loading={saving} disabled={!!result} onClick={submit} data-testid="catalog-import-submit">
          导入
        </Button>,
      ]}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          上传 Excel 事项一览表（工作表：事项、设定依据、申请材料、收费项目、内部流程、裁量基准，格式同“导出 Excel”）或 JSON
          导出文件。每个事项生成一份草稿（实施编码已存在的生成变更草稿），须再逐一提交审核。任一行有误则全部不导入。
        </Typography.Paragraph>
        <Upload
          accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          onRemove={() => setFile(null)}
          beforeUpload={(f) => {
            setFile(f);
            setResult(null);
            setErrors([]);
            setProblem(null);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="catalog-import-file">
            选择文件
          </Button>
        </Upload>
        {problem && <Alert type="error" showIcon title={problem} data-testid="catalog-import-error" />}
        {errors.length > 0 && (
          <Table<ImportRowError>
            size="small"
            pagination={false}
            scroll={{ y: 300 }}
            rowKey={(_, i) => String(i)}
            dataSource={errors}
            data-testid="catalog-import-rows"
            columns={[
              { title: '工作表', dataIndex: 'sheet', width: 100, render: (v?: string) => v || '—' },
              { title: '行', dataIndex: 'row', width: 60 },
              { title: '列', dataIndex: 'column', width: 120, render: (v?: string) => v || '—' },
              { title: '错误', dataIndex: 'message' },
            ]}
          />
        )}
        {result && (
          <Alert
            type="success"
            showIcon
            data-testid="catalog-import-result"
            title={`已导入 ${result.imported} 个事项草稿`}
            description={<Link to="/catalog/changes?state=draft">到变更申请中查看并提交审核</Link>}
          />
        )}
      </Space>
    </Modal>
  );
}

// 导入: paste `YYYY-MM-DD,holiday|workday,名称` lines or upload a .csv/.json file.
// All or nothing on the server; row errors come back in details.rows.
import { useState } from 'react';
import { Alert, Button, Input, Modal, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../../api';
import { useFeedback } from '../../../hooks/useFeedback';
import { parseImport } from './parseImport';

interface RowError {
  row: number;
  message: string;
}

const EXAMPLE = '2026-10-01,holiday,国庆节\n2026-10-02,holiday,国庆节\n2026-10-10,workday,国庆节调休';

function rowErrors(err: unknown): RowError[] {
  if (!isApiError(err)) return [];
  const rows = (err.details as { rows?: unknown } | undefined)?.rows;
  return Array.isArray(rows) ? (rows as RowError[]) : [];
}

export function ImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const feedback = useFeedback();
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ key: number; where: string; message: string }[]>([]);

  const reset = () => {
    setText('');
    setProblem(null);
    setErrors([]);
  };

  const submit = async () => {
    setProblem(null);
    setErrors([]);
    const parsed = parseImport(text);
    if (parsed.error) {
      setProblem(parsed.error);
      return;
    }
    setSaving(true);
    try {
      const res = await api.post<{ imported: number }>('/api/calendar/import', { days: parsed.days });
      feedback.success(`已导入 ${res.imported} 条`);
      reset();
      onImported();
    } catch (e) {
      const rows = rowErrors(e);
      if (rows.length) {
        setProblem(isApiError(e) ? e.message : '导入数据有误');
        setErrors(rows.map((r, i) => ({ key: i, where: parsed.origins[r.row - 1] ?? `第 ${r.row} 条`, message: r.message })));
      } else feedback.error(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="导入节假日与调休安排"
      width={640}
      onCancel={onClose}
      afterClose={reset}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={submit} data-testid="calendar-import-submit">
          导入
        </Button>,
      ]}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          每行一条：<Typography.Text code>日期,类型,名称</Typography.Text>，类型为 holiday（休）或 workday（班）；也可上传 .csv 或 .json 文件（JSON 为
          <Typography.Text code>[{'{'}"date","kind","name"{'}'}]</Typography.Text>）。任一行有误则全部不导入。
        </Typography.Paragraph>
        <Upload
          accept=".csv,.json,.txt,text/csv,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            file
              .text()
              .then(setText)
              .catch(() => setProblem('无法读取文件'));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="calendar-import-file">
            选择文件
          </Button>
        </Upload>
        <Input.TextArea
          rows={10}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={EXAMPLE}
          style={{ fontFamily: 'monospace' }}
          data-testid="calendar-import-text"
        />
        {problem && <Alert type="error" showIcon title={problem} data-testid="calendar-import-error" />}
        {errors.length > 0 && (
          <Table
            size="small"
            pagination={false}
            scroll={{ y: 240 }}
            dataSource={errors}
            columns={[
              { title: '位置', dataIndex: 'where', width: 110 },
              { title: '错误', dataIndex: 'message' },
            ]}
            data-testid="calendar-import-rows"
          />
        )}
      </Space>
    </Modal>
  );
}

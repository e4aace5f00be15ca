// Form control for a material's template / sample file: uploads through POST /api/catalog/files
// and keeps the file's SHA-256 as the value.
import { useState } from 'react';
import { Button, Space, Tooltip, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useFeedback } from '../../../hooks/useFeedback';
import { staffFileUrl } from '../labels';
import { uploadCatalogFile } from '../files';

const MAX_BYTES = 5 * 1024 * 1024;

interface Props {
  value?: string | null;
  onChange?: (hash: string | null) => void;
  label: string;
  testId: string;
}

export function FileHashInput({ value, onChange, label, testId }: Props) {
  const feedback = useFeedback();
  const [uploading, setUploading] = useState(false);
  const [name, setName] = useState<string | null>(null);

  if (value)
    return (
      <Space size={4} data-testid={`${testId}-value`} data-hash={value}>
        <a href={staffFileUrl(value)} download>
          <PaperClipOutlined /> {name ?? `${label}（${value.slice(0, 8)}）`}
        </a>
        <Tooltip title={`移除${label}`}>
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            onClick={() => {
              setName(null);
              onChange?.(null);
            }}
          />
        </Tooltip>
      </Space>
    );

  return (
    <Upload
      showUploadList={false}
      beforeUpload={(file) => {
        if (file.size > MAX_BYTES) {
          feedback.message.error('文件不能超过 5 MB');
          return false;
        }
        setUploading(true);
        uploadCatalogFile(file)
          .then((r) => {
            setName(file.name);
            onChange?.(r.hash);
          })
          .catch((e) => feedback.error(e))
          .finally(() => setUploading(false));
        return false;
      }}
    >
      <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid={testId}>
        上传{label}
      </Button>
    </Upload>
  );
}

// 文书核验 (CASE-10): a document's verification code → its essential facts.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Space, Typography } from 'antd';
import { api } from '../../api';
import { errorMessage } from '../../hooks/useFeedback';
import { formatInstant } from '../../utils/format';
import type { VerifyResult } from '../cases/model';

export default function HallVerifyPage() {
  const { code: initial } = useParams();
  const [form] = Form.useForm<{ code: string }>();
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const verify = async (code: string) => {
    setLoading(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.get<VerifyResult>(`/api/public/documents/verify/${encodeURIComponent(code.trim())}`, undefined, { noRedirect: true }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (initial) {
      form.setFieldsValue({ code: initial });
      void verify(initial);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="文书核验" extra="输入文书上的 16 位验证码，核对文书的真实性">
        <Form form={form} layout="inline" onFinish={(v) => void verify(v.code)}>
          <Form.Item name="code" rules={[{ required: true, whitespace: true, message: '请填写验证码' }]}>
            <Input placeholder="XXXX-XXXX-XXXX-XXXX" style={{ width: 280 }} maxLength={30} data-testid="verify-code" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={loading} data-testid="verify-submit">
              核验
            </Button>
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="verify-error" />}
      </Card>
      {result && (
        <Card data-testid="verify-result">
          <Result status="success" title="验证通过：该文书由本平台出具" subTitle={<span data-testid="verify-title">{result.title}</span>} />
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'no', label: '文号', children: <span data-testid="verify-doc-no">{result.docNo}</span> },
              { key: 'at', label: '出具时间', children: formatInstant(result.issuedAt) },
              ...result.facts.map((f, i) => ({ key: `f${i}`, label: f.label, children: f.value })),
              { key: 'hash', label: '内容摘要（SM3）', children: <Typography.Text code>{result.contentHash}</Typography.Text> },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

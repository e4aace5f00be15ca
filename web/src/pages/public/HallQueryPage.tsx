// 办件查询 (CASE-8): follow a case by its number and query password, without an account.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { api } from '../../api';
import { errorMessage } from '../../hooks/useFeedback';
import { validValues } from '../../utils/format';
import type { ApplicantView } from '../cases/model';
import { ApplicantCaseView } from '../cases/components/ApplicantCaseView';

export default function HallQueryPage() {
  const [form] = Form.useForm<{ caseNo: string; password: string }>();
  const [view, setView] = useState<ApplicantView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setLoading(true);
    setError(null);
    try {
      setView(await api.post<ApplicantView>('/api/public/case-query', { caseNo: v.caseNo.trim(), password: v.password }, { noRedirect: true }));
    } catch (e) {
      setView(null);
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="办件查询" extra="凭办件流水号和查询密码查询，无需登录">
        <Form form={form} layout="inline" onFinish={() => void submit()}>
          <Form.Item name="caseNo" rules={[{ required: true, whitespace: true, message: '请填写办件流水号' }]}>
            <Input placeholder="办件流水号" style={{ width: 260 }} data-testid="query-case-no" />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: '请填写查询密码' }]}>
            <Input.Password placeholder="查询密码" style={{ width: 200 }} data-testid="query-password" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={loading} data-testid="query-submit">
              查询
            </Button>
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="query-error" />}
      </Card>
      {view && <ApplicantCaseView view={view} docBase={null} />}
    </Space>
  );
}

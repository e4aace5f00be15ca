// 办件查询 (CASE-8): follow a case by its number and query password, without an account, and
// download its notices and decisions (PDF). The password stays in this page's memory and goes
// to the server only in POST bodies — never in a URL; a wrong one counts toward the lockout.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { ApiError, api } from '../../api';
import { errorMessage, useFeedback } from '../../hooks/useFeedback';
import { validValues } from '../../utils/format';
import type { ApplicantView, DocumentRef } from '../cases/model';
import { ApplicantCaseView } from '../cases/components/ApplicantCaseView';

interface Proof {
  caseNo: string;
  password: string;
}

/** POST the proof, save the PDF the server returns under its own file name. */
async function downloadPdf(doc: DocumentRef, proof: Proof): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/public/case-query/documents/${doc.id}/pdf`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/pdf' },
      body: JSON.stringify(proof),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? `下载失败（${res.status}）`, body?.error?.details);
  }
  const blob = await res.blob();
  const named = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '');
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = named ? decodeURIComponent(named[1]) : `${doc.title}.pdf`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export default function HallQueryPage() {
  const feedback = useFeedback();
  const [form] = Form.useForm<Proof>();
  const [view, setView] = useState<ApplicantView | null>(null);
  const [proof, setProof] = useState<Proof | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setLoading(true);
    setError(null);
    const p = { caseNo: v.caseNo.trim(), password: v.password };
    try {
      setView(await api.post<ApplicantView>('/api/public/case-query', p, { noRedirect: true }));
      setProof(p);
    } catch (e) {
      setView(null);
      setProof(null);
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };
  const download = async (doc: DocumentRef) => {
    if (!proof) return;
    try {
      await downloadPdf(doc, proof);
    } catch (e) {
      feedback.error(e);
      if (e instanceof ApiError && (e.status === 401 || e.status === 429)) {
        // wrong password (changed?) or locked: the proof no longer works, ask for it again
        setView(null);
        setProof(null);
        setError(errorMessage(e));
      }
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
      {view && <ApplicantCaseView view={view} docBase={null} onDownload={download} />}
    </Space>
  );
}

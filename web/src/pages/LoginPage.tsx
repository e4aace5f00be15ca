import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { api, AUTH_NOTICE_KEY, isApiError } from '../api';
import { useAuth } from '../auth/context';
import { AuthShell } from '../components/AuthShell';
import { errorMessage } from '../hooks/useFeedback';
import type { LoginResponse } from '../types';
import { safeNext } from '../utils/nav';

interface LoginForm {
  username: string;
  password: string;
}

function describeError(err: unknown): string {
  const text = errorMessage(err);
  if (isApiError(err) && err.code === 'INVALID_CREDENTIALS') {
    const left = (err.details as { remainingAttempts?: number } | undefined)?.remainingAttempts;
    if (typeof left === 'number' && !text.includes(String(left))) return `${text}（还可尝试 ${left} 次）`;
  }
  return text;
}

function takeNotice(): string | null {
  const notice = sessionStorage.getItem(AUTH_NOTICE_KEY);
  if (notice) sessionStorage.removeItem(AUTH_NOTICE_KEY);
  return notice;
}

export default function LoginPage() {
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice] = useState(takeNotice);
  const registered = (location.state as { registered?: string } | null)?.registered;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const res = await api.post<LoginResponse>('/api/auth/login', values, { noRedirect: true });
      signedIn(res);
      const next = safeNext(params.get('next'));
      if (res.mustChangePassword)
        navigate(next === '/' ? '/change-password' : `/change-password?next=${encodeURIComponent(next)}`, { replace: true });
      else navigate(next, { replace: true });
    } catch (e) {
      setError(describeError(e));
      setSubmitting(false);
    }
  };

  return (
    <AuthShell subtitle="行政权力网上运行与电子监察">
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {registered && !error && <Alert type="success" showIcon title={`注册成功，请使用账户 ${registered} 登录`} />}
        {notice && !error && <Alert type="warning" showIcon title={notice} />}
        {error && <Alert type="error" showIcon title={error} data-testid="login-error" />}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: 0 }}>
          办事群众或企业？<Link to="/register" data-testid="register-link">实名注册网上政务大厅账户</Link>
        </Typography.Paragraph>
        <Typography.Paragraph style={{ textAlign: 'center', margin: 0 }}>
          <Link to="/hall" data-testid="hall-link">进入网上办事大厅，查看办事指南</Link>
        </Typography.Paragraph>
      </Space>
    </AuthShell>
  );
}

// Change password. Reached voluntarily (from the header) or forced after sign-in with an
// initial/expired password (403 PASSWORD_CHANGE_REQUIRED), in which case it explains why.
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Form, Input, Space } from 'antd';
import { api } from '../api';
import { useAuth } from '../auth/context';
import { AuthShell } from '../components/AuthShell';
import { applyFieldErrors, errorMessage } from '../hooks/useFeedback';
import { safeNext } from '../utils/nav';

interface PasswordForm {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

const CODE_FIELDS = { WRONG_PASSWORD: 'oldPassword', WEAK_PASSWORD: 'newPassword', PASSWORD_REUSED: 'newPassword' };

export default function ChangePasswordPage() {
  const [form] = Form.useForm<PasswordForm>();
  const { me, clear, loadMe, signOut } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Forced unless we know the signed-in user may skip it.
  const forced = !me || me.mustChangePassword;

  useEffect(() => {
    // /api/auth/me is allowed while a change is pending; without a session it leads to sign-in.
    if (!me) loadMe().catch(() => undefined);
  }, [me, loadMe]);

  const onFinish = async (v: PasswordForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await api.post('/api/auth/change-password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      message.success('密码已修改');
      clear();
      // If the server ended the session, the wrapper has already gone to the sign-in page.
      const ok = await loadMe().then(
        () => true,
        () => false,
      );
      if (ok) navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      applyFieldErrors(form, e, CODE_FIELDS);
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };

  return (
    <AuthShell subtitle="修改密码">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {forced && (
          <Alert
            type="info"
            showIcon
            title="请先修改密码"
            description="为保障账户安全，首次使用初始密码登录、密码被管理员重置或密码超过有效期后，须修改密码才能继续使用系统。新密码须满足安全策略规定的最小长度和字符类别（大写字母、小写字母、数字、特殊字符）要求，且不能与近期使用过的密码相同。"
            data-testid="password-policy"
          />
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="change-password-error" />}
        <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" data-testid="password-old" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            dependencies={['oldPassword']}
            rules={[
              { required: true, message: '请输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  !v || v !== getFieldValue('oldPassword') ? Promise.resolve() : Promise.reject(new Error('新密码不能与原密码相同')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="password-submit">
            修改密码
          </Button>
        </Form>
        <div style={{ textAlign: 'center' }}>
          {forced ? (
            <Button type="link" onClick={() => void signOut()} data-testid="logout">
              退出登录
            </Button>
          ) : (
            <Link to="/">返回首页</Link>
          )}
        </div>
      </Space>
    </AuthShell>
  );
}

// Public hall real-name registration: 自然人 (name + ID number) or 法人 (organisation name +
// unified social credit code). The server validates everything again.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Form, Input, Radio } from 'antd';
import { api } from '../api';
import { AuthShell } from '../components/AuthShell';
import { applyFieldErrors, errorMessage } from '../hooks/useFeedback';
import type { ApplicantType, RegisterRequest } from '../types';
import { codeRule, isValidCreditCode, isValidIdNumber, isValidMobile, USERNAME_RULE } from '../utils/validators';

interface RegisterForm {
  applicantType: ApplicantType;
  displayName?: string;
  idNumber?: string;
  orgName?: string;
  creditCode?: string;
  phone: string;
  username: string;
  password: string;
  confirm: string;
}

const CODE_FIELDS = {
  INVALID_ID_NUMBER: 'idNumber',
  DUPLICATE_ID_NUMBER: 'idNumber',
  INVALID_CREDIT_CODE: 'creditCode',
  CREDIT_CODE_REQUIRED: 'creditCode',
  ORG_NAME_REQUIRED: 'orgName',
  INVALID_USERNAME: 'username',
  DUPLICATE_USERNAME: 'username',
  WEAK_PASSWORD: 'password',
  INVALID_PHONE: 'phone',
};

function toRequest(v: RegisterForm): RegisterRequest {
  const base = {
    username: v.username.trim(),
    password: v.password,
    phone: v.phone.trim(),
    applicantType: v.applicantType,
    displayName: (v.displayName ?? '').trim(),
  };
  if (v.applicantType === 'person') return { ...base, idNumber: (v.idNumber ?? '').trim().toUpperCase() };
  return { ...base, orgName: (v.orgName ?? '').trim(), creditCode: (v.creditCode ?? '').trim().toUpperCase() };
}

export default function RegisterPage() {
  const [form] = Form.useForm<RegisterForm>();
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const type = Form.useWatch('applicantType', form) ?? 'person';

  const onFinish = async (values: RegisterForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const res = await api.post<{ id: number; username: string }>('/api/public/register', toRequest(values), { noRedirect: true });
      navigate('/login', { replace: true, state: { registered: res.username } });
    } catch (e) {
      applyFieldErrors(form, e, CODE_FIELDS);
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };

  return (
    <AuthShell subtitle="网上政务大厅 · 实名注册" wide>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="register-error" />}
      <Form<RegisterForm> form={form} layout="vertical" initialValues={{ applicantType: 'person' }} onFinish={onFinish}>
        <Form.Item label="申请人类型" name="applicantType">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'person', label: '自然人' },
              { value: 'organisation', label: '法人或其他组织' },
            ]}
            data-testid="register-type"
          />
        </Form.Item>
        {type === 'person' ? (
          <>
            <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
              <Input maxLength={64} data-testid="register-displayName" />
            </Form.Item>
            <Form.Item
              label="身份证号"
              name="idNumber"
              rules={[{ required: true, message: '请输入身份证号' }, codeRule(isValidIdNumber, '身份证号格式或校验位不正确')]}
            >
              <Input maxLength={18} data-testid="register-idNumber" />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item label="单位名称" name="orgName" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }]}>
              <Input maxLength={128} data-testid="register-orgName" />
            </Form.Item>
            <Form.Item
              label="统一社会信用代码"
              name="creditCode"
              rules={[
                { required: true, message: '请输入统一社会信用代码' },
                codeRule((s) => isValidCreditCode(s.toUpperCase()), '统一社会信用代码格式或校验位不正确'),
              ]}
            >
              <Input maxLength={18} data-testid="register-creditCode" />
            </Form.Item>
            <Form.Item label="经办人姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入经办人姓名' }]}>
              <Input maxLength={64} data-testid="register-displayName" />
            </Form.Item>
          </>
        )}
        <Form.Item
          label="手机号码"
          name="phone"
          rules={[{ required: true, message: '请输入手机号码' }, codeRule(isValidMobile, '请输入 11 位手机号码')]}
        >
          <Input maxLength={11} data-testid="register-phone" />
        </Form.Item>
        <Form.Item
          label="用户名"
          name="username"
          rules={[{ required: true, whitespace: true, message: '请输入用户名' }, USERNAME_RULE]}
        >
          <Input maxLength={32} autoComplete="username" data-testid="register-username" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]} extra="密码须符合平台安全策略（长度及字符类别要求）">
          <Input.Password autoComplete="new-password" data-testid="register-password" />
        </Form.Item>
        <Form.Item
          label="确认密码"
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入密码' },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="register-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="register-submit">
          注册
        </Button>
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          已有账户？<Link to="/login">返回登录</Link>
        </div>
      </Form>
    </AuthShell>
  );
}

// 安全策略: password, session and lockout policy (GET/PUT /api/settings/security).
import { useEffect, useState } from 'react';
import { Alert, Button, Form, InputNumber, Skeleton, Space } from 'antd';
import { api } from '../../../api';
import { PageCard } from '../../../components/PageCard';
import { useApiData } from '../../../hooks/useApiData';
import { useFeedback } from '../../../hooks/useFeedback';
import type { SecuritySettings } from '../../../types';

const FIELDS: { name: keyof SecuritySettings; label: string; min: number; max: number; extra?: string }[] = [
  { name: 'passwordMinLength', label: '密码最小长度', min: 8, max: 64 },
  { name: 'passwordMinClasses', label: '密码至少包含字符类别数', min: 1, max: 4, extra: '大写字母、小写字母、数字、特殊字符四类' },
  { name: 'passwordExpiryDays', label: '密码有效期（天，0 为不过期）', min: 0, max: 3650 },
  { name: 'sessionIdleMinutes', label: '会话空闲超时（分钟）', min: 1, max: 1440 },
  { name: 'sessionMaxHours', label: '会话最长时长（小时）', min: 1, max: 72 },
  { name: 'lockoutThreshold', label: '登录失败锁定阈值（次）', min: 1, max: 100 },
  { name: 'lockoutMinutes', label: '锁定时长（分钟）', min: 1, max: 1440 },
];

export default function SecurityPolicyPage() {
  const [form] = Form.useForm<SecuritySettings>();
  const feedback = useFeedback();
  const { data, loading, setData } = useApiData<SecuritySettings>('/api/settings/security');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);

  const save = async (v: SecuritySettings) => {
    setSaving(true);
    try {
      const saved = await api.put<SecuritySettings>('/api/settings/security', v);
      if (saved) setData(saved);
      feedback.success('安全策略已保存');
    } catch (e) {
      feedback.error(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageCard title="安全策略">
      <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }}>
        <Alert type="info" showIcon title="修改后对新的登录和密码修改立即生效；已登录会话按新的超时规则判断。" />
        {loading && !data ? (
          <Skeleton active />
        ) : (
          <Form<SecuritySettings> form={form} layout="vertical" onFinish={save}>
            {FIELDS.map((f) => (
              <Form.Item
                key={f.name}
                label={f.label}
                name={f.name}
                extra={f.extra}
                rules={[
                  { required: true, message: `请填写${f.label}` },
                  { type: 'number', min: f.min, max: f.max, message: `取值范围 ${f.min}–${f.max}` },
                ]}
              >
                <InputNumber min={f.min} max={f.max} precision={0} style={{ width: 200 }} data-testid={`security-${f.name}`} />
              </Form.Item>
            ))}
            <Space>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="security-submit">
                保存
              </Button>
              <Button onClick={() => data && form.setFieldsValue(data)}>还原</Button>
            </Space>
          </Form>
        )}
      </Space>
    </PageCard>
  );
}

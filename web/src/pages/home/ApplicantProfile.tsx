// Applicant (public hall) account: real-name information. Online services come later.
import { Alert, Card, Descriptions, Space } from 'antd';
import { useMe } from '../../auth/context';

export default function ApplicantProfile() {
  const me = useMe();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="实名信息" data-testid="applicant-profile">
        <Descriptions
          column={1}
          items={[
            { key: 'name', label: '姓名 / 经办人', children: me.displayName },
            { key: 'username', label: '用户名', children: me.username },
            { key: 'kind', label: '账户类型', children: '网上政务大厅申请人（已实名注册）' },
            { key: 'roles', label: '角色', children: me.roles.map((r) => r.name).join('、') || '申请人' },
          ]}
        />
      </Card>
      <Alert type="info" showIcon title="我的办件（即将开放）" description="网上申报、办件查询等功能即将开放，敬请期待。" />
    </Space>
  );
}

// Applicant (public hall) account: real-name information and the way to online services.
import { Card, Descriptions, Space } from 'antd';
import { Link } from 'react-router-dom';
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
      <Card title="网上办事" data-testid="applicant-services">
        <Space size="large" wrap>
          <Link to="/hall">办事指南与在线申办</Link>
          <Link to="/hall/my-cases">我的办件</Link>
          <Link to="/hall/query">办件查询</Link>
          <Link to="/hall/verify">文书核验</Link>
        </Space>
      </Card>
    </Space>
  );
}

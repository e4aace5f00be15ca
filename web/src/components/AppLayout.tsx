import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import { KeyOutlined, LogoutOutlined, SunOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth, useMe } from '../auth/context';
import { menuFor, selectedKey } from './menuConfig';
import { NotificationBell } from '../pages/supervision/NotificationBell';

const { Header, Sider, Content } = Layout;

export default function AppLayout() {
  const me = useMe();
  const { signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const menu = useMemo(() => menuFor(me), [me]);
  const current = selectedKey(menu.leaves, location.pathname);

  const logout = async () => {
    setSigningOut(true);
    await signOut();
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} theme="dark">
        <div style={{ height: 64, display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 8, color: '#fff' }}>
          <SunOutlined style={{ fontSize: 22, color: '#f5a623' }} />
          {!collapsed && <span style={{ fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap' }}>阳光政务监察平台</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={menu.items}
          selectedKeys={current ? [current] : []}
          defaultOpenKeys={menu.groups}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space size="middle">
            {me.kind === 'staff' && <NotificationBell />}
            <Dropdown
              menu={{
                items: [{ key: 'password', icon: <KeyOutlined />, label: '修改密码' }],
                onClick: () => navigate('/change-password'),
              }}
            >
              <Space data-testid="current-user" style={{ cursor: 'pointer' }}>
                <UserOutlined />
                <Typography.Text strong>{me.displayName}</Typography.Text>
                {me.unit && <Typography.Text type="secondary">{me.unit.name}</Typography.Text>}
              </Space>
            </Dropdown>
            <Button icon={<LogoutOutlined />} onClick={logout} loading={signingOut} data-testid="logout">
              退出登录
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}

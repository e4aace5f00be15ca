// The public hall's frame (no sign-in): header 阳光政务 网上办事大厅 with 登录 / 注册.
import { Link, Outlet } from 'react-router-dom';
import { Layout, Space } from 'antd';
import { LoginOutlined, SunOutlined, UserAddOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/context';

export default function PublicLayout() {
  const { me } = useAuth();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <header className="hall-header" data-testid="hall-header">
        <Link to="/hall" className="hall-brand" data-testid="hall-home">
          <SunOutlined style={{ fontSize: 26, color: '#f5a623' }} />
          <span>阳光政务 网上办事大厅</span>
        </Link>
        <Space size="large" className="hall-nav">
          <Link to="/hall">事项目录</Link>
          <Link to="/hall/query" data-testid="hall-query">办件查询</Link>
          <Link to="/hall/verify" data-testid="hall-verify">文书核验</Link>
          {me?.kind === 'applicant' && (
            <Link to="/hall/my-cases" data-testid="hall-my-cases">我的办件</Link>
          )}
          {me ? (
            <Link to="/" data-testid="hall-account">
              {me.displayName}
            </Link>
          ) : (
            <>
              <Link to="/login?next=%2Fhall" data-testid="hall-login">
                <LoginOutlined /> 登录
              </Link>
              <Link to="/register" data-testid="hall-register">
                <UserAddOutlined /> 注册
              </Link>
            </>
          )}
        </Space>
      </header>
      <main className="hall-main">
        <Outlet />
      </main>
      <footer className="hall-footer">阳光政务监察平台 · 行政权力网上公开透明运行</footer>
    </Layout>
  );
}

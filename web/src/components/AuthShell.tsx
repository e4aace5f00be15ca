// Centered card layout for the sign-in, registration and change-password pages.
import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { SunOutlined } from '@ant-design/icons';

export function AuthShell({ subtitle, wide, children }: { subtitle: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className="auth-page">
      <Card className={wide ? 'auth-card wide' : 'auth-card'}>
        <div className="auth-title">
          <SunOutlined style={{ fontSize: 36, color: '#f5a623' }} />
          <Typography.Title level={3} style={{ margin: '8px 0 4px' }}>
            阳光政务监察平台
          </Typography.Title>
          <Typography.Text type="secondary">{subtitle}</Typography.Text>
        </div>
        {children}
      </Card>
    </div>
  );
}

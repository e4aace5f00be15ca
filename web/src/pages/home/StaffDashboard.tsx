import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useMe } from '../../auth/context';
import { menuFor } from '../../components/menuConfig';
import { scopeLabel } from '../../labels';

const chinaHour = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' });

function greeting(): string {
  const h = Number(chinaHour.format(new Date()));
  if (h < 6) return '夜深了';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export default function StaffDashboard() {
  const me = useMe();
  const shortcuts = useMemo(() => menuFor(me).leaves.filter((l) => l.path !== '/'), [me]);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welcome">
          {greeting()}，{me.displayName}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          欢迎使用阳光政务监察平台。
        </Typography.Paragraph>
      </Card>
      <Card title="我的账户">
        <Descriptions
          column={{ xs: 1, md: 2 }}
          data-testid="profile"
          items={[
            { key: 'username', label: '用户名', children: me.username },
            { key: 'name', label: '姓名', children: me.displayName },
            { key: 'unit', label: '所在单位', children: me.unit?.name ?? '—' },
            { key: 'region', label: '行政区划', children: me.region ? `${me.region.name}（${me.region.code}）` : '—' },
            {
              key: 'roles',
              label: '角色',
              children: me.roles.length ? me.roles.map((r) => <Tag key={r.code} color="red">{r.name}</Tag>) : '—',
            },
            { key: 'scope', label: '数据范围', children: <span data-testid="scope-name">{scopeLabel(me.scope)}</span> },
            {
              key: 'posts',
              label: '岗位',
              children: me.posts.length ? me.posts.map((p) => <Tag key={p.id}>{p.name}</Tag>) : '—',
            },
          ]}
        />
      </Card>
      {shortcuts.length > 0 && (
        <Card title="常用功能">
          <Row gutter={[16, 16]}>
            {shortcuts.map((s) => (
              <Col key={s.key} xs={12} md={6} xl={4}>
                <Link to={s.path}>
                  <Card hoverable size="small" style={{ textAlign: 'center' }}>
                    {s.label}
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      )}
    </Space>
  );
}

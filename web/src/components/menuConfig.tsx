// The side menu: which entries a user sees depends on `me.permissions` (the server still
// checks every request). Each entry carries `data-testid="menu-<key>"`.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  FileDoneOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Me } from '../types';

interface Leaf {
  key: string;
  label: string;
  path: string;
  /** Permission needed; undefined = every staff user. */
  permission?: string;
  icon?: ReactNode;
}
interface Group {
  key: string;
  label: string;
  icon: ReactNode;
  children: Leaf[];
}
type Entry = Leaf | Group;

const STAFF_MENU: Entry[] = [
  { key: 'dashboard', label: '首页', path: '/', icon: <HomeOutlined /> },
  {
    key: 'cases',
    label: '办件工作台',
    icon: <FileDoneOutlined />,
    children: [
      { key: 'cases-todo', label: '我的待办', path: '/cases/todo', permission: 'case.view' },
      { key: 'cases-acceptance', label: '受理队列', path: '/cases/acceptance', permission: 'case.accept' },
      { key: 'cases-new', label: '窗口收件', path: '/cases/new', permission: 'case.enter' },
      { key: 'cases-list', label: '办件查询', path: '/cases', permission: 'case.view' },
    ],
  },
  {
    key: 'catalog',
    label: '行政权力库',
    icon: <BookOutlined />,
    children: [
      { key: 'catalog-items', label: '事项清单', path: '/catalog/items', permission: 'catalog.view' },
      { key: 'catalog-changes', label: '变更申请', path: '/catalog/changes', permission: 'catalog.draft' },
      { key: 'catalog-review-basic', label: '编办审核', path: '/catalog/review/basic', permission: 'catalog.review.basic' },
      { key: 'catalog-review-flow', label: '法制审核', path: '/catalog/review/flow', permission: 'catalog.review.flow' },
      { key: 'catalog-exemptions', label: '免于监察', path: '/catalog/exemptions', permission: 'catalog.view' },
      { key: 'catalog-publicity', label: '公开异常', path: '/catalog/publicity', permission: 'catalog.view' },
      { key: 'catalog-reports', label: '上报记录', path: '/catalog/reports', permission: 'catalog.view' },
    ],
  },
  {
    key: 'supervision',
    label: '电子监察',
    icon: <SafetyCertificateOutlined />,
    children: [
      { key: 'sup-overview', label: '监察总览', path: '/supervision/overview', permission: 'supervision.view' },
      { key: 'sup-signals', label: '预警信号', path: '/supervision/signals', permission: 'supervision.view' },
      { key: 'sup-cases', label: '办件监控', path: '/supervision/cases', permission: 'supervision.view' },
      { key: 'sup-tasks', label: '督查督办', path: '/supervision/tasks', permission: 'supervision.view' },
      { key: 'sup-ledger', label: '监察台账', path: '/supervision/ledger', permission: 'supervision.view' },
      { key: 'sup-approvals', label: '审批', path: '/supervision/approvals', permission: 'supervision.view' },
      { key: 'sup-patrols', label: '巡查', path: '/supervision/patrols', permission: 'supervision.handle' },
      { key: 'sup-samplings', label: '抽查', path: '/supervision/samplings', permission: 'supervision.handle' },
      { key: 'sup-rules', label: '监察规则库', path: '/supervision/rules', permission: 'supervision.view' },
    ],
  },
  {
    key: 'org',
    label: '组织机构',
    icon: <ApartmentOutlined />,
    children: [
      { key: 'regions', label: '行政区划', path: '/admin/regions', permission: 'org.view' },
      { key: 'units', label: '单位', path: '/admin/units', permission: 'org.view' },
      { key: 'posts', label: '岗位', path: '/admin/posts', permission: 'org.view' },
    ],
  },
  {
    key: 'access',
    label: '用户与角色',
    icon: <TeamOutlined />,
    children: [
      { key: 'users', label: '用户', path: '/admin/users', permission: 'user.view' },
      { key: 'roles', label: '角色', path: '/admin/roles', permission: 'role.manage' },
    ],
  },
  { key: 'calendar', label: '工作日历', path: '/admin/calendar', icon: <CalendarOutlined /> },
  {
    key: 'audit',
    label: '安全审计',
    icon: <AuditOutlined />,
    children: [
      { key: 'login-logs', label: '登录日志', path: '/admin/logs/login', permission: 'log.view' },
      { key: 'operation-logs', label: '操作日志', path: '/admin/logs/operations', permission: 'log.view' },
      { key: 'security', label: '安全策略', path: '/admin/settings/security', permission: 'settings.manage' },
    ],
  },
];

const APPLICANT_MENU: Entry[] = [
  { key: 'dashboard', label: '我的账户', path: '/', icon: <HomeOutlined /> },
  { key: 'my-cases', label: '我的办件', path: '/hall/my-cases', icon: <FileDoneOutlined /> },
];

const isGroup = (e: Entry): e is Group => 'children' in e;

function leafItem(l: Leaf) {
  return {
    key: l.key,
    icon: l.icon,
    label: (
      <Link to={l.path} data-testid={`menu-${l.key}`}>
        {l.label}
      </Link>
    ),
  };
}

export function menuFor(me: Me): { items: NonNullable<MenuProps['items']>; leaves: Leaf[]; groups: string[] } {
  const allowed = (l: Leaf) => !l.permission || me.permissions.includes(l.permission);
  const entries = me.kind === 'staff' ? STAFF_MENU : APPLICANT_MENU;
  const items: NonNullable<MenuProps['items']> = [];
  const leaves: Leaf[] = [];
  const groups: string[] = [];
  for (const e of entries) {
    if (!isGroup(e)) {
      if (!allowed(e)) continue;
      items.push(leafItem(e));
      leaves.push(e);
      continue;
    }
    const children = e.children.filter(allowed);
    if (!children.length) continue;
    groups.push(e.key);
    leaves.push(...children);
    items.push({
      key: e.key,
      icon: e.icon,
      label: <span data-testid={`menu-${e.key}`}>{e.label}</span>,
      children: children.map(leafItem),
    });
  }
  return { items, leaves, groups };
}

/** The menu key of the page at `pathname` (longest matching path). */
export function selectedKey(leaves: Leaf[], pathname: string): string | undefined {
  let best: Leaf | undefined;
  for (const l of leaves) {
    const match = l.path === '/' ? pathname === '/' : pathname === l.path || pathname.startsWith(l.path + '/');
    if (match && (!best || l.path.length > best.path.length)) best = l;
  }
  return best?.key;
}

// Permissions are fixed in code (what a route checks); roles are data (which permissions
// and which data scope a group of users has). Later modules add their permissions here.
import type { ScopeKind } from './tables.ts';

export const PERMISSIONS = {
  'org.view': '查看组织机构',
  'region.manage': '管理行政区划',
  'unit.manage': '管理单位',
  'post.manage': '管理岗位',
  'user.view': '查看用户',
  'user.manage': '管理用户',
  'role.manage': '管理角色',
  'calendar.manage': '管理工作日历',
  'log.view': '查看登录日志和操作日志',
  'settings.manage': '管理安全策略',
  // power library (issue 3)
  'catalog.view': '查看行政权力库',
  'catalog.draft': '起草和维护本单位事项',
  'catalog.review.basic': '审核事项基本要素（编办）',
  'catalog.review.flow': '审核内部流程和裁量基准（法制）',
  'catalog.exempt.supervision': '审批涉密事项免于监察（监察机关）',
  'catalog.exempt.secrecy': '审批涉密事项免于监察（保密部门）',
  // case processing (issue 4)
  'case.view': '查看办件',
  'case.enter': '窗口收件录入',
  'case.accept': '受理、不予受理、补正告知',
  'case.handle': '办理环节（承办、审核、批准）',
  'case.extend': '批准延期',
  // electronic supervision (issue 5)
  'supervision.view': '查看电子监察信号、督办和统计',
  'supervision.handle': '处置监察信号（调查、认定、整改、再监察、人工发出信号）',
  'supervision.explain': '对监察信号作出说明或申诉（被监察单位）',
  'supervision.rules': '维护监察规则库和预警阈值',
  'supervision.task.approve': '批准督查督办事项的交办和延期（监察机关领导）',
  'export.approve': '批准复制下载监察数据（分管领导，四川办法第十五条）',
} as const;
export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/**
 * Permissions for doing the unit's own work rather than managing, reviewing or supervising.
 * A manager may grant a role carrying these even without holding them (a unit admin staffs
 * handlers without handling cases); any other permission must be held to be granted.
 */
export const OPERATIONAL_PERMISSIONS = new Set<string>([
  'org.view', 'user.view', 'catalog.view', 'case.view', 'case.enter', 'case.accept', 'case.handle', 'case.extend', 'supervision.explain',
]);

/** Wider scope first; a user with several roles gets the widest. */
export const SCOPE_ORDER: ScopeKind[] = ['all', 'region', 'unit_tree', 'unit', 'self'];
export const SCOPE_NAMES: Record<ScopeKind, string> = {
  all: '全部',
  region: '本区域及下级',
  unit_tree: '本单位及下级',
  unit: '本单位',
  self: '本人',
};

export function widestScope(scopes: ScopeKind[]): ScopeKind {
  let best = SCOPE_ORDER.length - 1;
  for (const s of scopes) best = Math.min(best, SCOPE_ORDER.indexOf(s));
  return SCOPE_ORDER[best];
}
export function scopeWithin(inner: ScopeKind, outer: ScopeKind): boolean {
  return SCOPE_ORDER.indexOf(inner) >= SCOPE_ORDER.indexOf(outer);
}

export interface BuiltinRole {
  code: string;
  name: string;
  scope: ScopeKind;
  permissions: Permission[];
  description: string;
}

// SEC-1 / SEC-5: separation of duties — the system admin manages, the security auditor only reads logs.
export const BUILTIN_ROLES: BuiltinRole[] = [
  { code: 'applicant', name: '申请人', scope: 'self', permissions: [], description: '网上政务大厅实名账户（自然人或法人）' },
  { code: 'window_clerk', name: '窗口受理人员', scope: 'unit', permissions: ['org.view', 'catalog.view', 'case.view', 'case.enter', 'case.accept'], description: '政务服务中心窗口收件、受理' },
  { code: 'handler', name: '承办人员', scope: 'unit', permissions: ['org.view', 'catalog.view', 'case.view', 'case.handle'], description: '承办环节' },
  { code: 'reviewer', name: '审核人员', scope: 'unit', permissions: ['org.view', 'catalog.view', 'case.view', 'case.handle'], description: '审核环节' },
  { code: 'approver', name: '批准人员（单位领导）', scope: 'unit_tree', permissions: ['org.view', 'user.view', 'catalog.view', 'case.view', 'case.handle', 'case.extend', 'supervision.view', 'supervision.explain'], description: '批准环节、延期审批；对监察信号作出说明' },
  {
    code: 'unit_admin', name: '单位管理员', scope: 'unit_tree',
    permissions: ['org.view', 'unit.manage', 'post.manage', 'user.view', 'user.manage', 'catalog.view', 'catalog.draft', 'case.view', 'supervision.view', 'supervision.explain'],
    description: '维护本单位及下级单位的岗位、用户和行政权力事项',
  },
  { code: 'supervisor', name: '监察人员', scope: 'region', permissions: ['org.view', 'user.view', 'catalog.view', 'catalog.exempt.supervision', 'case.view', 'supervision.view', 'supervision.handle', 'supervision.rules'], description: '本级及下级区域的电子监察' },
  {
    code: 'supervision_leader', name: '监察机关领导', scope: 'region',
    permissions: ['org.view', 'user.view', 'catalog.view', 'case.view', 'supervision.view', 'supervision.handle', 'supervision.task.approve', 'export.approve'],
    description: '批准督查督办事项交办、延期和监察数据导出',
  },
  { code: 'legal_affairs', name: '法制人员', scope: 'region', permissions: ['org.view', 'catalog.view', 'catalog.review.flow', 'case.view'], description: '内部流程、裁量基准审查，法制监督' },
  { code: 'catalogue_reviewer', name: '编办审核人员', scope: 'region', permissions: ['org.view', 'catalog.view', 'catalog.review.basic'], description: '行政权力事项基本要素审核' },
  { code: 'secrecy_officer', name: '保密部门人员', scope: 'region', permissions: ['org.view', 'catalog.view', 'catalog.exempt.secrecy'], description: '涉密事项免于监察的保密审批（CAT-7）' },
  { code: 'security_auditor', name: '安全审计员', scope: 'all', permissions: ['org.view', 'user.view', 'log.view'], description: '查看登录日志和操作日志' },
  { code: 'system_admin', name: '系统管理员', scope: 'all', permissions: ALL_PERMISSIONS, description: '全部管理权限' },
];

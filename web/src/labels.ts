// Chinese display names for the API's stable codes.
import type { DayKind, LoginResult, RegionLevel, ScopeKind, UnitKind } from './types';

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  department: '部门',
  agency: '机构',
  supervision: '监察局',
  legal: '法制机构',
  establishment: '编办',
  service_center: '政务服务中心',
  hall: '服务大厅',
  window: '窗口',
  government: '人民政府',
};
export const UNIT_KIND_OPTIONS = (Object.keys(UNIT_KIND_LABELS) as UnitKind[]).map((value) => ({
  value,
  label: UNIT_KIND_LABELS[value],
}));
/** Unit kinds that need no 统一社会信用代码. */
export const KINDS_WITHOUT_CREDIT_CODE: UnitKind[] = ['hall', 'window'];

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇级',
};

export const SCOPE_LABELS: Record<ScopeKind, string> = {
  all: '全部',
  region: '本区域及下级',
  unit_tree: '本单位及下级',
  unit: '本单位',
  self: '本人',
};
export const scopeLabel = (code: string): string => SCOPE_LABELS[code as ScopeKind] ?? code;

export const LOGIN_RESULT_LABELS: Record<LoginResult, string> = {
  success: '登录成功',
  bad_password: '密码错误',
  locked: '账户锁定',
  unknown_user: '用户不存在',
  inactive: '账户停用',
  logout: '退出登录',
};
export const LOGIN_RESULT_COLORS: Record<LoginResult, string> = {
  success: 'green',
  bad_password: 'orange',
  locked: 'red',
  unknown_user: 'volcano',
  inactive: 'default',
  logout: 'blue',
};

export const OPERATION_RESULT_LABELS: Record<string, { label: string; color: string }> = {
  ok: { label: '成功', color: 'green' },
  refused: { label: '被拒绝', color: 'orange' },
  error: { label: '出错', color: 'red' },
};

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  workday: '工作日',
  weekend: '周末',
  holiday: '法定节假日',
  makeup: '调休上班日',
};

export const WEEKDAY_HEADERS = ['一', '二', '三', '四', '五', '六', '日'];

export const ACTIVE_FILTER_OPTIONS = [
  { value: 'true', label: '启用' },
  { value: 'false', label: '停用' },
];

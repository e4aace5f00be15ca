// Response and request shapes of the Sunlight API (mirrors docs/api-foundation.md).

/** `YYYY-MM-DD` */
export type IsoDate = string;
/** ISO-8601 instant */
export type IsoInstant = string;

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Keyset page: pass `nextCursor` back as `after`; null when there is no more. */
export interface Page<T> {
  items: T[];
  nextCursor: number | null;
}
export interface ItemList<T> {
  items: T[];
}

// ---------------------------------------------------------------- auth
export type UserKind = 'staff' | 'applicant';
export type ScopeKind = 'all' | 'region' | 'unit_tree' | 'unit' | 'self';

export interface Me {
  id: number;
  username: string;
  displayName: string;
  kind: UserKind;
  unit: { id: number; name: string } | null;
  region: { code: string; name: string } | null;
  roles: { code: string; name: string }[];
  permissions: string[];
  scope: ScopeKind | string;
  posts: { id: number; name: string; unitId: number }[];
  mustChangePassword: boolean;
  csrfToken: string;
}

export interface LoginResponse {
  user: Me;
  csrfToken: string;
  mustChangePassword: boolean;
}

export type ApplicantType = 'person' | 'organisation';
export interface RegisterRequest {
  username: string;
  password: string;
  displayName: string;
  applicantType: ApplicantType;
  idNumber?: string;
  orgName?: string;
  creditCode?: string;
  phone: string;
}

// ---------------------------------------------------------------- organisation
export type RegionLevel = 'province' | 'city' | 'county' | 'township';
export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  active: boolean;
}

export type UnitKind =
  | 'department'
  | 'agency'
  | 'supervision'
  | 'legal'
  | 'establishment'
  | 'service_center'
  | 'hall'
  | 'window'
  | 'government';

export interface Unit {
  id: number;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  /** Chinese name of `kind`. */
  kindName?: string;
  creditCode: string | null;
  regionCode: string;
  regionName: string | null;
  parentId: number | null;
  parentName: string | null;
  phone: string | null;
  address: string | null;
  active: boolean;
  deactivatedAt: IsoInstant | null;
  deactivatedReason: string | null;
}
export interface UnitCreate {
  name: string;
  shortName?: string;
  kind: UnitKind;
  creditCode?: string;
  regionCode: string;
  parentId?: number;
  phone?: string;
  address?: string;
}
export interface UnitPatch {
  name?: string;
  shortName?: string | null;
  kind?: UnitKind;
  phone?: string | null;
  address?: string | null;
}

export interface Post {
  id: number;
  unitId: number;
  unitName: string | null;
  code: string;
  name: string;
  duty: string | null;
  active: boolean;
}

// ---------------------------------------------------------------- users and roles
export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  kind: UserKind;
  unitId: number | null;
  unitName: string | null;
  roles: string[];
  active: boolean;
  locked: boolean;
  lastLoginAt: IsoInstant | null;
}
export interface UserDetail extends UserSummary {
  phone: string | null;
  email: string | null;
  idNumberMasked: string | null;
  applicantType?: ApplicantType | null;
  orgName?: string | null;
  creditCode?: string | null;
  postIds: number[];
  mustChangePassword: boolean;
  createdAt: IsoInstant;
  deactivatedReason: string | null;
}
export interface UserCreate {
  username: string;
  displayName: string;
  unitId: number;
  phone?: string;
  email?: string;
  roles: string[];
  postIds: number[];
}
export interface UserPatch {
  displayName?: string;
  unitId?: number;
  phone?: string | null;
  email?: string | null;
  roles?: string[];
  postIds?: number[];
}
export interface UserCreated {
  user: UserDetail;
  initialPassword: string;
}
/** Answer of deactivate / activate / reset-password / unlock. */
export interface UserActionResult {
  user: UserDetail;
  initialPassword?: string;
}

export interface Role {
  code: string;
  name: string;
  scope: ScopeKind;
  scopeName?: string;
  permissions: string[];
  description: string | null;
  builtin: boolean;
  active: boolean;
}
export interface CodeName {
  code: string;
  name: string;
}
export interface RolesResponse {
  items: Role[];
  permissions: CodeName[];
  scopes: CodeName[];
}

// ---------------------------------------------------------------- calendar
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';
export interface CalendarDay {
  date: IsoDate;
  working: boolean;
  kind: DayKind;
  name: string | null;
  source: string | null;
}
export interface CalendarMonth {
  year: number;
  month: number;
  days: CalendarDay[];
}
export type OverrideKind = 'holiday' | 'workday';
export interface CalendarOverride {
  date: IsoDate;
  kind: OverrideKind;
  name: string;
}
export interface DeadlineResult {
  date: IsoDate;
  deadline: IsoInstant;
}

// ---------------------------------------------------------------- logs and settings
export type LoginResult = 'success' | 'bad_password' | 'locked' | 'unknown_user' | 'inactive' | 'logout';
export interface LoginLogEntry {
  id: number;
  at: IsoInstant;
  username: string;
  userId: number | null;
  ip: string | null;
  userAgent: string | null;
  result: LoginResult | string;
  detail: string | null;
}
export interface OperationLogEntry {
  id: number;
  at: IsoInstant;
  userId: number | null;
  username: string | null;
  unitId: number | null;
  ip: string | null;
  requestId: string | null;
  method: string | null;
  route: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** ok | refused | error */
  result: string;
  statusCode: number | null;
  detail: unknown;
}

export interface SecuritySettings {
  passwordMinLength: number;
  passwordMinClasses: number;
  passwordExpiryDays: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
}

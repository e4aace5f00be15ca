import type { Generated, Insertable, Selectable } from 'kysely';

export type ScopeKind = 'all' | 'region' | 'unit_tree' | 'unit' | 'self';
export type RegionLevel = 'province' | 'city' | 'county' | 'township';
export type UnitKind =
  | 'department' | 'agency' | 'supervision' | 'legal' | 'establishment'
  | 'service_center' | 'hall' | 'window' | 'government';

export interface RegionsTable {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  path: string;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UnitsTable {
  id: Generated<number>;
  name: string;
  short_name: string | null;
  kind: UnitKind;
  credit_code: string | null;
  region_code: string;
  region_path: string;
  parent_id: number | null;
  path: Generated<string>;
  phone: string | null;
  address: string | null;
  active: Generated<boolean>;
  deactivated_at: Date | null;
  deactivated_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PostsTable {
  id: Generated<number>;
  unit_id: number;
  code: string;
  name: string;
  duty: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RolesTable {
  code: string;
  name: string;
  scope: ScopeKind;
  permissions: string[];
  description: string | null;
  builtin: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  kind: 'staff' | 'applicant';
  unit_id: number | null;
  applicant_type: 'person' | 'organisation' | null;
  id_number: string | null;
  org_name: string | null;
  credit_code: string | null;
  phone: string | null;
  email: string | null;
  password_hash: string;
  password_changed_at: Generated<Date>;
  must_change_password: Generated<boolean>;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  active: Generated<boolean>;
  deactivated_at: Date | null;
  deactivated_reason: string | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AccessTables {
  settings: { key: string; value: unknown; updated_at: Generated<Date>; updated_by: number | null };
  regions: RegionsTable;
  units: UnitsTable;
  posts: PostsTable;
  roles: RolesTable;
  users: UsersTable;
  user_roles: { user_id: number; role_code: string; granted_at: Generated<Date>; granted_by: number | null };
  user_posts: { user_id: number; post_id: number };
  sessions: {
    id_hash: string;
    user_id: number;
    csrf_token: string;
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
    revoked_at: Date | null;
  };
  login_log: {
    id: Generated<number>;
    at: Date;
    username: string;
    user_id: number | null;
    ip: string | null;
    user_agent: string | null;
    result: string;
    detail: string | null;
  };
  operation_log: {
    id: Generated<number>;
    at: Date;
    user_id: number | null;
    username: string | null;
    unit_id: number | null;
    ip: string | null;
    request_id: string | null;
    method: string | null;
    route: string | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
    result: 'ok' | 'refused' | 'error';
    status_code: number | null;
    detail: unknown;
  };
}

export type Region = Selectable<RegionsTable>;
export type Unit = Selectable<UnitsTable>;
export type Post = Selectable<PostsTable>;
export type Role = Selectable<RolesTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;

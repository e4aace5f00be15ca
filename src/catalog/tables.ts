// Kysely types of the power library's tables (migration 0002_catalog.sql).
import type { Generated, Selectable } from 'kysely';
import type { DayUnit } from '../domain/item.ts';

export type ItemStatus = 'active' | 'paused' | 'cancelled';
export type ChangeKind = 'create' | 'modify' | 'status';
export type ChangeState = 'draft' | 'submitted' | 'returned' | 'published';
export type ReviewPart = 'basic' | 'flow';
export type ClockKind = 'filing' | 'review_basic' | 'review_flow';

export interface CatalogItemsTable {
  id: Generated<number>;
  base_code: string;
  impl_code: string;
  name: string;
  type: string;
  unit_id: number;
  unit_path: string;
  region_code: string;
  region_path: string;
  status: 'draft' | ItemStatus;
  status_from: string | null;
  prior_status: ItemStatus | null;
  current_version_id: number | null;
  current_version_no: number;
  secret: boolean;
  exempt: boolean;
  publicity_problems: number;
  search_text: string;
  created_at: Date;
  updated_at: Date;
}

export interface CatalogItemVersionsTable {
  id: Generated<number>;
  item_id: number;
  version_no: number;
  change_id: number;
  base_code: string;
  impl_code: string;
  name: string;
  type: string;
  unit_id: number;
  unit_path: string;
  region_path: string;
  legal_limit_days: number;
  legal_limit_unit: DayUnit;
  promised_limit_days: number;
  promised_limit_unit: DayUnit;
  free: boolean;
  on_the_spot: boolean;
  online: boolean;
  secret: boolean;
  status: ItemStatus;
  status_from: string;
  prior_status: ItemStatus | null;
  status_reason: string | null;
  elements: unknown;
  elements_hash: string;
  publicity_problems: unknown;
  valid_from: Date;
  valid_to: Date | null;
  published_at: Date;
  published_by: number | null;
}

export interface CatalogChangesTable {
  id: Generated<number>;
  item_id: number;
  kind: ChangeKind;
  state: ChangeState;
  base_version_id: number | null;
  unit_id: number;
  unit_path: string;
  region_path: string;
  elements: unknown;
  parts: ReviewPart[];
  changed_fields: string[];
  new_status: ItemStatus | null;
  status_from: string | null;
  status_reason: string | null;
  reason: string | null;
  trigger_kind: string | null;
  trigger_date: string | null;
  basic_approved_by: number | null;
  basic_approved_at: Date | null;
  flow_approved_by: number | null;
  flow_approved_at: Date | null;
  last_opinion: string | null;
  published_version_id: number | null;
  created_by: number;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
}

export interface CatalogClocksTable {
  id: Generated<number>;
  kind: ClockKind;
  item_id: number;
  change_id: number;
  unit_id: number;
  unit_path: string;
  region_path: string;
  start_date: string;
  days: number;
  day_unit: DayUnit;
  due_at: Date;
  done_at: Date | null;
  created_at: Date;
}

export interface CatalogExemptionsTable {
  id: Generated<number>;
  item_id: number;
  unit_id: number;
  unit_path: string;
  region_path: string;
  secret_doc: string;
  reason: string;
  state: 'pending' | 'granted' | 'revoked';
  requested_by: number;
  requested_at: Date;
  supervision_by: number | null;
  supervision_at: Date | null;
  supervision_opinion: string | null;
  secrecy_by: number | null;
  secrecy_at: Date | null;
  secrecy_opinion: string | null;
  revoked_by: number | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

export interface CatalogReportsTable {
  id: Generated<number>;
  item_id: number;
  version_id: number;
  unit_id: number;
  unit_path: string;
  region_path: string;
  from_region_code: string;
  to_region_code: string;
  note: string | null;
  reported_by: number;
  reported_at: Date;
}

export interface FilesTable {
  hash: string;
  name: string;
  mime: string;
  size: number;
  content: Uint8Array;
  public: Generated<boolean>;
  created_at: Date;
  created_by: number | null;
}

export interface CatalogEventsTable {
  id: Generated<number>;
  stream_id: string;
  seq: number;
  type: string;
  at: Date;
  recorded_at: Date;
  actor_id: number | null;
  actor_name: string | null;
  actor_unit_id: number | null;
  actor_post_id: number | null;
  ip: string | null;
  data: unknown;
  prev_hash: string;
  hash: string;
}

export interface CatalogTables {
  files: FilesTable;
  catalog_items: CatalogItemsTable;
  catalog_item_versions: CatalogItemVersionsTable;
  catalog_changes: CatalogChangesTable;
  catalog_clocks: CatalogClocksTable;
  catalog_exemptions: CatalogExemptionsTable;
  catalog_reports: CatalogReportsTable;
  catalog_events: CatalogEventsTable;
}

export type CatalogItem = Selectable<CatalogItemsTable>;
export type CatalogItemVersion = Selectable<CatalogItemVersionsTable>;
export type CatalogChange = Selectable<CatalogChangesTable>;

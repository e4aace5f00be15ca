// Kysely types of the supervision tables (migrations 0004_supervision.sql, 0007_signal_followups.sql).
import type { Generated, Selectable } from 'kysely';

export type Level = 'reminder' | 'yellow' | 'red';
export const LEVELS: Level[] = ['reminder', 'yellow', 'red'];
export const LEVEL_NAMES: Record<Level, string> = { reminder: '提醒', yellow: '黄牌预警', red: '红牌纠错' };
export const LEVEL_RANK: Record<Level, number> = { reminder: 1, yellow: 2, red: 3 };

export type RuleCategory = 'anomaly' | 'violation' | 'publicity' | 'exchange';
export type SignalCategory = 'timeliness' | RuleCategory;
export type SignalOrigin = 'clock' | 'rule' | 'manual';

interface EventTable {
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

export interface SignalsTable {
  id: Generated<number>;
  signal_no: string;
  origin: SignalOrigin;
  category: SignalCategory;
  kind: string;
  rule_code: string | null;
  rule_version: number | null;
  level: Level;
  status: string;
  title: string;
  explanation: string;
  case_id: number | null;
  case_no: string | null;
  item_id: number | null;
  item_name: string | null;
  unit_id: number;
  unit_path: string;
  region_path: string;
  clock_source: string | null;
  clock_id: number | null;
  clock_kind: string | null;
  threshold_at: Date | null;
  task_id: number | null;
  parent_id: number | null;
  dedupe_key: string | null;
  raised_at: Date;
  response_due_at: Date | null;
  finding: 'valid' | 'invalid' | null;
  rectify_due_at: Date | null;
  assignee_id: number | null;
  closed_region_path: string | null;
  closed_at: Date | null;
  reopen_count: Generated<number>;
  updated_at: Date;
}

export interface SupClocksTable {
  id: Generated<number>;
  source: 'signal' | 'task' | 'catalog';
  source_id: number;
  kind: string;
  ref: string | null;
  state: unknown;
  unit_id: number;
  unit_path: string;
  region_path: string;
  item_id: number | null;
  case_id: number | null;
  due_at: Date | null;
  next_threshold_at: Date | null;
  status: 'open' | 'paused' | 'stopped';
  created_at: Date;
  updated_at: Date;
}

export interface SupTasksTable {
  id: Generated<number>;
  task_no: string;
  title: string;
  content: string;
  requirements: string;
  unit_id: number;
  unit_path: string;
  region_path: string;
  signal_id: number | null;
  limit_days: number;
  status: string;
  approval_id: number | null;
  due_at: Date | null;
  extension_days: number | null;
  report: string | null;
  report_files: Generated<unknown>;
  reported_at: Date | null;
  closed_at: Date | null;
  created_by: number;
  creator_region_path: string;
  created_at: Date;
  updated_at: Date;
}

export interface ApprovalsTable {
  id: Generated<number>;
  kind: string;
  title: string;
  payload: unknown;
  requester_id: number;
  unit_id: number;
  unit_path: string;
  region_path: string;
  approver_permission: string;
  status: 'pending' | 'approved' | 'rejected' | 'used' | 'withdrawn';
  decided_by: number | null;
  decided_at: Date | null;
  reason: string | null;
  result: unknown;
  created_at: Date;
  updated_at: Date;
}

export interface SupDocumentsTable {
  id: Generated<number>;
  kind: string;
  title: string;
  doc_no: string;
  verification_code: string;
  signal_id: number | null;
  task_id: number | null;
  unit_id: number;
  unit_path: string;
  region_path: string;
  data: unknown;
  content_hash: string;
  issued_at: Date;
  issued_by: number | null;
}

export interface SupOutboxTable {
  id: Generated<number>;
  channel: 'inapp' | 'sms' | 'email';
  template: string;
  recipient_user_id: number | null;
  address: string | null;
  subject: string;
  body: string;
  link: string | null;
  signal_id: number | null;
  task_id: number | null;
  status: 'pending' | 'sent' | 'dead';
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  read_at: Date | null;
}

export interface SupPatrolsTable {
  id: Generated<number>;
  patrolled_by: number;
  unit_id: number;
  unit_path: string;
  region_code: string;
  region_path: string;
  region_level: string;
  target_region_code: string;
  target: 'own' | 'lower';
  mode: 'data' | 'video';
  day: string;
  at: Date;
  note: string;
  findings: string | null;
  signal_ids: Generated<number[]>;
}

export interface SupervisionTables {
  sup_profiles: { code: string; name: string; description: string | null; levels: unknown; builtin: Generated<boolean>; updated_at: Date; updated_by: number | null };
  sup_profile_bindings: { id: Generated<number>; clock_kind: string; item_id: number | null; profile_code: string; updated_at: Date; updated_by: number | null };
  sup_rules: {
    code: string; kind: string; name: string; category: RuleCategory; severity: Level; basis: string; params: unknown;
    enabled_levels: string[]; version: number; updated_at: Date; updated_by: number | null;
  };
  sup_rule_versions: {
    code: string; version: number; severity: Level; params: unknown; enabled_levels: string[]; note: string | null; created_at: Date; created_by: number | null;
  };
  signals: SignalsTable;
  signal_events: EventTable;
  sup_clocks: SupClocksTable;
  sup_tasks: SupTasksTable;
  sup_task_events: EventTable;
  approvals: ApprovalsTable;
  approval_events: EventTable;
  sup_documents: SupDocumentsTable;
  sup_notify_rules: { id: Generated<number>; level: Level; item_id: number | null; recipients: string[]; channels: string[]; updated_at: Date; updated_by: number | null };
  sup_templates: { code: string; channel: 'inapp' | 'sms' | 'email'; subject: string; body: string; updated_at: Date };
  sup_outbox: SupOutboxTable;
  sup_deliveries: { id: Generated<number>; outbox_id: number; attempt: number; at: Date; ok: boolean; detail: string | null };
  sup_patrols: SupPatrolsTable;
  sup_samplings: {
    id: Generated<number>; created_by: number; unit_id: number; unit_path: string; region_path: string; criteria: unknown;
    requested: number; case_ids: number[]; note: string | null; created_at: Date;
  };
  sup_sampling_findings: {
    id: Generated<number>; sampling_id: number; case_id: number; result: 'ok' | 'problem'; finding: string; signal_id: number | null; by_id: number; at: Date;
  };
  /** Follow-ups owed to signals raised by the timer (followups.ts). */
  sup_signal_followups: { id: Generated<number>; signal_ids: number[]; handler_posts: (string | null)[]; created_at: Date };
  sup_stats_unit: { unit_id: number; level: string; unit_path: string; region_path: string; raised: Generated<number>; open: Generated<number>; valid: Generated<number> };
  sup_stats_day: { day: string; unit_id: number; level: string; unit_path: string; region_path: string; raised: Generated<number> };
  sup_stats_item: {
    item_id: number; unit_id: number; level: string; item_name: string; unit_path: string; region_path: string; raised: Generated<number>; open: Generated<number>;
  };
}

export type SignalRow = Selectable<SignalsTable>;
export type TaskRow = Selectable<SupTasksTable>;
export type ApprovalRow = Selectable<ApprovalsTable>;
export type DocumentRow = Selectable<SupDocumentsTable>;

// Kysely types of the case tables (migration 0003_cases.sql).
import type { Generated, Selectable } from 'kysely';

export type CaseKind = 'single' | 'combined';
export type ClockRowStatus = 'open' | 'paused' | 'stopped';
export type MaterialPhase = 'application' | 'acceptance' | 'processing' | 'evidence';

export interface CaseEventsTable {
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

export interface CasesTable {
  id: Generated<number>;
  case_no: string;
  kind: CaseKind;
  parent_id: number | null;
  query_password_hash: string;
  item_id: number;
  item_version_id: number;
  item_name: string;
  item_type: string;
  unit_id: number;
  unit_path: string;
  region_path: string;
  window_unit_id: number | null;
  channel: 'online' | 'window' | 'ex_officio';
  applicant_type: 'person' | 'organisation';
  applicant_name: string;
  applicant_id_type: string | null;
  applicant_id_number: string;
  applicant_phone: string;
  applicant_legal_rep: string | null;
  applicant_contact: string | null;
  applicant_user_id: number | null;
  status: string;
  current_step: string | null;
  current_post_code: string | null;
  received_at: Date;
  accepted_at: Date | null;
  accepted_as_of: Date | null;
  decided_at: Date | null;
  completed_at: Date | null;
  delivered_at: Date | null;
  closed_at: Date | null;
  outcome: 'grant' | 'deny' | null;
  fee_total: string | null;
  fine_amount: string | null;
  penalty_circumstance: string | null;
  certificate_no: string | null;
  valid_from: string | null;
  valid_until: string | null;
  acceptance_due_at: Date | null;
  promised_due_at: Date | null;
  legal_due_at: Date | null;
  step_due_at: Date | null;
  supplement_count: Generated<number>;
  return_count: Generated<number>;
  suspension_count: Generated<number>;
  extended: Generated<boolean>;
  state: unknown;
  event_count: Generated<number>;
  last_hash: string;
  created_at: Date;
  updated_at: Date;
}

export interface CaseClocksTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  seq: number;
  ref: string | null;
  state: unknown;
  started_at: Date;
  due_at: Date | null;
  next_threshold_at: Date | null;
  status: ClockRowStatus;
  stopped_at: Date | null;
  updated_at: Date;
}

export interface CaseMaterialsTable {
  id: Generated<number>;
  case_id: number;
  material_code: string | null;
  name: string;
  file_hash: string | null;
  paper: boolean;
  round: number;
  phase: MaterialPhase;
  received_at: Date;
  event_seq: number;
}

export interface CaseDocumentsTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  title: string;
  doc_no: string;
  verification_code: string;
  event_seq: number;
  data: unknown;
  content_hash: string;
  issued_at: Date;
}

export interface CaseTables {
  case_events: CaseEventsTable;
  cases: CasesTable;
  case_clocks: CaseClocksTable;
  case_materials: CaseMaterialsTable;
  case_documents: CaseDocumentsTable;
  case_query_failures: { id: Generated<number>; case_no: string; ip: string | null; at: Date };
}

export type CaseRow = Selectable<CasesTable>;
export type CaseDocumentRow = Selectable<CaseDocumentsTable>;

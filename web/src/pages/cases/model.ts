// Response shapes of the case API (src/cases/api-schemas.ts; OpenAPI at /docs).
import type { IsoInstant } from '../../types';
import type { TimeLimit } from '../catalog/model';

export interface ClockBadge {
  kind: string;
  ref: string | null;
  status: 'running' | 'paused' | 'stopped';
  dueAt: IsoInstant | null;
  projectedDueAt: IsoInstant;
  remaining: number;
  unit: 'workday' | 'natural';
  overdue: boolean;
}

export interface CaseSummary {
  id: number;
  caseNo: string;
  kind: 'single' | 'combined';
  parentId: number | null;
  itemId: number;
  itemName: string;
  itemType: string;
  itemTypeName: string;
  unitId: number;
  unitName: string;
  channel: 'online' | 'window' | 'ex_officio';
  applicantType: 'person' | 'organisation';
  applicantName: string;
  status: string;
  statusName: string;
  currentStep: string | null;
  currentPostCode: string | null;
  receivedAt: IsoInstant;
  acceptedAt: IsoInstant | null;
  decidedAt: IsoInstant | null;
  completedAt: IsoInstant | null;
  closedAt: IsoInstant | null;
  outcome: 'grant' | 'deny' | null;
  supplementCount: number;
  extended: boolean;
  acceptanceDueAt: IsoInstant | null;
  promisedDueAt: IsoInstant | null;
  legalDueAt: IsoInstant | null;
  stepDueAt: IsoInstant | null;
  clocks: ClockBadge[];
}

export interface DocumentRef {
  id: number;
  kind: string;
  title: string;
  docNo: string;
  verificationCode: string;
  issuedAt?: IsoInstant;
}

export interface CommandResult {
  caseId: number;
  caseNo: string;
  status: string;
  statusName: string;
  events: { seq: number; type: string }[];
  documents: DocumentRef[];
}

export interface Applied {
  caseId: number;
  caseNo: string;
  queryPassword: string;
  subCases: { id: number; caseNo: string; unitId: number }[];
  documents: DocumentRef[];
}

export interface ClockView {
  kind: string;
  kindName: string;
  ref: string | null;
  status: 'running' | 'paused' | 'stopped';
  limit: TimeLimit;
  startedAt: IsoInstant;
  stoppedAt: IsoInstant | null;
  dueAt: IsoInstant | null;
  projectedDueAt: IsoInstant;
  used: number;
  remaining: number;
  effectiveLimit: number;
  overdue: boolean;
  pauses: { from: IsoInstant; to: IsoInstant | null; reason: string; expected: TimeLimit | null; counted: boolean; days: number; daysSoFar: number }[];
  extensions: { days: number; unit: 'workday' | 'natural'; reason: string; approvedAt: IsoInstant }[];
}

export interface CaseEvent {
  /** Platform-wide event id (supervision evidence refers to it). */
  id: number;
  seq: number;
  type: string;
  at: IsoInstant;
  recordedAt: IsoInstant;
  actorId: number | null;
  actorName: string | null;
  actorUnitId: number | null;
  actorPostId: number | null;
  ip: string | null;
  data: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

export interface CaseMaterial {
  id: number;
  materialCode: string | null;
  name: string;
  fileHash: string | null;
  paper: boolean;
  round: number;
  phase: string;
  receivedAt: IsoInstant;
}

export interface ItemFlowStep {
  code: string;
  kind: string;
  name: string;
  postCode: string;
  limit: TimeLimit;
  returnTo: string[];
}

export interface ItemMaterialRef {
  code: string;
  name: string;
  required: boolean;
}

export interface SupplementItem {
  materialCode: string | null;
  name: string;
  problem: string;
}

export interface CaseDetail {
  case: CaseSummary & {
    itemVersionId: number;
    windowUnitId: number | null;
    applicant: {
      type: 'person' | 'organisation';
      name: string;
      idType: string | null;
      idNumber: string;
      phone: string;
      legalRepresentative: string | null;
      contact: string | null;
      userId: number | null;
    };
    feeTotal: string | null;
    fineAmount: string | null;
    penaltyCircumstance: string | null;
    certificateNo: string | null;
    validFrom: string | null;
    validUntil: string | null;
  };
  item: {
    versionId: number;
    versionNo: number;
    implCode: string;
    name: string;
    legalLimit: TimeLimit;
    promisedLimit: TimeLimit;
    steps: ItemFlowStep[];
    materials: ItemMaterialRef[];
    specialProcedures: string[];
  };
  steps: unknown[];
  materials: CaseMaterial[];
  clocks: ClockView[];
  events: CaseEvent[];
  documents: DocumentRef[];
  related: { id: number; caseNo: string; kind: string; unitId: number; unitName: string; status: string; statusName: string; outcome: string | null }[];
  situation: {
    supplement?: { items: SupplementItem[]; sequence: number; requestedAt: IsoInstant } | null;
    decision?: { outcome: 'grant' | 'deny'; reasons: string | null; decidedAt: IsoInstant } | null;
    [k: string]: unknown;
  };
  availableCommands: { type: string; name: string }[];
}

export interface TimelineEntry {
  at: IsoInstant;
  title: string;
  detail: string | null;
  caseNo: string;
}

export interface ApplicantPart {
  id: number;
  caseNo: string;
  unitId: number;
  unitName: string;
  status: string;
  statusName: string;
  expectedCompletion: IsoInstant | null;
  supplement: { items: SupplementItem[]; sequence: number; requestedAt: IsoInstant } | null;
  decision: { outcome: 'grant' | 'deny'; reasons: string | null; decidedAt: IsoInstant } | null;
  result: { kind: string; number: string; validFrom: string | null; validUntil: string | null; completedAt: IsoInstant } | null;
  timeline: TimelineEntry[];
  documents: DocumentRef[];
}

export interface ApplicantView {
  id: number;
  caseNo: string;
  combined: boolean;
  itemId: number;
  itemName: string;
  itemTypeName: string;
  channel: string;
  status: string;
  statusName: string;
  receivedAt: IsoInstant;
  acceptedAt: IsoInstant | null;
  applicantName: string;
  expectedCompletion: IsoInstant | null;
  parts: ApplicantPart[];
}

export interface OwnCase {
  id: number;
  caseNo: string;
  combined: boolean;
  itemId: number;
  itemName: string;
  unitName: string;
  status: string;
  statusName: string;
  receivedAt: IsoInstant;
  acceptedAt: IsoInstant | null;
  decidedAt: IsoInstant | null;
  outcome: 'grant' | 'deny' | null;
  expectedCompletion: IsoInstant | null;
}

export interface VerifyResult {
  valid: true;
  title: string;
  docNo: string;
  issuedAt: IsoInstant;
  contentHash: string;
  facts: { label: string; value: string }[];
}

/** A material as sent to the API (`MaterialInput`). */
export interface MaterialInput {
  code: string | null;
  name?: string;
  paper: boolean;
  file?: { name: string; mime: string; contentBase64: string } | null;
}

/** `GET /api/cases?overdue=`: open cases past a limit (src/cases/queries.ts OVERDUE_KINDS). */
export type OverdueKind = 'promised' | 'legal' | 'step';

/** Item types opened ex officio (src/cases/api-schemas.ts EX_OFFICIO_TYPES). */
export const EX_OFFICIO_TYPES = ['02', '03', '04', '06', '10', '24', '26'];

/** 案件来源 of 依职权立案 (src/cases/api-schemas.ts CASE_SOURCES). */
export const CASE_SOURCES: Record<string, string> = {
  inspection: '监督检查发现', complaint: '投诉举报', referral: '其他机关移送', assigned: '上级机关交办', other: '其他途径',
};

/** `GET /api/auth/me?include=applicant` → `applicant` (src/access/me.ts). */
export interface ApplicantProfile {
  kind: 'person' | 'organisation';
  name: string;
  idType: 'id_card' | 'credit_code';
  idNumberMasked: string;
  phone: string | null;
  agentName: string | null;
}

// Response shapes of /api/supervision (mirrors src/supervision/api-schemas.ts).
export type Level = 'reminder' | 'yellow' | 'red';

export interface Signal {
  id: number;
  signalNo: string;
  origin: string;
  category: string;
  kind: string;
  ruleCode: string | null;
  ruleVersion: number | null;
  level: Level;
  status: string;
  title: string;
  explanation: string;
  evidence: SignalEvidence | null;
  caseId: number | null;
  caseNo: string | null;
  itemId: number | null;
  itemName: string | null;
  unitId: number;
  /** The responsible unit's name. */
  unitName: string;
  clockKind: string | null;
  thresholdAt: string | null;
  taskId: number | null;
  parentId: number | null;
  raisedAt: string;
  responseDueAt: string | null;
  finding: string | null;
  rectifyDueAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  assigneeId?: number | null;
  /** Acts the state machine allows now (the permission is checked separately). */
  allowedActs?: string[];
}

export interface SignalEvidence {
  eventIds?: number[];
  basis?: string;
  facts?: Record<string, unknown>;
  clock?: {
    id: number;
    kind: string;
    ref: string | null;
    limit?: { days: number; unit: string };
    startedAt?: string;
    dueAt?: string | null;
    pauses?: { from: string; to: string | null; reason: string }[];
    extensions?: { days: number; unit: string; reason: string }[];
  };
  thresholdAt?: string;
  [k: string]: unknown;
}

export interface ChainEvent {
  seq: number;
  type: string;
  at: string;
  actorName: string | null;
  data: Record<string, unknown> | null;
  hash: string;
}

export interface SupDocument {
  id: number;
  kind: string;
  title: string;
  docNo: string;
  verificationCode: string;
  issuedAt: string;
}

export interface SignalDetail {
  signal: Signal;
  events: ChainEvent[];
  documents: SupDocument[];
}

/** One message of GET /api/supervision/stream (event `signal`). */
export interface LiveSignal {
  eventId: number;
  eventType: string;
  signalId: number;
  signalNo: string;
  level: Level;
  status: string;
  title: string;
  category: string;
  unitId: number;
  unitName?: string;
  caseId: number | null;
  at: string;
}

export interface OverviewUnit {
  unitId: number;
  name: string;
  reminder: number;
  yellow: number;
  red: number;
  open: number;
  valid: number;
}
export interface RegionCounts {
  reminder: number;
  yellow: number;
  red: number;
  open: number;
}
export interface OverviewRegion extends RegionCounts {
  regionCode: string;
  name: string;
  regionLevel: string;
}
export interface Overview {
  totals: Record<string, { raised: number; open: number }>;
  units: OverviewUnit[];
  /** By the responsible units' own region (not rolled up). */
  regions: OverviewRegion[];
  regionLevels: (RegionCounts & { regionLevel: string; regions: number })[];
  trend: { day: string; level: string; raised: number }[];
  worstUnits: OverviewUnit[];
  worstItems: { itemId: number; name: string; raised: number; open: number; red: number }[];
}

export interface Notification {
  id: number;
  subject: string;
  body: string;
  link: string | null;
  signalId: number | null;
  taskId: number | null;
  createdAt: string;
  readAt: string | null;
}

export interface Rule {
  code: string;
  kind: string;
  name: string;
  category: string;
  severity: string;
  basis: string;
  params: unknown;
  enabledLevels: string[];
  version: number;
}

export interface BacktestResult {
  rule: { code: string; version: number | null; params: Record<string, unknown> };
  casesScanned: number;
  hits: number;
  truncated: boolean;
  byUnit: { unitId: number; unitName: string; hits: number }[];
  samples: { caseId: number; caseNo: string; title: string; explanation: string; eventIds: number[] }[];
}

export interface Task {
  id: number;
  taskNo: string;
  title: string;
  content: string;
  requirements: string;
  unitId: number;
  unitName: string;
  signalId: number | null;
  limitDays: number;
  status: string;
  approvalId: number | null;
  dueAt: string | null;
  extensionDays: number | null;
  report: string | null;
  reportFiles: unknown;
  reportedAt: string | null;
  closedAt: string | null;
  createdBy: number;
  createdAt: string;
}
export interface TaskDetail {
  task: Task;
  events: ChainEvent[];
  documents: SupDocument[];
}

export interface Approval {
  id: number;
  kind: string;
  title: string;
  payload: unknown;
  requesterId: number;
  requesterName: string;
  unitId: number;
  unitName: string;
  approverPermission: string;
  status: string;
  decidedBy: number | null;
  deciderName: string | null;
  decidedAt: string | null;
  reason: string | null;
  result: unknown;
  createdAt: string;
}
export interface ApprovalDetail {
  approval: Approval;
  events: ChainEvent[];
}

/** One row of GET /api/supervision/ledger (监察台账). */
export interface LedgerRow {
  key: string;
  kind: 'signal' | 'task' | 'sampling' | 'patrol';
  id: number;
  at: string;
  no: string | null;
  title: string;
  detail: string;
  level: Level | null;
  category: string | null;
  origin: string | null;
  status: string;
  unitId: number;
  unitName: string;
  caseId: number | null;
  caseNo: string | null;
  itemName: string | null;
  finding: string | null;
  rectifyDueAt: string | null;
  dueAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  signalId: number | null;
  taskId: number | null;
  taskNo: string | null;
  taskStatus: string | null;
  samplingId: number | null;
  byName: string | null;
}

export interface Patrol {
  id: number;
  patrolledBy: number;
  patrolledByName: string | null;
  unitId: number;
  regionCode: string;
  regionLevel: string;
  targetRegionCode: string;
  targetRegionName: string | null;
  target: 'own' | 'lower';
  mode: 'data' | 'video';
  day: string;
  at: string;
  note: string;
  findings: string | null;
  signalIds: number[];
}

export interface ComplianceDay {
  day: string;
  own: number;
  lower: number;
  met: boolean;
}
export interface ComplianceRegion {
  regionCode: string;
  name: string;
  level: string;
  required: { own: number; lower: number };
  metDays: number;
  days: ComplianceDay[];
}
export interface Compliance {
  from: string;
  to: string;
  workingDays: string[];
  regions: ComplianceRegion[];
}

export interface SamplingCriteria {
  n: number;
  seed: string;
  unitId?: number | null;
  itemId?: number | null;
  status?: string | null;
  from?: string | null;
  to?: string | null;
  candidates: number;
}
export interface Sampling {
  id: number;
  createdBy: number;
  criteria: SamplingCriteria;
  requested: number;
  caseIds: number[];
  note: string | null;
  createdAt: string;
}
export interface SamplingFinding {
  id: number;
  caseId: number;
  result: 'ok' | 'problem';
  finding: string;
  signalId: number | null;
  byId: number;
  at: string;
}
export interface SamplingDetail {
  sampling: Sampling;
  findings: SamplingFinding[];
  cases: { id: number; caseNo: string; itemName: string; unitId: number; unitName: string; status: string; receivedAt: string }[];
}

export interface Attachment {
  name: string;
  mime: string;
  contentBase64: string;
}

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
export interface Overview {
  totals: Record<string, { raised: number; open: number }>;
  units: OverviewUnit[];
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
  unitId: number;
  approverPermission: string;
  status: string;
  decidedBy: number | null;
  decidedAt: string | null;
  reason: string | null;
  createdAt: string;
}

export interface Attachment {
  name: string;
  mime: string;
  contentBase64: string;
}

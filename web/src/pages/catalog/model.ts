// Shapes of the power library API (src/catalog/api-schemas.ts, elements.ts, public-routes.ts).
// Kept beside the catalog pages; the case pages may import them from here.
import type { IsoDate, IsoInstant } from '../../types';

export type DayUnit = 'workday' | 'natural';
export interface TimeLimit {
  days: number;
  unit: DayUnit;
}

export type ItemStatus = 'active' | 'paused' | 'cancelled';
/** `draft` = never published. */
export type ItemStatusOut = 'draft' | ItemStatus;

export interface LegalBasis {
  lawName: string;
  article: string;
  text: string;
}

export type MaterialForm = 'original' | 'copy' | 'original_and_copy';
export type MaterialMedia = 'paper' | 'electronic' | 'both';
export interface Material {
  code: string;
  name: string;
  required: boolean;
  form: MaterialForm;
  media: MaterialMedia;
  count: number;
  /** SHA-256 of an uploaded file (POST /api/catalog/files). */
  templateFile: string | null;
  sampleFile: string | null;
  note: string;
}

export type FeeStandard =
  | { kind: 'fixed'; amount: string }
  | { kind: 'range'; min: string; max: string }
  | { kind: 'rate'; perUnit: string; unitName: string };
export interface Fee {
  name: string;
  basis: string;
  standard: FeeStandard;
}

export interface FlowStep {
  code: string;
  kind: string;
  name: string;
  postCode: string;
  duty: string;
  limit: TimeLimit;
  returnTo: string[];
}

export type Circumstance = 'minor' | 'ordinary' | 'serious' | 'severe';
export interface DiscretionBand {
  circumstance: Circumstance;
  description: string;
  minFine: string | null;
  maxFine: string | null;
  otherMeasures: string | null;
}

export type ResultKind = 'certificate' | 'approval_document' | 'decision' | 'other' | 'none';

/** Every element of an item (CAT-1, CAT-4). */
export interface Elements {
  baseCode: string;
  implFlag: string;
  implCode: string | null;
  name: string;
  type: string;
  unitId: number;
  entrustedUnit: string;
  coUnitIds: number[];
  legalBasis: LegalBasis[];
  conditions: string;
  quantityLimit: string;
  materials: Material[];
  externalProcedure: string;
  legalLimit: TimeLimit;
  promisedLimit: TimeLimit;
  specialProcedures: string[];
  requiresResultOf: string[];
  free: boolean;
  fees: Fee[];
  result: { kind: ResultKind; name: string; validity: string };
  office: string;
  address: string;
  hours: string;
  consultPhone: string;
  complaintPhone: string;
  online: boolean;
  onlineUrl: string;
  annualInspection: boolean;
  onTheSpot: boolean;
  keywords: string[];
  secret: boolean;
  secretDoc: string;
  steps: FlowStep[];
  discretion: DiscretionBand[];
}
export type ElementKey = keyof Elements;

export interface Problem {
  code: string;
  message: string;
  field?: string;
}

export interface ItemSummary {
  id: number;
  baseCode: string;
  implCode: string;
  name: string;
  type: string;
  typeName: string;
  unitId: number;
  unitName: string;
  regionCode: string;
  regionName: string;
  regionLevel: string;
  status: ItemStatusOut;
  statusName: string;
  statusFrom: IsoDate | null;
  effectiveStatus: ItemStatusOut;
  currentVersionId: number | null;
  currentVersionNo: number;
  secret: boolean;
  exempt: boolean;
  publicityProblems: number;
  openChangeId: number | null;
  updatedAt: IsoInstant;
}

export interface ItemVersion {
  id: number;
  itemId: number;
  versionNo: number;
  changeId: number;
  implCode: string;
  status: ItemStatus;
  statusFrom: IsoDate;
  priorStatus: ItemStatus | null;
  statusReason: string | null;
  validFrom: IsoInstant;
  validTo: IsoInstant | null;
  publishedAt: IsoInstant;
  publishedBy: number | null;
  elementsHash: string;
  elements: Elements;
  publicityProblems: Problem[];
}

export interface VersionEntry {
  id: number;
  versionNo: number;
  changeId: number;
  name: string;
  status: ItemStatus;
  statusFrom: IsoDate;
  validFrom: IsoInstant;
  validTo: IsoInstant | null;
  publishedAt: IsoInstant;
  publishedBy: number | null;
}

export type ChangeKind = 'create' | 'modify' | 'status';
export type ChangeState = 'draft' | 'submitted' | 'returned' | 'published';
export type ReviewPart = 'basic' | 'flow';

export interface Change {
  id: number;
  itemId: number;
  kind: ChangeKind;
  state: ChangeState;
  baseVersionId: number | null;
  unitId: number;
  parts: ReviewPart[];
  changedFields: string[];
  newStatus: ItemStatus | null;
  statusFrom: IsoDate | null;
  statusReason: string | null;
  reason: string | null;
  triggerKind: string | null;
  triggerDate: IsoDate | null;
  basicApprovedAt: IsoInstant | null;
  basicApprovedBy: number | null;
  flowApprovedAt: IsoInstant | null;
  flowApprovedBy: number | null;
  lastOpinion: string | null;
  publishedVersionId: number | null;
  createdBy: number;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  submittedAt: IsoInstant | null;
  elements: Elements;
}

/** A row of GET /api/catalog/changes. */
export interface ChangeSummary {
  id: number;
  itemId: number;
  itemName: string;
  implCode: string;
  unitName: string;
  kind: ChangeKind;
  state: ChangeState;
  parts: ReviewPart[];
  changedFields: string[];
  reason: string | null;
  triggerKind: string | null;
  triggerDate: IsoDate | null;
  newStatus: ItemStatus | null;
  statusFrom: IsoDate | null;
  basicApprovedAt: IsoInstant | null;
  flowApprovedAt: IsoInstant | null;
  lastOpinion: string | null;
  submittedAt: IsoInstant | null;
  updatedAt: IsoInstant;
  publishedVersionId: number | null;
}

export interface ItemDetail {
  item: ItemSummary;
  current: ItemVersion | null;
  versions: VersionEntry[];
  openChange: Change | null;
}

export interface CatalogEvent {
  seq: number;
  type: string;
  typeName: string;
  at: IsoInstant;
  actorId: number | null;
  actorName: string | null;
  data: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

export interface PublicityEntry {
  itemId: number;
  name: string;
  implCode: string;
  unitName: string;
  versionId: number;
  problems: Problem[];
}

export type ClockKind = 'filing' | 'review_basic' | 'review_flow';
export interface CatalogClock {
  id: number;
  kind: ClockKind;
  itemId: number;
  changeId: number;
  startDate: IsoDate;
  days: number;
  dayUnit: string;
  dueAt: IsoInstant;
  doneAt: IsoInstant | null;
  late: boolean;
}

export type ExemptionState = 'pending' | 'granted' | 'revoked';
export interface Exemption {
  id: number;
  itemId: number;
  itemName: string;
  implCode: string;
  unitName: string;
  secretDoc: string;
  reason: string;
  state: ExemptionState;
  requestedBy: number;
  requestedAt: IsoInstant;
  supervisionBy: number | null;
  supervisionAt: IsoInstant | null;
  supervisionOpinion: string | null;
  secrecyBy: number | null;
  secrecyAt: IsoInstant | null;
  secrecyOpinion: string | null;
  revokedBy: number | null;
  revokedAt: IsoInstant | null;
  revokeReason: string | null;
}

export interface ReportEntry {
  id: number;
  itemId: number;
  versionId: number;
  versionNo: number;
  itemName: string;
  implCode: string;
  unitName: string;
  fromRegionCode: string;
  fromRegionName: string;
  toRegionCode: string;
  toRegionName: string;
  note: string | null;
  reportedBy: number;
  reportedAt: IsoInstant;
}

export interface UploadedFile {
  hash: string;
  size: number;
  url: string;
}

/** `details.rows[]` of 400 IMPORT_INVALID. */
export interface ImportRowError {
  sheet?: string;
  row: number;
  column?: string;
  message: string;
}
export interface ImportResult {
  imported: number;
  changeIds: number[];
}

/** GET /api/public/catalog/meta: code → Chinese name tables. */
export interface CatalogMeta {
  itemTypes: Record<string, string>;
  stepKinds: Record<string, string>;
  specialProcedures: Record<string, string>;
  circumstances: Record<string, string>;
  dayUnits: Record<string, string>;
  statuses: Record<string, string>;
  materialForms: Record<string, string>;
  materialMedia: Record<string, string>;
  resultKinds: Record<string, string>;
  triggerKinds: Record<string, string>;
  publicityCodes: Record<string, string>;
}

// ---------------------------------------------------------------- public hall
export interface PublicItem {
  id: number;
  name: string;
  type: string;
  typeName: string;
  implCode: string;
  unitId: number;
  unitName: string;
  regionCode: string;
  regionName: string;
  status: ItemStatus;
  statusName: string;
  versionNo: number;
  promisedLimit: TimeLimit;
  legalLimit: TimeLimit;
  online: boolean;
  onTheSpot: boolean;
  free: boolean;
}

export interface FileLink {
  hash: string;
  name: string;
  url: string;
}

export interface PublicGuide {
  id: number;
  versionId: number;
  versionNo: number;
  validFrom: IsoInstant;
  status: ItemStatus;
  statusName: string;
  statusFrom: IsoDate | null;
  statusReason: string | null;
  typeName: string;
  unitName: string;
  regionCode: string;
  regionName: string;
  elements: Omit<Elements, 'steps' | 'materials' | 'secret' | 'secretDoc'>;
  materials: (Material & { template: FileLink | null; sample: FileLink | null })[];
  steps: { code: string; kind: string; kindName: string; name: string; postName: string; duty: string; limit: TimeLimit }[];
  coUnits: { id: number; name: string }[];
}

export interface PublicUnit {
  id: number;
  name: string;
  regionCode: string;
  regionName: string;
  items: number;
}

// The shape of one reviewed item version as case processing and supervision consume it.
// The catalog module stores and reviews it (CAT-1…CAT-4); `cases` runs under exactly one
// version and records its id. Pure types and checks, no I/O.

export type DayUnit = 'workday' | 'natural';

export interface TimeLimit {
  days: number;
  unit: DayUnit;
}

/** National item type codes (REQUIREMENTS §0) plus the seeds' extra types. */
export const ITEM_TYPES = {
  '01': '行政许可',
  '02': '行政处罚',
  '03': '行政强制',
  '04': '行政征收',
  '05': '行政给付',
  '06': '行政检查',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他行政权力',
  '20': '公共服务',
  '21': '非行政许可审批',
  '22': '转报事项',
  '23': '告知性备案',
  '24': '监管措施',
  '25': '便民服务',
  '26': '行政征用',
} as const;
export type ItemType = keyof typeof ITEM_TYPES;

/** 行政许可法 §45: periods not counted in the time limit. */
export const SPECIAL_PROCEDURES = {
  hearing: '听证',
  tender: '招标',
  auction: '拍卖',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expert_review: '专家评审',
} as const;
export type SpecialProcedureKind = keyof typeof SPECIAL_PROCEDURES;

/** Step kinds: permits (and most powers) and penalties (CAT-4, CASE-12). */
export const STEP_KINDS = {
  accept: '受理',
  handle: '承办',
  review: '审核',
  approve: '批准',
  complete: '办结',
  deliver: '送达',
  file: '立案',
  investigate: '调查取证',
  notify: '告知',
  hearing: '听证',
  decide: '决定',
  execute: '执行',
} as const;
export type StepKind = keyof typeof STEP_KINDS;

export interface FlowStep {
  /** Stable within the version, e.g. 's1'. */
  code: string;
  kind: StepKind;
  name: string;
  /** The post (岗位) code in the item's unit whose holders handle this step. */
  postCode: string;
  duty: string;
  limit: TimeLimit;
  /** Codes of earlier steps this step may return the case to (legal returns). */
  returnTo: string[];
}

export type FeeStandard =
  | { kind: 'fixed'; amount: string }
  | { kind: 'range'; min: string; max: string }
  | { kind: 'rate'; perUnit: string; unitName: string };

export interface FeeItem {
  name: string;
  basis: string;
  standard: FeeStandard;
}

export type Circumstance = 'minor' | 'ordinary' | 'serious' | 'severe';
export const CIRCUMSTANCES: Record<Circumstance, string> = { minor: '轻微', ordinary: '一般', serious: '较重', severe: '严重' };

export interface DiscretionBand {
  circumstance: Circumstance;
  description: string;
  minFine: string | null;
  maxFine: string | null;
  otherMeasures: string | null;
}

export interface ItemVersionSpec {
  itemId: number;
  versionId: number;
  versionNo: number;
  baseCode: string;
  implCode: string;
  name: string;
  type: ItemType;
  unitId: number;
  legalLimit: TimeLimit;
  promisedLimit: TimeLimit;
  specialProcedures: SpecialProcedureKind[];
  steps: FlowStep[];
  fees: FeeItem[];
  free: boolean;
  discretion: DiscretionBand[];
  /** 即办件: decided on the spot; excluded from deadline signals. */
  onTheSpot: boolean;
  /** 并联审批 (CASE-9): co-units each run a sub-case. */
  joint: { coUnitIds: number[] } | null;
  /** Decisions that must record the result of these special procedures (CASE-7). */
  requiresResultOf: SpecialProcedureKind[];
  materials: { code: string; name: string; required: boolean }[];
}

/** Compares limits of the same unit; a natural-day and a working-day limit are compared by days×7/5. */
export function limitInWorkdays(l: TimeLimit): number {
  return l.unit === 'workday' ? l.days : Math.floor((l.days * 5) / 7);
}

// Chinese names and display helpers of the power library (the code tables of item types,
// step kinds … come from the server: useCatalogMeta).
import type {
  ChangeKind, ChangeState, ClockKind, DiscretionBand, ElementKey, ExemptionState, FeeStandard, ItemStatusOut, ReviewPart, TimeLimit,
} from './model';
import { isValidCreditCode } from '../../utils/validators';

export const ELEMENT_LABELS: Record<ElementKey | 'status', string> = {
  baseCode: '基本编码',
  implFlag: '实施编码标识位',
  implCode: '实施编码',
  name: '事项名称',
  type: '事项类型',
  unitId: '实施主体',
  entrustedUnit: '受委托单位',
  coUnitIds: '协办单位（并联审批）',
  legalBasis: '设定依据',
  conditions: '受理条件',
  quantityLimit: '数量限制',
  materials: '申请材料',
  externalProcedure: '办理流程',
  legalLimit: '法定期限',
  promisedLimit: '承诺期限',
  specialProcedures: '特别程序',
  requiresResultOf: '须记录结果的特别程序',
  free: '是否收费',
  fees: '收费项目',
  result: '办理结果',
  office: '办理机构',
  address: '办理地点',
  hours: '办理时间',
  consultPhone: '咨询电话',
  complaintPhone: '监督投诉电话',
  online: '网上办理',
  onlineUrl: '网上办理地址',
  annualInspection: '年检',
  onTheSpot: '即办件',
  keywords: '关键词',
  secret: '涉密',
  secretDoc: '定密依据',
  steps: '内部流程',
  discretion: '裁量基准',
  status: '事项状态',
};
export const elementLabel = (field: string): string => ELEMENT_LABELS[field as ElementKey] ?? field;

/** The element order of the detail view, the diff and the form. */
export const ELEMENT_ORDER = Object.keys(ELEMENT_LABELS) as (ElementKey | 'status')[];

export const ITEM_STATUS_COLORS: Record<ItemStatusOut, string> = { draft: 'default', active: 'green', paused: 'orange', cancelled: 'red' };
export const ITEM_STATUS_LABELS: Record<ItemStatusOut, string> = { draft: '未发布', active: '在用', paused: '暂停', cancelled: '取消' };

export const CHANGE_STATE_LABELS: Record<ChangeState, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  submitted: { label: '审核中', color: 'processing' },
  returned: { label: '已退回', color: 'orange' },
  published: { label: '已发布', color: 'green' },
};
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = { create: '新增事项', modify: '变更要素', status: '变更状态' };
export const PART_LABELS: Record<ReviewPart, string> = { basic: '基本要素（编办）', flow: '内部流程和裁量基准（法制）' };
export const CLOCK_LABELS: Record<ClockKind, string> = { filing: '报备时限', review_basic: '编办审核时限', review_flow: '法制审核时限' };
export const EXEMPTION_STATE_LABELS: Record<ExemptionState, { label: string; color: string }> = {
  pending: { label: '审批中', color: 'processing' },
  granted: { label: '已免于监察', color: 'green' },
  revoked: { label: '已撤销', color: 'default' },
};

/** Step kinds per item type (CAT-4): penalties run 立案…执行, the rest 受理…送达. */
export const PENALTY_STEP_KINDS = ['file', 'investigate', 'notify', 'hearing', 'decide', 'execute'];
export const PERMIT_STEP_KINDS = ['accept', 'handle', 'review', 'approve', 'complete', 'deliver'];
export const PENALTY_TYPE = '02';

const DAY_UNIT_NAMES: Record<string, string> = { workday: '工作日', natural: '自然日' };
export const DAY_UNIT_OPTIONS = Object.entries(DAY_UNIT_NAMES).map(([value, label]) => ({ value, label }));

/** `5 个工作日`; a 即办件's 0 reads 即办（当场办结）. */
export function formatLimit(l: TimeLimit | null | undefined, onTheSpot = false): string {
  if (!l) return '—';
  if (l.days === 0 && onTheSpot) return '即办（当场办结）';
  return `${l.days} 个${DAY_UNIT_NAMES[l.unit] ?? l.unit}`;
}

/** The server's comparison: in working days when units differ (natural days × 5/7). */
export const limitInWorkdays = (l: TimeLimit): number => (l.unit === 'workday' ? l.days : Math.floor((l.days * 5) / 7));
export function limitExceeds(a: TimeLimit, b: TimeLimit): boolean {
  return a.unit === b.unit ? a.days > b.days : limitInWorkdays(a) > limitInWorkdays(b);
}
/** Sum of step limits, in the promised unit when all agree, else in working days (as the server). */
export function stepsTotal(steps: { limit?: Partial<TimeLimit> }[], promised: TimeLimit): TimeLimit {
  const limits = steps.map((s) => ({ days: Number(s.limit?.days ?? 0) || 0, unit: s.limit?.unit ?? promised.unit }));
  if (limits.every((l) => l.unit === promised.unit)) return { days: limits.reduce((n, l) => n + l.days, 0), unit: promised.unit };
  return { days: limits.reduce((n, l) => n + limitInWorkdays(l), 0), unit: 'workday' };
}

export function feeStandardText(s: FeeStandard): string {
  if (s.kind === 'fixed') return `${s.amount} 元`;
  if (s.kind === 'range') return `${s.min}–${s.max} 元`;
  return `${s.perUnit} 元/${s.unitName}`;
}
export const FEE_KIND_OPTIONS = [
  { value: 'fixed', label: '固定金额' },
  { value: 'range', label: '区间' },
  { value: 'rate', label: '按量计费' },
];

export function fineText(b: Pick<DiscretionBand, 'minFine' | 'maxFine'>): string {
  if (b.minFine && b.maxFine) return `${b.minFine}–${b.maxFine} 元`;
  if (b.minFine) return `${b.minFine} 元以上`;
  if (b.maxFine) return `${b.maxFine} 元以下`;
  return '不处罚款';
}

export const yesNo = (v: boolean | null | undefined): string => (v ? '是' : '否');

/** A decimal amount as the server accepts it: up to 12 digits, at most 2 decimals. */
export const DECIMAL_RE = /^\d{1,12}(\.\d{1,2})?$/;
/** 基本编码: 12 digits or upper-case letters. */
export const BASE_CODE_RE = /^[0-9A-Z]{12}$/;
export const ITEM_CODE_RE = /^[A-Za-z0-9_-]{1,16}$/;

/** 实施编码 = credit code + 1 flag digit + base code (31 characters), or null when it cannot be derived. */
export function deriveImplCode(creditCode: string | null | undefined, flag: string | undefined, baseCode: string | undefined): string | null {
  if (!creditCode || !isValidCreditCode(creditCode) || !/^\d$/.test(flag ?? '') || !BASE_CODE_RE.test(baseCode ?? '')) return null;
  return `${creditCode}${flag}${baseCode}`;
}

/** The hall and staff download paths of an uploaded file. */
export const publicFileUrl = (hash: string) => `/api/public/files/${hash}`;
export const staffFileUrl = (hash: string) => `/api/catalog/files/${hash}`;

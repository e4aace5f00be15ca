// Rules an item's elements must satisfy before they can be drafted, submitted or approved
// (CAT-1, CAT-4). Pure: the caller passes the unit's credit code and post codes.
import { isValidBaseCode, isValidImplCode, makeImplCode } from '../domain/validators.ts';
import { limitInWorkdays, type TimeLimit } from '../domain/item.ts';
import { DAY_UNIT_NAMES, type ItemElements } from './elements.ts';

export interface Problem {
  code: string;
  message: string;
  field?: string;
}

export interface UnitFacts {
  creditCode: string | null;
  /** Codes of the unit's active posts (岗位). */
  postCodes: Set<string>;
}

const DECIMAL_RE = /^\d{1,12}(\.\d{1,2})?$/;
export const isDecimal = (s: string | null | undefined): s is string => typeof s === 'string' && DECIMAL_RE.test(s);
const fmt = (l: TimeLimit) => `${l.days} 个${DAY_UNIT_NAMES[l.unit]}`;

/** Compares two limits; in working days when their units differ (natural days × 5/7). */
export function limitExceeds(a: TimeLimit, b: TimeLimit): boolean {
  return a.unit === b.unit ? a.days > b.days : limitInWorkdays(a) > limitInWorkdays(b);
}

/** The sum of the step limits, in the promised limit's unit when all agree, else in working days. */
export function stepsTotal(steps: { limit: TimeLimit }[], promised: TimeLimit): TimeLimit {
  if (steps.every((s) => s.limit.unit === promised.unit)) return { days: steps.reduce((n, s) => n + s.limit.days, 0), unit: promised.unit };
  return { days: steps.reduce((n, s) => n + limitInWorkdays(s.limit), 0), unit: 'workday' };
}

/** The 实施编码 the unit's credit code and the base code give, or null when they cannot. */
export function derivedImplCode(e: Pick<ItemElements, 'baseCode' | 'implFlag'>, creditCode: string | null): string | null {
  if (!creditCode || !isValidBaseCode(e.baseCode)) return null;
  try {
    return makeImplCode(creditCode, e.baseCode, e.implFlag);
  } catch {
    return null;
  }
}

/** CAT-4: ordered steps, known posts, legal returns only to earlier steps, limits inside the promise. */
export function flowProblems(e: Pick<ItemElements, 'steps' | 'promisedLimit'>, posts: Set<string>): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  e.steps.forEach((s, i) => {
    const at = `steps.${i}`;
    if (seen.has(s.code)) out.push({ code: 'DUPLICATE_STEP_CODE', message: `环节编码 ${s.code} 重复`, field: `${at}.code` });
    if (!posts.has(s.postCode))
      out.push({ code: 'STEP_POST_UNKNOWN', message: `环节「${s.name}」的岗位 ${s.postCode} 不是本单位的在用岗位`, field: `${at}.postCode` });
    for (const r of s.returnTo) {
      if (!seen.has(r))
        out.push({ code: 'ILLEGAL_RETURN_TARGET', message: `环节「${s.name}」只能退回到此前的环节，${r} 不是此前的环节`, field: `${at}.returnTo` });
    }
    seen.add(s.code);
  });
  const total = stepsTotal(e.steps, e.promisedLimit);
  if (limitExceeds(total, e.promisedLimit))
    out.push({
      code: 'STEPS_EXCEED_PROMISED',
      message: `各环节时限合计 ${fmt(total)}，超过承诺期限 ${fmt(e.promisedLimit)}`,
      field: 'steps',
    });
  return out;
}

function feeProblems(e: ItemElements): Problem[] {
  const out: Problem[] = [];
  if (!e.free && e.fees.length === 0) out.push({ code: 'FEE_REQUIRED', message: '收费事项须至少列明一项收费项目及标准', field: 'fees' });
  if (e.free && e.fees.length > 0) out.push({ code: 'FEES_ON_FREE_ITEM', message: '不收费事项不应列明收费项目', field: 'fees' });
  e.fees.forEach((f, i) => {
    const s = f.standard;
    const bad = (m: string) => out.push({ code: 'INVALID_FEE_STANDARD', message: `收费项目「${f.name}」${m}`, field: `fees.${i}.standard` });
    if (s.kind === 'fixed' && !isDecimal(s.amount)) bad('金额应为最多两位小数的非负数');
    if (s.kind === 'range') {
      if (!isDecimal(s.min) || !isDecimal(s.max)) bad('上下限应为最多两位小数的非负数');
      else if (Number(s.min) > Number(s.max)) bad('下限不能高于上限');
    }
    if (s.kind === 'rate' && !isDecimal(s.perUnit)) bad('单价应为最多两位小数的非负数');
  });
  return out;
}

function discretionProblems(e: ItemElements): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  e.discretion.forEach((b, i) => {
    const bad = (m: string) => out.push({ code: 'INVALID_DISCRETION_BAND', message: m, field: `discretion.${i}` });
    if (seen.has(b.circumstance)) bad(`裁量情节 ${b.circumstance} 重复`);
    seen.add(b.circumstance);
    if (b.minFine !== null && !isDecimal(b.minFine)) bad('罚款下限应为最多两位小数的非负数');
    if (b.maxFine !== null && !isDecimal(b.maxFine)) bad('罚款上限应为最多两位小数的非负数');
    if (isDecimal(b.minFine) && isDecimal(b.maxFine) && Number(b.minFine) > Number(b.maxFine)) bad('罚款下限不能高于上限');
    if (b.minFine === null && b.maxFine === null && !b.otherMeasures) bad('每个裁量档次须有罚款幅度或其他处理措施');
  });
  return out;
}

/** Everything a draft must satisfy (CAT-1, CAT-4). The first problem is the refusal's code. */
export function elementProblems(e: ItemElements, unit: UnitFacts): Problem[] {
  const out: Problem[] = [];
  if (!isValidBaseCode(e.baseCode))
    out.push({ code: 'INVALID_BASE_CODE', message: '基本编码应为 12 位数字或大写字母', field: 'baseCode' });
  if (!unit.creditCode) out.push({ code: 'UNIT_WITHOUT_CREDIT_CODE', message: '实施主体没有统一社会信用代码，无法生成实施编码', field: 'unitId' });
  const derived = derivedImplCode(e, unit.creditCode);
  if (e.implCode !== null && e.implCode !== '' && (!isValidImplCode(e.implCode) || (derived && e.implCode !== derived)))
    out.push({ code: 'INVALID_IMPL_CODE', message: `实施编码应为 31 位：实施主体统一社会信用代码 + 1 位标识 + 基本编码${derived ? `（应为 ${derived}）` : ''}`, field: 'implCode' });
  if (limitExceeds(e.promisedLimit, e.legalLimit))
    out.push({ code: 'PROMISED_EXCEEDS_LEGAL', message: `承诺期限 ${fmt(e.promisedLimit)} 超过法定期限 ${fmt(e.legalLimit)}`, field: 'promisedLimit' });
  if (e.onTheSpot && e.promisedLimit.days !== 0)
    out.push({ code: 'ON_THE_SPOT_LIMIT', message: '即办件的承诺期限应为 0（当场办结）', field: 'promisedLimit' });
  if (e.coUnitIds.includes(e.unitId)) out.push({ code: 'INVALID_CO_UNIT', message: '并联审批的协办单位不能是实施主体本身', field: 'coUnitIds' });
  if (e.secret && !e.secretDoc) out.push({ code: 'SECRET_DOC_REQUIRED', message: '涉密事项须注明定密依据文件', field: 'secretDoc' });
  const mats = new Set<string>();
  e.materials.forEach((m, i) => {
    if (mats.has(m.code)) out.push({ code: 'DUPLICATE_MATERIAL_CODE', message: `材料编码 ${m.code} 重复`, field: `materials.${i}.code` });
    mats.add(m.code);
  });
  out.push(...feeProblems(e), ...discretionProblems(e), ...flowProblems(e, unit.postCodes));
  return out;
}

/** Extra conditions for submission to review (CAT-3, CAT-4: the flow is fixed in the system). */
export function submitProblems(e: ItemElements): Problem[] {
  return e.steps.length ? [] : [{ code: 'FLOW_REQUIRED', message: '提交审核前须设定内部流程（至少一个环节）', field: 'steps' }];
}

/** 法制 may approve a penalty item's flow only with a discretion benchmark (CASE-7, SUP-13). */
export function flowApprovalProblems(e: ItemElements): Problem[] {
  return e.type === '02' && e.discretion.length === 0
    ? [{ code: 'DISCRETION_REQUIRED', message: '行政处罚事项须设定裁量基准后方可审核通过', field: 'discretion' }]
    : [];
}

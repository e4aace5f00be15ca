// CAT-6 / SUP-12: which publicity elements of a version are missing or inconsistent.
// Each problem is a 公开异常 the supervision module turns into a signal. Pure.
import { limitInWorkdays } from '../domain/item.ts';
import type { ItemElements } from './elements.ts';
import { isDecimal, limitExceeds } from './validate.ts';

export interface PublicityProblem {
  code: string;
  message: string;
  field: string;
}

/** Types handled on application (materials, conditions, procedure are published for them). */
const APPLICATION_TYPES = new Set(['01', '04', '05', '07', '08', '09', '10', '20', '21', '22', '23', '25']);

export const PUBLICITY_CODES: Record<string, string> = {
  NO_LEGAL_BASIS: '未公开设定依据',
  LEGAL_BASIS_TEXT_MISSING: '设定依据缺少条款原文',
  NO_CONDITIONS: '未公开受理条件',
  NO_MATERIALS: '未公开申请材料目录',
  NO_EXTERNAL_PROCEDURE: '未公开办理流程',
  LEGAL_LIMIT_MISSING: '未公开法定期限',
  PROMISED_LIMIT_MISSING: '未公开承诺期限',
  PROMISED_EXCEEDS_LEGAL: '承诺期限超过法定期限',
  FEE_STANDARD_MISSING: '收费事项未公开收费标准',
  FEE_STANDARD_INVALID: '收费标准不规范',
  FEE_BASIS_MISSING: '收费项目未公开收费依据',
  NO_RESULT_NAME: '未公开办理结果（证照或批文名称）',
  NO_CONSULT_PHONE: '未公开咨询电话',
  NO_COMPLAINT_PHONE: '未公开监督投诉电话',
  NO_OFFICE_ADDRESS: '未公开办理地点',
  NO_OFFICE_HOURS: '未公开办理时间',
  ONLINE_URL_MISSING: '可网上办理但未公开网上办理地址',
  ONLINE_URL_INVALID: '网上办理地址不是有效的网址',
  NO_DISCRETION: '行政处罚事项未公开裁量基准',
};

export function publicityProblems(e: ItemElements): PublicityProblem[] {
  const out: PublicityProblem[] = [];
  const add = (code: keyof typeof PUBLICITY_CODES & string, field: string, detail = '') =>
    out.push({ code, field, message: PUBLICITY_CODES[code] + detail });
  const applied = APPLICATION_TYPES.has(e.type);

  if (!e.legalBasis.length) add('NO_LEGAL_BASIS', 'legalBasis');
  e.legalBasis.forEach((b, i) => {
    if (!b.text) add('LEGAL_BASIS_TEXT_MISSING', `legalBasis.${i}.text`, `：《${b.lawName}》${b.article}`);
  });
  if (applied && !e.conditions) add('NO_CONDITIONS', 'conditions');
  if (applied && !e.materials.length) add('NO_MATERIALS', 'materials');
  if (applied && !e.externalProcedure) add('NO_EXTERNAL_PROCEDURE', 'externalProcedure');
  if (!e.onTheSpot && e.legalLimit.days === 0) add('LEGAL_LIMIT_MISSING', 'legalLimit');
  if (!e.onTheSpot && e.promisedLimit.days === 0) add('PROMISED_LIMIT_MISSING', 'promisedLimit');
  if (limitExceeds(e.promisedLimit, e.legalLimit))
    add('PROMISED_EXCEEDS_LEGAL', 'promisedLimit', `（${limitInWorkdays(e.promisedLimit)} > ${limitInWorkdays(e.legalLimit)} 个工作日）`);
  if (!e.free && !e.fees.length) add('FEE_STANDARD_MISSING', 'fees');
  e.fees.forEach((f, i) => {
    const s = f.standard;
    const ok = s.kind === 'fixed' ? isDecimal(s.amount) : s.kind === 'range' ? isDecimal(s.min) && isDecimal(s.max) : isDecimal(s.perUnit);
    if (!ok) add('FEE_STANDARD_INVALID', `fees.${i}.standard`, `：${f.name}`);
    if (!f.basis) add('FEE_BASIS_MISSING', `fees.${i}.basis`, `：${f.name}`);
  });
  if ((e.result.kind === 'certificate' || e.result.kind === 'approval_document') && !e.result.name) add('NO_RESULT_NAME', 'result.name');
  if (!e.consultPhone) add('NO_CONSULT_PHONE', 'consultPhone');
  if (!e.complaintPhone) add('NO_COMPLAINT_PHONE', 'complaintPhone');
  if (applied && !e.address) add('NO_OFFICE_ADDRESS', 'address');
  if (applied && !e.hours) add('NO_OFFICE_HOURS', 'hours');
  if (e.online && !e.onlineUrl) add('ONLINE_URL_MISSING', 'onlineUrl');
  if (e.onlineUrl && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(e.onlineUrl)) add('ONLINE_URL_INVALID', 'onlineUrl');
  if (e.type === '02' && !e.discretion.length) add('NO_DISCRETION', 'discretion');
  return out;
}

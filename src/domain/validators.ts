// Validators for national identifier codes (pure: no I/O, no clock reads).
import { chinaDateOf, isIsoDate, type IsoDate } from './calendar.ts';

// ---------------------------------------------------------------------------
// 统一社会信用代码 — GB 32100-2015 (法人和其他组织统一社会信用代码编码规则).
// 18 chars: 登记管理部门码(1) 机构类别码(1) 登记管理机关行政区划码(6, digits)
// 主体标识码(9) 校验码(1). Letters I, O, S, V, Z are never used. Upper case only.

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CREDIT_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** GB 32100 §5: C18 = 31 − (Σ value(cᵢ)·wᵢ mod 31), with 31 written as '0'. Throws RangeError on bad input. */
export function creditCodeCheckChar(first17: string): string {
  if (typeof first17 !== 'string' || first17.length !== 17) throw new RangeError('credit code body must be 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new RangeError(`invalid credit code character: ${JSON.stringify(first17[i])}`);
    sum += v * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

/** Appends the check character; throws RangeError unless the result is a valid credit code. */
export function makeCreditCode(first17: string): string {
  const code = first17 + creditCodeCheckChar(first17);
  if (!isValidCreditCode(code)) throw new RangeError(`not a valid credit code body: ${first17}`);
  return code;
}

/** Exact format (upper case, no spaces), 6-digit region code at positions 3–8, correct check character. */
export function isValidCreditCode(s: unknown): boolean {
  return typeof s === 'string' && CREDIT_RE.test(s) && creditCodeCheckChar(s.slice(0, 17)) === s[17];
}

// ---------------------------------------------------------------------------
// 行政区划代码 — GB/T 2260 (6 digits: province 2 + city 2 + county 2) and
// 统计用区划代码 township level (9 digits: county 6 + township 3).

export type RegionLevel = 'province' | 'city' | 'county' | 'township';

/** 6 digits (not '000000', province part not '00') or 9 digits (valid 6-digit prefix + non-'000' township part). */
export function isValidRegionCode(s: unknown): boolean {
  if (typeof s !== 'string' || !/^\d{6}(\d{3})?$/.test(s)) return false;
  if (s.startsWith('00')) return false;
  return s.length === 6 || s.slice(6) !== '000';
}

/** xx0000 → province, xxxx00 → city, other 6-digit → county, 9-digit → township. Throws RangeError when invalid. */
export function regionLevelOf(code: string): RegionLevel {
  if (!isValidRegionCode(code)) throw new RangeError(`invalid region code: ${JSON.stringify(code)}`);
  if (code.length === 9) return 'township';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * Structural parent: township → its county, county → xxxx00, city → xx0000, province → null.
 * (For 省直辖县级行政区划 such as 429004 the parent is the grouping code 429000.)
 */
export function parentRegionCodeOf(code: string): string | null {
  switch (regionLevelOf(code)) {
    case 'township': return code.slice(0, 6);
    case 'county': return code.slice(0, 4) + '00';
    case 'city': return code.slice(0, 2) + '0000';
    case 'province': return null;
  }
}

// ---------------------------------------------------------------------------
// 公民身份号码 — GB 11643-1999. 18 chars: 地址码(6) 出生日期码(8, YYYYMMDD)
// 顺序码(3, odd = male) 校验码(1, ISO 7064 MOD 11-2). Only the 18-digit form is accepted
// (the 15-digit first-generation form is not). A lower-case 'x' check character is
// accepted and treated as 'X' (normalizeIdNumber); store the normalised form.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Upper-cases a trailing 'x'; everything else is returned unchanged. */
export function normalizeIdNumber(s: string): string {
  return s.length === 18 && s[17] === 'x' ? s.slice(0, 17) + 'X' : s;
}

/** GB 11643 §6: check = "10X98765432"[Σ aᵢ·wᵢ mod 11]. Throws RangeError unless 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (typeof first17 !== 'string' || !/^\d{17}$/.test(first17)) throw new RangeError('ID number body must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Appends the check character; throws RangeError unless the result is valid (region, birth date ≥ 1900). */
export function makeIdNumber(first17: string): string {
  const id = first17 + idNumberCheckChar(first17);
  if (!isValidIdNumber(id)) throw new RangeError(`not a valid ID number body: ${first17}`);
  return id;
}

function birthDateRaw(s: string): IsoDate | null {
  const d = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  return isIsoDate(d) && d >= '1900-01-01' ? d : null;
}

/**
 * Format, check character, region code (first 6 digits), and a real birth date on or after
 * 1900-01-01. When `now` is given the birth date must also not be after today's date in
 * China (UTC+8); without `now` no future check is made (this module never reads the clock).
 */
export function isValidIdNumber(s: unknown, now?: Date): boolean {
  if (typeof s !== 'string') return false;
  const id = normalizeIdNumber(s);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return false;
  if (!isValidRegionCode(id.slice(0, 6))) return false;
  const birth = birthDateRaw(id);
  if (!birth) return false;
  return now === undefined || birth <= chinaDateOf(now);
}

/** Birth date of a valid ID number, or null if the number is not valid. */
export function birthDateOfIdNumber(s: string): IsoDate | null {
  return isValidIdNumber(s) ? birthDateRaw(s) : null;
}

/** 顺序码 (17th digit) odd → male, even → female; null if the number is not valid. */
export function genderOfIdNumber(s: string): 'male' | 'female' | null {
  if (!isValidIdNumber(s)) return null;
  return Number(s[16]) % 2 === 1 ? 'male' : 'female';
}

// ---------------------------------------------------------------------------
// 政务服务事项编码: 基本编码 (12 chars, digits/upper-case letters) and
// 实施编码 (31 chars) = implementing unit's 统一社会信用代码 (18) + 1 digit
// (行使层级/flag) + 基本编码 (12).

const BASE_CODE_RE = /^[0-9A-Z]{12}$/;

export function isValidBaseCode(s: unknown): boolean {
  return typeof s === 'string' && BASE_CODE_RE.test(s);
}

export interface ImplCodeParts { creditCode: string; flag: string; baseCode: string }

/** Builds a 31-character 实施编码; throws RangeError on an invalid part. `flag` is one digit, default '1'. */
export function makeImplCode(creditCode: string, baseCode: string, flag: string | number = '1'): string {
  const f = String(flag);
  if (!isValidCreditCode(creditCode)) throw new RangeError(`invalid credit code: ${JSON.stringify(creditCode)}`);
  if (!/^\d$/.test(f)) throw new RangeError(`implementation code flag must be one digit, got ${JSON.stringify(f)}`);
  if (!isValidBaseCode(baseCode)) throw new RangeError(`invalid base code: ${JSON.stringify(baseCode)}`);
  return creditCode + f + baseCode;
}

/** Splits a valid 实施编码 into its parts, or null if invalid. */
export function parseImplCode(s: unknown): ImplCodeParts | null {
  if (typeof s !== 'string' || s.length !== 31) return null;
  const creditCode = s.slice(0, 18), flag = s[18], baseCode = s.slice(19);
  if (!isValidCreditCode(creditCode) || !/^\d$/.test(flag) || !isValidBaseCode(baseCode)) return null;
  return { creditCode, flag, baseCode };
}

export function isValidImplCode(s: unknown): boolean {
  return parseImplCode(s) !== null;
}

// Client-side checks of national identifier codes (the server validates again).

// 统一社会信用代码 — GB 32100-2015.
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CREDIT_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function isValidCreditCode(s: string): boolean {
  if (!CREDIT_RE.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARSET.indexOf(s[i]) * CREDIT_WEIGHTS[i];
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31] === s[17];
}

// 行政区划代码 — GB/T 2260 (6 digits) or township (9 digits).
export function isValidRegionCode(s: string): boolean {
  if (!/^\d{6}(\d{3})?$/.test(s) || s.startsWith('00')) return false;
  return s.length === 6 || s.slice(6) !== '000';
}

// 公民身份号码 — GB 11643-1999 (18 digits, ISO 7064 MOD 11-2 check character).
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function isValidIdNumber(raw: string): boolean {
  const s = raw.length === 18 && raw[17] === 'x' ? raw.slice(0, 17) + 'X' : raw;
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i];
  if (ID_CHECK[sum % 11] !== s[17]) return false;
  if (!isValidRegionCode(s.slice(0, 6))) return false;
  const y = Number(s.slice(6, 10)), m = Number(s.slice(10, 12)), d = Number(s.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d && birth.getTime() <= Date.now();
}

/** Same rule as the server: a letter first, then 3–32 letters, digits, _ . - in all. */
export const USERNAME_RULE = {
  pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/,
  message: '用户名须以字母开头，3–32 位字母、数字、下划线、点或连字符',
};

export const isValidMobile = (s: string): boolean => /^1[3-9]\d{9}$/.test(s);

/** antd Form rule factory: runs `check` only when a value was entered. */
export function codeRule(check: (s: string) => boolean, message: string) {
  return {
    validator: (_: unknown, value: unknown) =>
      !value || check(String(value).trim()) ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

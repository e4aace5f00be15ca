// SEC-5: passwords hashed with scrypt (per-user salt), compared in constant time.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((res, rej) => scryptCb(pw, salt, len, opts, (e, k) => (e ? rej(e) : res(k))));

const N = 16384, R = 8, P = 1, LEN = 32;

export async function hashPassword(pw: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pw, salt, LEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(pw: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(pw, Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

export interface PasswordPolicy {
  passwordMinLength: number;
  /** How many of: lower case, upper case, digits, symbols. */
  passwordMinClasses: number;
}

/** Returns the Chinese reasons the password breaks the policy (empty when it complies). */
export function passwordProblems(pw: string, policy: PasswordPolicy, username?: string): string[] {
  const problems: string[] = [];
  if (pw.length < policy.passwordMinLength) problems.push(`密码长度至少 ${policy.passwordMinLength} 位`);
  if (pw.length > 128) problems.push('密码长度不能超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;
  if (classes < policy.passwordMinClasses) problems.push(`密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.passwordMinClasses} 类`);
  if (username && pw.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  return problems;
}

/** A random initial password that satisfies any policy up to 4 classes. */
export function randomInitialPassword(): string {
  const b = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `Sl-${b}9a`;
}

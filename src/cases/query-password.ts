// CASE-8: anyone may follow a case by its 办件流水号 and query password, without an account.
// The password is checked with scrypt in constant time; an unknown number costs the same as a
// wrong password and gets the same answer. After 5 wrong passwords for one number, or 20 from
// one address, within 15 minutes, further tries are refused (429) until the window passes.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { hashPassword, verifyPassword } from '../access/password.ts';
import { AppError, tooMany } from '../http/errors.ts';
import type { CaseRow } from './tables.ts';

export const QUERY_LOCK = { perCase: 5, perIp: 20, minutes: 15 };

let dummy: Promise<string> | null = null;

export async function queryCase(db: Kysely<DB>, caseNo: string, password: string, ip: string | null, now: Date): Promise<CaseRow> {
  const since = new Date(now.getTime() - QUERY_LOCK.minutes * 60_000);
  const [byCase, byIp] = await Promise.all([
    db.selectFrom('case_query_failures').select((eb) => eb.fn.countAll<number>().as('n')).where('case_no', '=', caseNo).where('at', '>', since).executeTakeFirstOrThrow(),
    ip ? db.selectFrom('case_query_failures').select((eb) => eb.fn.countAll<number>().as('n')).where('ip', '=', ip).where('at', '>', since).executeTakeFirstOrThrow() : { n: 0 },
  ]);
  if (Number(byCase.n) >= QUERY_LOCK.perCase || Number(byIp.n) >= QUERY_LOCK.perIp) {
    throw tooMany('QUERY_LOCKED', `查询密码错误次数过多，请 ${QUERY_LOCK.minutes} 分钟后再试`, { minutes: QUERY_LOCK.minutes });
  }
  // system: the anonymous progress query identifies the case by number and password (CASE-8)
  const row = await db.selectFrom('cases').selectAll().where('case_no', '=', caseNo).executeTakeFirst();
  dummy ??= hashPassword('no-such-case');
  const ok = await verifyPassword(password, row?.query_password_hash ?? (await dummy));
  if (!row || !ok) {
    await db.insertInto('case_query_failures').values({ case_no: caseNo, ip, at: now }).execute();
    const left = Math.max(0, QUERY_LOCK.perCase - Number(byCase.n) - 1);
    throw new AppError(401, 'INVALID_QUERY_PASSWORD', `办件流水号或查询密码不正确${left ? `，还可尝试 ${left} 次` : ''}`, { remainingAttempts: left });
  }
  if (row.parent_id === null) return row;
  // a sub-case number shows the whole parallel approval
  // system: the combined case of the sub-case just identified by its password
  return db.selectFrom('cases').selectAll().where('id', '=', row.parent_id).executeTakeFirstOrThrow();
}

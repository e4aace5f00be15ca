// SEC-5 sign-in: lockout after repeated failures, idle and absolute session timeouts,
// forced change of initial or expired passwords. Every attempt lands in login_log.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { AppError, badRequest, tooMany } from '../http/errors.ts';
import { hashPassword, passwordProblems, verifyPassword } from './password.ts';
import { getSecurityPolicy, type SecurityPolicy } from './settings.ts';
import { loadActor } from './actor.ts';
import type { Actor } from './scope.ts';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const minutes = (n: number) => n * 60_000;

async function logLogin(db: Kysely<DB>, now: Date, username: string, userId: number | null, client: ClientInfo, result: string, detail?: string) {
  await db
    .insertInto('login_log')
    .values({ at: now, username, user_id: userId, ip: client.ip, user_agent: client.userAgent, result, detail: detail ?? null })
    .execute();
}

export function passwordExpired(changedAt: Date, policy: SecurityPolicy, now: Date): boolean {
  return policy.passwordExpiryDays > 0 && now.getTime() - changedAt.getTime() > policy.passwordExpiryDays * 86_400_000;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: number;
  mustChangePassword: boolean;
}

export async function login(db: Kysely<DB>, username: string, password: string, client: ClientInfo, now: Date): Promise<LoginResult> {
  const policy = await getSecurityPolicy(db);
  const invalid = (details?: unknown) => new AppError(401, 'INVALID_CREDENTIALS', '用户名或密码错误', details);
  // system: authentication must find the account before any actor exists
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!user) {
    await verifyPassword(password, DUMMY_HASH); // same cost as a real check: no user enumeration by timing
    await logLogin(db, now, username, null, client, 'unknown_user');
    throw invalid();
  }
  if (user.locked_until && user.locked_until > now) {
    await logLogin(db, now, username, user.id, client, 'locked');
    throw lockedError(user.locked_until, now);
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    const failures = user.failed_attempts + 1;
    if (failures >= policy.lockoutThreshold) {
      const until = new Date(now.getTime() + minutes(policy.lockoutMinutes));
      // system: own account's lockout counter
      await db.updateTable('users').set({ failed_attempts: 0, locked_until: until }).where('id', '=', user.id).execute();
      await logLogin(db, now, username, user.id, client, 'bad_password', `连续失败 ${failures} 次，锁定至 ${until.toISOString()}`);
      throw lockedError(until, now);
    }
    // system: own account's failure counter
    await db.updateTable('users').set({ failed_attempts: failures }).where('id', '=', user.id).execute();
    await logLogin(db, now, username, user.id, client, 'bad_password');
    throw invalid({ remainingAttempts: policy.lockoutThreshold - failures });
  }
  if (!user.active) {
    await logLogin(db, now, username, user.id, client, 'inactive');
    throw new AppError(403, 'ACCOUNT_DISABLED', '账户已停用，请联系管理员');
  }
  const actor = await loadActor(db, user.id);
  if (!actor) {
    await logLogin(db, now, username, user.id, client, 'inactive', '所属单位已停用');
    throw new AppError(403, 'ACCOUNT_DISABLED', '账户所属单位已停用，请联系管理员');
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + policy.sessionMaxHours * 3_600_000),
      ip: client.ip,
      user_agent: client.userAgent,
      revoked_at: null,
    })
    .execute();
  // system: own account's sign-in bookkeeping
  await db.updateTable('users').set({ failed_attempts: 0, locked_until: null, last_login_at: now }).where('id', '=', user.id).execute();
  await logLogin(db, now, username, user.id, client, 'success');
  return {
    token,
    csrfToken,
    userId: user.id,
    mustChangePassword: user.must_change_password || passwordExpired(user.password_changed_at, policy, now),
  };
}

function lockedError(until: Date, now: Date) {
  const mins = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return tooMany('ACCOUNT_LOCKED', `登录失败次数过多，账户已锁定，请 ${mins} 分钟后再试`, { lockedUntil: until.toISOString() });
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export interface SessionState {
  actor: Actor;
  csrfToken: string;
  idHash: string;
  mustChangePassword: boolean;
}

export type SessionLookup = { ok: true; session: SessionState } | { ok: false; reason: 'missing' | 'expired' | 'idle' | 'revoked' | 'disabled' };

export async function resolveSession(db: Kysely<DB>, token: string, now: Date): Promise<SessionLookup> {
  const idHash = sha256(token);
  const s = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!s) return { ok: false, reason: 'missing' };
  if (s.revoked_at) return { ok: false, reason: 'revoked' };
  if (s.expires_at <= now) return { ok: false, reason: 'expired' };
  const policy = await getSecurityPolicy(db);
  if (now.getTime() - s.last_seen_at.getTime() > minutes(policy.sessionIdleMinutes)) {
    await db.updateTable('sessions').set({ revoked_at: now }).where('id_hash', '=', idHash).execute();
    return { ok: false, reason: 'idle' };
  }
  const actor = await loadActor(db, s.user_id);
  if (!actor) return { ok: false, reason: 'disabled' };
  // Touch at most once a minute: idle timeout needs minute precision, not a write per request.
  if (now.getTime() - s.last_seen_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  // system: own account's password state
  const u = await db.selectFrom('users').select(['must_change_password', 'password_changed_at']).where('id', '=', s.user_id).executeTakeFirstOrThrow();
  return {
    ok: true,
    session: {
      actor,
      csrfToken: s.csrf_token,
      idHash,
      mustChangePassword: u.must_change_password || passwordExpired(u.password_changed_at, policy, now),
    },
  };
}

export async function logout(db: Kysely<DB>, session: SessionState, client: ClientInfo, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id_hash', '=', session.idHash).execute();
  await logLogin(db, now, session.actor.username, session.actor.userId, client, 'logout');
}

export async function changePassword(db: Kysely<DB>, session: SessionState, oldPassword: string, newPassword: string, now: Date): Promise<void> {
  const policy = await getSecurityPolicy(db);
  // system: own account
  const u = await db.selectFrom('users').select(['password_hash', 'username']).where('id', '=', session.actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(oldPassword, u.password_hash))) throw badRequest('WRONG_PASSWORD', '原密码不正确');
  if (oldPassword === newPassword) throw badRequest('PASSWORD_REUSED', '新密码不能与原密码相同');
  const problems = passwordProblems(newPassword, policy, u.username);
  if (problems.length) throw badRequest('WEAK_PASSWORD', problems.join('；'), { problems });
  const hash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    // system: own account
    await trx.updateTable('users').set({ password_hash: hash, password_changed_at: now, must_change_password: false, updated_at: now }).where('id', '=', session.actor.userId).execute();
    // Other sessions of this user end; this one stays.
    await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', session.actor.userId).where('id_hash', '!=', session.idHash).where('revoked_at', 'is', null).execute();
  });
}

// Users (staff and applicants), their roles and posts. Nothing is hard-deleted: accounts
// are deactivated with a reason. A manager can only grant what they hold themselves.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import { isValidCreditCode, isValidIdNumber, normalizeIdNumber } from '../domain/validators.ts';
import { contains } from '../store/like.ts';
import { hashPassword, passwordProblems, randomInitialPassword } from './password.ts';
import { getSecurityPolicy } from './settings.ts';
import { scoped, type Actor } from './scope.ts';
import { OPERATIONAL_PERMISSIONS, scopeWithin } from './permissions.ts';
import type { ScopeKind } from './tables.ts';

export const USERNAME_RE = /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/;

export function maskIdNumber(id: string | null): string | null {
  return id ? `${id.slice(0, 6)}********${id.slice(-4)}` : null;
}

function userBase(db: Kysely<DB>, a: Actor) {
  return scoped(db, a)
    .selectFrom('users as us')
    .leftJoin('units as un', 'un.id', 'us.unit_id')
    .select([
      'us.id', 'us.username', 'us.display_name', 'us.kind', 'us.unit_id', 'un.name as unit_name', 'us.active',
      'us.locked_until', 'us.last_login_at', 'us.phone', 'us.email', 'us.id_number', 'us.must_change_password',
      'us.created_at', 'us.deactivated_reason', 'us.applicant_type', 'us.org_name', 'us.credit_code',
    ]);
}

async function rolesAndPosts(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return { roles: new Map<number, string[]>(), posts: new Map<number, number[]>() };
  const r = await db.selectFrom('user_roles').select(['user_id', 'role_code']).where('user_id', 'in', ids).orderBy('role_code').execute();
  const p = await db.selectFrom('user_posts').select(['user_id', 'post_id']).where('user_id', 'in', ids).execute();
  const roles = new Map<number, string[]>();
  const posts = new Map<number, number[]>();
  for (const x of r) roles.set(x.user_id, [...(roles.get(x.user_id) ?? []), x.role_code]);
  for (const x of p) posts.set(x.user_id, [...(posts.get(x.user_id) ?? []), x.post_id]);
  return { roles, posts };
}

export async function listUsers(
  db: Kysely<DB>, a: Actor,
  f: { unitId?: number; q?: string; role?: string; active?: boolean; kind?: 'staff' | 'applicant'; after?: number; limit: number },
  now: Date,
) {
  let q = userBase(db, a).orderBy('us.id').limit(f.limit + 1);
  if (f.after) q = q.where('us.id', '>', f.after);
  if (f.unitId) q = q.where('us.unit_id', '=', f.unitId);
  if (f.active !== undefined) q = q.where('us.active', '=', f.active);
  if (f.kind) q = q.where('us.kind', '=', f.kind);
  if (f.q) q = q.where((eb) => eb.or([eb('us.username', 'like', contains(f.q!)), eb('us.display_name', 'like', contains(f.q!))]));
  if (f.role) q = q.where('us.id', 'in', (eb) => eb.selectFrom('user_roles').select('user_id').where('role_code', '=', f.role!));
  const rows = await q.execute();
  const { roles } = await rolesAndPosts(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, roles: roles.get(r.id) ?? [], locked: !!r.locked_until && r.locked_until > now }));
}

export async function getUser(db: Kysely<DB>, a: Actor, id: number, now: Date) {
  const r = await userBase(db, a).where('us.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('用户不存在');
  const { roles, posts } = await rolesAndPosts(db, [id]);
  return { ...r, roles: roles.get(id) ?? [], postIds: posts.get(id) ?? [], locked: !!r.locked_until && r.locked_until > now };
}

/** The roles `a` may grant: no wider scope, and no non-operational permission `a` lacks (no privilege escalation). */
async function assertGrantable(db: Kysely<DB>, a: Actor, roleCodes: string[]) {
  if (!roleCodes.length) return;
  const roles = await db.selectFrom('roles').selectAll().where('code', 'in', roleCodes).execute();
  const missing = roleCodes.filter((c) => !roles.some((r) => r.code === c));
  if (missing.length) throw badRequest('ROLE_NOT_FOUND', `角色不存在：${missing.join('、')}`, { missing });
  for (const r of roles) {
    if (!r.active) throw badRequest('ROLE_INACTIVE', `角色已停用：${r.name}`);
    if (r.code === 'applicant') throw badRequest('ROLE_NOT_FOR_STAFF', '申请人角色只能通过网上大厅注册获得');
    if (!scopeWithin(r.scope as ScopeKind, a.scope) || r.permissions.some((p) => !a.permissions.has(p) && !OPERATIONAL_PERMISSIONS.has(p)))
      throw forbidden(`无权授予角色：${r.name}`, 'ROLE_NOT_GRANTABLE', { role: r.code });
  }
}

async function assertPostsInUnit(db: Kysely<DB>, a: Actor, unitId: number, postIds: number[]) {
  if (!postIds.length) return;
  const rows = await scoped(db, a).selectFrom('posts').select(['id', 'unit_id', 'active']).where('id', 'in', postIds).execute();
  const bad = postIds.filter((id) => !rows.some((r) => r.id === id && r.unit_id === unitId && r.active));
  if (bad.length) throw badRequest('POST_NOT_IN_UNIT', '所选岗位不属于该用户所在单位或已停用', { postIds: bad });
}

async function assertUnit(db: Kysely<DB>, a: Actor, unitId: number) {
  const u = await scoped(db, a).selectFrom('units').select(['id', 'active']).where('id', '=', unitId).executeTakeFirst();
  if (!u) throw badRequest('UNIT_NOT_FOUND', '单位不存在或不在管辖范围内');
  if (!u.active) throw badRequest('UNIT_INACTIVE', '单位已停用');
}

export interface StaffInput {
  username: string;
  displayName: string;
  unitId: number;
  phone?: string | null;
  email?: string | null;
  roles: string[];
  postIds: number[];
}

export async function createStaffUser(db: Kysely<DB>, a: Actor, input: StaffInput, now: Date, opts: { password?: string; demo?: boolean } = {}) {
  if (!USERNAME_RE.test(input.username)) throw badRequest('INVALID_USERNAME', '用户名须以字母开头，3–32 位字母、数字、下划线、点或连字符');
  await assertUnit(db, a, input.unitId);
  await assertGrantable(db, a, input.roles);
  await assertPostsInUnit(db, a, input.unitId, input.postIds);
  // system: usernames are unique across the whole platform
  const dup = await db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
  if (dup) throw conflict('DUPLICATE_USERNAME', `用户名 ${input.username} 已存在`);
  const initialPassword = opts.password ?? randomInitialPassword();
  const hash = await hashPassword(initialPassword);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username, display_name: input.displayName, kind: 'staff', unit_id: input.unitId,
        applicant_type: null, id_number: null, org_name: null, credit_code: null,
        phone: input.phone ?? null, email: input.email ?? null, password_hash: hash, password_changed_at: now,
        must_change_password: !opts.password || !opts.demo, locked_until: null, last_login_at: null,
        deactivated_at: null, deactivated_reason: null, demo: !!opts.demo, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.roles.length)
      await trx.insertInto('user_roles').values(input.roles.map((r) => ({ user_id: row.id, role_code: r, granted_by: a.userId, granted_at: now }))).execute();
    if (input.postIds.length)
      await trx.insertInto('user_posts').values(input.postIds.map((p) => ({ user_id: row.id, post_id: p }))).execute();
    return row.id;
  });
  return { id, initialPassword };
}

export async function updateUser(
  db: Kysely<DB>, a: Actor, id: number,
  patch: { displayName?: string; phone?: string | null; email?: string | null; roles?: string[]; postIds?: number[]; unitId?: number },
  now: Date,
) {
  const current = await getUser(db, a, id, now);
  if (current.kind !== 'staff' && (patch.roles || patch.postIds || patch.unitId)) throw badRequest('NOT_STAFF', '申请人账户不能分配单位、角色或岗位');
  if (id === a.userId && patch.roles) throw forbidden('不能修改本人的角色', 'CANNOT_CHANGE_OWN_ROLES');
  const unitId = patch.unitId ?? current.unit_id!;
  if (patch.unitId) await assertUnit(db, a, patch.unitId);
  if (patch.roles) {
    await assertGrantable(db, a, patch.roles);
    // Removing a role is granting in reverse: only for roles the manager could grant.
    await assertGrantable(db, a, current.roles.filter((r) => !patch.roles!.includes(r) && r !== 'applicant'));
  }
  const postIds = patch.postIds ?? (patch.unitId && patch.unitId !== current.unit_id ? [] : undefined);
  if (postIds) await assertPostsInUnit(db, a, unitId, postIds);
  await db.transaction().execute(async (trx) => {
    await scoped(trx, a)
      .updateTable('users')
      .set({
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.phone !== undefined && { phone: patch.phone }),
        ...(patch.email !== undefined && { email: patch.email }),
        ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (patch.roles) {
      await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
      if (patch.roles.length)
        await trx.insertInto('user_roles').values(patch.roles.map((r) => ({ user_id: id, role_code: r, granted_by: a.userId, granted_at: now }))).execute();
    }
    if (postIds) {
      await trx.deleteFrom('user_posts').where('user_id', '=', id).execute();
      if (postIds.length) await trx.insertInto('user_posts').values(postIds.map((p) => ({ user_id: id, post_id: p }))).execute();
    }
  });
}

export async function setUserActive(db: Kysely<DB>, a: Actor, id: number, active: boolean, reason: string | null, now: Date) {
  const u = await getUser(db, a, id, now);
  if (id === a.userId) throw badRequest('CANNOT_DEACTIVATE_SELF', '不能停用本人账户');
  await assertGrantable(db, a, u.roles.filter((r) => r !== 'applicant'));
  await db.transaction().execute(async (trx) => {
    await scoped(trx, a)
      .updateTable('users')
      .set({ active, deactivated_at: active ? null : now, deactivated_reason: active ? null : reason, updated_at: now })
      .where('id', '=', id)
      .execute();
    if (!active) await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
  });
}

export async function resetPassword(db: Kysely<DB>, a: Actor, id: number, now: Date) {
  const u = await getUser(db, a, id, now);
  await assertGrantable(db, a, u.roles.filter((r) => r !== 'applicant'));
  const initialPassword = randomInitialPassword();
  const hash = await hashPassword(initialPassword);
  await db.transaction().execute(async (trx) => {
    await scoped(trx, a)
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: now, must_change_password: true, failed_attempts: 0, locked_until: null, updated_at: now })
      .where('id', '=', id)
      .execute();
    await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
  });
  return initialPassword;
}

export async function unlockUser(db: Kysely<DB>, a: Actor, id: number, now: Date) {
  await getUser(db, a, id, now);
  await scoped(db, a).updateTable('users').set({ failed_attempts: 0, locked_until: null, updated_at: now }).where('id', '=', id).execute();
}

// ---------- applicants (public hall, CASE-1) ----------

export interface ApplicantRegistration {
  username: string;
  password: string;
  displayName: string;
  applicantType: 'person' | 'organisation';
  idNumber?: string | null;
  orgName?: string | null;
  creditCode?: string | null;
  phone: string;
}

export async function registerApplicant(db: Kysely<DB>, input: ApplicantRegistration, now: Date) {
  if (!USERNAME_RE.test(input.username)) throw badRequest('INVALID_USERNAME', '用户名须以字母开头，3–32 位字母、数字、下划线、点或连字符');
  if (!/^1[3-9]\d{9}$/.test(input.phone)) throw badRequest('INVALID_PHONE', '请填写正确的 11 位手机号码');
  let idNumber: string | null = null;
  let creditCode: string | null = null;
  if (input.applicantType === 'person') {
    idNumber = input.idNumber ? normalizeIdNumber(input.idNumber.trim()) : null;
    if (!idNumber || !isValidIdNumber(idNumber, now)) throw badRequest('INVALID_ID_NUMBER', '居民身份证号码不正确（校验位或出生日期有误）');
  } else {
    creditCode = input.creditCode?.trim().toUpperCase() ?? null;
    if (!input.orgName?.trim()) throw badRequest('ORG_NAME_REQUIRED', '请填写单位名称');
    if (!creditCode || !isValidCreditCode(creditCode)) throw badRequest('INVALID_CREDIT_CODE', '统一社会信用代码不正确（校验位或格式有误）');
  }
  const policy = await getSecurityPolicy(db);
  const problems = passwordProblems(input.password, policy, input.username);
  if (problems.length) throw badRequest('WEAK_PASSWORD', problems.join('；'), { problems });
  // system: registration checks uniqueness platform-wide before any account exists
  const dupName = await db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
  if (dupName) throw conflict('DUPLICATE_USERNAME', `用户名 ${input.username} 已存在`);
  if (idNumber) {
    // system: one real-name account per identity number
    const dupId = await db.selectFrom('users').select('id').where('id_number', '=', idNumber).executeTakeFirst();
    if (dupId) throw conflict('DUPLICATE_ID_NUMBER', '该身份证号码已注册账户');
  }
  const hash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username, display_name: input.displayName, kind: 'applicant', unit_id: null,
        applicant_type: input.applicantType, id_number: idNumber, org_name: input.orgName?.trim() || null, credit_code: creditCode,
        phone: input.phone, email: null, password_hash: hash, password_changed_at: now, must_change_password: false,
        locked_until: null, last_login_at: null, deactivated_at: null, deactivated_reason: null, created_at: now, updated_at: now,
      })
      .returning(['id', 'username'])
      .executeTakeFirstOrThrow();
    await trx.insertInto('user_roles').values({ user_id: row.id, role_code: 'applicant', granted_by: null, granted_at: now }).execute();
    return row;
  });
}

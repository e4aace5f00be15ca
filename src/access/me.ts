import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { loadActor } from './actor.ts';
import { unauthenticated } from '../http/errors.ts';
import { maskIdNumber } from './users.ts';

/** The real-name data of an applicant account, for prefilling applications (CASE-1). */
export const ApplicantProfileSchema = z.object({
  kind: z.enum(['person', 'organisation']),
  name: z.string().describe('自然人姓名或单位名称'),
  idType: z.enum(['id_card', 'credit_code']),
  idNumberMasked: z.string().describe('脱敏的身份证号码或统一社会信用代码'),
  phone: z.string().nullable(),
  agentName: z.string().nullable().describe('法人账户的经办人'),
});
export type ApplicantProfile = z.infer<typeof ApplicantProfileSchema>;

export const MeSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['staff', 'applicant']),
  unit: z.object({ id: z.number(), name: z.string() }).nullable(),
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  roles: z.array(z.object({ code: z.string(), name: z.string() })),
  permissions: z.array(z.string()),
  scope: z.enum(['all', 'region', 'unit_tree', 'unit', 'self']),
  posts: z.array(z.object({ id: z.number(), name: z.string(), unitId: z.number() })),
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
  applicant: ApplicantProfileSchema.optional().describe('申请人实名信息（仅 ?include=applicant 且为申请人账户时返回，读取记入操作日志）'),
});

export type Me = z.infer<typeof MeSchema>;

export async function loadMe(db: Kysely<DB>, userId: number, csrfToken: string, mustChangePassword: boolean): Promise<Me> {
  const a = await loadActor(db, userId);
  if (!a) throw unauthenticated();
  // system: the caller's own unit, region, roles and posts
  const unit = a.unitId ? await db.selectFrom('units').select(['id', 'name']).where('id', '=', a.unitId).executeTakeFirst() : undefined;
  const region = a.regionCode ? await db.selectFrom('regions').select(['code', 'name']).where('code', '=', a.regionCode).executeTakeFirst() : undefined;
  const roles = a.roles.length ? await db.selectFrom('roles').select(['code', 'name']).where('code', 'in', a.roles).execute() : [];
  const posts = a.postIds.length // system: the caller's own posts
    ? await db.selectFrom('posts').select(['id', 'name', 'unit_id']).where('id', 'in', a.postIds).execute()
    : [];
  return {
    id: a.userId, username: a.username, displayName: a.displayName, kind: a.kind,
    unit: unit ?? null, region: region ?? null, roles, permissions: [...a.permissions].sort(), scope: a.scope,
    posts: posts.map((p) => ({ id: p.id, name: p.name, unitId: p.unit_id })), mustChangePassword, csrfToken,
  };
}

/** Null for staff and for applicant accounts without real-name data. */
export async function loadApplicantProfile(db: Kysely<DB>, userId: number): Promise<ApplicantProfile | null> {
  // system: the caller's own account
  const u = await db.selectFrom('users').select(['display_name', 'applicant_type', 'id_number', 'org_name', 'credit_code', 'phone', 'kind'])
    .where('id', '=', userId).executeTakeFirst();
  if (!u || u.kind !== 'applicant' || !u.applicant_type) return null;
  if (u.applicant_type === 'person') {
    return { kind: 'person', name: u.display_name, idType: 'id_card', idNumberMasked: maskIdNumber(u.id_number) ?? '', phone: u.phone, agentName: null };
  }
  return {
    kind: 'organisation', name: u.org_name ?? u.display_name, idType: 'credit_code', idNumberMasked: maskIdNumber(u.credit_code) ?? '',
    phone: u.phone, agentName: u.display_name,
  };
}

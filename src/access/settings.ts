// Security policy (SEC-5), stored as data so an admin can tighten it without a deploy.
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';

export const SecurityPolicySchema = z.object({
  passwordMinLength: z.number().int().min(8).max(64),
  passwordMinClasses: z.number().int().min(1).max(4),
  passwordExpiryDays: z.number().int().min(0).max(3650).describe('0 = never expires'),
  sessionIdleMinutes: z.number().int().min(1).max(24 * 60),
  sessionMaxHours: z.number().int().min(1).max(72),
  lockoutThreshold: z.number().int().min(1).max(100),
  lockoutMinutes: z.number().int().min(1).max(24 * 60),
});
export type SecurityPolicy = z.infer<typeof SecurityPolicySchema>;

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  passwordExpiryDays: 90,
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  lockoutThreshold: 5,
  lockoutMinutes: 10,
};

export async function getSecurityPolicy(db: Kysely<DB>): Promise<SecurityPolicy> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'security').executeTakeFirst();
  return { ...DEFAULT_SECURITY_POLICY, ...((row?.value as Partial<SecurityPolicy>) ?? {}) };
}

export async function setSecurityPolicy(db: Kysely<DB>, policy: SecurityPolicy, by: number, now: Date): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: 'security', value: JSON.stringify(policy), updated_by: by, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(policy), updated_by: by, updated_at: now }))
    .execute();
}

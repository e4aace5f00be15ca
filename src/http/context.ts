import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { DbKind } from '../store/db.ts';
import type { SessionState } from '../access/auth.ts';
import type { Actor } from '../access/scope.ts';
import { unauthenticated } from './errors.ts';

export interface AppContext {
  db: Kysely<DB>;
  dbKind: DbKind;
  /** The only clock the application reads. Production: real time. */
  now: () => Date;
}

export interface AuditNote {
  targetType?: string;
  targetId?: string | number;
  detail?: Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'public': no session needed. Default: a signed-in user. */
    auth?: 'public' | 'user';
    /** Permission code the caller's roles must include. */
    permission?: string;
    /** Staff only (applicants are refused). */
    staffOnly?: boolean;
    /** Allowed while the user still has to change an initial/expired password. */
    allowPasswordChange?: boolean;
    /** Operation-log action name; mutating routes are logged automatically. */
    action?: string;
    /** SEC-4: the response carries personal data; the read is logged. */
    personalData?: boolean;
    /** Skip the CSRF check (only for routes that establish a session). */
    noCsrf?: boolean;
  }
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    session: SessionState | null;
    audit: AuditNote;
  }
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.session) throw unauthenticated();
  return req.session.actor;
}

export function clientOf(req: FastifyRequest) {
  return { ip: req.ip ?? null, userAgent: (req.headers['user-agent'] as string | undefined) ?? null };
}

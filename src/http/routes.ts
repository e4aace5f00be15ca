// Every /api route, by module. A new module adds one line here.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import cluster from 'node:cluster';
import { sql } from 'kysely';
import { authRoutes } from '../access/routes-auth.ts';
import { orgRoutes } from '../access/routes-org.ts';
import { userRoutes } from '../access/routes-users.ts';
import { logRoutes } from '../access/routes-logs.ts';
import { calendarRoutes } from '../calendar/routes.ts';
import { catalogRoutes } from '../catalog/routes.ts';
import { supervisionRoutes } from '../supervision/routes.ts';
import { caseRoutes } from '../cases/routes.ts';

export const registerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    config: { auth: 'public' },
    schema: {
      tags: ['system'], summary: '健康检查',
      // worker: which server process answered (WORKERS > 1, numbered from 1); null for a single process
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), time: z.string(), worker: z.number().int().nullable() }) },
    },
  }, async () => {
    await sql`select 1`.execute(app.ctx.db);
    return { status: 'ok' as const, database: app.ctx.dbKind, time: app.ctx.now().toISOString(), worker: cluster.worker?.id ?? null };
  });
  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(userRoutes);
  await app.register(logRoutes);
  await app.register(calendarRoutes);
  await app.register(catalogRoutes);
  await app.register(supervisionRoutes);
  await app.register(caseRoutes);
};

// Every route of case processing: staff (/api/cases…) and the public hall (/api/public/cases…,
// /api/public/case-query, /api/public/documents/verify/:code).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import './register.ts';
import { staffCaseRoutes } from './routes-staff.ts';
import { publicCaseRoutes } from './routes-public.ts';

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(staffCaseRoutes);
  await app.register(publicCaseRoutes);
};

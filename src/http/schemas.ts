import { z } from 'zod';

export const ErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export const ErrorResponses = {
  400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema,
} as const;

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const ReasonBody = z.object({ reason: z.string().trim().min(2, '请填写原因').max(500) });
export const OkSchema = z.object({ ok: z.literal(true) });
export const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const optText = (max: number) => z.string().trim().max(max).nullish();

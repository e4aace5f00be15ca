// One error shape for every refusal: { error: { code, message, details } }.
// `code` is stable for programs; `message` is Chinese for people.
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthenticated = (message = '请先登录', code = 'UNAUTHENTICATED') => new AppError(401, code, message);
export const forbidden = (message = '无权执行此操作', code = 'FORBIDDEN', details?: unknown) =>
  new AppError(403, code, message, details);
/** Also used for records outside the caller's jurisdiction, so existence does not leak. */
export const notFound = (message = '资源不存在', code = 'NOT_FOUND') => new AppError(404, code, message);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const tooMany = (code: string, message: string, details?: unknown) => new AppError(429, code, message, details);

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

// Thin fetch wrapper for the Sunlight API: same-origin cookies, JSON bodies, the CSRF
// header on every non-GET request, one error type, and the redirects the contract asks
// for (401 → sign-in with ?next=, 403 PASSWORD_CHANGE_REQUIRED → change password).
import type { ErrorBody, ValidationIssue } from './types';

export class ApiError extends Error {
  /** True when the wrapper already navigated away (the caller should stay quiet). */
  redirected = false;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** `details.issues` of a 400 VALIDATION_FAILED, otherwise []. */
  get issues(): ValidationIssue[] {
    const d = this.details as { issues?: unknown } | undefined;
    return Array.isArray(d?.issues) ? (d.issues as ValidationIssue[]) : [];
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

// ------------------------------------------------------------------ CSRF token
const CSRF_COOKIE = 'sl_csrf';
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

/** The cookie reflects the current session even after a sign-in in another tab. */
export function currentCsrfToken(): string | null {
  return readCookie(CSRF_COOKIE) || csrfToken;
}

// ------------------------------------------------------------------ redirects
export const AUTH_NOTICE_KEY = 'sunlight.authNotice';
const PUBLIC_PATHS = ['/login', '/register'];

type Navigator = (to: string) => void;
let navigator: Navigator = (to) => window.location.assign(to);
let onSignedOut: () => void = () => {};

/** Lets the router take over navigation (no full reload) and clear cached user state. */
export function configureApiNavigation(nav: Navigator, signedOut: () => void): void {
  navigator = nav;
  onSignedOut = signedOut;
}

function currentPath(): string {
  return window.location.pathname + window.location.search;
}

export function loginUrl(next = currentPath()): string {
  const skip = next === '/' || PUBLIC_PATHS.some((p) => next.startsWith(p)) || next.startsWith('/change-password');
  return skip ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

function handleRedirect(err: ApiError): void {
  const path = window.location.pathname;
  if (err.status === 401) {
    setCsrfToken(null);
    if (!PUBLIC_PATHS.includes(path)) {
      if (err.code !== 'UNAUTHENTICATED') sessionStorage.setItem(AUTH_NOTICE_KEY, err.message);
      err.redirected = true;
      navigator(loginUrl());
    }
    onSignedOut();
  } else if (err.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') {
    if (path === '/change-password') return;
    err.redirected = true;
    const next = currentPath();
    navigator(next === '/' ? '/change-password' : `/change-password?next=${encodeURIComponent(next)}`);
  }
}

// ------------------------------------------------------------------ requests
export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not navigate on 401/403 (sign-in form, public pages). */
  noRedirect?: boolean;
  signal?: AbortSignal;
}

export function buildQuery(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function parseError(res: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<ErrorBody>;
  } catch {
    body = null;
  }
  const e = body?.error;
  if (e && typeof e.code === 'string') return new ApiError(res.status, e.code, e.message || '请求失败', e.details);
  return new ApiError(res.status, `HTTP_${res.status}`, `服务器返回错误（${res.status}），请稍后重试`);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal: opts.signal };
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const token = currentCsrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(path + buildQuery(opts.query), init);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) {
    const err = await parseError(res);
    if (!opts.noRedirect) handleRedirect(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T = void>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T = void>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('PUT', path, { ...opts, body: body ?? {} }),
  patch: <T = void>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...opts, body: body ?? {} }),
};

// Display helpers. Instants are shown in China time (UTC+8) whatever the browser's zone.
const instantFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** `2026-10-08 23:59:59` in China time, or '—' when empty/invalid. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(instantFormat.formatToParts(d).map((p) => [p.type, p.value]));
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return `${parts.year}-${parts.month}-${parts.day} ${hour}:${parts.minute}:${parts.second}`;
}

/**
 * A deadline instant: the end of a China day (the next midnight) reads as `YYYY-MM-DD 24:00`,
 * the way 民法典 counts the last day of a period; other instants as `formatInstant`.
 */
export function formatDeadline(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const text = formatInstant(iso);
  if (!text.endsWith(' 00:00:00')) return text;
  return `${chinaToday(new Date(d.getTime() - 1))} 24:00`;
}

export const dash = (v: string | number | null | undefined): string | number =>
  v === null || v === undefined || v === '' ? '—' : v;

/** Removes empty strings and undefined so PATCH/POST bodies only carry what was entered. */
export function compact<T extends object>(obj: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    (out as Record<string, unknown>)[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

const normalize = (v: unknown): unknown => {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  return v === undefined ? null : v;
};

/**
 * The fields of `next` that differ from `original` (strings trimmed; a cleared optional
 * field becomes null), for PATCH bodies that should only carry real changes.
 */
export function changedFields<T extends object>(original: Partial<Record<keyof T, unknown>>, next: T): { [K in keyof T]?: T[K] | null } {
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(next) as [keyof T & string, unknown][]) {
    const v = normalize(raw);
    if (JSON.stringify(v) !== JSON.stringify(normalize(original[k]))) out[k] = v;
  }
  return out as { [K in keyof T]?: T[K] | null };
}

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in China (`YYYY-MM-DD`). */
export function chinaToday(now = new Date()): string {
  return dateFormat.format(now);
}

/** Start of a China calendar day as an ISO instant with offset, e.g. `2026-10-01T00:00:00+08:00`. */
export const chinaDayStart = (date: string): string => `${date}T00:00:00+08:00`;

/** `form.validateFields()` without the rejection: the values, or null when a field is invalid (antd shows why). */
export async function validValues<T>(form: { validateFields: () => Promise<T> }): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}

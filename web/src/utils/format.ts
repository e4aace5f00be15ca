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

/**
 * The fields of `next` that differ from `original` (strings trimmed; a cleared optional
 * string becomes ''), for PATCH bodies that should only carry real changes.
 */
export function changedFields<T extends object>(original: Partial<Record<keyof T, unknown>>, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, raw] of Object.entries(next) as [keyof T & string, unknown][]) {
    const v = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : raw;
    const before = original[k] ?? '';
    if (JSON.stringify(v) !== JSON.stringify(before)) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

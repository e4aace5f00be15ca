// Set-based statements take whole columns as arrays (unnest, ROWS FROM): built here as one
// literal per column rather than per-element parameters.

/**
 * A PostgreSQL array literal, passed as one text parameter and cast (`::bigint[]`, `::text[]` …):
 * cheaper than an array the driver serialises and escapes element by element.
 */
export function arrayLit(xs: readonly (string | number | null)[]): string {
  let out = '{';
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (i) out += ',';
    if (v === null) out += 'NULL';
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new TypeError('non-finite number in an array parameter');
      out += String(v);
    } else out += /["\\]/.test(v) ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
  }
  return `${out}}`;
}

import { sql, type RawBuilder } from 'kysely';
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

// The separators a text column may be split on: control characters, which JSON text never
// holds unescaped and which ordinary text practically never does.
const SEPARATORS = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1));

/**
 * A column of long texts (titles, explanations) for `unnest(…)`: the texts joined by a
 * separator none of them contains, split by the server (`string_to_array`) — no quoting here
 * and no unquoting there, which for long texts costs several times less than an array literal.
 * Falls back to the array literal when every separator occurs in the column.
 */
export function textColumn(xs: readonly string[]): RawBuilder<string[]> {
  const sep = SEPARATORS.find((c) => !xs.some((x) => x.includes(c)));
  if (sep === undefined) return sql<string[]>`${arrayLit(xs)}::text[]`;
  return splitColumn(xs, sep);
}

/** A column of JSON texts (as JSON.stringify writes them: control characters escaped) for `unnest(…)`, cast to json by the caller. */
export function jsonColumn(xs: readonly string[]): RawBuilder<string[]> {
  return splitColumn(xs, SEPARATORS[0]);
}

// a leading separator, then [2:], so that a single empty text is one element and not none
const splitColumn = (xs: readonly string[], sep: string) => sql<string[]>`(string_to_array(${sep + xs.join(sep)}::text, ${sep}::text))[2:]`;

/** A column for rowsFrom: its name, its SQL array type ('bigint', 'text' …) and its values. */
export interface Column {
  name: string;
  type: 'bigint' | 'int' | 'text' | 'timestamptz';
  values: readonly (string | number | null)[];
}

/**
 * `select … from rows from (unnest(…), …)` over whole columns: a column holding one value
 * throughout (the timer's origin, category, actor … for a whole batch) is sent as that one
 * value, not as an array of n copies for the server to parse and unnest. `split` columns
 * (textColumn/jsonColumn) are taken as they are. The statement's text depends only on which
 * columns are constant, so a hot statement stays one of a few prepared texts.
 */
export function rowsFrom(cols: readonly Column[], split: readonly { name: string; values: RawBuilder<string[]> }[]): RawBuilder<unknown> {
  const varying: RawBuilder<unknown>[] = [];
  const names: string[] = [];
  const select: RawBuilder<unknown>[] = [];
  for (const c of cols) {
    const v = c.values[0] ?? null;
    const constant = c.values.every((x) => x === v);
    const ref = sql.ref(c.name);
    if (constant) select.push(sql`${v}::${sql.raw(c.type)} as ${ref}`);
    else {
      varying.push(sql`unnest(${arrayLit(c.values)}::${sql.raw(c.type)}[])`);
      names.push(c.name);
      select.push(ref);
    }
  }
  for (const s of split) {
    varying.push(sql`unnest(${s.values})`);
    names.push(s.name);
    select.push(sql.ref(s.name));
  }
  // every column constant (a single row, or rows alike): that row, as many times as there are rows
  if (!varying.length) return sql`select ${sql.join(select)} from generate_series(1, ${cols[0]?.values.length ?? 0}::int)`;
  return sql`select ${sql.join(select)} from rows from (${sql.join(varying)}) as t(${sql.join(names.map((n) => sql.ref(n)))})`;
}

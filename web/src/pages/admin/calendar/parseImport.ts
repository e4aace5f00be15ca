// Turns pasted text or an uploaded .csv/.json into import rows. Only the structure is
// checked here; dates and kinds are validated by the server (all or nothing).

export interface ImportRow {
  date: string;
  kind: string;
  name: string;
}
export interface ParsedImport {
  days: ImportRow[];
  /** Human label of each row's origin ("第 3 行" / "第 2 条"), same order as `days`. */
  origins: string[];
  error?: string;
}

const KIND_ALIASES: Record<string, string> = { 休: 'holiday', 班: 'workday', 节假日: 'holiday', 法定节假日: 'holiday', 调休上班: 'workday', 调休上班日: 'workday' };
const normalizeKind = (k: string) => KIND_ALIASES[k] ?? k.toLowerCase();

function fromJson(text: string): ParsedImport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { days: [], origins: [], error: 'JSON 格式不正确' };
  }
  const list = Array.isArray(data) ? data : (data as { days?: unknown })?.days;
  if (!Array.isArray(list)) return { days: [], origins: [], error: 'JSON 应为数组，或含 days 数组的对象' };
  const days = list.map((r) => {
    const o = (r ?? {}) as Record<string, unknown>;
    return { date: String(o.date ?? '').trim(), kind: normalizeKind(String(o.kind ?? '').trim()), name: String(o.name ?? '').trim() };
  });
  return { days, origins: days.map((_, i) => `第 ${i + 1} 条`) };
}

function fromLines(text: string): ParsedImport {
  const days: ImportRow[] = [];
  const origins: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const [date = '', kind = '', ...name] = t.split(/[,，\t]/).map((s) => s.trim());
    if (i === 0 && /^date$/i.test(date)) return; // CSV header
    days.push({ date, kind: normalizeKind(kind), name: name.join(',').trim() });
    origins.push(`第 ${i + 1} 行`);
  });
  return { days, origins };
}

export function parseImport(text: string): ParsedImport {
  const t = text.trim().replace(/^\uFEFF/, '');
  if (!t) return { days: [], origins: [], error: '请粘贴或上传要导入的数据' };
  const parsed = t.startsWith('[') || t.startsWith('{') ? fromJson(t) : fromLines(t);
  if (!parsed.error && !parsed.days.length) return { ...parsed, error: '没有可导入的数据' };
  if (parsed.days.length > 2000) return { ...parsed, error: '一次最多导入 2000 条' };
  return parsed;
}

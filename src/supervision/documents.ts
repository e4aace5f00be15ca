// Supervision documents (SUP-2, SEC-6): 督办通知书 for a red signal (晋中 二(二): "生成相关文书，
// 发送实施机关和有关负责人，进行督办并责令说明理由"), 监察建议书 from a finding, 整改通知书 and
// 督查督办通知书. Each has a number and a verification code; data holds every printed fact
// and content_hash = SM3 of its canonical JSON. Printable HTML is rendered from the row.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { sm3 } from '../store/event-chain.ts';
import { canonicalFast } from './chain.ts';
import { jsonColumn, rowsFrom } from './arrays.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import type { DocumentRow } from './tables.ts';

export const DOCUMENT_KINDS = {
  supervision_notice: { title: '督办通知书', prefix: '督办' },
  supervision_proposal: { title: '监察建议书', prefix: '监建' },
  rectification_notice: { title: '整改通知书', prefix: '整改' },
  task_notice: { title: '督查督办通知书', prefix: '督查' },
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export interface NewDocument {
  kind: DocumentKind;
  signalId?: number | null;
  taskId?: number | null;
  unitId: number;
  unitPath: string;
  regionPath: string;
  data: Record<string, unknown>;
}

export interface IssuedDocument {
  id: number;
  signalId: number | null;
  taskId: number | null;
  docNo: string;
  verificationCode: string;
}

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function verificationCode(b: Uint8Array = randomBytes(12)): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[b[i] % CODE_ALPHABET.length];
  return s;
}

export async function issueDocuments(trx: Kysely<DB>, docs: NewDocument[], issuedBy: number | null, now: Date): Promise<IssuedDocument[]> {
  if (!docs.length) return [];
  const year = chinaDateOf(now).slice(0, 4);
  const random = randomBytes(12 * docs.length);
  const n = docs.length;
  const col = {
    kind: new Array<string>(n), title: new Array<string>(n), prefix: new Array<string>(n), code: new Array<string>(n), signal: new Array<number | null>(n),
    task: new Array<number | null>(n), unit: new Array<number>(n), up: new Array<string>(n), rp: new Array<string>(n), hash: new Array<string>(n),
  };
  const datas = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const d = docs[i];
    const k = DOCUMENT_KINDS[d.kind];
    const json = canonicalFast({ ...d.data, issuedAt: now.toISOString() });
    col.kind[i] = d.kind; col.title[i] = k.title; col.prefix[i] = `${k.prefix}〔${year}〕`; col.code[i] = verificationCode(random.subarray(12 * i, 12 * i + 12));
    col.signal[i] = d.signalId ?? null; col.task[i] = d.taskId ?? null; col.unit[i] = d.unitId; col.up[i] = d.unitPath; col.rp[i] = d.regionPath;
    col.hash[i] = sm3(json);
    datas[i] = json;
  }
  // data as json: stored as written (canonical, as hashed), read whole when printed (migration 0010)
  const r = await sql<{ id: number; signal_id: number | null; task_id: number | null; doc_no: string; verification_code: string }>`/*hot:documents_issue*/
    with x as (${rowsFrom([
      { name: 'kind', type: 'text', values: col.kind }, { name: 'title', type: 'text', values: col.title }, { name: 'prefix', type: 'text', values: col.prefix },
      { name: 'verification_code', type: 'text', values: col.code }, { name: 'signal_id', type: 'bigint', values: col.signal },
      { name: 'task_id', type: 'bigint', values: col.task }, { name: 'unit_id', type: 'bigint', values: col.unit }, { name: 'unit_path', type: 'text', values: col.up },
      { name: 'region_path', type: 'text', values: col.rp }, { name: 'content_hash', type: 'text', values: col.hash },
    ], [{ name: 'data', values: jsonColumn(datas) }])})
    insert into sup_documents (kind, title, doc_no, verification_code, signal_id, task_id, unit_id, unit_path, region_path, data, content_hash, issued_at, issued_by)
    select kind, title, prefix || lpad(nextval('sup_document_seq')::text, 6, '0') || '号', verification_code, signal_id, task_id, unit_id, unit_path,
      region_path, data::json, content_hash, ${now}, ${issuedBy}
    from x
    returning id, signal_id, task_id, doc_no, verification_code`.execute(trx);
  return r.rows.map((x) => ({ id: x.id, signalId: x.signal_id, taskId: x.task_id, docNo: x.doc_no, verificationCode: x.verification_code }));
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const day = (iso: unknown) => (typeof iso === 'string' ? chinaDateOf(new Date(iso)).replace(/^(\d+)-(\d+)-(\d+)$/, (_, y, m, d) => `${y}年${Number(m)}月${Number(d)}日`) : '');

/** A printable page (the browser prints it; every fact comes from the stored data). */
export function renderDocumentHtml(d: DocumentRow, unitName: string): string {
  const x = d.data as Record<string, any>;
  const lines: string[] = [];
  switch (d.kind as DocumentKind) {
    case 'supervision_notice':
      lines.push(`经电子监察系统监测，你单位${x.caseNo ? `办件 ${esc(x.caseNo)}（${esc(x.itemName)}）` : ''}出现以下情况：`, esc(x.explanation),
        `根据有关规定，请你单位${x.responseDue ? `于 ${day(x.responseDue)} 前` : '及时'}通过电子监察系统作出书面说明，并督促整改（信号编号 ${esc(x.signalNo)}）。`);
      break;
    case 'supervision_proposal':
      lines.push(`经调查核实，信号 ${esc(x.signalNo)}「${esc(x.title)}」认定${x.finding === 'valid' ? '成立' : '不成立'}。`, `认定理由：${esc(x.reason)}`,
        `监察建议：${esc(x.proposal)}`, '请你单位在收到本建议书之日起三十日内将采纳情况书面回复监察机关。');
      break;
    case 'rectification_notice':
      lines.push(`信号 ${esc(x.signalNo)}「${esc(x.title)}」经认定成立，请你单位按以下要求整改：`, esc(x.requirements), `整改期限：${day(x.due)} 前，整改完成后通过系统报告。`);
      break;
    case 'task_notice':
      lines.push(`督办事项：${esc(x.title)}`, esc(x.content), `办理要求：${esc(x.requirements)}`,
        `请于 ${day(x.due)} 前上报调查处理情况（四川办法第九条：二十个工作日内上报，情况复杂经批准可延长不超过十个工作日）。`);
      break;
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(d.title)} ${esc(d.doc_no)}</title>
<style>body{font-family:"Noto Serif SC",serif;max-width:720px;margin:40px auto;line-height:1.9}h1{text-align:center;letter-spacing:.3em}
.no{text-align:center}.foot{margin-top:48px;text-align:right}.code{margin-top:32px;font-size:12px;color:#555}@media print{.code{color:#000}}</style></head>
<body><h1>${esc(d.title)}</h1><p class="no">${esc(d.doc_no)}</p><p>${esc(unitName)}：</p>
${lines.map((l) => `<p>${l}</p>`).join('\n')}
<p class="foot">监察机关（电子监察专用）<br>${day(d.issued_at.toISOString())}</p>
<p class="code">验证码：${esc(d.verification_code)}　内容摘要（SM3）：${esc(d.content_hash)}</p></body></html>`;
}

// 事项一览表 in Excel (issue 3 item 9): one sheet of items and one sheet per list element,
// keyed by 序号. Writing takes published versions; reading gives element inputs per item
// plus row-level errors (sheet, row, column, message). No database access here.
import ExcelJS from 'exceljs';
import { CIRCUMSTANCES, ITEM_TYPES, SPECIAL_PROCEDURES, STEP_KINDS } from '../domain/item.ts';
import { DAY_UNIT_NAMES, ITEM_STATUS_NAMES, MATERIAL_FORMS, MATERIAL_MEDIA, RESULT_KINDS, type ItemElements, type ItemElementsInput } from './elements.ts';

export interface RowError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface ExportEntry {
  elements: ItemElements;
  implCode: string;
  unitName: string;
  coUnitNames: string[];
  status: keyof typeof ITEM_STATUS_NAMES;
  versionNo: number;
}

export const ITEM_COLUMNS = [
  '序号', '基本编码', '实施编码', '实施编码标识', '事项名称', '事项类型', '实施主体', '受委托单位', '协办单位', '受理条件', '数量限制', '办理流程',
  '法定期限', '法定期限单位', '承诺期限', '承诺期限单位', '特别程序', '是否收费', '结果类型', '结果名称', '结果有效期', '办理机构', '办理地点',
  '办理时间', '咨询电话', '投诉电话', '网上办理', '网上办理地址', '年检', '即办件', '关键词', '状态', '版本',
] as const;
export const SUB_SHEETS = {
  设定依据: ['序号', '法律法规名称', '条款', '条款内容'],
  申请材料: ['序号', '材料编码', '材料名称', '是否必要', '原件或复印件', '载体', '份数', '备注'],
  收费项目: ['序号', '收费项目', '收费依据', '标准类型', '金额', '下限', '上限', '单价', '计量单位'],
  内部流程: ['序号', '环节编码', '环节类型', '环节名称', '岗位编码', '岗位职责', '时限', '时限单位', '可退回至'],
  裁量基准: ['序号', '情节', '情节描述', '罚款下限', '罚款上限', '其他措施'],
} as const;
const FEE_KINDS = { fixed: '固定金额', range: '区间', rate: '按量计费' } as const;

const yes = (b: boolean) => (b ? '是' : '否');
const join = (xs: string[]) => xs.join('、');

export async function writeWorkbook(entries: ExportEntry[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sunlight 阳光政务监察平台';
  const items = wb.addWorksheet('事项');
  items.addRow([...ITEM_COLUMNS]);
  const subs = Object.fromEntries(Object.entries(SUB_SHEETS).map(([name, cols]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([...cols]);
    return [name, ws];
  })) as Record<keyof typeof SUB_SHEETS, ExcelJS.Worksheet>;
  entries.forEach((x, i) => {
    const n = i + 1;
    const e = x.elements;
    items.addRow([
      n, e.baseCode, x.implCode, e.implFlag, e.name, ITEM_TYPES[e.type], x.unitName, e.entrustedUnit, join(x.coUnitNames), e.conditions,
      e.quantityLimit, e.externalProcedure, e.legalLimit.days, DAY_UNIT_NAMES[e.legalLimit.unit], e.promisedLimit.days,
      DAY_UNIT_NAMES[e.promisedLimit.unit], join(e.specialProcedures.map((s) => SPECIAL_PROCEDURES[s])), yes(!e.free), RESULT_KINDS[e.result.kind],
      e.result.name, e.result.validity, e.office, e.address, e.hours, e.consultPhone, e.complaintPhone, yes(e.online), e.onlineUrl,
      yes(e.annualInspection), yes(e.onTheSpot), join(e.keywords), ITEM_STATUS_NAMES[x.status], x.versionNo,
    ]);
    for (const b of e.legalBasis) subs.设定依据.addRow([n, b.lawName, b.article, b.text]);
    for (const m of e.materials) subs.申请材料.addRow([n, m.code, m.name, yes(m.required), MATERIAL_FORMS[m.form], MATERIAL_MEDIA[m.media], m.count, m.note]);
    for (const f of e.fees) {
      const s = f.standard;
      subs.收费项目.addRow([
        n, f.name, f.basis, FEE_KINDS[s.kind], s.kind === 'fixed' ? s.amount : '', s.kind === 'range' ? s.min : '', s.kind === 'range' ? s.max : '',
        s.kind === 'rate' ? s.perUnit : '', s.kind === 'rate' ? s.unitName : '',
      ]);
    }
    for (const s of e.steps)
      subs.内部流程.addRow([n, s.code, STEP_KINDS[s.kind], s.name, s.postCode, s.duty, s.limit.days, DAY_UNIT_NAMES[s.limit.unit], join(s.returnTo)]);
    for (const b of e.discretion)
      subs.裁量基准.addRow([n, CIRCUMSTANCES[b.circumstance], b.description, b.minFine ?? '', b.maxFine ?? '', b.otherMeasures ?? '']);
  });
  for (const ws of wb.worksheets) ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An item read from the sheet: element input with the unit named (resolved by the caller). */
export interface SheetItem {
  row: number;
  unitRef: string;
  coUnitRefs: string[];
  elements: Omit<ItemElementsInput, 'unitId' | 'coUnitIds'>;
}

const lookup = <K extends string>(table: Record<K, string>, v: string): K | undefined =>
  (Object.keys(table) as K[]).find((k) => k === v || table[k] === v);

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

function readSheet(ws: ExcelJS.Worksheet | undefined, name: string, expected: readonly string[], errors: RowError[]) {
  const rows: { row: number; get: (col: string) => string }[] = [];
  if (!ws) return rows;
  const header = Array.from(ws.getRow(1).values as ExcelJS.CellValue[], cellText);
  const index = new Map(header.map((h, i) => [h, i]));
  for (const col of expected) if (col !== '状态' && col !== '版本' && !index.has(col)) errors.push({ sheet: name, row: 1, column: col, message: `缺少列「${col}」` });
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const vals = Array.from(r.values as ExcelJS.CellValue[]);
    if (!vals.some((v) => cellText(v) !== '')) return;
    rows.push({ row: n, get: (col) => (index.has(col) ? cellText(vals[index.get(col)!]) : '') });
  });
  return rows;
}

/** Parses the workbook; returns items (by 序号) and every row-level error found. */
export async function readWorkbook(bytes: Buffer): Promise<{ items: SheetItem[]; errors: RowError[] }> {
  const wb = new ExcelJS.Workbook();
  const errors: RowError[] = [];
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { items: [], errors: [{ sheet: '', row: 0, column: '', message: '文件不是有效的 Excel（xlsx）工作簿' }] };
  }
  const main = wb.getWorksheet('事项');
  if (!main) return { items: [], errors: [{ sheet: '事项', row: 0, column: '', message: '缺少工作表「事项」' }] };
  const bySeq = new Map<string, SheetItem>();
  const err = (sheet: string, row: number, column: string, message: string) => errors.push({ sheet, row, column, message });
  const num = (sheet: string, row: number, col: string, v: string, min = 0) => {
    const n = Number(v);
    if (v === '' || !Number.isInteger(n) || n < min) {
      err(sheet, row, col, `「${v}」应为不小于 ${min} 的整数`);
      return min;
    }
    return n;
  };
  const enumOf = <K extends string>(sheet: string, row: number, col: string, table: Record<K, string>, v: string, dflt?: K): K => {
    if (v === '' && dflt !== undefined) return dflt;
    const k = lookup(table, v);
    if (!k) err(sheet, row, col, `「${v}」不是有效的取值（${Object.values(table).join('、')}）`);
    return k ?? (Object.keys(table)[0] as K);
  };
  const bool = (sheet: string, row: number, col: string, v: string, dflt = false) => {
    if (v === '') return dflt;
    if (v === '是' || v === 'Y' || v === 'true') return true;
    if (v === '否' || v === 'N' || v === 'false') return false;
    err(sheet, row, col, `「${v}」应为 是 或 否`);
    return dflt;
  };
  const list = (v: string) => v.split(/[、,，;；\s]+/).map((s) => s.trim()).filter(Boolean);

  for (const r of readSheet(main, '事项', ITEM_COLUMNS, errors)) {
    const S = '事项';
    const seq = r.get('序号');
    if (!seq) { err(S, r.row, '序号', '请填写序号'); continue; }
    if (bySeq.has(seq)) { err(S, r.row, '序号', `序号 ${seq} 重复`); continue; }
    const special = list(r.get('特别程序')).map((v) => {
      const k = lookup(SPECIAL_PROCEDURES, v);
      if (!k) err(S, r.row, '特别程序', `「${v}」不是特别程序（${Object.values(SPECIAL_PROCEDURES).join('、')}）`);
      return k;
    }).filter((k): k is keyof typeof SPECIAL_PROCEDURES => !!k);
    const implCode = r.get('实施编码');
    bySeq.set(seq, {
      row: r.row,
      unitRef: r.get('实施主体'),
      coUnitRefs: list(r.get('协办单位')),
      elements: {
        baseCode: r.get('基本编码'), implFlag: r.get('实施编码标识') || '1', implCode: implCode || null, name: r.get('事项名称'),
        type: enumOf(S, r.row, '事项类型', ITEM_TYPES, r.get('事项类型')), entrustedUnit: r.get('受委托单位'), conditions: r.get('受理条件'),
        quantityLimit: r.get('数量限制'), externalProcedure: r.get('办理流程'),
        legalLimit: { days: num(S, r.row, '法定期限', r.get('法定期限')), unit: enumOf(S, r.row, '法定期限单位', DAY_UNIT_NAMES, r.get('法定期限单位'), 'workday') },
        promisedLimit: { days: num(S, r.row, '承诺期限', r.get('承诺期限')), unit: enumOf(S, r.row, '承诺期限单位', DAY_UNIT_NAMES, r.get('承诺期限单位'), 'workday') },
        specialProcedures: special, free: !bool(S, r.row, '是否收费', r.get('是否收费')),
        result: { kind: enumOf(S, r.row, '结果类型', RESULT_KINDS, r.get('结果类型'), 'none'), name: r.get('结果名称'), validity: r.get('结果有效期') },
        office: r.get('办理机构'), address: r.get('办理地点'), hours: r.get('办理时间'), consultPhone: r.get('咨询电话'),
        complaintPhone: r.get('投诉电话'), online: bool(S, r.row, '网上办理', r.get('网上办理')), onlineUrl: r.get('网上办理地址'),
        annualInspection: bool(S, r.row, '年检', r.get('年检')), onTheSpot: bool(S, r.row, '即办件', r.get('即办件')), keywords: list(r.get('关键词')),
        legalBasis: [], materials: [], fees: [], steps: [], discretion: [],
      },
    });
  }
  const owner = (sheet: string, row: number, seq: string) => {
    const it = bySeq.get(seq);
    if (!it) err(sheet, row, '序号', `序号「${seq}」在「事项」表中不存在`);
    return it?.elements;
  };
  for (const r of readSheet(wb.getWorksheet('设定依据'), '设定依据', SUB_SHEETS.设定依据, errors)) {
    owner('设定依据', r.row, r.get('序号'))?.legalBasis!.push({ lawName: r.get('法律法规名称'), article: r.get('条款'), text: r.get('条款内容') });
  }
  for (const r of readSheet(wb.getWorksheet('申请材料'), '申请材料', SUB_SHEETS.申请材料, errors)) {
    const S = '申请材料';
    owner(S, r.row, r.get('序号'))?.materials!.push({
      code: r.get('材料编码'), name: r.get('材料名称'), required: bool(S, r.row, '是否必要', r.get('是否必要'), true),
      form: enumOf(S, r.row, '原件或复印件', MATERIAL_FORMS, r.get('原件或复印件'), 'original'),
      media: enumOf(S, r.row, '载体', MATERIAL_MEDIA, r.get('载体'), 'both'), count: r.get('份数') ? num(S, r.row, '份数', r.get('份数'), 1) : 1,
      note: r.get('备注'),
    });
  }
  for (const r of readSheet(wb.getWorksheet('收费项目'), '收费项目', SUB_SHEETS.收费项目, errors)) {
    const S = '收费项目';
    const kind = enumOf(S, r.row, '标准类型', FEE_KINDS, r.get('标准类型'), 'fixed');
    const standard = kind === 'fixed' ? { kind, amount: r.get('金额') } : kind === 'range' ? { kind, min: r.get('下限'), max: r.get('上限') }
      : { kind, perUnit: r.get('单价'), unitName: r.get('计量单位') };
    owner(S, r.row, r.get('序号'))?.fees!.push({ name: r.get('收费项目'), basis: r.get('收费依据'), standard });
  }
  for (const r of readSheet(wb.getWorksheet('内部流程'), '内部流程', SUB_SHEETS.内部流程, errors)) {
    const S = '内部流程';
    owner(S, r.row, r.get('序号'))?.steps!.push({
      code: r.get('环节编码'), kind: enumOf(S, r.row, '环节类型', STEP_KINDS, r.get('环节类型')), name: r.get('环节名称'), postCode: r.get('岗位编码'),
      duty: r.get('岗位职责'), limit: { days: num(S, r.row, '时限', r.get('时限')), unit: enumOf(S, r.row, '时限单位', DAY_UNIT_NAMES, r.get('时限单位'), 'workday') },
      returnTo: list(r.get('可退回至')),
    });
  }
  for (const r of readSheet(wb.getWorksheet('裁量基准'), '裁量基准', SUB_SHEETS.裁量基准, errors)) {
    const S = '裁量基准';
    owner(S, r.row, r.get('序号'))?.discretion!.push({
      circumstance: enumOf(S, r.row, '情节', CIRCUMSTANCES, r.get('情节')), description: r.get('情节描述'),
      minFine: r.get('罚款下限') || null, maxFine: r.get('罚款上限') || null, otherMeasures: r.get('其他措施') || null,
    });
  }
  return { items: [...bySeq.values()], errors };
}

/** The Excel column (or sheet) an element path belongs to, for error reports. */
export function columnOfField(path: string): { sheet: string; column: string } {
  const [head] = path.split('.');
  const map: Record<string, [string, string]> = {
    baseCode: ['事项', '基本编码'], implCode: ['事项', '实施编码'], implFlag: ['事项', '实施编码标识'], name: ['事项', '事项名称'],
    type: ['事项', '事项类型'], unitId: ['事项', '实施主体'], coUnitIds: ['事项', '协办单位'], legalLimit: ['事项', '法定期限'],
    promisedLimit: ['事项', '承诺期限'], fees: ['收费项目', '收费项目'], free: ['事项', '是否收费'], steps: ['内部流程', '环节'],
    discretion: ['裁量基准', '情节'], materials: ['申请材料', '材料'], legalBasis: ['设定依据', '法律法规名称'], keywords: ['事项', '关键词'],
    onlineUrl: ['事项', '网上办理地址'], secretDoc: ['事项', '定密依据'], result: ['事项', '结果名称'],
  };
  const [sheet, column] = map[head] ?? ['事项', head];
  return { sheet, column: path.includes('.') && sheet !== '事项' ? `${column}（${path}）` : column };
}

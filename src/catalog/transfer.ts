// Catalogue export (all published items in scope, every element) and import of drafts from
// Excel or JSON (issue 3 item 9). Import is all or nothing: every row is checked first and
// any error refuses the whole file with row-level details; nothing is partially imported.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { scoped, type Actor } from '../access/scope.ts';
import { AppError, badRequest } from '../http/errors.ts';
import { ElementsSchema, type ItemElements } from './elements.ts';
import { checkElements, createChangeIn } from './changes.ts';
import { elementsOf } from './items.ts';
import { columnOfField, readWorkbook, writeWorkbook, type ExportEntry, type RowError } from './excel.ts';

export const MAX_IMPORT_ITEMS = 2000;

export async function exportEntries(db: Kysely<DB>, a: Actor): Promise<(ExportEntry & { itemId: number })[]> {
  const out: (ExportEntry & { itemId: number })[] = [];
  let after = 0;
  for (;;) {
    const rows = await scoped(db, a).selectFrom('catalog_items as i')
      .innerJoin('catalog_item_versions as v', 'v.id', 'i.current_version_id')
      .innerJoin('units as u', 'u.id', 'i.unit_id')
      .select(['i.id', 'i.impl_code', 'i.status', 'u.name as unit_name', 'v.version_no', 'v.elements'])
      .where('i.id', '>', after).orderBy('i.id').limit(1000).execute();
    if (!rows.length) break;
    const entries = rows.map((r) => ({ itemId: r.id, implCode: r.impl_code, unitName: r.unit_name, status: r.status, versionNo: r.version_no, elements: elementsOf(r) }));
    const coIds = [...new Set(entries.flatMap((e) => e.elements.coUnitIds))];
    const names = coIds.length
      ? // system: names of co-units of exported joint items
        new Map((await db.selectFrom('units').select(['id', 'name']).where('id', 'in', coIds).execute()).map((u) => [u.id, u.name]))
      : new Map<number, string>();
    for (const e of entries) out.push({ ...e, coUnitNames: e.elements.coUnitIds.map((id) => names.get(id) ?? String(id)) });
    after = rows[rows.length - 1].id;
  }
  return out;
}

export async function exportExcel(db: Kysely<DB>, a: Actor): Promise<Buffer> {
  return writeWorkbook(await exportEntries(db, a));
}

interface Candidate {
  row: number;
  sheet: string;
  elements: ItemElements;
}

async function unitResolver(db: Kysely<DB>, a: Actor) {
  const units = await scoped(db, a).selectFrom('units').select(['id', 'name', 'short_name', 'credit_code']).execute();
  // system: co-units of a joint item may sit outside the importer's jurisdiction
  const all = await db.selectFrom('units').select(['id', 'name', 'credit_code']).where('active', '=', true).execute();
  const find = (list: { id: number; name: string; credit_code: string | null; short_name?: string | null }[], ref: string) =>
    list.find((u) => u.name === ref || u.credit_code === ref || u.short_name === ref || String(u.id) === ref)?.id;
  return { own: (ref: string) => find(units, ref), any: (ref: string) => find(all, ref) };
}

/** Validates every candidate, then writes all drafts in one transaction. */
async function importCandidates(db: Kysely<DB>, a: Actor, cands: Candidate[], errors: RowError[], now: Date) {
  const seen = new Map<string, number>();
  const drafts: { itemId: number | null; elements: ItemElements }[] = [];
  for (const c of cands) {
    try {
      const { implCode } = await checkElements(db, a, c.elements, null).catch(async (e) => {
        // an existing item with the same 实施编码 becomes a change draft of that item
        if (e instanceof AppError && e.code === 'DUPLICATE_IMPL_CODE') return { implCode: (e.details as { implCode: string }).implCode };
        throw e;
      });
      if (seen.has(implCode)) {
        errors.push({ sheet: c.sheet, row: c.row, column: '实施编码', message: `与第 ${seen.get(implCode)} 行的实施编码 ${implCode} 重复` });
        continue;
      }
      seen.set(implCode, c.row);
      const existing = await scoped(db, a).selectFrom('catalog_items').select(['id', 'current_version_id'])
        .where('impl_code', '=', implCode).executeTakeFirst();
      if (existing && !existing.current_version_id) {
        errors.push({ sheet: c.sheet, row: c.row, column: '实施编码', message: `实施编码 ${implCode} 的事项已有未发布的草稿` });
        continue;
      }
      // system: 实施编码 is unique across the library, including items the importer cannot see
      if (!existing && (await db.selectFrom('catalog_items').select('id').where('impl_code', '=', implCode).executeTakeFirst())) {
        errors.push({ sheet: c.sheet, row: c.row, column: '实施编码', message: `实施编码 ${implCode} 已被管辖范围外的事项使用` });
        continue;
      }
      if (existing) {
        const open = await scoped(db, a).selectFrom('catalog_changes').select('id')
          .where('item_id', '=', existing.id).where('state', 'in', ['draft', 'submitted', 'returned']).executeTakeFirst();
        if (open) {
          errors.push({ sheet: c.sheet, row: c.row, column: '实施编码', message: `实施编码 ${implCode} 的事项已有未完成的变更申请（编号 ${open.id}），请在其基础上修改` });
          continue;
        }
      }
      drafts.push({ itemId: existing?.id ?? null, elements: c.elements });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const problems = (e.details as { problems?: { code: string; message: string; field?: string }[] } | undefined)?.problems;
      for (const p of problems ?? [{ code: e.code, message: e.message, field: 'unitId' }]) {
        const where = c.sheet === 'items' ? { sheet: 'items', column: p.field ?? '' } : columnOfField(p.field ?? '');
        errors.push({ sheet: where.sheet, row: c.row, column: where.column, message: p.message });
      }
    }
  }
  if (errors.length) throw badRequest('IMPORT_INVALID', `导入文件有 ${errors.length} 处错误，未导入任何事项`, { rows: errors });
  const ids = await db.transaction().execute(async (trx) => {
    const out: number[] = [];
    for (const d of drafts) out.push(await createChangeIn(trx, a, { itemId: d.itemId, elements: d.elements, reason: '批量导入', triggerKind: 'clean_up' }, now));
    return out;
  });
  return { imported: ids.length, changeIds: ids };
}

function zodErrors(sheet: string, row: number, issues: { path: PropertyKey[]; message: string }[]): RowError[] {
  return issues.map((i) => {
    const where = columnOfField(i.path.map(String).join('.'));
    return { sheet: sheet === '事项' ? where.sheet : sheet, row, column: where.column, message: i.message };
  });
}

export async function importExcel(db: Kysely<DB>, a: Actor, bytes: Buffer, now: Date) {
  const { items, errors } = await readWorkbook(bytes);
  if (items.length > MAX_IMPORT_ITEMS) throw badRequest('IMPORT_TOO_LARGE', `一次最多导入 ${MAX_IMPORT_ITEMS} 个事项`);
  if (!items.length && !errors.length) throw badRequest('IMPORT_EMPTY', '工作表「事项」中没有数据');
  const units = await unitResolver(db, a);
  const cands: Candidate[] = [];
  for (const it of items) {
    const unitId = units.own(it.unitRef);
    if (!unitId) errors.push({ sheet: '事项', row: it.row, column: '实施主体', message: `实施主体「${it.unitRef}」不存在或不在管辖范围内` });
    const coUnitIds = it.coUnitRefs.map((ref) => {
      const id = units.any(ref);
      if (!id) errors.push({ sheet: '事项', row: it.row, column: '协办单位', message: `协办单位「${ref}」不存在` });
      return id ?? 0;
    });
    const parsed = ElementsSchema.safeParse({ ...it.elements, unitId: unitId ?? 1, coUnitIds: coUnitIds.filter(Boolean) });
    if (!parsed.success) errors.push(...zodErrors('事项', it.row, parsed.error.issues));
    else if (unitId) cands.push({ row: it.row, sheet: '事项', elements: parsed.data });
  }
  if (errors.length) throw badRequest('IMPORT_INVALID', `导入文件有 ${errors.length} 处错误，未导入任何事项`, { rows: errors });
  return importCandidates(db, a, cands, errors, now);
}

export async function importJson(db: Kysely<DB>, a: Actor, items: unknown[], now: Date) {
  if (items.length > MAX_IMPORT_ITEMS) throw badRequest('IMPORT_TOO_LARGE', `一次最多导入 ${MAX_IMPORT_ITEMS} 个事项`);
  const errors: RowError[] = [];
  const cands: Candidate[] = [];
  items.forEach((raw, i) => {
    const body = raw && typeof raw === 'object' && 'elements' in raw ? (raw as { elements: unknown }).elements : raw;
    const parsed = ElementsSchema.safeParse(body);
    if (!parsed.success)
      errors.push(...parsed.error.issues.map((x) => ({ sheet: 'items', row: i + 1, column: x.path.map(String).join('.'), message: x.message })));
    else cands.push({ row: i + 1, sheet: 'items', elements: parsed.data });
  });
  if (errors.length) throw badRequest('IMPORT_INVALID', `导入数据有 ${errors.length} 处错误，未导入任何事项`, { rows: errors });
  return importCandidates(db, a, cands, errors, now);
}

// Periodic scans that are not driven by case events:
//  • catalogue clocks (CAT-3 filing 20 / review 10 working days) are mirrored into sup_clocks
//    so the same timer signals them (SUP-2 "catalogue review");
//  • 公开异常 (成都 §9(1), CAT-6): items in force whose publicity check finds missing elements —
//    the catalogue keeps publicity_problems on the item, indexed where > 0.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { startOfChinaDay } from '../domain/calendar.ts';
import { loadCalendar } from '../calendar/service.ts';
import type { PublicityProblem } from '../catalog/publicity.ts';
import { getConfig } from './config.ts';
import { startSupClocks } from './clocks.ts';
import { raiseSignals, type SignalDraft } from './signals.ts';
import { PUBLICITY_KIND, PublicityParams, publicityFinding } from './rules/publicity.ts';
import { regionLevelOfPath } from './levels.ts';

/** Starts watching catalogue clocks not yet mirrored; returns how many. */
export async function syncCatalogClocks(db: Kysely<DB>, now: Date, limit = 500): Promise<number> {
  const config = await getConfig(db, now);
  const cal = await loadCalendar(db);
  const r = await sql<{ id: number; kind: string; item_id: number; unit_id: number; unit_path: string; region_path: string; start_date: string; days: number; day_unit: 'workday' | 'natural' }>`
    select cc.id, cc.kind, cc.item_id, cc.unit_id, cc.unit_path, cc.region_path, cc.start_date, cc.days, cc.day_unit
    from catalog_clocks cc
    where cc.done_at is null and not exists (select 1 from sup_clocks s where s.source = 'catalog' and s.source_id = cc.id)
    order by cc.id limit ${limit}`.execute(db);
  if (!r.rows.length) return 0;
  await db.transaction().execute((trx) => startSupClocks(trx, config, cal, r.rows.map((c) => ({
    source: 'catalog' as const, sourceId: c.id, kind: 'catalog_review' as const, ref: c.kind, limit: { days: c.days, unit: c.day_unit },
    unitId: c.unit_id, unitPath: c.unit_path, regionPath: c.region_path, itemId: c.item_id, startAt: startOfChinaDay(c.start_date),
  })), now));
  return r.rows.length;
}

/** 公开异常: one signal per item version with publicity problems (and per rule version). */
export async function scanPublicity(db: Kysely<DB>, now: Date): Promise<number> {
  const config = await getConfig(db, now);
  const rules = config.rules.filter((r) => r.kind === PUBLICITY_KIND);
  if (!rules.length) return 0;
  let after = 0;
  let raised = 0;
  for (;;) {
    const r = await sql<{ id: number; name: string; unit_id: number; unit_path: string; region_path: string; version_id: number; version_no: number; problems: PublicityProblem[] }>`
      select i.id, i.name, i.unit_id, i.unit_path, i.region_path, v.id as version_id, v.version_no, v.publicity_problems as problems
      from catalog_items i join catalog_item_versions v on v.id = i.current_version_id
      where i.publicity_problems > 0 and i.status = 'active' and not i.exempt and i.id > ${after}
      order by i.id limit 500`.execute(db);
    if (!r.rows.length) break;
    after = r.rows.at(-1)!.id;
    const drafts: SignalDraft[] = [];
    for (const it of r.rows) {
      const level = regionLevelOfPath(it.region_path);
      for (const rule of rules) {
        if (!rule.enabledLevels.includes(level)) continue;
        const f = publicityFinding(it.name, it.version_no, it.problems, PublicityParams.parse(rule.params));
        if (!f) continue;
        drafts.push({
          origin: 'rule', category: rule.category, kind: rule.kind, ruleCode: rule.code, ruleVersion: rule.version, level: rule.severity,
          title: f.title, explanation: f.explanation, evidence: { itemVersionId: it.version_id, basis: rule.basis, facts: f.data },
          itemId: it.id, itemName: it.name, unitId: it.unit_id, unitPath: it.unit_path, regionPath: it.region_path,
          dedupeKey: `rule:${rule.code}:v${rule.version}:item-version:${it.version_id}`,
        });
      }
    }
    raised += (await db.transaction().execute((trx) => raiseSignals(trx, drafts, now))).length;
  }
  return raised;
}

// Backtest (SUP-5): run a rule version (or new parameters) over the case history of a date
// range without raising anything, to see what it would have flagged before enabling it:
// counts per unit and sample cases. Replays each case stream touched in the range with the
// same pure rule code the live hook runs.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { apply, initialCaseState, type CaseState } from '../domain/case-machine.ts';
import { loadCalendar } from '../calendar/service.ts';
import { getItemVersionSpec } from '../catalog/items.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { ItemVersionSpec } from '../domain/item.ts';
import { commandsOf, machineEvent, readCaseStream } from './catchup.ts';
import { itemStatusOn, ruleEvents, runRules } from './engine.ts';
import { parseParams } from './rules/index.ts';
import { RULE_KINDS } from './rules/index.ts';
import type { RuleRow } from './config.ts';
import type { RuleFacts } from './rules/types.ts';
import { regionLevelOfPath } from './levels.ts';

export interface BacktestResult {
  rule: { code: string; version: number | null; params: Record<string, unknown> };
  casesScanned: number;
  hits: number;
  truncated: boolean;
  byUnit: { unitId: number; unitName: string; hits: number }[];
  samples: { caseId: number; caseNo: string; title: string; explanation: string; eventIds: number[] }[];
}

export async function backtestRule(
  db: Kysely<DB>, ruleCode: string, opts: { version?: number; params?: Record<string, unknown> }, from: Date, to: Date, maxCases = 5000,
): Promise<BacktestResult> {
  const base = await db.selectFrom('sup_rules').selectAll().where('code', '=', ruleCode).executeTakeFirst();
  if (!base) throw notFound('规则不存在');
  if (!RULE_KINDS[base.kind]) throw badRequest('NOT_EVENT_RULE', '该规则不是办件事件规则，无需回测');
  let params = base.params as Record<string, unknown>;
  let enabled = base.enabled_levels;
  if (opts.version) {
    const v = await db.selectFrom('sup_rule_versions').selectAll().where('code', '=', ruleCode).where('version', '=', opts.version).executeTakeFirst();
    if (!v) throw notFound('规则版本不存在');
    params = v.params as Record<string, unknown>;
    enabled = v.enabled_levels;
  }
  if (opts.params) {
    const p = parseParams(base.kind, opts.params);
    if (!p.ok) throw badRequest('INVALID_PARAMS', p.message);
    params = p.params;
  }
  const rule: RuleRow = { code: base.code, kind: base.kind, name: base.name, category: base.category, severity: base.severity, basis: base.basis, params, enabledLevels: enabled, version: opts.version ?? base.version };
  const calendar = await loadCalendar(db);
  const specs = new Map<number, ItemVersionSpec>();
  const streams = await sql<{ stream_id: string }>`
    select distinct stream_id from case_events where at >= ${from} and at < ${to} limit ${maxCases + 1}`.execute(db);
  const truncated = streams.rows.length > maxCases;
  const ids = streams.rows.slice(0, maxCases).map((r) => Number(r.stream_id.slice(5)));
  const perUnit = new Map<number, number>();
  const samples: BacktestResult['samples'] = [];
  let hits = 0;
  for (let i = 0; i < ids.length; i += 200) {
    // system: the backtest reads the history of the cases it replays (no user scope: a rule author's tool)
    const rows = await db.selectFrom('cases').select(['id', 'case_no', 'unit_id', 'region_path', 'item_version_id']).where('id', 'in', ids.slice(i, i + 200)).execute();
    for (const c of rows) {
      if (!enabled.includes(regionLevelOfPath(c.region_path))) continue;
      const item = specs.get(c.item_version_id) ?? (await getItemVersionSpec(db, c.item_version_id));
      specs.set(c.item_version_id, item);
      let state: CaseState = initialCaseState();
      for (const cmd of commandsOf(await readCaseStream(db, c.id))) {
        const before = state;
        const after = cmd.reduce((s, e) => apply(s, machineEvent(e)), before);
        state = after;
        if (cmd[0].at < from || cmd[0].at >= to) continue;
        const facts: RuleFacts = {};
        if (RULE_KINDS[rule.kind].needs?.includes('itemStatus') && cmd.some((e) => e.type === 'case.applied')) facts.itemStatus = await itemStatusOn(db, c.item_version_id, cmd[0].at);
        for (const { finding } of runRules([rule], { caseId: c.id, before, after, events: ruleEvents(cmd), item, calendar, facts })) {
          hits++;
          perUnit.set(c.unit_id, (perUnit.get(c.unit_id) ?? 0) + 1);
          if (samples.length < 20) samples.push({ caseId: c.id, caseNo: c.case_no, title: finding.title, explanation: finding.explanation, eventIds: finding.eventIds });
        }
      }
    }
  }
  const unitIds = [...perUnit.keys()];
  // system: names of the units in the backtest summary
  const names = unitIds.length ? await db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute() : [];
  return {
    rule: { code: rule.code, version: opts.version ?? null, params }, casesScanned: ids.length, hits, truncated,
    byUnit: unitIds.map((u) => ({ unitId: u, unitName: names.find((n) => n.id === u)?.name ?? '', hits: perUnit.get(u)! })).sort((a, b) => b.hits - a.hits),
    samples,
  };
}

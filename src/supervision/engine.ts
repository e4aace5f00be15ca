// Supervision inside the case command's transaction (ARCHITECTURE "Application services"):
// 1. clocks changed by the command (pause, resume, extension, new step …) get their next
//    threshold instant re-derived from the profile (SUP-2);
// 2. the event rules triggered by the command's event types run (SUP-5) and their findings
//    become signals. Designed for low overhead: rules are indexed by event type in the cached
//    configuration, so a command no rule listens to costs nothing; clock re-derivation is one
//    indexed read of the case's open clocks (plus one more only when a threshold is already past).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import { chinaDateOf } from '../domain/calendar.ts';
import type { ItemVersionSpec } from '../domain/item.ts';
import type { ActorRef, CaseState } from '../domain/case-machine.ts';
import type { ClockState } from '../domain/clock.ts';
import { effectiveStatus } from '../catalog/items.ts';
import type { ItemStatus } from '../catalog/tables.ts';
import type { StoredEvent } from '../store/event-chain.ts';
import type { CaseEventsBatch, ClockThresholdOf } from './hooks.ts';
import { getConfig, type RuleRow, type SupervisionConfig } from './config.ts';
import { levelSpecs, signalledUpTo } from './clocks.ts';
import { nextAfterChange, thresholdInstants } from './profiles.ts';
import { raiseSignals, type SignalDraft } from './signals.ts';
import { RULE_KINDS } from './rules/index.ts';
import type { Finding, RuleEvent, RuleFacts } from './rules/types.ts';
import { regionLevelOfPath } from './levels.ts';
import { wakeTimer } from './timer-bus.ts';

/** The hook registered with onCaseEvents. */
export async function superviseCaseEvents(trx: Kysely<DB>, b: CaseEventsBatch): Promise<void> {
  const config = await getConfig(trx, b.now);
  // Clocks the command wrote carry their next instant already (planClockThresholds); only a
  // clock with a threshold already past needs the signalled history read here.
  if (b.clocksNeedRearm) await rearmCaseClocks(trx, config, b.calendar, b.row.id, b.item, b.now);
  else if (b.clocksDueNow) await wakeTimer(trx);
  const rules = triggeredRules(config, b.events.map((e) => e.type), regionLevelOfPath(b.row.region_path));
  if (!rules.length) return;
  const facts = await loadFacts(trx, rules, b.events, b.item);
  const events = ruleEvents(b.events);
  const hits = runRules(rules, { caseId: b.row.id, before: b.before, after: b.after, events, item: b.item, calendar: b.calendar, facts });
  await raiseSignals(trx, hits.map((h) => findingDraft(h.rule, h.finding, b.row, events)), b.now);
}

/** Re-derives next_threshold_at of the case's open clocks after a command changed them. */
export async function rearmCaseClocks(trx: Kysely<DB>, config: SupervisionConfig, cal: WorkCalendar, caseId: number, item: ItemVersionSpec, now: Date): Promise<void> {
  const rows = await sql<{ id: number; kind: string; state: ClockState; next_threshold_at: Date | null }>`
    select id, kind, state, next_threshold_at from case_clocks where case_id = ${caseId} and status = 'open'`.execute(trx);
  const updates: { id: number; next: string | null }[] = [];
  let dueNow = false;
  for (const r of rows.rows) {
    let next: Date | null = null;
    if (!item.onTheSpot) {
      const specs = levelSpecs(config, r.kind, item.itemId);
      const past = thresholdInstants(r.state, cal, specs).some((x) => x.at.getTime() <= now.getTime());
      next = nextAfterChange(r.state, cal, specs, past ? await signalledUpTo(trx, 'case', r.id) : null);
    }
    if ((next?.getTime() ?? null) !== (r.next_threshold_at?.getTime() ?? null)) updates.push({ id: r.id, next: next?.toISOString() ?? null });
    if (next && next.getTime() <= now.getTime()) dueNow = true;
  }
  if (updates.length) {
    await sql`update case_clocks t set next_threshold_at = x.next
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x(id bigint, next timestamptz) where t.id = x.id`.execute(trx);
  }
  if (dueNow) await wakeTimer(trx);
}

/** The planner the case command service uses to write next_threshold_at (hooks.ts). */
export async function planClockThresholds(trx: Kysely<DB>, now: Date): Promise<ClockThresholdOf> {
  const config = await getConfig(trx, now);
  return (c, item, cal, at) => {
    if (c.stoppedAt !== null || item.onTheSpot) return { next: null, past: false };
    const specs = levelSpecs(config, c.kind, item.itemId);
    const past = thresholdInstants(c, cal, specs).some((x) => x.at.getTime() <= at.getTime());
    return { next: nextAfterChange(c, cal, specs, null), past };
  };
}

export function triggeredRules(config: SupervisionConfig, types: string[], regionLevel: string): RuleRow[] {
  const set = new Set<RuleRow>(config.onEveryEvent);
  for (const t of types) for (const r of config.byEvent.get(t) ?? []) set.add(r);
  return [...set].filter((r) => r.enabledLevels.includes(regionLevel));
}

async function loadFacts(trx: Kysely<DB>, rules: RuleRow[], events: { type: string; at: Date }[], item: ItemVersionSpec): Promise<RuleFacts> {
  const facts: RuleFacts = {};
  const applied = events.find((e) => e.type === 'case.applied');
  if (applied && rules.some((r) => RULE_KINDS[r.kind]?.needs?.includes('itemStatus'))) facts.itemStatus = await itemStatusOn(trx, item.versionId, applied.at);
  return facts;
}

/** CAT-2: the status of the version in force on the date (成都 §10(1)). */
export async function itemStatusOn(trx: Kysely<DB>, versionId: number, at: Date): Promise<ItemStatus> {
  // system: supervision reads the status of the version a case ran under
  const v = await trx.selectFrom('catalog_item_versions').select(['status', 'status_from', 'prior_status']).where('id', '=', versionId).executeTakeFirstOrThrow();
  return effectiveStatus(v, chinaDateOf(at));
}

/** Stored case events as rules see them: the case service keeps the machine's ActorRef in data.by. */
export function ruleEvents(stored: Pick<StoredEvent, 'id' | 'seq' | 'type' | 'at' | 'recordedAt' | 'actorId' | 'actorUnitId' | 'data'>[]): RuleEvent[] {
  return stored.map((e) => {
    const { by, itemVersion: _v, ...data } = e.data as Record<string, unknown>;
    return {
      id: e.id, seq: e.seq, type: e.type, at: e.at, recordedAt: e.recordedAt, data,
      by: (by as ActorRef | undefined) ?? { userId: e.actorId ?? 0, unitId: e.actorUnitId, postCode: null, system: e.actorId === null },
    };
  });
}

export interface RuleContext {
  caseId: number;
  before: CaseState;
  after: CaseState;
  events: RuleEvent[];
  item: ItemVersionSpec;
  calendar: WorkCalendar;
  facts: RuleFacts;
}

/** Runs rules (pure). A failing implementation is reported and skipped: it must not block the case. */
export function runRules(rules: RuleRow[], ctx: RuleContext): { rule: RuleRow; finding: Finding }[] {
  const out: { rule: RuleRow; finding: Finding }[] = [];
  for (const rule of rules) {
    const kind = RULE_KINDS[rule.kind];
    if (!kind) continue;
    const types = kind.triggers;
    if (types !== '*' && !ctx.events.some((e) => types.includes(e.type))) continue;
    try {
      for (const finding of kind.evaluate({ ...ctx, params: rule.params })) out.push({ rule, finding });
    } catch (e) {
      process.emitWarning(`supervision rule ${rule.code} failed: ${(e as Error).message}`);
    }
  }
  return out;
}

export function findingDraft(rule: RuleRow, f: Finding, row: CaseEventsBatch['row'], events: RuleEvent[]): SignalDraft {
  const anchor = f.eventIds[0] ?? events.at(-1)?.id ?? 0;
  return {
    origin: 'rule', category: rule.category, kind: rule.kind, ruleCode: rule.code, ruleVersion: rule.version, level: rule.severity,
    title: f.title, explanation: f.explanation, evidence: { eventIds: f.eventIds, basis: rule.basis, ...(f.data ? { facts: f.data } : {}) },
    caseId: row.id, caseNo: row.case_no, itemId: row.item_id, itemName: row.item_name, unitId: row.unit_id, unitPath: row.unit_path,
    regionPath: row.region_path, dedupeKey: `rule:${rule.code}:${row.id}:${anchor}`,
  };
}

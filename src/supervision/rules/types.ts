// The rule library's contract (SUP-5): a rule is data (code, category, severity, parameters,
// version, levels) and names ONE TypeScript implementation — its `kind` — written here as a
// pure function of the case's events and states. No string evaluation anywhere.
import type { z } from 'zod';
import type { WorkCalendar } from '../../domain/calendar.ts';
import type { ItemVersionSpec } from '../../domain/item.ts';
import type { ActorRef, CaseState } from '../../domain/case-machine.ts';
import type { ItemStatus } from '../../catalog/tables.ts';
import type { Level, RuleCategory } from '../tables.ts';

/** A case event as a rule sees it: the stored row plus the machine's actor reference. */
export interface RuleEvent {
  id: number;
  seq: number;
  type: string;
  at: Date;
  recordedAt: Date;
  by: ActorRef;
  data: any;
}

/** Facts a rule may need beyond the stream; the engine loads only those a triggered rule names. */
export interface RuleFacts {
  /** CAT-2: the item's status in force on the application date. */
  itemStatus?: ItemStatus;
}
export type FactName = keyof RuleFacts;

export interface RuleInput<P> {
  caseId: number;
  before: CaseState;
  after: CaseState;
  /** The events of one command (or one exchange batch), in order. */
  events: RuleEvent[];
  item: ItemVersionSpec;
  calendar: WorkCalendar;
  facts: RuleFacts;
  params: P;
}

export interface Finding {
  title: string;
  /** Why, in Chinese, for the unit and the supervisor. */
  explanation: string;
  /** The events that triggered it (evidence, SUP-5). */
  eventIds: number[];
  data?: Record<string, unknown>;
}

export interface RuleKind<P = any> {
  kind: string;
  /** Event types that can trigger it ('*' = every event). */
  triggers: string[] | '*';
  needs?: FactName[];
  params: z.ZodType<P>;
  evaluate(input: RuleInput<P>): Finding[];
}

/** A rule as shipped (the row seeded into sup_rules). */
export interface RuleDefinition {
  code: string;
  kind: string;
  name: string;
  category: RuleCategory;
  severity: Level;
  /** The seed article it enforces, e.g. 成都§9(3). */
  basis: string;
  params: Record<string, unknown>;
  enabledLevels: string[];
}

export const ALL_LEVELS = ['province', 'city', 'county', 'township'];

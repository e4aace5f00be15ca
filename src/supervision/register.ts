// Supervision's jurisdiction-bound tables (SEC-1, SUP-8: a supervisor sees their region and
// below; a unit sees its own), its event chains (Integrity), and its handler on case events.
import { registerScopedTable } from '../access/scope.ts';
import { registerChainTable } from '../store/event-chain.ts';
import { onCaseEvents, setClockThresholdPlanner } from './hooks.ts';
import { planClockThresholds, superviseCaseEvents } from './engine.ts';

const byUnit = { via: 'columns', regionPath: 'region_path', unitPath: 'unit_path', unitId: 'unit_id' } as const;
registerScopedTable('signals', byUnit);
registerScopedTable('sup_tasks', byUnit);
registerScopedTable('sup_documents', byUnit);
registerScopedTable('sup_patrols', byUnit);
registerScopedTable('sup_samplings', byUnit);
registerScopedTable('sup_stats_unit', byUnit);
registerScopedTable('sup_stats_day', byUnit);
registerScopedTable('sup_stats_item', byUnit);
registerScopedTable('approvals', { via: 'columns', regionPath: 'region_path', unitPath: 'unit_path', unitId: 'unit_id', ownerId: 'requester_id' });
registerChainTable('signal_events');
registerChainTable('sup_task_events');
registerChainTable('approval_events');

onCaseEvents(superviseCaseEvents);
setClockThresholdPlanner(planClockThresholds);

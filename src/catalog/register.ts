// The power library's jurisdiction-bound tables (SEC-1) and its event chain (Integrity).
// Every table carries the owning unit and its paths, so scope filters are prefix matches.
import { registerScopedTable } from '../access/scope.ts';
import { registerChainTable } from '../store/event-chain.ts';

const byUnit = { via: 'columns', regionPath: 'region_path', unitPath: 'unit_path', unitId: 'unit_id' } as const;
registerScopedTable('catalog_items', byUnit);
registerScopedTable('catalog_item_versions', byUnit);
registerScopedTable('catalog_changes', byUnit);
registerScopedTable('catalog_clocks', byUnit);
registerScopedTable('catalog_exemptions', byUnit);
registerScopedTable('catalog_reports', byUnit);
registerChainTable('catalog_events');

export const CATALOG_EVENTS = 'catalog_events';

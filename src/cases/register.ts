// The case module's jurisdiction-bound table (SEC-1) and its event chain (Integrity, CASE-11).
// A case carries its responsible unit and paths, so scope filters are index prefix matches;
// the applicant's own cases are the 'self' scope (ownerId).
import { registerScopedTable } from '../access/scope.ts';
import { registerChainTable } from '../store/event-chain.ts';

registerScopedTable('cases', { via: 'columns', regionPath: 'region_path', unitPath: 'unit_path', unitId: 'unit_id', ownerId: 'applicant_user_id' });
registerChainTable('case_events');

export const CASE_EVENTS = 'case_events';
export const streamOf = (caseId: number) => `case:${caseId}`;

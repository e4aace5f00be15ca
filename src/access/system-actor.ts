import type { Actor } from './scope.ts';
import { ALL_PERMISSIONS } from './permissions.ts';

/** The platform itself, for CLI and seed work done without a signed-in user. */
export const SYSTEM_ACTOR: Actor = {
  userId: 0, username: 'system', displayName: '系统', kind: 'staff', unitId: null, unitPath: null,
  regionCode: null, regionPath: null, roles: ['system_admin'], permissions: new Set(ALL_PERMISSIONS), scope: 'all', postIds: [],
};

// Roles, permission names and scope names from GET /api/roles, with lookup helpers.
import { useMemo } from 'react';
import type { RolesResponse } from '../types';
import { useApiData } from './useApiData';

export function useRoleCatalog(opts: { quiet?: boolean } = {}) {
  const res = useApiData<RolesResponse>('/api/roles', undefined, opts);
  return useMemo(() => {
    const roles = res.data?.items ?? [];
    const roleNames = new Map(roles.map((r) => [r.code, r.name]));
    const permissionNames = new Map((res.data?.permissions ?? []).map((p) => [p.code, p.name]));
    const scopeNames = new Map((res.data?.scopes ?? []).map((s) => [s.code, s.name]));
    return {
      ...res,
      roles,
      permissions: res.data?.permissions ?? [],
      scopes: res.data?.scopes ?? [],
      roleName: (code: string) => roleNames.get(code) ?? code,
      permissionName: (code: string) => permissionNames.get(code) ?? code,
      scopeName: (code: string) => scopeNames.get(code),
      /** Active roles as select options. */
      roleOptions: roles.filter((r) => r.active).map((r) => ({ value: r.code, label: r.name })),
    };
  }, [res]);
}

export type RoleCatalog = ReturnType<typeof useRoleCatalog>;

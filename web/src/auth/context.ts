import { createContext, useContext } from 'react';
import type { LoginResponse, Me } from '../types';

export interface AuthState {
  /** null until loaded, or after sign-out. */
  me: Me | null;
  /** Loads `/api/auth/me` (a 401 sends the browser to the sign-in page). */
  loadMe: () => Promise<Me>;
  signedIn: (res: LoginResponse) => void;
  signOut: () => Promise<void>;
  /** Forgets the cached user (used after a 401). */
  clear: () => void;
  can: (permission: string) => boolean;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside <AuthProvider>');
  return ctx;
}

/** The signed-in user; only for components under <RequireAuth>. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe outside <RequireAuth>');
  return me;
}

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, configureApiNavigation, setCsrfToken } from '../api';
import type { LoginResponse, Me } from '../types';
import { AuthContext, type AuthState } from './context';

export function AuthProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [me, setMe] = useState<Me | null>(null);
  const pending = useRef<Promise<Me> | null>(null);

  const clear = useCallback(() => {
    setMe(null);
    setCsrfToken(null);
  }, []);

  useEffect(() => {
    configureApiNavigation((to) => navigate(to, { replace: true }), clear);
  }, [navigate, clear]);

  const loadMe = useCallback(() => {
    // Concurrent callers (StrictMode, nested guards) share one request.
    pending.current ??= api
      .get<Me>('/api/auth/me')
      .then((m) => {
        setCsrfToken(m.csrfToken);
        setMe(m);
        return m;
      })
      .finally(() => {
        pending.current = null;
      });
    return pending.current;
  }, []);

  const signedIn = useCallback((res: LoginResponse) => {
    setCsrfToken(res.csrfToken);
    setMe({ ...res.user, mustChangePassword: res.mustChangePassword, csrfToken: res.csrfToken });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', undefined, { noRedirect: true });
    } catch {
      // The session may already be gone; signing out locally is what matters.
    }
    clear();
    navigate('/login', { replace: true });
  }, [clear, navigate]);

  const value = useMemo<AuthState>(
    () => ({
      me,
      loadMe,
      signedIn,
      signOut,
      clear,
      can: (p) => !!me?.permissions.includes(p),
    }),
    [me, loadMe, signedIn, signOut, clear],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

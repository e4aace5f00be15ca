import { useEffect, useState, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import { isApiError } from '../api';
import { errorMessage } from '../hooks/useFeedback';
import { FullPageSpin } from '../components/FullPageSpin';
import { useAuth } from './context';

/** Renders children only for a signed-in user whose password needs no change. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loadMe } = useAuth();
  const location = useLocation();
  const [failure, setFailure] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (me) return;
    setFailure(null);
    loadMe().catch((e) => {
      if (!(isApiError(e) && e.redirected)) setFailure(e);
    });
  }, [me, loadMe, attempt]);

  if (me?.mustChangePassword) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/change-password' : `/change-password?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me) return <>{children}</>;
  if (failure)
    return (
      <Result
        status="warning"
        title="无法获取登录信息"
        subTitle={errorMessage(failure)}
        extra={<Button type="primary" onClick={() => setAttempt((n) => n + 1)}>重试</Button>}
      />
    );
  return <FullPageSpin />;
}

/** Shows a 403 page unless the user has `permission` (the server checks again). */
export function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const { can, me } = useAuth();
  const allowed = permission ? can(permission) : me?.kind === 'staff';
  if (!allowed) return <Result status="403" title="无权访问" subTitle="当前角色无权访问此页面，如需开通请联系系统管理员。" />;
  return <>{children}</>;
}

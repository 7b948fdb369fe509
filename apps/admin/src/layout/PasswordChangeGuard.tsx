import type { ReactNode } from 'react';
import { useGetIdentity } from 'react-admin';
import { Navigate, useLocation } from 'react-router';
import type { SpendsyncIdentity } from '../auth/auth-provider';
import { CHANGE_PASSWORD_PATH } from '../resources/admin-paths';

/**
 * Until a user who must change their password (the first admin) has done so, every screen
 * leads to the change-password screen: the API answers nothing else meanwhile.
 */
export function PasswordChangeGuard({ children }: { children: ReactNode }) {
  const { identity } = useGetIdentity();
  const { pathname } = useLocation();
  if ((identity as SpendsyncIdentity | undefined)?.passwordChangeRequired && pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return <>{children}</>;
}

import { Alert } from '@mui/material';
import type { ReactNode } from 'react';
import { usePermissions } from 'react-admin';

/** Its children for admins; for viewers, why there is nothing to see (the API refuses them too). */
export function AdminOnly({ what, children }: { what: string; children: ReactNode }) {
  const { permissions, isPending } = usePermissions<string>();
  if (isPending) return null;
  if (permissions !== 'ADMIN')
    return (
      <Alert severity="info" sx={{ m: 2 }} data-testid="admins-only">
        Only admins manage {what}; your account can read but not edit.
      </Alert>
    );
  return <>{children}</>;
}

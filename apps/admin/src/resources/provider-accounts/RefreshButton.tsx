import SyncIcon from '@mui/icons-material/Sync';
import { Button } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCanAccess, useNotify } from 'react-admin';
import { RESOURCES } from '../../data-provider';
import type { ProviderAccountRecord } from '../../data-provider/records';
import { useSpendsyncDataProvider } from '../../data-provider/useSpendsyncDataProvider';

/** "Refresh Data" (or "Retry"): starts a sync now; admins only, hidden for unlinked accounts. */
export function RefreshButton({
  account,
  label = 'Refresh Data',
}: {
  account: Pick<ProviderAccountRecord, 'id' | 'label' | 'status'>;
  label?: string;
}) {
  const { canAccess } = useCanAccess({ action: 'refresh', resource: RESOURCES.providerAccounts });
  const dataProvider = useSpendsyncDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const refresh = useMutation({
    mutationFn: () => dataProvider.refreshProvider(account.id),
    onSuccess: ({ alreadyRunning }) => {
      notify(alreadyRunning ? `A sync of ${account.label} is already running.` : `Sync of ${account.label} started.`, {
        type: 'info',
      });
      void queryClient.invalidateQueries({ queryKey: [RESOURCES.providerAccounts] });
      void queryClient.invalidateQueries({ queryKey: [RESOURCES.syncRuns] });
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  if (!canAccess || account.status === 'DISCONNECTED') return null;
  return (
    <Button
      size="small"
      startIcon={<SyncIcon />}
      onClick={(event) => {
        event.stopPropagation();
        refresh.mutate();
      }}
      disabled={refresh.isPending}>
      {label}
    </Button>
  );
}

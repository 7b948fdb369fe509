import { Alert, AlertTitle } from '@mui/material';
import type { ProviderAccountRecord } from '../../data-provider/records';
import { describeFreshness } from './freshness';
import { RefreshButton } from './RefreshButton';

/** How current an account's data is, why (a normal provider delay, a failed sync), and "Retry" when it helps. */
export function FreshnessNote({ account, compact = false }: { account: ProviderAccountRecord; compact?: boolean }) {
  const freshness = describeFreshness(account);
  return (
    <Alert
      severity={freshness.severity}
      variant={compact ? 'standard' : 'outlined'}
      sx={compact ? { py: 0, px: 1, '& .MuiAlert-message': { py: 0.5 } } : { mt: 1 }}
      action={freshness.canRetry ? <RefreshButton account={account} label="Retry" /> : undefined}
      data-testid="freshness"
      data-severity={freshness.severity}
    >
      <AlertTitle sx={{ fontSize: compact ? 13 : undefined, mb: freshness.detail ? 0.25 : 0 }}>{freshness.headline}</AlertTitle>
      {freshness.detail ? <span style={{ fontSize: compact ? 12 : undefined }}>{freshness.detail}</span> : null}
    </Alert>
  );
}

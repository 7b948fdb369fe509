import { Alert, AlertTitle } from '@mui/material';
import type { ProviderAccountRecord } from '../../data-provider/records';
import { describeFreshness } from './freshness';
import { RefreshButton } from './RefreshButton';

/** The settled-through day in words (the API's date is exclusive: the last settled day is the one before). */
export function settledText(settledThrough: string | null): string {
  if (!settledThrough) return 'No settled day yet: every synced day is provisional (the provider may still revise it).';
  const last = new Date(Date.parse(`${settledThrough}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return `Settled through ${last}; later days are provisional.`;
}

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
      data-severity={freshness.severity}>
      <AlertTitle sx={{ fontSize: compact ? 13 : undefined, mb: freshness.detail ? 0.25 : 0 }}>
        {freshness.headline}
      </AlertTitle>
      {freshness.detail ? <span style={{ fontSize: compact ? 12 : undefined }}>{freshness.detail}</span> : null}
      <div style={{ fontSize: compact ? 12 : undefined }} data-testid="settled-through">
        {settledText(account.settledThrough ?? null)}
      </div>
    </Alert>
  );
}

import { Tooltip } from '@mui/material';
import { useProviders } from '../../data-provider/useProviders';
import { formatUsd } from './format';
import { providerLabel } from './providers';

/** Shown for credits (and the net that depends on them) a provider's billing API does not report. */
export const NOT_CAPTURED = 'not captured';

/** The hover text: which of `providers` report no credits (by the API's `reportsCredits` flags), and what that means. */
export function notCapturedReason(
  providers: readonly string[],
  reportsCredits: (provider: string) => boolean | null,
): string {
  const silent = providers.filter((p) => reportsCredits(p) !== true);
  const names = (silent.length > 0 ? silent : providers).map(providerLabel).join(', ');
  return (
    `${names || 'This provider'}: the billing API does not report credits, so spendsync cannot capture them. ` +
    'Credits and net are unknown here, not $0.00; the invoice may still apply credits.'
  );
}

/** "not captured", with the reason on hover. */
export function NotCaptured({ providers }: { providers: readonly string[] }) {
  const { data } = useProviders();
  const reportsCredits = (provider: string) => data?.find((p) => p.id === provider)?.reportsCredits ?? null;
  return (
    <Tooltip title={notCapturedReason(providers, reportsCredits)}>
      <span data-not-captured style={{ color: '#757575', fontStyle: 'italic', whiteSpace: 'nowrap' }}>
        {NOT_CAPTURED}
      </span>
    </Tooltip>
  );
}

/** A credits or net amount, or "not captured" (with the reason) when the API says unknown (null). */
export function CreditMoney({ value, providers }: { value: string | null; providers: readonly string[] }) {
  return value === null ? <NotCaptured providers={providers} /> : <>{formatUsd(value)}</>;
}

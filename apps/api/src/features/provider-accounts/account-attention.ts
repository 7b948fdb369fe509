import { CREDENTIAL_GUIDES, type ProviderId } from '@spendsync/domain';
import type { ProviderAccountStatus } from './provider-account.entity';

/** Why an account needs an admin although its syncs do not fail. */
export type AttentionKind = 'no_billing_data' | 'limited_credential';

/** One thing to look at: what is wrong, and what fixes it. */
export type AccountAttention = { kind: AttentionKind; message: string; fix: string };

/** What {@link accountAttention} reads of an account. */
export type AttentionSource = {
  provider: ProviderId;
  status: ProviderAccountStatus;
  credentialNotice: string | null;
  syncNotice: string | null;
};

/**
 * What fixes a limited credential: OpenRouter's standard key needs a management key next to it;
 * for the others, the key type billing data needs.
 */
function limitedFix(provider: ProviderId): string {
  if (provider === 'openrouter') {
    return 'Add a management key (openrouter.ai → Settings → Management Keys) under Edit credentials: it unlocks daily cost per model and per key for the last 30 days.';
  }
  const guide = CREDENTIAL_GUIDES[provider];
  return `Billing data needs: ${guide.keyType}. Create one at ${guide.whereToCreate}, then replace the key under Edit credentials.`;
}

/**
 * The "needs attention" state of an account (DESIGN.md §3): the last sync authenticated but
 * found no billing data at all (likely the wrong key type), or the provider check said the
 * credential syncs only part of the data. Empty for an unlinked account and a healthy one;
 * failures are not here (they are status ERROR with lastError).
 */
export function accountAttention(account: AttentionSource): AccountAttention[] {
  if (account.status === 'disconnected') return [];
  const guide = CREDENTIAL_GUIDES[account.provider];
  const found: AccountAttention[] = [];
  if (account.syncNotice) {
    found.push({
      kind: 'no_billing_data',
      message: account.syncNotice,
      fix: `Under Edit credentials, link this kind of key instead: ${guide.keyType}.`,
    });
  }
  if (account.credentialNotice)
    found.push({ kind: 'limited_credential', message: account.credentialNotice, fix: limitedFix(account.provider) });
  return found;
}

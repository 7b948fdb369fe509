import { CREDENTIAL_GUIDES, type DayRange, type ProviderId } from '@spendsync/domain';
import { isAdapterError, type AdapterErrorCode } from '@spendsync/adapters';
import { PartitionWriteError } from './replace-partition';

/** A failure that ends the whole run (bad credentials, unreadable configuration), not just a chunk. */
export class FatalSyncError extends Error {
  override readonly name = 'FatalSyncError';
}

// The same answer would come back for every remaining day, so the run stops at once.
const FATAL_CODES: readonly AdapterErrorCode[] = ['AUTH_FAILED', 'CREDENTIAL_REJECTED', 'NOT_FOUND'];

/** True when `error` must end the run rather than just its chunk. */
export function isFatal(error: unknown): boolean {
  return error instanceof FatalSyncError || (isAdapterError(error) && FATAL_CODES.includes(error.code));
}

/** True when the provider asked us to back off (after our retries): the run stops fetching. */
export function isRateLimit(error: unknown): boolean {
  return isAdapterError(error, 'RATE_LIMITED');
}

/**
 * A message for the sync log and the run's error column. Adapter and writer messages are
 * written for the user and free of secrets; anything else is a bug, shown by its message only
 * (the caller still redacts every credential secret).
 */
export function describeError(error: unknown): string {
  if (isAdapterError(error)) return `${error.code}: ${error.message}`;
  if (error instanceof PartitionWriteError || error instanceof FatalSyncError) return error.message;
  if (error instanceof Error) return `Unexpected error: ${error.message}`;
  return `Unexpected error: ${String(error)}`;
}

/** The text of an abort reason. */
export function reasonText(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

/** `2026-01-01` or `2026-01-01 to 2026-01-07` (the last day included), for log lines. */
export function describeDays(range: DayRange, lastDay: string): string {
  return range.start === lastDay ? range.start : `${range.start} to ${lastDay}`;
}

/**
 * The "wrong key type?" guidance (DESIGN.md §3) for a credential that authenticates but yields
 * no billing data at all: says which key billing needs and where to create it.
 */
export function noBillingDataMessage(provider: ProviderId, window: string): string {
  const guide = CREDENTIAL_GUIDES[provider];
  return (
    `${guide.label} accepted the credential but returned no billing data for ${window}. Wrong key type? ` +
    `Billing data needs: ${guide.keyType}. Create one at ${guide.whereToCreate}. ` +
    'If the account really had no usage in that period, ignore this.'
  );
}

import type { ProviderAccountRecord } from '../../data-provider/records';
import { formatDay, formatRelative, previousDay } from '../../format';

/** How current an account's data is, in words, and whether a retry would help. */
export type Freshness = {
  severity: 'success' | 'info' | 'warning' | 'error';
  headline: string;
  /** The reason (an error, missing days) or why a delay is normal. */
  detail: string | null;
  /** A failed or partial last sync: offer "Retry". */
  canRetry: boolean;
};

/** Providers whose usual delay is a day or more: their lag is explained, not flagged. */
const SLOW_PROVIDER_HOURS = 24;
/** Slack beyond the usual delay before the data counts as late. */
const LATE_SLACK_HOURS = 24;

const HOUR = 3_600_000;

function missingDaysText(days: readonly string[]): string {
  const shown = days.slice(0, 3).map(formatDay).join(', ');
  const more = days.length > 3 ? ` and ${days.length - 3} more` : '';
  return `${days.length} day${days.length === 1 ? '' : 's'} could not be fetched (${shown}${more}); the next sync retries them first.`;
}

function normalDelayText(account: ProviderAccountRecord, hours: number): string {
  return `Normal for ${account.info.label}: its billing data arrives up to ${hours} h late, so recent days fill in on later syncs. This is not a fault.`;
}

/** Freshness of a synced account from its complete-through day and the provider's usual delay. */
function describeLag(account: ProviderAccountRecord, now: Date): Freshness {
  const synced = `synced ${formatRelative(account.lastSyncedAt, now)}`;
  const expected = account.info.expectedDelayHours ?? 0;
  if (!account.dataCompleteThrough) {
    return {
      severity: 'info',
      headline: `No complete day yet · ${synced}`,
      detail: expected >= SLOW_PROVIDER_HOURS ? normalDelayText(account, expected) : null,
      canRetry: false,
    };
  }
  const lagHours = (now.getTime() - new Date(`${account.dataCompleteThrough}T00:00:00Z`).getTime()) / HOUR;
  const through = `Complete through ${formatDay(previousDay(account.dataCompleteThrough))} · ${synced}`;
  if (lagHours <= 24) return { severity: 'success', headline: `Up to date · ${synced}`, detail: null, canRetry: false };
  if (lagHours > Math.max(expected, 24) + LATE_SLACK_HOURS) {
    return {
      severity: 'warning',
      headline: through,
      detail: `That is later than ${account.info.label}'s usual delay${expected ? ` of ${expected} h` : ''}; Refresh Data, or check the sync logs.`,
      canRetry: true,
    };
  }
  if (expected >= SLOW_PROVIDER_HOURS)
    return { severity: 'info', headline: through, detail: normalDelayText(account, expected), canRetry: false };
  return { severity: 'success', headline: through, detail: null, canRetry: false };
}

/**
 * How current an account's data is: a failed or partial last sync with its reason (and a
 * retry), a sync in progress, an unlinked account, an account that needs attention although
 * its syncs succeed (no billing data for the key, a limited key: the message and its fix), or
 * how far its data reaches, with the
 * provider's usual billing delay (Vertex AI, Azure: a day or more) explained as normal.
 */
export function describeFreshness(account: ProviderAccountRecord, now: Date = new Date()): Freshness {
  const run = account.lastRun;
  if (account.status === 'DISCONNECTED') {
    return {
      severity: 'info',
      headline: 'Unlinked · its data is kept but no longer synced',
      detail: null,
      canRetry: false,
    };
  }
  if (account.activeRun) return { severity: 'info', headline: 'Syncing now', detail: null, canRetry: false };
  if (run?.status === 'FAILED') {
    return {
      severity: 'error',
      headline: `Last sync failed ${formatRelative(run.finishedAt ?? run.createdAt, now)}`,
      detail: run.error ?? account.lastError,
      canRetry: true,
    };
  }
  if (run?.status === 'PARTIAL') {
    const reason = [missingDaysText(run.missingDays), run.error].filter(Boolean).join(' ');
    return {
      severity: 'warning',
      headline: `Last sync was partial (${formatRelative(run.finishedAt ?? run.createdAt, now)})`,
      detail: reason,
      canRetry: true,
    };
  }
  if (account.status === 'ERROR')
    return { severity: 'error', headline: 'The last check failed', detail: account.lastError, canRetry: true };
  const attention = account.attention ?? [];
  if (attention.length > 0) {
    // A sync that "succeeded" with nothing to show, or a key that can sync only part: never "Up to date".
    const synced = account.lastSyncedAt ? ` · synced ${formatRelative(account.lastSyncedAt, now)}` : '';
    return {
      severity: 'warning',
      headline: `Needs attention${synced}`,
      detail: attention.map((a) => `${a.message} Fix: ${a.fix}`).join(' '),
      canRetry: false,
    };
  }
  if (!account.lastSyncedAt) return { severity: 'info', headline: 'Not synced yet', detail: null, canRetry: true };
  return describeLag(account, now);
}

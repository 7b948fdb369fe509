import type { SyncRunRecord } from '../../data-provider/records';

/** The sync logs of one account: the sync-runs list filtered to it. */
export function syncLogsPath(providerAccountId: string): string {
  return `/sync-runs?filter=${encodeURIComponent(JSON.stringify({ providerAccountId }))}`;
}

/** One run's page. */
export function syncRunPath(runId: string): string {
  return `/sync-runs/${encodeURIComponent(runId)}/show`;
}

/** Why a run started, in words. */
export const TRIGGER_LABELS: Record<SyncRunRecord['trigger'], string> = {
  LINK: 'Backfill after linking',
  SCHEDULE: 'Scheduled',
  MANUAL: 'Refresh Data',
};

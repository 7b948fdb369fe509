import type { SyncProgress, SyncRunRecord, SyncRunStatus } from '../../data-provider/records';
import { formatDay, previousDay } from '../../format';

/** Words for a run's status. */
export const STATUS_LABELS: Record<SyncRunStatus, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  PARTIAL: 'Partial',
  FAILED: 'Failed',
};

/** MUI colours for a run's status. */
export const STATUS_COLORS: Record<SyncRunStatus, 'default' | 'info' | 'success' | 'warning' | 'error'> = {
  QUEUED: 'default',
  RUNNING: 'info',
  SUCCEEDED: 'success',
  PARTIAL: 'warning',
  FAILED: 'error',
};

export const isActiveStatus = (status: SyncRunStatus) => status === 'QUEUED' || status === 'RUNNING';

/** "Nov 1 – Nov 26, 2026" for a half-open window of days. */
export function formatWindow(start: string, end: string): string {
  return `${formatDay(start)} – ${formatDay(previousDay(end))}`;
}

/** What a live run is doing, in words. */
export function describePhase(progress: SyncProgress): string {
  const chunk =
    progress.chunkStart && progress.chunkEnd ? ` ${formatWindow(progress.chunkStart, progress.chunkEnd)}` : '';
  switch (progress.phase) {
    case 'QUEUED':
      return 'Waiting to start';
    case 'VERIFYING':
      return 'Checking the credential';
    case 'LISTING':
      return 'Listing workspaces and API keys';
    case 'FETCHING':
      return `Fetching${chunk}`;
    case 'WRITING':
      return `Writing${chunk}`;
    case 'FINISHED':
      return STATUS_LABELS[progress.status];
  }
}

/** Percent of days done, or null while the total is unknown. */
export function progressPercent(progress: Pick<SyncProgress, 'daysDone' | 'daysTotal'>): number | null {
  return progress.daysTotal > 0 ? Math.min(100, Math.round((progress.daysDone / progress.daysTotal) * 100)) : null;
}

/**
 * The status to show for a run: the live event when it is about this run and newer than what
 * the record says (the record is refetched when the run finishes).
 */
export function liveStatus(
  run: Pick<SyncRunRecord, 'id' | 'status'>,
  progress: SyncProgress | undefined,
): SyncRunStatus {
  if (progress?.runId === run.id && isActiveStatus(run.status)) return progress.status;
  return run.status;
}

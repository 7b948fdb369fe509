import type { DayRange } from '@spendsync/domain';

/** Why a sync run started: the backfill of a new link, the schedule, or Refresh Data. */
export const SYNC_TRIGGERS = ['link', 'schedule', 'manual'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

/** Asking for a run. */
export type SyncRequest = {
  accountId: string;
  trigger: SyncTrigger;
  /** An explicit window (CLI `--from/--to`); otherwise the trigger's plan. */
  window?: DayRange;
  /**
   * The queue job asking (worker role). A job retried after its lease expired may arrive once its
   * first attempt has committed: the engine then answers `already-done` instead of syncing again.
   */
  jobId?: string;
};

/** The answer to a trigger. `done` never rejects: it resolves with the closed run. */
export type SyncStartResult<Run> =
  | { kind: 'started'; run: Run; done: Promise<Run> }
  | { kind: 'already-running'; run: Run | null; message: string }
  | { kind: 'already-done'; run: Run; message: string }
  | { kind: 'unavailable'; message: string };

/**
 * What linking and Refresh Data need from the sync engine (features/sync implements it). Owned
 * here so that provider accounts do not depend on the engine; `Run` is the engine's run record.
 */
export type AccountSyncTrigger<Run> = {
  /** Starts a run now, or says why not (already running, disconnected, unknown account). */
  trigger(request: SyncRequest): Promise<SyncStartResult<Run>>;
};

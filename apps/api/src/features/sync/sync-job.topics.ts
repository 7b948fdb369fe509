import type { SyncTrigger } from '../provider-accounts/account-sync-trigger';

/** Topics of the sync job queue on the shared pub/sub. */
export const SYNC_JOB_TOPICS = {
  /** A worker took an account job and asked the engine: the run it started, or why none. */
  JOB_STARTED: 'SYNC_JOB_STARTED',
  /** An API process enqueued an account job: idle workers fetch now instead of at their next poll. */
  JOB_ENQUEUED: 'SYNC_JOB_ENQUEUED',
} as const;

/** What a worker did with an account job, so the API process that enqueued it can answer. */
export type SyncJobStarted = {
  jobId: string;
  accountId: string;
  trigger: SyncTrigger;
  kind: 'started' | 'already-running' | 'already-done' | 'unavailable';
  /**
   * The run started, the one already in progress, or (already-done: a retried job) the run of an
   * earlier attempt of this job that committed; null when unknown or unavailable.
   */
  runId: string | null;
  message: string | null;
};

/** Payload type of each sync job topic. */
export type SyncJobTopicMap = {
  [SYNC_JOB_TOPICS.JOB_STARTED]: SyncJobStarted;
  [SYNC_JOB_TOPICS.JOB_ENQUEUED]: { jobId: string };
};

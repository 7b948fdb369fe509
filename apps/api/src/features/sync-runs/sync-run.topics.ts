import type { Day, DayRange, ProviderId } from '@spendsync/domain';
import type { SyncLogLevel } from './sync-log-entry.entity';
import type { SyncRunStatus } from './sync-run.entity';
import type { SyncTrigger } from '../provider-accounts/account-sync-trigger';

/** The sync engine's pub/sub topics (GraphQL: `syncRunProgressed`, `syncLogAppended`). */
export const SYNC_TOPICS = {
  RUN_PROGRESSED: 'SYNC_RUN_PROGRESSED',
  LOG_APPENDED: 'SYNC_LOG_APPENDED',
} as const;

/** What a run is doing right now. */
export const SYNC_PHASES = ['queued', 'verifying', 'listing', 'fetching', 'writing', 'finished'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

/** One progress event of a run; JSON-safe (times are ISO strings). */
export type SyncRunProgress = {
  runId: string;
  organizationId: string;
  providerAccountId: string;
  provider: ProviderId;
  trigger: SyncTrigger;
  status: SyncRunStatus;
  phase: SyncPhase;
  /** The run's whole window (first day included, last excluded). */
  window: DayRange;
  /** Days written (or found empty) so far, of `daysTotal`. */
  daysDone: number;
  daysTotal: number;
  /** Records written so far, plus those fetched for the chunk in hand. */
  recordsSoFar: number;
  workspaces: number;
  apiKeys: number;
  /** Days that failed so far (when finished: every day left for the next run). */
  missingDays: Day[];
  /** The chunk being fetched or written, when there is one. */
  chunk: DayRange | null;
  /** The latest log line, for a one-line status display. */
  message: string | null;
  at: string;
};

/** One sync log line as it is appended. */
export type SyncLogAppended = {
  /** The log entry's id (a bigint as text), ordering lines within a run. */
  id: string;
  runId: string;
  organizationId: string;
  providerAccountId: string;
  level: SyncLogLevel;
  message: string;
  at: string;
};

/** Payload type of each sync-run topic. */
export type SyncRunTopicMap = {
  [SYNC_TOPICS.RUN_PROGRESSED]: SyncRunProgress;
  [SYNC_TOPICS.LOG_APPENDED]: SyncLogAppended;
};

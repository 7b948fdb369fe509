import type { AdapterDeps, ProviderDefinition } from '@spendsync/adapters';
import type { Day } from '@spendsync/domain';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { CredentialCipher } from '../provider-accounts/credential-cipher';
import type { ProviderAccountSyncService, SyncableAccount } from '../provider-accounts/provider-account-sync.service';
import type { SyncRun } from '../sync-runs/sync-run.entity';
import type { SyncRunsService } from '../sync-runs/sync-runs.service';
import type { AccountLock } from '../../database/account-lock';
import type { DirectoryTracker } from './directory-tracker';
import type { SyncPlan } from './sync-plan';
import type { ProgressReporter } from './sync-progress';
import type { RunLog } from './sync-run-log';
import type { AppLogger } from '../../logger';
import type { SyncPubSub } from './sync-pubsub';

/** Long-lived collaborators of the engine and its jobs. */
export type SyncServices = {
  dataSource: DataSource;
  pool: pg.Pool;
  runs: SyncRunsService;
  accounts: ProviderAccountSyncService;
  pubsub: SyncPubSub;
  cipher: CredentialCipher;
  logger: AppLogger;
  now: () => Date;
  /** Extra adapter deps per account (a simulator's base URL and seams in tests, a retry policy). */
  adapterDeps?: (account: SyncableAccount) => Partial<AdapterDeps>;
  heartbeatMs: number;
  /** Chunks fetched ahead of the writer. */
  fetchConcurrency: number;
};

/** What one run knows and accumulates while it executes. */
export type SyncContext = {
  services: SyncServices;
  account: SyncableAccount;
  definition: ProviderDefinition<unknown>;
  run: SyncRun;
  plan: SyncPlan;
  lock: AccountLock;
  /** Aborts on engine stop or when the lock's connection breaks. */
  signal: AbortSignal;
  log: RunLog;
  progress: ProgressReporter;
  directory: DirectoryTracker;
  /** Planned days not yet written (persisted with heartbeats: what a killed run leaves). */
  pending: Set<Day>;
  /** Days whose chunk failed. */
  failed: Set<Day>;
  /** Distinct failure messages, in order. */
  errors: string[];
  recordsWritten: number;
  daysWritten: number;
  /** The account's billing delay once its credentials are read (Azure EA/MCA settle sooner); else the provider's. */
  delayHours?: number;
};

/** Counters as saved with heartbeats and at the end. */
export function progressState(ctx: SyncContext) {
  const counts = ctx.directory.counts();
  return {
    missingDays: [...ctx.pending],
    workspaceCount: counts.workspaces,
    apiKeyCount: counts.apiKeys,
    recordCount: ctx.recordsWritten,
  };
}

/** Remembers a failure message once (many chunks often fail the same way). */
export function noteError(ctx: SyncContext, message: string): void {
  if (!ctx.errors.includes(message)) ctx.errors.push(message);
}

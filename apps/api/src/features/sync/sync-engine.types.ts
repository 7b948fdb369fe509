import type { AdapterDeps, ProviderDefinition } from '@spendsync/adapters';
import type { ProviderId } from '@spendsync/domain';
import type { DataSource } from 'typeorm';
import type {
  AccountSyncTrigger,
  SyncRequest as AccountSyncRequest,
  SyncStartResult as AccountSyncStartResult,
} from '../provider-accounts/account-sync-trigger';
import type { CredentialCipher } from '../provider-accounts/credential-cipher';
import type { ProviderAccountSyncService, SyncableAccount } from '../provider-accounts/provider-account-sync.service';
import type { SyncRun } from '../sync-runs/sync-run.entity';
import type { SyncRunsService } from '../sync-runs/sync-runs.service';
import type { AppLogger } from '../../logger';
import type { SyncPubSub } from './sync-pubsub';

/** How the engine is built (app.ts for every entry point; sync tests). */
export type SyncEngineOptions = {
  /** Initialized and migrated. */
  dataSource: DataSource;
  /** The runs and the sync log (sync_runs, sync_log_entries). */
  runs: SyncRunsService;
  /** The accounts as the engine reads and updates them. */
  accounts: ProviderAccountSyncService;
  pubsub: SyncPubSub;
  cipher: CredentialCipher;
  logger: AppLogger;
  /** Days read when an account is linked (config `backfillDays`). */
  backfillDays: number;
  now?: () => Date;
  /** Provider definitions; default the adapters registry. */
  providers?: { readonly [K in ProviderId]?: ProviderDefinition<unknown> };
  /** Extra adapter deps per account (simulator base URL and seams in tests, a retry policy). */
  adapterDeps?: (account: SyncableAccount) => Partial<AdapterDeps>;
  /** Engine cap on days per chunk (default 7), below the adapter's maxDaysPerCall. */
  maxChunkDays?: number;
  /** Chunks fetched ahead while earlier ones are written (default 1: the next chunk is fetched while the previous one is written); each holds its records in memory. */
  fetchConcurrency?: number;
  /** How often a running run touches its row (default 5 s). */
  heartbeatMs?: number;
  /**
   * A run whose heartbeat is older than this while its lock is still held belongs to a
   * connection that is alive but a process that is not (default 2 min): its session is ended.
   */
  staleAfterMs?: number;
  /**
   * Runs after a run that wrote data has closed and released its account (budget evaluation).
   * Its failure is logged and never changes the run; `done` resolves after it.
   */
  onRunCommitted?: (run: SyncRun, account: SyncableAccount) => Promise<unknown>;
};

/** Asking for a run. */
export type SyncRequest = AccountSyncRequest;

/** The answer to a trigger. `done` never rejects: it resolves with the closed run. */
export type SyncStartResult = AccountSyncStartResult<SyncRun>;

/** Runs syncs: one run per account at a time across every process sharing the database. */
export type SyncEngine = AccountSyncTrigger<SyncRun> & {
  /** Closes runs whose process died (lock free, or heartbeat stale); returns them. */
  closeStaleRuns(): Promise<SyncRun[]>;
  /** Runs executing in this process. */
  readonly activeRuns: number;
  /** Aborts this process's runs (they close as partial or failed) and waits for them. */
  stop(): Promise<void>;
};

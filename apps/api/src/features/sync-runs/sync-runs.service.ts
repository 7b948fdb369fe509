import type { Day, DayRange } from '@spendsync/domain';
import type pg from 'pg';
import type { Sql } from '../../database/pg-pool';
import type { SyncLogEntry, SyncLogLevel } from './sync-log-entry.entity';
import type { SyncRun, SyncRunStatus } from './sync-run.entity';
import type { SyncTrigger } from '../provider-accounts/account-sync-trigger';
import {
  SYNC_LOG_ENTRY_COLUMNS,
  SYNC_RUN_COLUMNS,
  toSyncLogEntry,
  toSyncRun,
  type SyncLogEntryRow,
  type SyncRunRow,
} from './sync-run.row';

/** A run about to start. `missingDays` starts as every planned day and shrinks as days are written. */
export type NewSyncRun = {
  organizationId: string;
  providerAccountId: string;
  trigger: SyncTrigger;
  window: DayRange;
  plannedDays: readonly Day[];
  /** The queue job the run is for (worker role). */
  jobId?: string;
};

/** Counters and days left, saved with each heartbeat so a killed run leaves an accurate row. */
export type SyncRunProgressState = {
  missingDays: readonly Day[];
  workspaceCount: number;
  apiKeyCount: number;
  recordCount: number;
};

/** How a run ended. */
export type SyncRunOutcome = SyncRunProgressState & {
  status: Extract<SyncRunStatus, 'succeeded' | 'partial' | 'failed'>;
  error: string | null;
};

/** Paging of lists. */
export type Page = { offset?: number; limit?: number };

const ACTIVE = `status IN ('queued', 'running')`;
const sortDays = (days: readonly Day[]) => [...new Set(days)].sort();

/**
 * Sync runs and their log lines (the sync log). Writes of a live run go through the connection
 * that holds the account's lock (`db`), so they are ordered; reads use the pool.
 */
export function createSyncRunsService(pool: pg.Pool) {
  const one = async (db: Sql, text: string, values: unknown[]): Promise<SyncRun | null> => {
    const { rows } = await db.query<SyncRunRow>(text, values);
    return rows[0] ? toSyncRun(rows[0]) : null;
  };

  return {
    async create(run: NewSyncRun, db: Sql = pool): Promise<SyncRun> {
      const created = await one(
        db,
        `INSERT INTO sync_runs (organization_id, provider_account_id, trigger, window_start, window_end, status, missing_days, job_id)
        VALUES ($1, $2, $3, $4, $5, 'queued', $6::date[], $7) RETURNING ${SYNC_RUN_COLUMNS}`,
        [
          run.organizationId,
          run.providerAccountId,
          run.trigger,
          run.window.start,
          run.window.end,
          sortDays(run.plannedDays),
          run.jobId ?? null,
        ],
      );
      return created!;
    },

    async markRunning(runId: string, db: Sql = pool): Promise<void> {
      await db.query(
        `UPDATE sync_runs SET status = 'running', started_at = now(), heartbeat_at = now() WHERE id = $1`,
        [runId],
      );
    },

    async heartbeat(runId: string, state: SyncRunProgressState, db: Sql = pool): Promise<void> {
      await db.query(
        `UPDATE sync_runs SET heartbeat_at = now(), missing_days = $2::date[], workspace_count = $3, api_key_count = $4, record_count = $5
        WHERE id = $1 AND ${ACTIVE}`,
        [runId, sortDays(state.missingDays), state.workspaceCount, state.apiKeyCount, state.recordCount],
      );
    },

    async finish(runId: string, outcome: SyncRunOutcome, db: Sql = pool): Promise<SyncRun> {
      const run = await one(
        db,
        `UPDATE sync_runs SET status = $2, error = $3, missing_days = $4::date[], workspace_count = $5, api_key_count = $6,
          record_count = $7, finished_at = now(), heartbeat_at = now() WHERE id = $1 RETURNING ${SYNC_RUN_COLUMNS}`,
        [
          runId,
          outcome.status,
          outcome.error,
          sortDays(outcome.missingDays),
          outcome.workspaceCount,
          outcome.apiKeyCount,
          outcome.recordCount,
        ],
      );
      if (!run) throw new Error(`Sync run ${runId} does not exist`);
      return run;
    },

    async appendLog(
      run: Pick<SyncRun, 'id' | 'organizationId'>,
      level: SyncLogLevel,
      message: string,
      db: Sql = pool,
    ): Promise<SyncLogEntry> {
      const { rows } = await db.query<SyncLogEntryRow>(
        `INSERT INTO sync_log_entries (organization_id, run_id, level, message) VALUES ($1, $2, $3, $4) RETURNING ${SYNC_LOG_ENTRY_COLUMNS}`,
        [run.organizationId, run.id, level, message],
      );
      return toSyncLogEntry(rows[0]!);
    },

    /**
     * Closes the account's runs still marked queued or running as failed. Only call it while
     * holding the account's lock: then no live process owns them. Their `missing_days` (the
     * days they had not written) stay, so the next run retries exactly those.
     */
    async closeOrphans(accountId: string, reason: string, db: Sql = pool): Promise<SyncRun[]> {
      const { rows } = await db.query<SyncRunRow>(
        `UPDATE sync_runs SET status = 'failed', finished_at = now(), error = $2
        WHERE provider_account_id = $1 AND ${ACTIVE} RETURNING ${SYNC_RUN_COLUMNS}`,
        [accountId, reason],
      );
      return rows.map(toSyncRun);
    },

    /** The account's queued or running run, newest first. */
    findActive: (accountId: string): Promise<SyncRun | null> =>
      one(
        pool,
        `SELECT ${SYNC_RUN_COLUMNS} FROM sync_runs WHERE provider_account_id = $1 AND ${ACTIVE} ORDER BY created_at DESC LIMIT 1`,
        [accountId],
      ),

    /** The account's most recent finished run: its missing days are the ones still to retry. */
    /**
     * A run of queue job `jobId` on the account that committed its data (succeeded, or partial:
     * its job completed too), if any. Asked under the account's lock by a retried job.
     */
    committedForJob: (accountId: string, jobId: string, db: Sql = pool): Promise<SyncRun | null> =>
      one(
        db,
        `SELECT ${SYNC_RUN_COLUMNS} FROM sync_runs
        WHERE provider_account_id = $1 AND job_id = $2 AND status IN ('succeeded', 'partial')
        ORDER BY created_at DESC LIMIT 1`,
        [accountId, jobId],
      ),

    latestFinished: (accountId: string, db: Sql = pool): Promise<SyncRun | null> =>
      one(
        db,
        `SELECT ${SYNC_RUN_COLUMNS} FROM sync_runs WHERE provider_account_id = $1 AND NOT ${ACTIVE}
        ORDER BY finished_at DESC NULLS LAST, created_at DESC LIMIT 1`,
        [accountId],
      ),

    /**
     * Every queued or running run, oldest first (the stale-run sweep checks each one's lock), and
     * whether its heartbeat (or creation, before the first one) is older than `staleAfterMs` by
     * the database's clock, the one that wrote it.
     */
    async listActive(staleAfterMs: number): Promise<{ run: SyncRun; stale: boolean }[]> {
      const { rows } = await pool.query<SyncRunRow & { stale: boolean }>(
        `SELECT ${SYNC_RUN_COLUMNS},
          coalesce(heartbeat_at, created_at) < now() - make_interval(secs => $1) AS stale
        FROM sync_runs WHERE ${ACTIVE} ORDER BY created_at`,
        [staleAfterMs / 1000],
      );
      return rows.map((row) => ({ run: toSyncRun(row), stale: row.stale }));
    },

    get: (runId: string): Promise<SyncRun | null> =>
      one(pool, `SELECT ${SYNC_RUN_COLUMNS} FROM sync_runs WHERE id = $1`, [runId]),

    /** An account's runs, newest first. */
    async listForAccount(accountId: string, page: Page = {}): Promise<{ total: number; runs: SyncRun[] }> {
      const { rows } = await pool.query<SyncRunRow & { total: string }>(
        `SELECT ${SYNC_RUN_COLUMNS}, count(*) OVER () AS total FROM sync_runs
        WHERE provider_account_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
        [accountId, page.limit ?? 50, page.offset ?? 0],
      );
      return { total: rows[0] ? Number(rows[0].total) : 0, runs: rows.map(toSyncRun) };
    },

    /** A run's log lines in order, optionally only those after a known line id. */
    async logLines(runId: string, options: { afterId?: string; limit?: number } = {}): Promise<SyncLogEntry[]> {
      const { rows } = await pool.query<SyncLogEntryRow>(
        `SELECT ${SYNC_LOG_ENTRY_COLUMNS} FROM sync_log_entries
        WHERE run_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
        [runId, options.afterId ?? '0', options.limit ?? 1_000],
      );
      return rows.map(toSyncLogEntry);
    },
  };
}

/** The sync runs service (see {@link createSyncRunsService}). */
export type SyncRunsService = ReturnType<typeof createSyncRunsService>;

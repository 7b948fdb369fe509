import type pg from 'pg';
import { isUuid } from '../../database/uuid';
import { ApiError } from '../../errors';
import type { SyncLogEntry } from './sync-log-entry.entity';
import type { SyncRun } from './sync-run.entity';
import { SYNC_RUN_COLUMNS, toSyncLogEntry, toSyncRun, type SyncLogEntryRow, type SyncRunRow } from './sync-run.row';

/** A page of an account's runs, newest first, with the total count. */
export type SyncRunPage = { total: number; items: SyncRun[] };

/** Largest page the API serves. */
export const MAX_PAGE = 500;

const clampLimit = (limit: number | undefined, fallback: number) => Math.max(0, Math.min(limit ?? fallback, MAX_PAGE));

/** Reads of sync runs and their logs for the API, each scoped by organization id. */
export function createSyncRunReadService(pool: pg.Pool) {
  // Every query here takes a uuid as $1; anything else cannot exist.
  const one = async (text: string, values: unknown[]): Promise<SyncRun | null> => {
    if (!isUuid(values[0])) return null;
    const { rows } = await pool.query<SyncRunRow>(text, values);
    return rows[0] ? toSyncRun(rows[0]) : null;
  };

  return {
    get: (organizationId: string, id: string) =>
      one(`SELECT ${SYNC_RUN_COLUMNS} FROM sync_runs WHERE id = $1 AND organization_id = $2`, [id, organizationId]),

    /** The account's queued or running run. */
    active: (organizationId: string, accountId: string) =>
      one(`SELECT ${SYNC_RUN_COLUMNS} FROM sync_runs WHERE provider_account_id = $1 AND organization_id = $2
        AND status IN ('queued', 'running') ORDER BY created_at DESC LIMIT 1`, [accountId, organizationId]),

    /** The account's most recent run of any status. */
    latest: (organizationId: string, accountId: string) =>
      one(`SELECT ${SYNC_RUN_COLUMNS} FROM sync_runs WHERE provider_account_id = $1 AND organization_id = $2
        ORDER BY created_at DESC, id LIMIT 1`, [accountId, organizationId]),

    /** An account's runs, newest first. */
    async list(organizationId: string, accountId: string, page: { offset?: number; limit?: number } = {}): Promise<SyncRunPage> {
      if (!isUuid(accountId)) return { total: 0, items: [] };
      const { rows } = await pool.query<SyncRunRow & { total: string }>(
        `SELECT ${SYNC_RUN_COLUMNS}, count(*) OVER () AS total FROM sync_runs WHERE provider_account_id = $1 AND organization_id = $2
         ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
        [accountId, organizationId, clampLimit(page.limit, 20), Math.max(0, page.offset ?? 0)],
      );
      if (rows.length === 0 && (page.offset ?? 0) > 0) {
        const { rows: count } = await pool.query<{ n: string }>(
          'SELECT count(*) AS n FROM sync_runs WHERE provider_account_id = $1 AND organization_id = $2', [accountId, organizationId]);
        return { total: Number(count[0]!.n), items: [] };
      }
      return { total: rows[0] ? Number(rows[0].total) : 0, items: rows.map(toSyncRun) };
    },

    /** A run's log lines in order, after a known line id (a cursor), at most `limit`. */
    async logLines(organizationId: string, runId: string, page: { afterId?: string; limit?: number } = {}): Promise<SyncLogEntry[]> {
      if (!isUuid(runId)) return [];
      if (page.afterId !== undefined && !/^\d{1,18}$/.test(page.afterId)) {
        throw new ApiError('BAD_USER_INPUT', 'afterId must be the id of a log line.', { field: 'afterId' });
      }
      const { rows } = await pool.query<SyncLogEntryRow>(
        `SELECT id, organization_id, run_id, at, level, message FROM sync_log_entries
         WHERE run_id = $1 AND organization_id = $2 AND id > $3 ORDER BY id LIMIT $4`,
        [runId, organizationId, page.afterId ?? '0', clampLimit(page.limit, 200)],
      );
      return rows.map(toSyncLogEntry);
    },
  };
}

/** See {@link createSyncRunReadService}. */
export type SyncRunReadService = ReturnType<typeof createSyncRunReadService>;

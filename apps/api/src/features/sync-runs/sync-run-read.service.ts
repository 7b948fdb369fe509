import type pg from 'pg';
import { isUuid } from '../../database/uuid';
import { ApiError } from '../../errors';
import type { SyncLogEntry } from './sync-log-entry.entity';
import type { SyncRun, SyncRunStatus } from './sync-run.entity';
import type { SyncTrigger } from '../provider-accounts/account-sync-trigger';
import { SYNC_RUN_COLUMNS, toSyncRun, type SyncRunRow } from './sync-run.row';
import type { SyncRunsService } from './sync-runs.service';

/** Which runs a list shows; each field left out matches every run. */
export type SyncRunFilter = { providerAccountId?: string; status?: SyncRunStatus; trigger?: SyncTrigger };

/** A page of runs, newest first, with the total count. */
export type SyncRunPage = { total: number; items: SyncRun[] };

/** Largest page the API serves. */
export const MAX_PAGE = 500;

const clampLimit = (limit: number | undefined, fallback: number) => Math.max(0, Math.min(limit ?? fallback, MAX_PAGE));
const ownedBy = <T extends { organizationId: string }>(organizationId: string, item: T | null): T | null =>
  item?.organizationId === organizationId ? item : null;

/**
 * The API's reads of sync runs and their logs: the sync engine's service, scoped to one
 * organization (a run or line of another organization is "not there"), plus the paged list
 * with a total that stays right past the last page.
 */
export function createSyncRunReadService(pool: pg.Pool, runs: SyncRunsService) {
  /**
   * Runs of the organization, newest first: one account's, or every account's (the global sync
   * log), narrowed by status and trigger.
   */
  async function list(
    organizationId: string,
    filter: SyncRunFilter,
    page: { offset?: number; limit?: number } = {},
  ): Promise<SyncRunPage> {
    if (filter.providerAccountId !== undefined && !isUuid(filter.providerAccountId)) return { total: 0, items: [] };
    const where = `organization_id = $1 AND ($2::uuid IS NULL OR provider_account_id = $2)
      AND ($3::text IS NULL OR status = $3) AND ($4::text IS NULL OR trigger = $4)`;
    const values = [organizationId, filter.providerAccountId ?? null, filter.status ?? null, filter.trigger ?? null];
    const { rows } = await pool.query<SyncRunRow & { total: string }>(
      `SELECT ${SYNC_RUN_COLUMNS}, count(*) OVER () AS total FROM sync_runs WHERE ${where}
       ORDER BY created_at DESC, id LIMIT $5 OFFSET $6`,
      [...values, clampLimit(page.limit, 20), Math.max(0, page.offset ?? 0)],
    );
    if (rows.length > 0 || (page.offset ?? 0) === 0)
      return { total: rows[0] ? Number(rows[0].total) : 0, items: rows.map(toSyncRun) };
    // Past the last page the window count is empty; count separately so the total stays right.
    const { rows: count } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM sync_runs WHERE ${where}`,
      values,
    );
    return { total: Number(count[0]!.n), items: [] };
  }

  return {
    get: async (organizationId: string, id: string): Promise<SyncRun | null> =>
      isUuid(id) ? ownedBy(organizationId, await runs.get(id)) : null,

    /** The account's queued or running run. */
    active: async (organizationId: string, accountId: string): Promise<SyncRun | null> =>
      isUuid(accountId) ? ownedBy(organizationId, await runs.findActive(accountId)) : null,

    /** The account's most recent run of any status. */
    latest: async (organizationId: string, accountId: string): Promise<SyncRun | null> =>
      (await list(organizationId, { providerAccountId: accountId }, { limit: 1 })).items[0] ?? null,

    list,

    /** A run's log lines in order, after a known line id (a cursor), at most `limit`. */
    async logLines(
      organizationId: string,
      runId: string,
      page: { afterId?: string; limit?: number } = {},
    ): Promise<SyncLogEntry[]> {
      if (page.afterId !== undefined && !/^\d{1,18}$/.test(page.afterId)) {
        throw new ApiError('BAD_USER_INPUT', 'afterId must be the id of a log line.', { field: 'afterId' });
      }
      if (!isUuid(runId)) return [];
      const lines = await runs.logLines(runId, { afterId: page.afterId, limit: clampLimit(page.limit, 200) });
      return lines.filter((line) => line.organizationId === organizationId);
    },
  };
}

/** See {@link createSyncRunReadService}. */
export type SyncRunReadService = ReturnType<typeof createSyncRunReadService>;

import { SyncLogEntry } from './sync-log-entry.entity';
import { SyncRun } from './sync-run.entity';

/** Columns of `sync_runs` as selected by the services (snake_case, as PostgreSQL returns them). */
export const SYNC_RUN_COLUMNS = `id, organization_id, provider_account_id, trigger, window_start, window_end, status, created_at,
  started_at, finished_at, heartbeat_at, workspace_count, api_key_count, record_count, error, missing_days`;

/** A `sync_runs` row as plain SQL returns it. */
export type SyncRunRow = {
  id: string; organization_id: string; provider_account_id: string; trigger: SyncRun['trigger']; window_start: string;
  window_end: string; status: SyncRun['status']; created_at: Date; started_at: Date | null; finished_at: Date | null;
  heartbeat_at: Date | null; workspace_count: number; api_key_count: number; record_count: number; error: string | null;
  missing_days: string[];
};

/** The entity for a raw row. */
export function toSyncRun(row: SyncRunRow): SyncRun {
  return Object.assign(new SyncRun(), {
    id: row.id, organizationId: row.organization_id, providerAccountId: row.provider_account_id, trigger: row.trigger,
    windowStart: row.window_start, windowEnd: row.window_end, status: row.status, createdAt: row.created_at,
    startedAt: row.started_at, finishedAt: row.finished_at, heartbeatAt: row.heartbeat_at, workspaceCount: row.workspace_count,
    apiKeyCount: row.api_key_count, recordCount: row.record_count, error: row.error, missingDays: row.missing_days,
  });
}

/** A `sync_log_entries` row as plain SQL returns it. */
export type SyncLogEntryRow = { id: string; organization_id: string; run_id: string; at: Date; level: SyncLogEntry['level']; message: string };

/** The entity for a raw log row. */
export function toSyncLogEntry(row: SyncLogEntryRow): SyncLogEntry {
  return Object.assign(new SyncLogEntry(), { id: row.id, organizationId: row.organization_id, runId: row.run_id, at: row.at, level: row.level, message: row.message });
}

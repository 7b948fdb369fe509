import { columnsOf, fromRow, type RowOf } from '../../database/entity-row';
import { SyncLogEntry } from './sync-log-entry.entity';
import { SyncRun } from './sync-run.entity';

/** The `sync_runs` properties the services read, in select order. */
const SYNC_RUN_FIELDS = [
  'id',
  'organizationId',
  'providerAccountId',
  'trigger',
  'windowStart',
  'windowEnd',
  'status',
  'createdAt',
  'startedAt',
  'finishedAt',
  'heartbeatAt',
  'workspaceCount',
  'apiKeyCount',
  'recordCount',
  'error',
  'missingDays',
] as const satisfies readonly (keyof SyncRun)[];

/** Columns of `sync_runs` as selected by the services (snake_case, as PostgreSQL returns them). */
export const SYNC_RUN_COLUMNS = columnsOf<SyncRun>(SYNC_RUN_FIELDS);

/** A `sync_runs` row as plain SQL returns it (derived from the entity). */
export type SyncRunRow = RowOf<SyncRun, (typeof SYNC_RUN_FIELDS)[number]>;

/** The entity for a raw row. */
export function toSyncRun(row: SyncRunRow): SyncRun {
  return Object.assign(new SyncRun(), fromRow<SyncRun, (typeof SYNC_RUN_FIELDS)[number]>(row, SYNC_RUN_FIELDS));
}

const SYNC_LOG_ENTRY_FIELDS = [
  'id',
  'organizationId',
  'runId',
  'at',
  'level',
  'message',
] as const satisfies readonly (keyof SyncLogEntry)[];

/** Columns of `sync_log_entries` as selected by the services. */
export const SYNC_LOG_ENTRY_COLUMNS = columnsOf<SyncLogEntry>(SYNC_LOG_ENTRY_FIELDS);

/** A `sync_log_entries` row as plain SQL returns it (derived from the entity). */
export type SyncLogEntryRow = RowOf<SyncLogEntry, (typeof SYNC_LOG_ENTRY_FIELDS)[number]>;

/** The entity for a raw log row. */
export function toSyncLogEntry(row: SyncLogEntryRow): SyncLogEntry {
  return Object.assign(
    new SyncLogEntry(),
    fromRow<SyncLogEntry, (typeof SYNC_LOG_ENTRY_FIELDS)[number]>(row, SYNC_LOG_ENTRY_FIELDS),
  );
}

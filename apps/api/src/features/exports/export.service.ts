import type { Writable } from 'node:stream';
import type pg from 'pg';
import type { SqlStatement } from '../dashboards/dashboard-db';
import { readWorkspaceNamesDiffer } from '../dashboards/search-matches';
import { streamRows, type RowEncoder } from './write-dashboard-csv';

/** The downloads' access to the database: the routes plan a statement, this streams its rows. */
export function createExportService(pool: pg.Pool) {
  return {
    /** Streams the rows of `statement` through `encoder` into `out` (see {@link streamRows}); resolves with the row count. */
    stream(statement: SqlStatement, encoder: RowEncoder, out: Writable): Promise<number> {
      return streamRows(pool, statement, encoder, out);
    },
    /**
     * Whether the workspace filter `workspaces` names a workspace whose records' names differ on it
     * (`readWorkspaceNamesDiffer`; `DashboardFilter.workspaceNamesDiffer`), read before the statement
     * is planned: the places it reads are never pruned, so only a rename a sync adds while the
     * download starts could be missed.
     */
    workspaceNamesDiffer(organizationId: string, workspaces: readonly string[]): Promise<boolean> {
      return readWorkspaceNamesDiffer(pool, organizationId, workspaces);
    },
  };
}

/** See {@link createExportService}. */
export type ExportService = ReturnType<typeof createExportService>;

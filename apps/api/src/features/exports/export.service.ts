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
     * `stream` for a workspace filter `workspaces`: whether it names a workspace whose records'
     * names differ on it (`readWorkspaceNamesDiffer`; `DashboardFilter.workspaceNamesDiffer`) is read
     * first, and `build` makes the statement from it, in the snapshot the rows are read in.
     */
    streamByWorkspaceNames(
      organizationId: string,
      workspaces: readonly string[],
      build: (workspaceNamesDiffer: boolean) => SqlStatement,
      encoder: RowEncoder,
      out: Writable,
    ): Promise<number> {
      return streamRows(
        pool,
        async (client) => build(await readWorkspaceNamesDiffer(client, organizationId, workspaces)),
        encoder,
        out,
      );
    },
  };
}

/** See {@link createExportService}. */
export type ExportService = ReturnType<typeof createExportService>;

import type { Writable } from 'node:stream';
import type pg from 'pg';
import type { SqlStatement } from '../dashboards/dashboard-db';
import { streamRows, type RowEncoder } from './write-dashboard-csv';

/** The downloads' access to the database: the routes plan a statement, this streams its rows. */
export function createExportService(pool: pg.Pool) {
  return {
    /** Streams the rows of `statement` through `encoder` into `out` (see {@link streamRows}); resolves with the row count. */
    stream(statement: SqlStatement, encoder: RowEncoder, out: Writable): Promise<number> {
      return streamRows(pool, statement, encoder, out);
    },
  };
}

/** See {@link createExportService}. */
export type ExportService = ReturnType<typeof createExportService>;

import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Day } from '@spendsync/domain';
import { stringify } from 'csv-stringify';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';
import { PG_TYPES } from '../../database/pg-types';
import type { DashboardFilter } from '../dashboards/dashboard-filter';
import { allRowsStatement, type RawRow } from '../dashboards/dashboard-sql';
import type { CsvExport } from './export-definitions';

/** Rows fetched per round trip; memory stays bounded by this, whatever the export's size. */
const BATCH_SIZE = 1_000;

/**
 * Streams one dashboard as CSV into `out` (an HTTP response, a file): a header row, then every
 * row the filter matches in its sort order, read through a server-side cursor so memory stays
 * constant, with backpressure from `out`. Resolves with the row count once `out` has ended.
 * On any failure the connection is discarded (a half-read cursor must not go back to the pool)
 * and `out` is destroyed, so a reader never mistakes a cut file for a whole one.
 */
export async function writeDashboardCsv(
  pool: pg.Pool, definition: CsvExport, organizationId: string, filter: DashboardFilter, today: Day, out: Writable,
): Promise<number> {
  const statement = allRowsStatement(definition.build(organizationId, filter, today));
  const client = await pool.connect();
  let rows = 0;
  try {
    const source = client.query(new QueryStream(statement.text, statement.values, { batchSize: BATCH_SIZE, types: PG_TYPES }));
    const toCells = new Transform({
      objectMode: true,
      transform(raw: RawRow, _encoding, done) {
        rows += 1;
        try { done(null, definition.cells(raw)); } catch (error) { done(error as Error); }
      },
    });
    await pipeline(source, toCells, stringify({ header: true, columns: [...definition.header] }), out);
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  client.release();
  return rows;
}

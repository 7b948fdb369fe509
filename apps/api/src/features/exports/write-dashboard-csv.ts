import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';
import { PG_TYPES } from '../../database/pg-types';
import type { RawRow, SqlStatement } from '../dashboards/dashboard-db';
import { csvLine } from './csv-line';
import type { CsvExport } from './export-definitions';

/**
 * Rows fetched per round trip, and at most buffered. Small on purpose: a batch this size dies
 * young in V8's nursery, while 1,000+ rows get promoted and grew the heap by 60–120 MB in the
 * export benchmark at no gain in speed.
 */
const BATCH_SIZE = 500;
/** Bytes of CSV gathered before one write: one socket write per row would cost more than the CSV itself. */
const CHUNK_BYTES = 64 * 1024;

/** How rows become text: what goes first (a header), and one row's line (`\n`-terminated). */
export type RowEncoder = { head: string; line(raw: RawRow): string };

/**
 * Turns raw query rows into text, in chunks of about {@link CHUNK_BYTES}, head first. Lines are
 * gathered in an array and joined once per chunk: a growing `+=` string is a rope that keeps
 * every line (and its pieces) reachable until it is written, long enough for V8 to promote
 * them out of the young generation.
 */
function encodedChunks(encoder: RowEncoder, counted: { rows: number }): Transform {
  let lines: string[] = [encoder.head];
  let bytes = encoder.head.length;
  return new Transform({
    writableObjectMode: true,
    transform(raw: RawRow, _encoding, done) {
      try {
        const line = encoder.line(raw);
        lines.push(line);
        bytes += line.length;
        counted.rows += 1;
      } catch (error) {
        return done(error as Error);
      }
      if (bytes < CHUNK_BYTES) return done();
      const chunk = lines.join('');
      [lines, bytes] = [[], 0];
      done(null, chunk);
    },
    flush(done) {
      done(null, lines.join(''));
    },
  });
}

/** A statement built from what is read first on the connection that then streams it (in one snapshot). */
export type PlannedStatement = (client: pg.PoolClient) => Promise<SqlStatement>;

/**
 * Streams the rows of `statement` through `encoder` into `out` (an HTTP response, a file), read
 * through a server-side cursor so memory stays constant, with backpressure from `out`. Resolves
 * with the row count once `out` has ended. On any failure the connection is discarded (a
 * half-read cursor must not go back to the pool) and `out` is destroyed, so a reader never
 * mistakes a cut file for a whole one. A `PlannedStatement` is built and streamed in one read-only
 * REPEATABLE READ transaction: what it reads first and the rows are of the same snapshot.
 */
export async function streamRows(
  pool: pg.Pool,
  statement: SqlStatement | PlannedStatement,
  encoder: RowEncoder,
  out: Writable,
): Promise<number> {
  const client = await pool.connect();
  const counted = { rows: 0 };
  try {
    const planned = typeof statement === 'function';
    if (planned) await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { text, values } = planned ? await statement(client) : statement;
    const source = client.query(new QueryStream(text, values, { batchSize: BATCH_SIZE, types: PG_TYPES }));
    await pipeline(source, encodedChunks(encoder, counted), out);
    if (planned) await client.query('COMMIT');
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  client.release();
  return counted.rows;
}

/** A dashboard's CSV encoding for {@link streamRows}: its header row, then each row's cells. */
export function dashboardCsvEncoder(definition: CsvExport): RowEncoder {
  return { head: csvLine(definition.header), line: (raw) => csvLine(definition.cells(raw)) };
}

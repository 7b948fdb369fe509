import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { COPY_COLUMNS } from '../features/sync/cost-record-copy';

/**
 * The baseline: the same rows loaded with one plain `COPY … FROM STDIN` into the same (emptied)
 * table with the same indexes. The rows are first dumped with `COPY … TO STDOUT` (not timed).
 * Returns the number of rows and the seconds the load took.
 */
export async function timeCopyBaseline(pool: pg.Pool, accountId: string): Promise<{ rows: number; seconds: number }> {
  const file = path.join(tmpdir(), `spendsync-bench-${process.pid}.copy`);
  const client = await pool.connect();
  try {
    const columns = COPY_COLUMNS.join(', ');
    await pipeline(
      client.query(
        copyTo(
          `COPY (SELECT ${columns} FROM cost_records WHERE provider_account_id = '${accountId}' ORDER BY id) TO STDOUT`,
        ),
      ),
      createWriteStream(file),
    );
    await client.query('TRUNCATE cost_records');
    await client.query('CHECKPOINT').catch(() => undefined); // both phases start without dirty buffers to flush
    const started = process.hrtime.bigint();
    const copy = client.query(copyFrom(`COPY cost_records (${columns}) FROM STDIN`));
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), copy);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { rows: copy.rowCount, seconds };
  } finally {
    client.release();
    await rm(file, { force: true });
  }
}

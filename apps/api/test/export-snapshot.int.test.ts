import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../src/database/pg-pool';
import { streamRows, type RowEncoder } from '../src/features/exports/write-dashboard-csv';
import { openTestDataSource } from './test-data-source';

const COUNT = { text: 'SELECT count(*)::text AS n FROM organizations', values: [] };
const ENCODER: RowEncoder = { head: '', line: (raw) => `${String(raw.n)}\n` };

/** What `streamRows` wrote, as text. */
async function streamed(ds: DataSource, statement: Parameters<typeof streamRows>[1]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await streamRows(pgPoolOf(ds), statement, ENCODER, out);
  return Buffer.concat(chunks).toString().trim();
}

describe('an export planned from what it reads first', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('streams rows of the snapshot its lookup read, whatever commits in between', async () => {
    let lookedUp = '';
    const rows = await streamed(ds, async (client) => {
      lookedUp = (await client.query<{ n: string }>(COUNT.text)).rows[0]!.n;
      // another connection commits before the statement runs
      await ds.query('INSERT INTO organizations (name) VALUES ($1)', [`snapshot ${randomUUID()}`]);
      return COUNT;
    });
    expect(rows).toBe(lookedUp);
    // the transaction ended: the next export (and the connection's next user) sees the new row
    expect(await streamed(ds, COUNT)).toBe(String(Number(lookedUp) + 1));
  });

  it('gives the connection back without a transaction left open when the lookup fails', async () => {
    await expect(
      streamed(ds, async (client) => {
        await client.query('SELECT no_such_column FROM organizations');
        return COUNT;
      }),
    ).rejects.toThrow(/no_such_column/);
    const [{ open }] = await ds.query(
      `SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(open).toBe(0);
  });
});

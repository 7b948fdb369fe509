import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { BACKUP_MAGIC, END_OF_TABLE, ident, TABLE_PREFIX, type BackupHeader } from './backup-format';
import { appliedMigrations, listBackupTables } from './backup-tables';

/** What a backup holds: rows per table. */
export type BackupSummary = { tables: Record<string, number>; migrations: number };

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Writes a consistent backup of the database to `destination` (see backup-format.ts): every
 * table is read in one REPEATABLE READ, READ ONLY transaction, so the archive is one snapshot
 * however long it takes and whatever syncs write meanwhile. Streams: memory stays flat.
 */
export async function writeBackup(
  pool: pg.Pool,
  destination: Writable,
  now: () => Date = () => new Date(),
): Promise<BackupSummary> {
  const client = await pool.connect();
  const gzip = createGzip();
  const piped = pipeline(gzip, destination);
  const summary: BackupSummary = { tables: {}, migrations: 0 };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await listBackupTables(client);
    const migrations = await appliedMigrations(client);
    summary.migrations = migrations.length;
    const header: BackupHeader = { createdAt: now().toISOString(), migrations, tables };
    await write(gzip, `${BACKUP_MAGIC}\n${JSON.stringify(header)}\n`);
    for (const table of tables) {
      await write(gzip, `${TABLE_PREFIX}${table.name}\n`);
      const columns = table.columns.map(ident).join(', ');
      const rows = client.query(copyTo(`COPY (SELECT ${columns} FROM ${ident(table.name)}) TO STDOUT`));
      let count = 0;
      for await (const chunk of rows as AsyncIterable<Buffer>) {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count += 1;
        await write(gzip, chunk.toString('utf8'));
      }
      summary.tables[table.name] = count;
      await write(gzip, `${END_OF_TABLE}\n`);
    }
    await client.query('COMMIT');
    gzip.end();
    await piped;
    return summary;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    gzip.destroy(error as Error);
    await piped.catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

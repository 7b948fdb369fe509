import { once } from 'node:events';
import type { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ident } from './backup-format';
import { appliedMigrations, listBackupTables } from './backup-tables';
import { openBackup } from './read-backup';

/** The backup does not fit this database (newer schema, or data already there). */
export class RestoreRefusedError extends Error {
  override readonly name = 'RestoreRefusedError';
}

/** Rows restored per table. */
export type RestoreSummary = { tables: Record<string, number> };

/**
 * Loads a backup into a migrated database, in one transaction: every table or none. The
 * database must hold the same migrations as the backup (run them first, as `restore` does) and
 * no data, unless `replace` empties it first. Triggers (the rollups') and foreign keys are held
 * off while loading (`session_replication_role = replica`: the rows come from a consistent
 * snapshot, rollups included), and sequences continue after the restored rows.
 */
export async function restoreBackup(
  pool: pg.Pool,
  source: Readable,
  options: { replace?: boolean } = {},
): Promise<RestoreSummary> {
  const { header, sections } = await openBackup(source);
  const client = await pool.connect();
  const summary: RestoreSummary = { tables: {} };
  try {
    await client.query('BEGIN');
    const migrations = await appliedMigrations(client);
    if (JSON.stringify(migrations) !== JSON.stringify(header.migrations)) {
      const unknown = header.migrations.filter((name) => !migrations.includes(name));
      throw new RestoreRefusedError(
        unknown.length > 0
          ? `The backup comes from a newer spendsync (migrations ${unknown.join(', ')}); restore it with that version or later.`
          : `The backup was made at an older schema (${header.migrations.length} migrations, this database has ${migrations.length}); restore it with the spendsync version that made it, then upgrade.`,
      );
    }
    const tables = await listBackupTables(client);
    const missing = header.tables.filter(
      (t) => !tables.some((own) => own.name === t.name && JSON.stringify(own.columns) === JSON.stringify(t.columns)),
    );
    if (missing.length > 0)
      throw new RestoreRefusedError(
        `The backup's tables do not match this database's (${missing.map((t) => t.name).join(', ')}).`,
      );
    const {
      rows: [occupied],
    } = await client.query<{ name: string }>(
      tables
        .map((t) => `SELECT '${t.name}' AS name WHERE EXISTS (SELECT 1 FROM ${ident(t.name)})`)
        .join(' UNION ALL ') + ' LIMIT 1',
    );
    if (occupied && !options.replace) {
      throw new RestoreRefusedError(
        `The database already holds data (table ${occupied.name}); restore into an empty data dir or database, or pass --replace to overwrite it.`,
      );
    }
    await client.query(`SET LOCAL session_replication_role = replica`);
    if (occupied) await client.query(`TRUNCATE ${tables.map((t) => ident(t.name)).join(', ')}`);
    for await (const section of sections) {
      const table = header.tables.find((t) => t.name === section.table)!;
      const copy = client.query(
        copyFrom(`COPY ${ident(table.name)} (${table.columns.map(ident).join(', ')}) FROM STDIN`),
      );
      const done = new Promise<void>((resolve, reject) => {
        copy.on('finish', resolve);
        copy.on('error', reject);
      });
      let count = 0;
      for await (const row of section.rows) {
        count += 1;
        if (!copy.write(`${row}\n`)) await Promise.race([once(copy, 'drain'), done]);
      }
      copy.end();
      await done;
      summary.tables[table.name] = count;
    }
    await resetSequences(client);
    await client.query('COMMIT');
    return summary;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Every sequence behind a column continues after the largest restored value. */
async function resetSequences(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ table: string; column: string; sequence: string }>(
    `SELECT c.relname AS table, a.attname AS column, pg_get_serial_sequence(format('%I', c.relname), a.attname) AS sequence
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND pg_get_serial_sequence(format('%I', c.relname), a.attname) IS NOT NULL`,
  );
  for (const row of rows) {
    await client.query(
      `SELECT setval($1, coalesce((SELECT max(${ident(row.column)}) FROM ${ident(row.table)}), 1), (SELECT max(${ident(row.column)}) FROM ${ident(row.table)}) IS NOT NULL)`,
      [row.sequence],
    );
  }
}

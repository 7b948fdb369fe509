import type { Sql } from '../pg-pool';
import type { BackupTable } from './backup-format';

/** TypeORM's bookkeeping table: the archive carries its content in the header instead. */
export const MIGRATIONS_TABLE = 'migrations';

/**
 * The application's tables in the `public` schema (plain and partitioned ones, not the
 * partitions themselves, whose rows their parent holds), with their columns in order.
 */
export async function listBackupTables(sql: Sql): Promise<BackupTable[]> {
  const { rows } = await sql.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1
      GROUP BY c.relname ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  return rows;
}

/** Names of the migrations applied, in order. */
export async function appliedMigrations(sql: Sql): Promise<string[]> {
  const { rows } = await sql.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`);
  return rows.map((row) => row.name);
}

import type { DataSource, Migration } from 'typeorm';

// Arbitrary constant: the advisory lock all spendsync processes take while migrating.
const MIGRATION_LOCK = 7_106_011_512_421_001n;

/**
 * Runs pending migrations while holding a session advisory lock, so several processes starting
 * against one server (DESIGN.md §8) migrate one after another instead of racing.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]).catch(() => undefined);
    await lock.release();
  }
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { EmbeddedPostgres } from '../src/database/embedded-postgres';

/** What globalSetup leaves for globalTeardown (same process, so a global is enough). */
export type TestDatabaseState = {
  /** DATABASE_URL as it was before the run, restored afterwards. */
  originalUrl: string | undefined;
  /** URL of a maintenance database on the same server, to drop the run's database from. */
  adminUrl: string;
  /** The run's name; each jest worker has its own database, `<name>_w<worker>` (`workerDatabase`). */
  name: string;
  /** How many workers (and databases) the run has. */
  workers: number;
  embedded?: EmbeddedPostgres;
  tempDir?: string;
};

export const STATE_KEY = '__spendsyncTestDatabase';

/** A name no other run (on this or another machine sharing the server) will pick. */
export function uniqueDatabaseName(): string {
  return `spendsync_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Where globalSetup leaves the run's name for the workers. */
export const RUN_DATABASE_ENV = 'SPENDSYNC_TEST_RUN_DATABASE';

/**
 * The database of jest worker `worker` (JEST_WORKER_ID, 1-based; 1 when run in band): workers run
 * test files side by side, and some files TRUNCATE tables or read plans off whole tables.
 */
export function workerDatabase(run: string, worker: string | number): string {
  return `${run}_w${worker}`;
}

/** `url` with its database replaced by `name`. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Runs one statement on a short-lived connection. */
export async function execute(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { EmbeddedPostgres } from '../src/database/embedded-postgres';

/** What globalSetup leaves for globalTeardown (same process, so a global is enough). */
export type TestDatabaseState = {
  /** DATABASE_URL as it was before the run, restored afterwards. */
  originalUrl: string | undefined;
  /** URL of a maintenance database on the same server, to drop the run's database from. */
  adminUrl: string;
  name: string;
  embedded?: EmbeddedPostgres;
  tempDir?: string;
};

export const STATE_KEY = '__spendsyncTestDatabase';

/** A name no other run (on this or another machine sharing the server) will pick. */
export function uniqueDatabaseName(): string {
  return `spendsync_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
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

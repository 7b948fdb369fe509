import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { execute, STATE_KEY, type TestDatabaseState, uniqueDatabaseName, withDatabase } from './test-database';

/**
 * Creates this run's database and points DATABASE_URL at it for every worker. With DATABASE_URL
 * set, the database is created on that server; otherwise an embedded PostgreSQL is started in a
 * temp dir. Migrations run in the workers (test-data-source), serialized by an advisory lock.
 */
export default async function globalSetup(): Promise<void> {
  const originalUrl = process.env.DATABASE_URL || undefined;
  const name = uniqueDatabaseName();
  const state: TestDatabaseState = { originalUrl, adminUrl: '', name };
  if (originalUrl) {
    state.adminUrl = originalUrl;
  } else {
    state.tempDir = await mkdtemp(path.join(tmpdir(), 'spendsync-test-pg-'));
    await chmod(state.tempDir, 0o711); // the postgres OS user (when we are root) must reach its dir
    state.embedded = await startEmbeddedPostgres({
      dataDir: state.tempDir,
      logger: pino({ level: 'silent' }),
      database: 'postgres',
    });
    state.adminUrl = state.embedded.url;
  }
  (globalThis as Record<string, unknown>)[STATE_KEY] = state;
  await execute(state.adminUrl, `CREATE DATABASE "${name}"`);
  process.env.DATABASE_URL = withDatabase(state.adminUrl, name);
}

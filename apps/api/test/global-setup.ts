import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import {
  execute,
  RUN_DATABASE_ENV,
  STATE_KEY,
  type TestDatabaseState,
  uniqueDatabaseName,
  withDatabase,
  workerDatabase,
} from './test-database';

/**
 * Creates this run's databases, one per jest worker (`workerDatabase`; `worker-database.ts` points
 * each worker's DATABASE_URL at its own), and points DATABASE_URL at the first. With DATABASE_URL
 * set, they are created on that server; otherwise an embedded PostgreSQL is started in a temp dir.
 * Migrations run in the workers (test-data-source), serialized by an advisory lock.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const originalUrl = process.env.DATABASE_URL || undefined;
  const name = uniqueDatabaseName();
  const workers = Math.max(1, globalConfig.maxWorkers);
  const state: TestDatabaseState = { originalUrl, adminUrl: '', name, workers };
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
  for (let worker = 1; worker <= workers; worker += 1) {
    await execute(state.adminUrl, `CREATE DATABASE "${workerDatabase(name, worker)}"`);
  }
  process.env[RUN_DATABASE_ENV] = name;
  process.env.DATABASE_URL = withDatabase(state.adminUrl, workerDatabase(name, 1));
}

import { rm } from 'node:fs/promises';
import { execute, RUN_DATABASE_ENV, STATE_KEY, type TestDatabaseState, workerDatabase } from './test-database';

/** Drops the run's databases and stops the embedded server, if this run started one. */
export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>)[STATE_KEY] as TestDatabaseState | undefined;
  if (!state) return;
  try {
    for (let worker = 1; worker <= state.workers; worker += 1) {
      await execute(state.adminUrl, `DROP DATABASE IF EXISTS "${workerDatabase(state.name, worker)}" WITH (FORCE)`);
    }
  } finally {
    await state.embedded?.stop();
    if (state.tempDir) await rm(state.tempDir, { recursive: true, force: true });
    delete process.env[RUN_DATABASE_ENV];
    if (state.originalUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = state.originalUrl;
  }
}

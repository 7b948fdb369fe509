import { rm } from 'node:fs/promises';
import { execute, STATE_KEY, type TestDatabaseState } from './test-database';

/** Drops the run's database and stops the embedded server, if this run started one. */
export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>)[STATE_KEY] as TestDatabaseState | undefined;
  if (!state) return;
  try {
    await execute(state.adminUrl, `DROP DATABASE IF EXISTS "${state.name}" WITH (FORCE)`);
  } finally {
    await state.embedded?.stop();
    if (state.tempDir) await rm(state.tempDir, { recursive: true, force: true });
    if (state.originalUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = state.originalUrl;
  }
}

import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/database/embedded-postgres';
import { runMigrations } from '../src/database/migrate';
import { execute, uniqueDatabaseName, withDatabase } from '../test/test-database';

/** A throwaway, migrated database for one benchmark run. */
export type BenchDatabase = { dataSource: DataSource; url: string; close(): Promise<void> };

/**
 * Creates a fresh database on DATABASE_URL's server, or on an embedded PostgreSQL in a temp dir
 * when DATABASE_URL is unset, and migrates it. `close` drops it (and stops the embedded server).
 * With `BENCH_DATABASE=<name>` (DATABASE_URL required) the named database is opened, created when
 * missing, migrated, and kept: a later run reuses what an earlier one seeded (`reused` tells).
 */
export async function openBenchDatabase(poolSize = 4): Promise<BenchDatabase & { reused: boolean }> {
  const keep = process.env.BENCH_DATABASE;
  if (keep) return openKeptDatabase(keep, poolSize);
  let embedded: EmbeddedPostgres | undefined;
  let tempDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    tempDir = await mkdtemp(path.join(tmpdir(), 'spendsync-bench-pg-'));
    await chmod(tempDir, 0o711);
    embedded = await startEmbeddedPostgres({
      dataDir: tempDir,
      logger: pino({ level: 'silent' }),
      database: 'postgres',
    });
    adminUrl = embedded.url;
  }
  const name = uniqueDatabaseName().replace('spendsync_test_', 'spendsync_bench_');
  await execute(adminUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(adminUrl, name);
  const dataSource = createDataSource({ url, poolSize });
  await dataSource.initialize();
  await runMigrations(dataSource);
  const admin = adminUrl;
  return {
    dataSource,
    url,
    reused: false,
    async close() {
      await dataSource.destroy();
      try {
        await execute(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await embedded?.stop();
        if (tempDir) await rm(tempDir, { recursive: true, force: true });
      }
    },
  };
}

async function openKeptDatabase(name: string, poolSize: number): Promise<BenchDatabase & { reused: boolean }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('BENCH_DATABASE needs DATABASE_URL: the kept database lives on that server');
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('BENCH_DATABASE must be a plain name: a-z, 0-9 and _');
  let reused = true;
  try {
    await execute(adminUrl, `CREATE DATABASE "${name}"`);
    reused = false;
  } catch (error) {
    if (!/already exists/.test(String(error))) throw error;
  }
  const url = withDatabase(adminUrl, name);
  const dataSource = createDataSource({ url, poolSize });
  await dataSource.initialize();
  await runMigrations(dataSource);
  return { dataSource, url, reused, close: () => dataSource.destroy() };
}

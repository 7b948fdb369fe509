import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { startEmbeddedPostgres } from '../database/embedded-postgres';

/** A database made for one benchmark run and removed afterwards. */
export type BenchDatabase = { url: string; drop(): Promise<void> };

async function execute(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database: on the configured server when there is one (a new database next to
 * the configured one), otherwise on an embedded PostgreSQL in a temporary directory.
 */
export async function createBenchDatabase(configuredUrl: string | undefined): Promise<BenchDatabase> {
  const name = `spendsync_bench_${randomBytes(4).toString('hex')}`;
  let adminUrl = configuredUrl;
  let stop = async () => undefined as void;
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(tmpdir(), 'spendsync-bench-pg-'));
    await chmod(dir, 0o711); // the postgres OS user (when we are root) must reach its directory
    const server = await startEmbeddedPostgres({
      dataDir: dir,
      logger: pino({ level: 'silent' }),
      database: 'postgres',
    });
    adminUrl = server.url;
    stop = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  await execute(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await execute(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await stop();
    },
  };
}

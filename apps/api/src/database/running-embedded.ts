import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApiConfig } from '@spendsync/config';
import type { Logger } from '../logger';
import { isAlive } from './leftover-server';
import { openDatabase, type Database } from './open-database';

/**
 * The URL of the embedded PostgreSQL a running spendsync started in `dataDir`, read from the
 * server's `postmaster.pid` (its 4th line is the port) and the generated password file; undefined
 * when none runs there.
 */
export async function runningEmbeddedUrl(dataDir: string): Promise<string | undefined> {
  const pidFile = await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => undefined);
  const [pidLine, , , portLine] = pidFile?.split('\n') ?? [];
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !Number.isInteger(port) || port <= 0) return undefined;
  const password = (await readFile(path.join(dataDir, 'pg.password'), 'utf8').catch(() => '')).trim();
  if (!password) return undefined;
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/spendsync`;
}

/**
 * The database for a maintenance command (backup, restore, key rotation): the configured one;
 * else the embedded server a running spendsync already has up for the data dir (the service
 * keeps running); else the embedded server started for the command and stopped after it.
 */
export async function openDatabaseForTool(
  config: Pick<ApiConfig, 'databaseUrl' | 'dataDir'>,
  logger: Logger,
): Promise<Database> {
  if (config.databaseUrl === undefined) {
    const url = await runningEmbeddedUrl(config.dataDir);
    if (url) return { url, embedded: true, stop: async () => undefined };
  }
  return openDatabase(config, logger);
}

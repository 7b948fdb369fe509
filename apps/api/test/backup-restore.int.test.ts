import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { runningEmbeddedUrl } from '../src/database/running-embedded';
import { ZDashboardFilter } from '../src/features/dashboards/dashboard-filter';
import { queryProviderDashboard } from '../src/features/dashboards/provider-dashboard.service';
import { TODAY, plain, seedOrganizationA, seedOrganizationB } from './dashboard-seed';
import { seedTenantData } from './seed-tenant-data';
import { execute, uniqueDatabaseName, withDatabase } from './test-database';
import { testDatabaseUrl } from './test-data-source';

// `spendsync backup` and `spendsync restore` as an operator runs them: the real CLI in child
// processes, on databases of their own; the data is destroyed in between.
jest.setTimeout(180_000);

const REGISTER = path.join(__dirname, 'support', 'swc-register.cjs');
const SRC = path.join(__dirname, '..', 'src');

type Started = { child: ChildProcess; out: string[]; err: string[]; exit: Promise<number | null> };

function start(script: string, args: string[], env: Record<string, string>): Started {
  const { DATABASE_URL: _run, ...inherited } = process.env;
  const child = spawn(
    process.execPath,
    ['--conditions=@spendsync/source', '-r', REGISTER, path.join(SRC, script), ...args],
    {
      env: { ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'warn', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const out: string[] = [];
  const err: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
  return { child, out, err, exit: once(child, 'exit').then(([code]) => code as number | null) };
}

async function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  const run = start('cli/main.ts', args, env);
  const code = await run.exit;
  return { code, out: run.out.join(''), err: run.err.join('') };
}

/** Row count of every table, and the providers dashboard of every organization. */
async function snapshot(ds: DataSource) {
  const tables = (await ds.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
  )) as { name: string }[];
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await ds.query(`SELECT count(*) AS n FROM "${name}"`))[0].n);
  const organizations = (await ds.query('SELECT id FROM organizations ORDER BY id')) as { id: string }[];
  const dashboards = [];
  for (const { id } of organizations) {
    const page = await queryProviderDashboard(ds, id, ZDashboardFilter.parse({ period: 'last_30_days' }), TODAY);
    dashboards.push(plain(page));
  }
  return { counts, dashboards };
}

describe('spendsync backup / restore', () => {
  let dir: string;
  const databases: string[] = [];
  const newDatabase = async () => {
    const name = uniqueDatabaseName();
    await execute(testDatabaseUrl(), `CREATE DATABASE ${name}`);
    databases.push(name);
    return withDatabase(testDatabaseUrl(), name);
  };
  const open = async (url: string) => {
    const ds = createDataSource({ url, poolSize: 2 });
    await ds.initialize();
    return ds;
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spendsync-backup-'));
    await chmod(dir, 0o711); // the embedded server runs as the postgres OS user and must pass through
  });
  afterAll(async () => {
    for (const name of databases) await execute(testDatabaseUrl(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await rm(dir, { recursive: true, force: true });
  });

  it("backs up, destroys, restores: every table's rows and the dashboards' totals come back", async () => {
    const sourceUrl = await newDatabase();
    const archive = path.join(dir, 'first.backup');
    expect((await cli(['restore', '--from', path.join(dir, 'nothing')], { DATABASE_URL: sourceUrl })).err).toMatch(
      /does not exist/,
    );
    // The CLI migrates an empty database on its way (a backup of nothing is valid too).
    expect((await cli(['backup', '--out', path.join(dir, 'empty.backup')], { DATABASE_URL: sourceUrl })).code).toBe(0);
    const source = await open(sourceUrl);
    await seedOrganizationA(source);
    await seedOrganizationB(source);
    const [{ id: org }] = await source.query(`INSERT INTO organizations (name) VALUES ('tenant') RETURNING id`);
    await seedTenantData(source, org, 'backup');
    const before = await snapshot(source);
    expect(before.counts.cost_records).toBeGreaterThan(10);
    await source.destroy();

    const backup = await cli(['backup', '--out', archive], { DATABASE_URL: sourceUrl });
    expect(backup.code).toBe(0);
    const { migrations: _bookkeeping, ...data } = before.counts; // the applied migrations travel in the archive's header
    expect(JSON.parse(backup.out)).toMatchObject({
      file: archive,
      rows: Object.values(data).reduce((a, b) => a + b, 0),
    });
    expect((await stat(archive)).mode & 0o777).toBe(0o600);
    expect((await cli(['backup', '--out', archive], { DATABASE_URL: sourceUrl })).err).toMatch(/exists already/);

    await execute(testDatabaseUrl(), `DROP DATABASE ${new URL(sourceUrl).pathname.slice(1)} WITH (FORCE)`); // the disk died

    const targetUrl = await newDatabase();
    const restored = await cli(['restore', '--from', archive], { DATABASE_URL: targetUrl });
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    const target = await open(targetUrl);
    try {
      expect(await snapshot(target)).toEqual(before);
      // Sequences go on after the restored rows: new rows get new ids.
      await target.query(`INSERT INTO sync_log_entries (organization_id, run_id, level, message)
        SELECT organization_id, id, 'info', 'after restore' FROM sync_runs LIMIT 1`);
    } finally {
      await target.destroy();
    }
    const again = await cli(['restore', '--from', archive], { DATABASE_URL: targetUrl });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already holds data .*--replace/);
    expect((await cli(['restore', '--from', archive, '--replace'], { DATABASE_URL: targetUrl })).code).toBe(0);
    const replaced = await open(targetUrl);
    try {
      expect(await snapshot(replaced)).toEqual(before);
    } finally {
      await replaced.destroy();
    }
  });

  it('refuses a damaged or foreign archive without changing anything', async () => {
    const url = await newDatabase();
    const notBackup = path.join(dir, 'not-a-backup');
    await writeFile(notBackup, 'hello');
    expect((await cli(['restore', '--from', notBackup], { DATABASE_URL: url })).err).toMatch(
      /cannot be read|not a spendsync backup/,
    );
  });

  it('backs up the embedded database of a running spendsync without stopping it', async () => {
    const dataDir = path.join(dir, 'embedded');
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { mode: 0o711 });
    await chmod(dataDir, 0o711);
    const server = start('main.ts', [], { SPENDSYNC_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    try {
      for (let waited = 0; !server.out.join('').includes('spendsync API listening'); waited += 100) {
        if (waited > 90_000 || server.child.exitCode !== null)
          throw new Error(`main did not start: ${server.out.join('')}${server.err.join('')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const url = await runningEmbeddedUrl(dataDir);
      expect(url).toBeDefined();
      const running = await open(url!);
      await seedOrganizationA(running);
      const before = await snapshot(running);
      await running.destroy();

      const archive = path.join(dir, 'embedded.backup');
      const backup = await cli(['backup', '--out', archive], { SPENDSYNC_DATA_DIR: dataDir });
      expect(backup.err).toBe('');
      expect(backup.code).toBe(0);
      expect(server.child.exitCode).toBeNull(); // still serving

      const targetUrl = await newDatabase();
      expect((await cli(['restore', '--from', archive], { DATABASE_URL: targetUrl })).code).toBe(0);
      const target = await open(targetUrl);
      try {
        expect(await snapshot(target)).toEqual(before);
      } finally {
        await target.destroy();
      }
    } finally {
      server.child.kill('SIGTERM');
      await server.exit;
    }
  });
});

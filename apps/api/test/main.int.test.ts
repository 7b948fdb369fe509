import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';

// Starts the real entry point (src/main.ts) as a child process on the embedded database, the way
// `pnpm start` does, so signals, exit codes and the embedded server's lifecycle are real.
jest.setTimeout(120_000);

const REGISTER = path.join(__dirname, 'support', 'swc-register.cjs');
const MAIN = path.join(__dirname, '..', 'src', 'main.ts');
const MODULE_TRACE = path.join(__dirname, 'support', 'module-trace.cjs');
const SIMULATORS = path.join(__dirname, '..', '..', '..', 'packages', 'simulators');

type Started = { child: ChildProcess; lines: string[]; exit: Promise<number | null> };

const started: Started[] = [];

function startMain(env: Record<string, string>, preload: string[] = []): Started {
  const { DATABASE_URL: _external, ...inherited } = process.env;
  const child = spawn(
    process.execPath,
    ['--conditions=@spendsync/source', '-r', REGISTER, ...preload.flatMap((file) => ['-r', file]), MAIN],
    {
      // NODE_ENV as `pnpm start` has it: jest's NODE_ENV=test would hide libraries' own signal handlers.
      env: { ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'info', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const collect = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  started.push({ child, lines, exit });
  return started[started.length - 1]!;
}

const messages = (s: Started) =>
  s.lines.map((l) => {
    try {
      return JSON.parse(l) as Record<string, unknown>;
    } catch {
      return { msg: l };
    }
  });

async function listeningPort(s: Started): Promise<number> {
  for (let waited = 0; waited < 90_000; waited += 100) {
    const ready = messages(s).find((m) => m.msg === 'spendsync API listening');
    if (ready) return ready.port as number;
    if (s.child.exitCode !== null) throw new Error(`main exited early:\n${s.lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`main did not start:\n${s.lines.join('\n')}`);
}

/** Processes whose command line runs PostgreSQL on `clusterDir` (Linux /proc). */
async function postgresProcessesOn(clusterDir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes('postgres') && cmdline.split('\0').includes(clusterDir)) pids.push(Number(entry));
  }
  return pids;
}

async function healthz(port: number) {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: await response.json() };
}

describe('main (pnpm start) on the embedded database', () => {
  let dataDir: string;
  let clusterDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'spendsync-main-'));
    await chmod(dataDir, 0o711);
    clusterDir = path.join(dataDir, 'pg');
  });
  afterEach(async () => {
    // Only after a failed test: a main still running would hold the data dir for the next one.
    for (const run of started.splice(0)) {
      if (run.child.exitCode === null && run.child.signalCode === null) {
        run.child.kill('SIGTERM');
        await run.exit;
      }
    }
  });
  afterAll(async () => {
    for (const pid of await postgresProcessesOn(clusterDir)) process.kill(pid, 'SIGQUIT'); // only after a failed test
    await rm(dataDir, { recursive: true, force: true });
  });

  it('initialises the cluster, migrates, serves /healthz and stops everything on SIGTERM', async () => {
    const run = startMain({ SPENDSYNC_DATA_DIR: dataDir });
    const port = await listeningPort(run);
    await expect(healthz(port)).resolves.toEqual({
      status: 200,
      body: {
        status: 'ok',
        db: 'ok',
        role: 'all',
        queue: { queued: 0, retrying: 0, active: 0, dead: 0, lagSeconds: 0 },
      },
    });
    const said = messages(run).map((m) => m.msg);
    expect(said).toContain('Initialising the embedded PostgreSQL cluster');
    expect(said).toContainEqual(expect.stringMatching(/^Database ready \([1-9]\d* migrations applied\)$/));
    expect((await stat(path.join(dataDir, 'master.key'))).mode & 0o777).toBe(0o600);
    run.child.kill('SIGTERM');
    await expect(run.exit).resolves.toBe(0);
    expect(await postgresProcessesOn(clusterDir)).toEqual([]);
    await expect(stat(path.join(clusterDir, 'postmaster.pid'))).rejects.toThrow(/ENOENT/); // a clean shutdown removes it
  });

  it('reuses the data dir on the next start and stops on SIGINT', async () => {
    const token = 'main-metrics-token-0123456789';
    const run = startMain({ SPENDSYNC_DATA_DIR: dataDir, SPENDSYNC_METRICS_TOKEN: token });
    const port = await listeningPort(run);
    await expect(healthz(port)).resolves.toMatchObject({ status: 200 });
    // GET /metrics is mounted and guarded by SPENDSYNC_METRICS_TOKEN.
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    const scrape = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    expect(text).toMatch(/^# TYPE spendsync_sync_runs_total counter$/m);
    expect(text).toMatch(/^spendsync_job_queue_depth\{queue="sync-account",state="queued"\} 0$/m);
    expect(text).toMatch(/^spendsync_job_queue_lag_seconds\{queue="sync-account"\} 0$/m);
    const said = messages(run).map((m) => m.msg);
    expect(said).toContain('Database ready (0 migrations applied)');
    expect(said).not.toContain('Initialising the embedded PostgreSQL cluster');
    run.child.kill('SIGINT');
    await expect(run.exit).resolves.toBe(0);
    expect(await postgresProcessesOn(clusterDir)).toEqual([]);
  });

  it('loads nothing of the simulators: production starts without @spendsync/simulators', async () => {
    const trace = path.join(dataDir, 'loaded-modules.json');
    const run = startMain({ SPENDSYNC_DATA_DIR: dataDir, MODULE_TRACE_FILE: trace }, [MODULE_TRACE]);
    await listeningPort(run);
    run.child.kill('SIGTERM');
    await expect(run.exit).resolves.toBe(0);
    const loaded = JSON.parse(await readFile(trace, 'utf8')) as string[];
    const ours = loaded.filter((file) => !file.split(path.sep).includes('node_modules'));
    expect(ours).toContain(MAIN);
    expect(ours).toContainEqual(
      expect.stringContaining(path.join('packages', 'adapters', 'src', 'providers', 'openai')),
    );
    // Neither the package nor a simulator-like file anywhere else (the adapters once shipped them).
    expect(
      ours.filter((file) => file.startsWith(SIMULATORS) || /simulat|[/\\]sim-[^/\\]+$|[/\\]dataset\.ts$/.test(file)),
    ).toEqual([]);
  });

  it('recovers a server left running by a killed process', async () => {
    const killed = startMain({ SPENDSYNC_DATA_DIR: dataDir });
    await listeningPort(killed);
    killed.child.kill('SIGKILL');
    await killed.exit;
    expect(await postgresProcessesOn(clusterDir)).not.toEqual([]);
    const run = startMain({ SPENDSYNC_DATA_DIR: dataDir });
    const port = await listeningPort(run);
    await expect(healthz(port)).resolves.toMatchObject({ status: 200 });
    expect(messages(run).map((m) => m.msg)).toContain(
      'Stopping an embedded PostgreSQL left running by an earlier spendsync',
    );
    run.child.kill('SIGTERM');
    await expect(run.exit).resolves.toBe(0);
    expect(await postgresProcessesOn(clusterDir)).toEqual([]);
  });

  it('prints the one configuration message and exits 1 on a bad environment', async () => {
    const run = startMain({ SPENDSYNC_DATA_DIR: dataDir, PORT: 'http', LOG_LEVEL: 'loud' });
    await expect(run.exit).resolves.toBe(1);
    expect(run.lines).toEqual([
      'Invalid configuration (2 problems):',
      '  - PORT must be an integer from 0 to 65535 (default 4000; 0 picks a free port)',
      '  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (default info)',
    ]);
  });
});

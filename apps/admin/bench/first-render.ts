/**
 * bench:ui [--records N] — the admin's production bundle size (gzip) and the time to the first
 * rendered Overview in headless Chromium, against a database with N cost records (default
 * 1,000,000).
 *
 * Seeds one organization by COPY (the API benchmark's large organization: 9 providers, 5,000
 * keys, 300 models, 400 workspaces, 730 days), starts the real API (`apps/api/dist/main.js`, which serves the built UI) on it,
 * signs in, and opens `/overview` in a fresh browser context per run (cold HTTP cache). The time
 * is from navigation start to the moment the Providers tab shows its total and its first row;
 * the first screen's JS is what the page had finished loading by then (Resource Timing), and
 * also what the build manifest says it loads (first-screen-js.ts, the size guard's figure).
 * Prints one JSON line, with the machine's load averages. Not a test: nothing is asserted. DATABASE_URL picks the server (default:
 * embedded PostgreSQL). Needs `pnpm build` (the bench:ui turbo task depends on it).
 * `BENCH_DATABASE=<name>` keeps the seeded database for a later run of the same day (the data
 * ends today); `BENCH_UI_TRACE=1` prints, per load, when its scripts had loaded and when each GraphQL operation
 * started and ended (ms since navigation start).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { loadToolingConfig } from '@spendsync/config';
import { openBenchDatabase } from '../../api/bench/bench-database';
import { seedLargeOrganization, seededBefore } from '../../api/bench/seed-large';
import { pgPoolOf } from '../../api/src/database/pg-pool';
import { measureFirstScreenJs } from './first-screen-js';
import { hashPassword } from '../../api/src/features/users/password';

/** Chromium and the inherited PATH and HOME. */
const TOOLING = loadToolingConfig();
const ADMIN_DIR = path.resolve(__dirname, '..');
const API_MAIN = path.resolve(ADMIN_DIR, '../api/dist/main.js');
const RUNS = Number(process.env.BENCH_ROUNDS ?? 5);
const EMAIL = 'bench@ui.spendsync.local';
const PASSWORD = 'bench-ui-password-long-enough';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

/** gzip sizes of the built assets: everything, and per file (to add up what a page loaded). */
async function bundleSizes(): Promise<{
  total: { raw: number; gzip: number };
  files: Map<string, { raw: number; gzip: number }>;
}> {
  const dir = path.join(ADMIN_DIR, 'dist', 'assets');
  const files = new Map<string, { raw: number; gzip: number }>();
  for (const name of await readdir(dir)) {
    const bytes = await readFile(path.join(dir, name));
    files.set(name, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  const total = [...files.values()].reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), {
    raw: 0,
    gzip: 0,
  });
  return { total, files };
}

/** Starts the built API on the bench database; its data dir (master key) is a temp dir. */
function startApi(databaseUrl: string, dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const env = {
    ...TOOLING.inherited,
    NODE_ENV: 'production',
    PORT: '0',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    SPENDSYNC_DATA_DIR: dataDir,
    SPENDSYNC_SYNC_SCHEDULE: '0 0 1 1 *',
    SPENDSYNC_MASTER_KEY: randomBytes(32).toString('base64'),
  };
  const child = spawn(process.execPath, [API_MAIN], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines)
        if (line.includes('spendsync API listening'))
          resolve({ child, port: (JSON.parse(line) as { port: number }).port });
    });
    child.once('exit', (code) => reject(new Error(`The API exited (code ${code})`)));
  });
}

async function signIn(baseUrl: string): Promise<{ token: string; me: unknown }> {
  const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data: { login?: { token: string }; me?: unknown } };
  };
  const login = await post('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
    e: EMAIL,
    p: PASSWORD,
  });
  const token = login.data.login!.token;
  const me = await post('query { me { role user { id email } organization { id name } } }', {}, token);
  return { token, me: me.data.me };
}

const roundLoads = (loads: number[]) => loads.map((load) => Math.round(load * 100) / 100);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const sizes = await bundleSizes();
  const manifestFirstScreen = await measureFirstScreenJs(path.join(ADMIN_DIR, 'dist'));
  const db = await openBenchDatabase();
  let api: ChildProcess | undefined;
  const cleanup: (() => Promise<unknown>)[] = [];
  const browser = await chromium.launch({
    executablePath: TOOLING.chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const started = performance.now();
    const today = new Date().toISOString().slice(0, 10);
    const firstDay = new Date(Date.parse(`${today}T00:00:00Z`) - 730 * 86_400_000).toISOString().slice(0, 10);
    const records = argument('records', 1_000_000);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const earlier = db.reused ? await seededBefore(pgPoolOf(db.dataSource), { records, firstDay }) : null;
    const seeded =
      earlier ?? (await seedLargeOrganization(pgPoolOf(db.dataSource), { records, firstDay, days: 730, seed: 7 }, log));
    if (!earlier) {
      await db.dataSource.query(
        'INSERT INTO users (organization_id, email, password_hash, role) VALUES ($1, $2, $3, $4)',
        [seeded.organizationId, EMAIL, await hashPassword(PASSWORD), 'admin'],
      );
    }
    await db.dataSource.query('VACUUM ANALYZE');
    process.stderr.write(`seeded ${seeded.records} cost records in ${Math.round(performance.now() - started)} ms\n`);

    const dataDir = await mkdtemp(path.join(tmpdir(), 'spendsync-bench-ui-'));
    await chmod(dataDir, 0o711);
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const started2 = await startApi(db.url, dataDir);
    api = started2.child;
    const baseUrl = `http://127.0.0.1:${started2.port}`;
    const session = await signIn(baseUrl);
    const loadAtStart = loadavg();
    const times: number[] = [];
    let firstScreenJs = { raw: 0, gzip: 0 };
    for (let run = 0; run <= RUNS; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      // Signed in as the login page leaves it: the session cookie and the viewer (auth/session.ts).
      await context.addCookies([
        { name: 'spendsync_session', value: session.token, url: baseUrl, httpOnly: true, sameSite: 'Strict' },
      ]);
      await context.addInitScript(([v]) => window.localStorage.setItem('spendsync.viewer', v), [
        JSON.stringify(session.me),
      ] as const);
      const page = await context.newPage();
      // each GraphQL operation of the load: name, and when it started and ended (ms since epoch)
      const operations: { name: string; start: number; end: number }[] = [];
      page.on('requestfinished', (request) => {
        if (!request.url().includes('/graphql') || request.method() !== 'POST') return;
        const name = /"operationName":"(\w+)"|query (\w+)/.exec(request.postData() ?? '');
        const { startTime, responseEnd } = request.timing();
        operations.push({ name: name?.[1] ?? name?.[2] ?? '?', start: startTime, end: startTime + responseEnd });
      });
      await page.goto(`${baseUrl}/overview`, { waitUntil: 'commit' });
      // ms since navigation start, taken in the frame where the Overview first shows its data.
      const handle = await page.waitForFunction(
        () => {
          const total = document.querySelector('[data-summary="Total spend"] [data-value]');
          const row = document.querySelector('table[aria-label="Providers"] tbody tr[data-row]');
          if (!total?.textContent?.includes('$') || !row) return false;
          const now = window.performance.now();
          // the scripts the page had finished loading when it first showed its data
          const entries = (window.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
            (e) => e.name.includes('/assets/') && e.name.endsWith('.js') && e.responseEnd <= now,
          );
          const scripts = entries.map((e) => new URL(e.name).pathname.split('/').pop() ?? '');
          const scriptsEnd = Math.max(0, ...entries.map((e) => e.responseEnd));
          return { now, scripts, scriptsEnd, origin: window.performance.timeOrigin };
        },
        undefined,
        { polling: 'raf', timeout: 120_000 },
      );
      const {
        now: ms,
        scripts: loaded,
        scriptsEnd,
        origin,
      } = (await handle.jsonValue()) as { now: number; scripts: string[]; scriptsEnd: number; origin: number };
      if (run > 0)
        times.push(ms); // run 0 warms the API and the database cache
      else process.stderr.write(`warm-up: ${Math.round(ms)} ms\n`);
      if (process.env.BENCH_UI_TRACE) {
        // ms since navigation start: each operation's start–end
        const at = (t: number) => Math.round(t - origin);
        const trace = operations.map((o) => `${o.name} ${at(o.start)}–${at(o.end)}`).join(', ');
        process.stderr.write(
          `run ${run}: ${Math.round(ms)} ms; scripts loaded by ${Math.round(scriptsEnd)}; ${trace}\n`,
        );
      }
      firstScreenJs = [...loaded].reduce(
        (t, name) => {
          const f = sizes.files.get(name);
          return f && name.endsWith('.js') ? { raw: t.raw + f.raw, gzip: t.gzip + f.gzip } : t;
        },
        { raw: 0, gzip: 0 },
      );
      await context.close();
    }
    const result = {
      bench: 'ui',
      records: seeded.records,
      runs: times.length,
      firstOverviewRenderMs: {
        median: Math.round(median(times)),
        min: Math.round(Math.min(...times)),
        max: Math.round(Math.max(...times)),
      },
      bundle: {
        totalKb: Math.round(sizes.total.raw / 1024),
        totalGzipKb: Math.round(sizes.total.gzip / 1024),
        firstScreenJsGzipKb: Math.round(firstScreenJs.gzip / 1024),
        firstScreenJsKb: Math.round(firstScreenJs.raw / 1024),
        // the same from the build manifest (what the size guard checks), graphql-ws included
        firstScreenManifestJsGzipKb: Math.round(manifestFirstScreen.gzip / 1024),
      },
      // 1-, 5- and 15-minute load averages when the timed loads started and when they ended
      loadAverage: { start: roundLoads(loadAtStart), end: roundLoads(loadavg()) },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.stderr.write(
      `Bundle: ${result.bundle.totalKb} kB, ${result.bundle.totalGzipKb} kB gzip (first Overview screen loads ${result.bundle.firstScreenJsGzipKb} kB gzip of JS; ${result.bundle.firstScreenManifestJsGzipKb} kB by the manifest)\n`,
    );
    process.stderr.write(
      `First rendered Overview (${seeded.records} records): median ${result.firstOverviewRenderMs.median} ms over ${times.length} cold-cache loads\n`,
    );
  } finally {
    await browser.close();
    if (api)
      await new Promise<void>((resolve) => {
        api!.once('exit', () => resolve());
        api!.kill('SIGTERM');
      });
    await db.close();
    for (const step of cleanup) await step();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

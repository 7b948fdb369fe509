import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadToolingConfig } from '@spendsync/config';
import { simulators, type ProviderSimulator, type SimulatorOptions } from '@spendsync/simulators';
import { addDays, dayOf, type ProviderId } from '@spendsync/domain';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestOidcProvider, type TestOidcProvider } from '../../api/test/oidc/test-oidc-provider';

/** The database server, Chromium and inherited PATH and HOME the browser tests use. */
const TOOLING = loadToolingConfig();
const ADMIN_DIR = path.resolve(__dirname, '..');
const API_MAIN = path.resolve(ADMIN_DIR, '../api/dist/main.js');
const ADMIN_DIST = path.join(ADMIN_DIR, 'dist', 'index.html');
/** Where screenshots go (git-ignored; CI keeps them as artifacts). */
export const ARTIFACTS_DIR = path.join(ADMIN_DIR, 'test-artifacts');

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

/** A user of the test organization. */
export type E2eUser = { email: string; password: string; role: 'ADMIN' | 'VIEWER' };

/** A GraphQL answer as the harness sees it. */
export type GqlResult<T> = { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** A simulator linked as a provider account through the API. */
export type LinkedSimulator = { simulator: ProviderSimulator; accountId: string; runId: string };

/** One running stack: the API (with the built admin UI at `/`), its database, simulators, Chromium. */
export type E2eEnv = {
  /** `http://127.0.0.1:<port>`: the UI at `/`, GraphQL at `/graphql`. */
  baseUrl: string;
  browser: Browser;
  admin: E2eUser;
  viewer: E2eUser;
  /** The days the simulators have data for and the API backfills: the 30 days before today. */
  dataRange: { start: string; end: string };
  /** Runs a GraphQL operation over HTTP, signed in as `user` (or anonymously). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped answers are checked by the expects
  gql<T = any>(query: string, variables?: Record<string, unknown>, user?: E2eUser | null): Promise<GqlResult<T>>;
  /** Starts a provider's simulator with data in `dataRange` (closed by `close`). */
  startSimulator(provider: ProviderId, options?: SimulatorOptions): Promise<ProviderSimulator>;
  /** Starts a simulator and links it through the API as the admin (setup for screens that need data). */
  linkSimulator(provider: ProviderId, options?: SimulatorOptions & { label?: string }): Promise<LinkedSimulator>;
  /** Waits until a sync run has finished; resolves with its status. */
  waitForRun(runId: string, timeoutMs?: number): Promise<string>;
  /** A page in a fresh browser context, already signed in as `user` (null: signed out). */
  newPage(user: E2eUser | null): Promise<Page>;
  /** Saves a full-page screenshot as `test-artifacts/<name>.png`. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Log lines the API wrote (JSON), for diagnosing failures. */
  apiOutput(): string;
  /** The OpenID provider single sign-on goes to (with `E2eOptions.oidc`). */
  oidc?: TestOidcProvider;
  close(): Promise<void>;
};

/** Options of {@link startE2e}. */
export type E2eOptions = {
  /** Extra environment for the API process (e.g. SPENDSYNC_SYNC_SCHEDULE). */
  env?: Record<string, string>;
  /**
   * A first start as shipped: the admin must change the password at first sign-in
   * (SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD=true), so the harness creates no viewer (`viewer` cannot sign in).
   */
  adminMustChangePassword?: boolean;
  /**
   * Single sign-on through a real OpenID provider (npm oidc-provider in its own process): the
   * API gets SPENDSYNC_OIDC_* plus these variables (e.g. SPENDSYNC_OIDC_ROLE_CLAIM), and a fixed
   * port with SPENDSYNC_PUBLIC_URL so the redirect URI is known before it starts.
   */
  oidc?: Record<string, string>;
};

const OIDC_CLIENT = { clientId: 'spendsync-e2e', clientSecret: 'e2e-client-secret-not-real' };

/** A port free right now (the API is then started on it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const PASSWORD = 'e2e-password-correct-horse';

/** A fresh database for this run: on DATABASE_URL's server when set (dropped afterwards), else the API's own embedded one. */
async function freshDatabase(): Promise<{ url?: string; drop(): Promise<void> }> {
  const serverUrl = TOOLING.databaseUrl;
  if (!serverUrl) return { drop: async () => undefined };
  const name = `spendsync_e2e_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => client.end());
    },
  };
}

/** Starts `dist/main.js` and resolves with its port once it logs that it listens. */
function startApi(env: NodeJS.ProcessEnv, output: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [API_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('The API did not start within 90 s')), 90_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n--- API output ---\n${output.join('').slice(-4000)}`));
    };
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.includes('spendsync API listening')) continue;
        clearTimeout(timer);
        resolve({ child, port: (JSON.parse(line) as { port: number }).port });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => void output.push(chunk.toString()));
    child.once('exit', (code, signal) => fail(new Error(`The API exited early (code ${code}, signal ${signal})`)));
  });
}

function stopApi(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.removeAllListeners('exit');
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts the stack for one e2e test file: the real API from `apps/api/dist/main.js` on a random
 * port (custom endpoints allowed, schedule off), a fresh database, the built admin UI served by
 * the API, an admin (the first-start bootstrap) and a viewer, and headless Chromium.
 * Needs `pnpm build` (API and admin) first.
 */
export async function startE2e(options: E2eOptions = {}): Promise<E2eEnv> {
  for (const [file, what] of [
    [API_MAIN, 'the API'],
    [ADMIN_DIST, 'the admin UI'],
  ] as const) {
    if (!existsSync(file)) throw new Error(`${what} is not built (${file} is missing): run \`pnpm build\` first`);
  }
  const cleanup: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'spendsync-e2e-'));
    await chmod(dataDir, 0o711); // the postgres OS user (when we are root) must reach its cluster dir
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const database = await freshDatabase();
    cleanup.push(database.drop);
    const admin: E2eUser = { email: 'admin@e2e.spendsync.local', password: PASSWORD, role: 'ADMIN' };
    const viewer: E2eUser = { email: 'viewer@e2e.spendsync.local', password: PASSWORD, role: 'VIEWER' };
    const env: NodeJS.ProcessEnv = {
      ...TOOLING.inherited,
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'info',
      SPENDSYNC_DATA_DIR: dataDir,
      SPENDSYNC_ADMIN_EMAIL: admin.email,
      SPENDSYNC_ADMIN_PASSWORD: admin.password,
      SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD: String(Boolean(options.adminMustChangePassword)),
      SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS: 'true',
      // No scheduled sync during a test: every run is one the test started.
      SPENDSYNC_SYNC_SCHEDULE: '0 0 1 1 *',
      SPENDSYNC_BACKFILL_DAYS: '30',
      ...(database.url ? { DATABASE_URL: database.url } : {}),
      ...options.env,
    };
    let oidc: TestOidcProvider | undefined;
    if (options.oidc) {
      oidc = await startTestOidcProvider();
      cleanup.push(() => oidc!.stop());
      const port = await freePort();
      Object.assign(env, {
        PORT: String(port),
        SPENDSYNC_PUBLIC_URL: `http://127.0.0.1:${port}`,
        SPENDSYNC_OIDC_ISSUER: oidc.issuer,
        SPENDSYNC_OIDC_CLIENT_ID: OIDC_CLIENT.clientId,
        SPENDSYNC_OIDC_CLIENT_SECRET: OIDC_CLIENT.clientSecret,
        ...options.oidc,
      });
    }
    const output: string[] = [];
    const api = await startApi(env, output);
    cleanup.push(() => stopApi(api.child));
    const baseUrl = `http://127.0.0.1:${api.port}`;
    await oidc?.setup({ ...OIDC_CLIENT, redirectUris: [`${baseUrl}/auth/oidc/callback`] });
    const browser = await chromium.launch({
      executablePath: TOOLING.chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    cleanup.push(() => browser.close());
    const contexts: BrowserContext[] = [];
    cleanup.push(() => Promise.all(contexts.map((c) => c.close())));
    const sims: ProviderSimulator[] = [];
    cleanup.push(() => Promise.all(sims.map((s) => s.close())));

    const tokens = new Map<string, string>();
    const post = async <T>(
      query: string,
      variables: Record<string, unknown> = {},
      token?: string,
    ): Promise<GqlResult<T>> => {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GqlResult<T>;
    };
    const tokenOf = async (user: E2eUser) => {
      const known = tokens.get(user.email);
      if (known) return known;
      const result = await post<{ login: { token: string } }>(
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: user.email, p: user.password },
      );
      if (!result.data) throw new Error(`Sign-in of ${user.email} failed: ${JSON.stringify(result.errors)}`);
      tokens.set(user.email, result.data.login.token);
      return result.data.login.token;
    };
    const gql = async <T>(query: string, variables?: Record<string, unknown>, user: E2eUser | null = admin) =>
      post<T>(query, variables, user ? await tokenOf(user) : undefined);

    if (!options.adminMustChangePassword) {
      const created = await gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', {
        i: { email: viewer.email, password: viewer.password, role: 'VIEWER' },
      });
      if (created.errors) throw new Error(`Creating the viewer failed: ${JSON.stringify(created.errors)}`);
    }
    const today = dayOf(new Date());
    const dataRange = { start: addDays(today, -30), end: today };

    const startSimulator = async (provider: ProviderId, simOptions: SimulatorOptions = {}) => {
      const sim = await simulators[provider]({ start: dataRange.start, days: 30, host: '127.0.0.1', ...simOptions });
      sims.push(sim);
      return sim;
    };

    const waitForRun = async (runId: string, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { data } = await gql<{ syncRun: { status: string } }>('query($id: ID!) { syncRun(id: $id) { status } }', {
          id: runId,
        });
        const status = data?.syncRun.status ?? 'MISSING';
        if (status !== 'QUEUED' && status !== 'RUNNING') return status;
        if (Date.now() > deadline) throw new Error(`Run ${runId} is still ${status} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };

    return {
      baseUrl,
      browser,
      admin,
      viewer,
      dataRange,
      gql,
      startSimulator,
      waitForRun,
      async linkSimulator(provider, simOptions = {}) {
        const { label, ...rest } = simOptions;
        const simulator = await startSimulator(provider, rest);
        const result = await gql<{ linkProvider: { account: { id: string }; run: { id: string } } }>(
          'mutation($input: LinkProviderInput!) { linkProvider(input: $input) { account { id } run { id } } }',
          {
            input: {
              provider: provider.toUpperCase().replace('-', '_'),
              label: label ?? `${provider} (e2e)`,
              credentials: simulator.credentials,
              endpoint: simulator.adapterDeps().baseUrl ?? null,
            },
          },
        );
        if (!result.data) throw new Error(`Linking ${provider} failed: ${JSON.stringify(result.errors)}`);
        return { simulator, accountId: result.data.linkProvider.account.id, runId: result.data.linkProvider.run.id };
      },
      async newPage(user) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        contexts.push(context);
        if (user) {
          const token = await tokenOf(user);
          const { data } = await post<{ me: unknown }>(
            'query { me { role user { id email } organization { id name } } }',
            {},
            token,
          );
          // The session as the login page leaves it, so tests start signed in: the API's HttpOnly
          // cookie (the session token the harness signed in with) and the viewer in localStorage
          // (auth/session.ts). The viewer is seeded once per tab, so a later sign-out or sign-in
          // in the test is not undone on the next navigation.
          await context.addCookies([
            { name: 'spendsync_session', value: token, url: baseUrl, httpOnly: true, sameSite: 'Strict' },
          ]);
          await context.addInitScript(
            ([v]) => {
              if (window.sessionStorage.getItem('e2e.seeded')) return;
              window.sessionStorage.setItem('e2e.seeded', '1');
              window.localStorage.setItem('spendsync.viewer', v);
            },
            [JSON.stringify(data!.me)] as const,
          );
        }
        return context.newPage();
      },
      async screenshot(page, name) {
        await mkdir(ARTIFACTS_DIR, { recursive: true });
        const file = path.join(ARTIFACTS_DIR, `${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        return file;
      },
      apiOutput: () => output.join(''),
      oidc,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

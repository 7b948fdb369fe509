/**
 * bench:live — live events across processes, for each pub/sub backend (SPENDSYNC_PUBSUB
 * postgres, then redis). Two real API processes (`spendsync serve --role api`, the built CLI)
 * and a publisher process standing in for a sync worker (it opens the shared pub/sub as `serve`
 * does) share one fresh database; 1,000 graphql-ws clients (one WebSocket each, signed in; in a
 * child process of their own), spread evenly over the two API processes, subscribe to one
 * account's `syncRunProgressed`. The publisher publishes progress events one at a time; each
 * client notes when its copy arrived. Prints one line per backend:
 * `{"backend":…,"apiProcesses":2,"subscribers":…,"events":…,"p50Ms":…,"p99Ms":…,"loadAverage":[…]}`
 * (publish → receipt, across processes on one clock). Not a test.
 * DATABASE_URL picks the PostgreSQL server (default: embedded), SPENDSYNC_REDIS_URL the Redis one
 * (default redis://127.0.0.1:6379); BENCH_SUBSCRIBERS, BENCH_EVENTS and BENCH_BACKENDS
 * (e.g. `redis`) change the run. Needs `pnpm build` (turbo runs it first).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { SyncRunProgress } from '../src/features/sync-runs/sync-run.topics';
import { BUILT_CLI, startServeProcess, type ServeProcess } from '../test/support/serve-process';
import { openBenchDatabase } from './bench-database';
import type { PublisherMessage, PublisherRequest } from './live-publisher';
import type { SubscribersMessage, SubscribersSetup } from './live-subscribers';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 50);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'postgres,redis').split(',').map((b) => b.trim());
const REDIS_URL = process.env.SPENDSYNC_REDIS_URL ?? 'redis://127.0.0.1:6379';
const API_PROCESSES = 2;
/** Subscribers per signed-in user: 10 sockets on each API process, half the per-caller cap. */
const PER_TOKEN = 20;
const EMAIL = 'bench@example.com';
const PASSWORD = 'bench password 123';
const QUERY =
  'subscription($id: ID) { syncRunProgressed(providerAccountId: $id) { runId daysDone daysTotal phase status message } }';

/** The latency at quantile `q` (nearest rank), rounded to 0.01 ms. */
const quantile = (sorted: readonly number[], q: number) =>
  Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! * 100) / 100;

function progressEvent(organizationId: string, accountId: string, n: number): SyncRunProgress {
  return {
    runId: '00000000-0000-4000-8000-000000000001',
    organizationId,
    providerAccountId: accountId,
    provider: 'openai',
    trigger: 'manual',
    status: 'running',
    phase: 'fetching',
    window: { start: '2026-01-01', end: '2026-02-01' },
    daysDone: n,
    daysTotal: EVENTS,
    recordsSoFar: n * 1_000,
    workspaces: 3,
    apiKeys: 12,
    missingDays: [],
    chunk: null,
    message: `${n} days written`,
    at: new Date().toISOString(),
  };
}

/** A forked helper process and its messages, awaited by kind; any `failed` message throws. */
function helper<M extends { kind: string }>(name: string, child: ChildProcess) {
  const messages: M[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  child.on('message', (message: M) => {
    messages.push(message);
    wake?.();
  });
  child.on('error', (error) => {
    messages.push({ kind: 'failed', error: `the ${name} process: ${String(error)}` } as never);
    wake?.();
  });
  child.on('exit', (code) => {
    if (!finished) messages.push({ kind: 'failed', error: `the ${name} process exited early (${code})` } as never);
    wake?.();
  });
  return {
    child,
    finish() {
      finished = true;
    },
    async next<K extends M['kind']>(kind: K): Promise<Extract<M, { kind: K }>> {
      for (;;) {
        const failed = messages.find((m) => m.kind === 'failed');
        if (failed) throw new Error(`The ${name} failed: ${(failed as unknown as { error: string }).error}`);
        const index = messages.findIndex((m) => m.kind === kind);
        if (index >= 0) return messages.splice(index, 1)[0] as Extract<M, { kind: K }>;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}

const forkTs = (file: string, env: Record<string, string>) =>
  fork(path.join(__dirname, file), [], {
    execArgv: ['-r', require.resolve('../test/support/swc-register.cjs')],
    env: { ...process.env, ...env },
  });

async function measure(backend: string, databaseUrl: string): Promise<Record<string, unknown>> {
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    SPENDSYNC_MASTER_KEY: randomBytes(32).toString('base64'),
    SPENDSYNC_ADMIN_EMAIL: EMAIL,
    SPENDSYNC_ADMIN_PASSWORD: PASSWORD,
    SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD: 'false',
    SPENDSYNC_PUBSUB: backend,
    ...(backend === 'redis' ? { SPENDSYNC_REDIS_URL: REDIS_URL } : {}),
    PORT: '0',
  };
  const apis: ServeProcess[] = [];
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < API_PROCESSES; i++) apis.push(startServeProcess(`api#${i + 1}`, 'api', env));
    const listening = await Promise.all(
      apis.map((api) => api.waitForLog((line) => line.msg === 'spendsync API listening', 120_000)),
    );
    const ports = listening.map((line) => line.port as number);
    const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await fetch(`http://127.0.0.1:${ports[0]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, { token?: string }>; errors?: unknown };
      if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
      return body.data!;
    };
    const login = async (email: string) =>
      (
        await gql('mutation($e: String!, $p: String!) { spendsyncLogin(email: $e, password: $p) { token } }', {
          e: email,
          p: PASSWORD,
        })
      ).spendsyncLogin!.token!;
    // A caller may hold 20 sockets per API process: enough viewers that each holds 10 per process.
    const admin = await login(EMAIL);
    const tokens = [admin];
    for (let k = 1; k < Math.ceil(SUBSCRIBERS / PER_TOKEN); k++) {
      const email = `bench-${backend}-${k}@example.com`;
      await gql(
        'mutation($input: CreateUserInput!) { spendsyncCreateUser(input: $input) { id } }',
        { input: { email, password: PASSWORD, role: 'VIEWER' } },
        admin,
      );
      tokens.push(await login(email));
    }
    const { default: pg } = await import('pg');
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    let organizationId: string;
    let accountId: string;
    try {
      organizationId = (await db.query('SELECT organization_id FROM users WHERE email = $1', [EMAIL])).rows[0]
        .organization_id;
      accountId = (
        await db.query(
          `INSERT INTO provider_accounts (organization_id, provider, label, credentials_encrypted, key_hint)
          VALUES ($1, 'openai', $2, '\\x00', 'sk-...') RETURNING id`,
          [organizationId, `bench ${backend}`],
        )
      ).rows[0].id;
    } finally {
      await db.end();
    }

    const publisher = helper<PublisherMessage>('publisher', forkTs('live-publisher.ts', env));
    children.push(publisher.child);
    await publisher.next('ready');
    const subscribers = helper<SubscribersMessage>('subscriber', forkTs('live-subscribers.ts', {}));
    children.push(subscribers.child);
    const publish = async (n: number) => {
      if (!publisher.child.connected) throw new Error('The publisher process is gone');
      publisher.child.send({ kind: 'publish', event: progressEvent(organizationId, accountId, n) } as PublisherRequest);
      return (await publisher.next('published')).at;
    };
    const setup: SubscribersSetup = {
      urls: ports.map((port) => `ws://127.0.0.1:${port}/graphql`),
      tokens,
      perToken: PER_TOKEN,
      accountId,
      subscribers: SUBSCRIBERS,
      query: QUERY,
    };
    subscribers.child.send(setup);
    // Warm up until every subscription has seen an event: then all are set up. One warm-up
    // event at a time, so a slow round never piles up behind the next.
    let ready = false;
    const warmup = (async () => {
      while (!ready) {
        await publish(0);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    warmup.catch(() => undefined); // its failure surfaces below, after the subscribers' own
    await subscribers.next('ready');
    ready = true;
    await warmup;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const published = new Map<number, number>();
    for (let n = 1; n <= EVENTS; n += 1) {
      published.set(n, await publish(n));
      await subscribers.next('received');
    }
    subscribers.child.send({ kind: 'finish' });
    const { times } = await subscribers.next('times');
    subscribers.finish();
    publisher.finish();
    publisher.child.send({ kind: 'close' } as PublisherRequest);
    const sorted = times.map(([n, at]) => at - published.get(n)!).sort((a, b) => a - b);
    return {
      backend,
      apiProcesses: API_PROCESSES,
      subscribers: SUBSCRIBERS,
      events: EVENTS,
      p50Ms: quantile(sorted, 0.5),
      p99Ms: quantile(sorted, 0.99),
      maxMs: quantile(sorted, 1),
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    };
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    for (const api of apis) if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGTERM');
    await Promise.all(apis.map((api) => api.exited));
  }
}

async function main(): Promise<void> {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run pnpm build first`);
  const database = await openBenchDatabase(2);
  try {
    for (const backend of BACKENDS) {
      const result = await measure(backend, database.url);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

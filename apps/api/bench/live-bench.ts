/**
 * bench:live — 1,000 graphql-ws clients (one WebSocket each, signed in; in a child process)
 * subscribe to one account's `syncRunProgressed` on a real server (main.ts's wiring: HTTP +
 * graphql-ws, access checks, organization filter). Progress events are published on the
 * in-process pub/sub, one at a time, and each client notes when its copy arrived. Prints
 * `{"subscribers":…,"events":…,"p50Ms":…,"p99Ms":…}` (publish → receipt). Not a test.
 * DATABASE_URL picks the server (default: embedded PostgreSQL); BENCH_SUBSCRIBERS and
 * BENCH_EVENTS change the size.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCredentialCipher } from '../src/features/provider-accounts/credential-cipher';
import { SYNC_TOPICS, type SyncRunProgress } from '../src/features/sync-runs/sync-run.topics';
import { type SyncTopicMap } from '../src/features/sync/sync-pubsub';
import { mountGraphql } from '../src/graphql/graphql-server';
import { createLogger } from '../src/logger';
import { createInMemoryPubSub } from '../src/pubsub/in-memory-pubsub';
import { buildApiSchema } from '../src/schema';
import { createServer } from '../src/server';
import { buildApp } from '../src/app';
import { openBenchDatabase } from './bench-database';
import type { SubscribersMessage, SubscribersSetup } from './live-subscribers';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 50);
const epochNow = () => performance.timeOrigin + performance.now();
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

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  const logger = createLogger('silent');
  const pubsub = createInMemoryPubSub<SyncTopicMap>({ maxBuffered: EVENTS * 2 });
  // The whole graph as main.ts builds it; the benchmark never triggers a sync.
  const { services } = buildApp({
    dataSource: database.dataSource,
    cipher: createCredentialCipher(randomBytes(32)),
    pubsub,
    logger,
    allowCustomEndpoints: false,
    backfillDays: 1,
  });
  const server = createServer({ dataSource: database.dataSource, logger });
  const endpoint = await mountGraphql(server, { schema: await buildApiSchema(), services, logger });
  const port = await server.listen(0, '127.0.0.1');
  try {
    const organization = await services.organizations.create('bench');
    await services.users.create(organization.id, {
      email: 'bench@example.com',
      password: 'bench password 123',
      role: 'viewer',
    });
    const { token } = await services.auth.login('bench@example.com', 'bench password 123', 'bench');
    const [account] = await database.dataSource.query(
      `INSERT INTO provider_accounts (organization_id, provider, label, credentials_encrypted, key_hint) VALUES ($1, 'openai', 'bench', '\\x00', 'sk-...') RETURNING id`,
      [organization.id],
    );
    const child = fork(path.join(__dirname, 'live-subscribers.ts'), [], {
      execArgv: ['-r', require.resolve('../test/support/swc-register.cjs')],
    });
    const messages: SubscribersMessage[] = [];
    let wake: (() => void) | undefined;
    child.on('message', (message: SubscribersMessage) => {
      messages.push(message);
      wake?.();
    });
    let finished = false;
    child.on('exit', (code) => {
      if (!finished) messages.push({ kind: 'failed', error: `the subscriber process exited early (${code})` });
      wake?.();
    });
    const next = async (kind: SubscribersMessage['kind']): Promise<SubscribersMessage> => {
      for (;;) {
        const failed = messages.find((m) => m.kind === 'failed');
        if (failed) throw new Error(`A subscriber failed: ${(failed as { error: string }).error}`);
        const index = messages.findIndex((m) => m.kind === kind);
        if (index >= 0) return messages.splice(index, 1)[0]!;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    };
    const setup: SubscribersSetup = {
      url: `ws://127.0.0.1:${port}/graphql`,
      token,
      accountId: account.id,
      subscribers: SUBSCRIBERS,
      query: QUERY,
    };
    child.send(setup);
    // Warm up until every subscription has seen an event: then all are set up. One warm-up
    // event at a time, so a slow round never piles up behind the next.
    let ready = false;
    const warmup = (async () => {
      while (!ready) {
        await pubsub.publish(SYNC_TOPICS.RUN_PROGRESSED, progressEvent(organization.id, account.id, 0));
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    await next('ready');
    ready = true;
    await warmup;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const published = new Map<number, number>();
    for (let n = 1; n <= EVENTS; n += 1) {
      published.set(n, epochNow());
      await pubsub.publish(SYNC_TOPICS.RUN_PROGRESSED, progressEvent(organization.id, account.id, n));
      await next('received');
    }
    child.send({ kind: 'finish' });
    const { times } = (await next('times')) as Extract<SubscribersMessage, { kind: 'times' }>;
    finished = true;
    const sorted = times.map(([n, at]) => at - published.get(n)!).sort((a, b) => a - b);
    process.stdout.write(
      `${JSON.stringify({ subscribers: SUBSCRIBERS, events: EVENTS, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99) })}\n`,
    );
  } finally {
    await endpoint.stop();
    await server.close();
    await pubsub.close();
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

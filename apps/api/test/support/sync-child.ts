// A separate spendsync process for the multi-process tests: runs one sync (or waits for a
// "go" line on stdin first) and reports on stdout as JSON lines. Never imported by jest.
import { createInterface } from 'node:readline';
import type { DayRange } from '@spendsync/domain';
import pino from 'pino';
import { createDataSource } from '../../src/data-source';
import { buildApp } from '../../src/app';
import { SYNC_TOPICS } from '../../src/features/sync-runs/sync-run.topics';
import { type SyncTopicMap } from '../../src/features/sync/sync-pubsub';
import type { SyncTrigger } from '../../src/features/provider-accounts/account-sync-trigger';
import { createPgPubSub } from '../../src/pubsub/pg-pubsub';
import { TEST_CIPHER } from './test-cipher';

/** What the parent test asks the child to do. */
export type ChildConfig = {
  databaseUrl: string;
  accountId: string;
  trigger: SyncTrigger;
  window?: DayRange;
  baseUrl: string;
  /** ISO time of the engine's clock. */
  now: string;
  maxChunkDays?: number;
  /** Wait for a line on stdin before triggering, so two children can start together. */
  waitForGo?: boolean;
};

const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

async function waitForLine(): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  lines.close();
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
  const dataSource = createDataSource({ url: config.databaseUrl, poolSize: 4 });
  await dataSource.initialize();
  const pubsub = await createPgPubSub<SyncTopicMap>({ connectionString: config.databaseUrl });
  const { engine } = buildApp({
    dataSource,
    pubsub,
    cipher: TEST_CIPHER,
    logger: pino({ level: 'silent' }),
    backfillDays: 30,
    now: () => new Date(config.now),
    allowCustomEndpoints: false,
    // The simulator listens on loopback, which the outbound policy allows only when named.
    litellmAllowedHosts: ['127.0.0.1'],
    syncAdapterDeps: () => ({ baseUrl: config.baseUrl, retry: { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 3_000 } }),
    engine: { maxChunkDays: config.maxChunkDays, heartbeatMs: 200 },
  });
  say({ type: 'ready', pid: process.pid });
  if (config.waitForGo) await waitForLine();
  const result = await engine.trigger({ accountId: config.accountId, trigger: config.trigger, window: config.window });
  say({
    type: 'trigger',
    kind: result.kind,
    runId: result.kind === 'unavailable' ? null : (result.run?.id ?? null),
    message: 'message' in result ? result.message : null,
  });
  if (result.kind === 'started') {
    const progress = pubsub.subscribe(SYNC_TOPICS.RUN_PROGRESSED, (event) => event.runId === result.run.id);
    void (async () => {
      for await (const event of progress) say({ type: 'progress', phase: event.phase, daysDone: event.daysDone });
    })();
    const run = await result.done;
    say({ type: 'done', runId: run.id, status: run.status });
  }
  await pubsub.close();
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  say({ type: 'error', message: String(error) });
  process.exitCode = 1;
});

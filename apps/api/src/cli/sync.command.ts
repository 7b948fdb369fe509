import { loadApiConfig, resolveMasterKeyring, type ApiConfig } from '@spendsync/config';
import { createGuardedFetch, type AdapterDeps } from '@spendsync/adapters';
import type { DayRange } from '@spendsync/domain';
import { buildApp } from '../app';
import { createDataSource } from '../data-source';
import { runMigrations } from '../database/migrate';
import { pgPoolOf } from '../database/pg-pool';
import { openDatabase } from '../database/open-database';
import { createLogger } from '../logger';
import { createMasterKeyCipher } from '../features/provider-accounts/master-key-cipher';
import { rebindLegacyCredentials } from '../features/provider-accounts/rebind-credentials';
import type { SyncEngine } from '../features/sync/sync-engine.types';
import type { SyncRun } from '../features/sync-runs/sync-run.entity';
import { SYNC_TOPICS } from '../features/sync-runs/sync-run.topics';
import type { SyncPubSub, SyncTopicMap } from '../features/sync/sync-pubsub';
import { createSharedPubSub } from '../pubsub/shared-pubsub';
import { parseCommandArgs, readDay, readTime, readUrl, required } from './args';
import { CliUsageError, EXIT, reportError, writeLine, type CliIo } from './cli-io';
import { createProgressView } from './sync-progress-bar';

/** How `sync` is called. */
export const SYNC_USAGE =
  'usage: spendsync sync --account <id> [--from YYYY-MM-DD --to YYYY-MM-DD] [--base-url <url>] [--now <time>]\n' +
  '  Runs one sync of a linked account in the foreground, on the configured (or embedded) database.\n' +
  '  Without --from/--to: the usual look-back plus the days the previous run missed. --to is exclusive.\n' +
  '  --base-url and --now point the adapter at a simulator or proxy and set its clock (support and tests).\n' +
  '  Progress goes to stderr (a bar on a terminal, plain lines otherwise); the result is one JSON line on stdout.\n' +
  '  Exit status: 0 succeeded, 1 partial or failed, 3 another run of the account is in progress.';

const OPTIONS = {
  account: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'base-url': { type: 'string' },
  now: { type: 'string' },
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Exit status when the account is already syncing elsewhere. */
export const EXIT_BUSY = 3;

/** Seams for tests: where the configuration comes from. */
export type SyncCommandDeps = { loadConfig?: () => ApiConfig };

type SyncArgs = { accountId: string; window?: DayRange; deps: Partial<AdapterDeps> };

function readArgs(argv: readonly string[]): SyncArgs {
  const values = parseCommandArgs(argv, OPTIONS);
  const accountId = required(values.account, 'account', 'the id of the provider account to sync');
  if (!UUID.test(accountId)) throw new CliUsageError(`--account "${accountId}" is not an account id (a UUID)`);
  if ((values.from === undefined) !== (values.to === undefined))
    throw new CliUsageError('give both --from and --to, or neither');
  let window: DayRange | undefined;
  if (values.from !== undefined) {
    window = { start: readDay(values.from, 'from'), end: readDay(values.to, 'to') };
    if (window.end <= window.start)
      throw new CliUsageError(`--to (${window.end}) must come after --from (${window.start}); --to is exclusive`);
  }
  const now = values.now === undefined ? undefined : readTime(values.now, 'now');
  const deps: Partial<AdapterDeps> = {
    ...(values['base-url'] ? { baseUrl: readUrl(values['base-url'], 'base-url') } : {}),
    ...(now ? { now: () => new Date(now.getTime()) } : {}),
  };
  return { accountId, window, deps };
}

const summary = (run: SyncRun) =>
  JSON.stringify({
    runId: run.id,
    status: run.status,
    window: { start: run.windowStart, end: run.windowEnd },
    records: run.recordCount,
    workspaces: run.workspaceCount,
    apiKeys: run.apiKeyCount,
    missingDays: run.missingDays,
    error: run.error,
  });

/** `spendsync sync`: one foreground sync with live progress (see {@link SYNC_USAGE}). */
export async function runSync(argv: readonly string[], io: CliIo, deps: SyncCommandDeps = {}): Promise<number> {
  let args: SyncArgs;
  try {
    args = readArgs(argv);
  } catch (error) {
    return reportError(error, io, [], SYNC_USAGE);
  }
  const config = (deps.loadConfig ?? loadApiConfig)();
  // Application logs (embedded database start, warnings) go to stderr; the sync log is shown by the view.
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    io.stderr as unknown as Parameters<typeof createLogger>[1],
  );
  const cleanup: (() => Promise<void>)[] = [];
  try {
    const keyring = await resolveMasterKeyring(config, { logger });
    const database = await openDatabase(config, logger);
    cleanup.unshift(database.stop);
    const dataSource = createDataSource({ url: database.url, poolSize: 4 });
    await dataSource.initialize();
    cleanup.unshift(() => dataSource.destroy());
    await runMigrations(dataSource);
    const cipher = createMasterKeyCipher(keyring);
    await rebindLegacyCredentials(pgPoolOf(dataSource), cipher, logger);
    // The shared pub/sub: a running server's subscribers see this run's progress too.
    const pubsub = await createSharedPubSub<SyncTopicMap>({
      backend: config.pubsub,
      databaseUrl: database.url,
      redisUrl: config.redisUrl,
    });
    cleanup.unshift(() => pubsub.close());
    // The server's object graph: budgets are evaluated after the run as in the server; a running
    // server's worker sends the queued alerts (this process starts no workers).
    // The server's outbound policy holds here too (buildApp's guarded fetch). A --base-url is the
    // operator's own choice (a simulator, a proxy): loopback and private hosts are allowed for it,
    // link-local and metadata addresses still never.
    const operatorFetch = args.deps.baseUrl ? createGuardedFetch({ allowPrivate: true, allowedHosts: [] }) : undefined;
    const app = buildApp({
      dataSource,
      cipher,
      pubsub,
      logger,
      backfillDays: config.backfillDays,
      allowCustomEndpoints: config.allowCustomEndpoints,
      litellmAllowedHosts: config.litellmAllowedHosts,
      adapterDeps: operatorFetch ? { fetch: operatorFetch } : undefined,
      now: args.deps.now,
      syncAdapterDeps: () => args.deps,
    });
    const engine = app.engine;
    return await follow(engine, args, io, pubsub);
  } catch (error) {
    return reportError(error, io, []);
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
  }
}

async function follow(engine: SyncEngine, args: SyncArgs, io: CliIo, pubsub: SyncPubSub): Promise<number> {
  const view = createProgressView(io.stderr);
  const progress = pubsub.subscribe(SYNC_TOPICS.RUN_PROGRESSED, (e) => e.providerAccountId === args.accountId);
  const logs = pubsub.subscribe(SYNC_TOPICS.LOG_APPENDED, (e) => e.providerAccountId === args.accountId);
  const pumps = [
    (async () => {
      for await (const e of progress) view.progress(e);
    })(),
    (async () => {
      for await (const e of logs) view.log(e);
    })(),
  ];
  const onAbort = () => void engine.stop();
  io.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const started = await engine.trigger({ accountId: args.accountId, trigger: 'manual', window: args.window });
    if (started.kind !== 'started') {
      io.stderr.write(`error: ${started.message}\n`);
      return started.kind === 'already-running' ? EXIT_BUSY : EXIT.FAILED;
    }
    const run = await started.done;
    await new Promise((resolve) => setImmediate(resolve)); // let the last events reach the view
    view.end();
    await writeLine(io.stdout, summary(run));
    if (io.signal.aborted) return EXIT.INTERRUPTED;
    return run.status === 'succeeded' ? EXIT.OK : EXIT.FAILED;
  } finally {
    io.signal.removeEventListener('abort', onAbort);
    await progress.return?.();
    await logs.return?.();
    await Promise.all(pumps);
  }
}

import { providers as registry, type AdapterDeps } from '@spendsync/adapters';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { mountAdminUi } from './admin-ui';
import { pgPoolOf } from './database/pg-pool';
import { createBudgetEvaluator, type BudgetEvaluator } from './features/budgets/budget-evaluation.service';
import { kickDeliveryWorker } from './features/notifications/delivery-worker';
import { endpointDeps } from './features/provider-accounts/account-endpoint';
import {
  createProviderAccountSyncService,
  type SyncableAccount,
} from './features/provider-accounts/provider-account-sync.service';
import { createSsoRouter } from './features/sso/sso.route';
import { createSyncRunsService } from './features/sync-runs/sync-runs.service';
import { createSyncEngine } from './features/sync/sync-engine';
import type { SyncEngine, SyncEngineOptions } from './features/sync/sync-engine.types';
import { createSyncSchedule, type SyncSchedule } from './features/sync/sync-schedule';
import { mountGraphql, type GraphqlDeps, type GraphqlEndpoint } from './graphql/graphql-server';
import { createQueuedSyncTrigger } from './jobs/queued-sync-trigger';
import { startScheduler } from './jobs/scheduler';
import type { SyncJobQueue } from './jobs/sync-job-queue';
import { startSyncJobWorker } from './jobs/sync-job-worker';
import type { ApiMetrics } from './metrics/api-metrics';
import { instrumentSyncEngine } from './metrics/instrument-sync-engine';
import { createMetricsRouter } from './metrics/metrics.route';
import { buildApiSchema } from './schema';
import { createServer, type ApiServer, type ServerDeps } from './server';
import { createApiServices, providerFetchOf, type ApiServices, type ApiServicesDeps } from './services';

/**
 * What the object graph is built from. Entry points (main.ts, the demo, the CLI, benches, test
 * harnesses) open the database, choose the cipher and the pub/sub, and hand them over here.
 */
export type AppDeps = Omit<ApiServicesDeps, 'sync' | 'runs'> & {
  /** Days read when an account is linked (config `backfillDays`). */
  backfillDays: number;
  /**
   * Adapter deps of a sync of `account`; default: `adapterDeps` plus the account's endpoint
   * override (when custom endpoints are allowed). Without a `fetch` of their own, syncs use the
   * guarded provider fetch, as verification does.
   */
  syncAdapterDeps?: (account: SyncableAccount) => Partial<AdapterDeps>;
  /** Engine tuning (tests shorten the heartbeat; benches change the fetch concurrency). */
  engine?: Pick<SyncEngineOptions, 'heartbeatMs' | 'fetchConcurrency' | 'maxChunkDays' | 'staleAfterMs'>;
  /** Counts sync runs (Prometheus), as `GET /metrics` serves them. */
  metrics?: ApiMetrics;
  /**
   * The durable job queue (pg-boss). With it, link and Refresh Data enqueue a job that a worker
   * process runs ({@link startJobWorkers}); without it (demo, CLI, tests) they run in this process.
   */
  jobs?: SyncJobQueue;
  /** How long link and Refresh Data wait for a worker to take their job (with `jobs`). */
  jobStartTimeoutMs?: number;
  /**
   * The pool background work runs on: the sync engine (its writes, anomaly detection) and budget
   * evaluation after runs and on the schedule. Unlike `dataSource`, which serves API requests under
   * SPENDSYNC_STATEMENT_TIMEOUT_MS, it has no statement timeout. Default: `dataSource`.
   */
  workerDataSource?: DataSource;
};

/**
 * The core object graph every process role shares: services, the sync engine (whose finished
 * runs evaluate budgets) and the schedule's fan-out. Building it starts nothing: the HTTP API
 * ({@link startApi}) and the background workers ({@link startWorkers}) are started separately,
 * so a process can run either role or both.
 */
export type App = {
  readonly deps: AppDeps;
  readonly services: ApiServices;
  readonly engine: SyncEngine;
  readonly schedule: SyncSchedule;
  /** Budget evaluation on the worker pool: after each committed run and on the schedule. */
  readonly backgroundBudgets: BudgetEvaluator;
  /** Aborts this process's sync runs and waits for them to close. */
  stop(): Promise<void>;
};

/** The one composition root: builds the whole object graph over an initialized, migrated data source. */
export function buildApp(deps: AppDeps): App {
  const workerDataSource = deps.workerDataSource ?? deps.dataSource;
  const pool = pgPoolOf(workerDataSource);
  const runs = createSyncRunsService(pool);
  const accounts = createProviderAccountSyncService(pool);
  // One guarded fetch (see providerFetchOf) for verification and syncs, unless the caller brings its own.
  const fetch = deps.adapterDeps?.fetch ?? providerFetchOf(deps);
  const adapterDeps: Partial<AdapterDeps> = { ...deps.adapterDeps, fetch };
  const custom = deps.syncAdapterDeps;
  const syncAdapterDeps = custom
    ? (account: SyncableAccount) => ({ fetch, ...custom(account) })
    : (account: SyncableAccount) => ({
        ...adapterDeps,
        ...endpointDeps(account.endpointOverride, deps.allowCustomEndpoints),
      });
  const bareEngine = createSyncEngine({
    dataSource: workerDataSource,
    runs,
    accounts,
    pubsub: deps.pubsub,
    cipher: deps.cipher,
    logger: deps.logger,
    backfillDays: deps.backfillDays,
    now: deps.now,
    providers: deps.providers,
    adapterDeps: syncAdapterDeps,
    ...deps.engine,
    // Budgets whose scope the run touched are evaluated once its data is committed.
    onRunCommitted: (_run, account) =>
      Promise.all([
        backgroundBudgets.evaluateOrganization(account.organizationId, { accountId: account.id }),
        services.runwayAlerts.evaluateOrganization(account.organizationId),
      ]),
  });
  const engine = deps.metrics ? instrumentSyncEngine(bareEngine, deps.metrics, deps.dataSource) : bareEngine;
  const sync = deps.jobs
    ? createQueuedSyncTrigger({
        queue: deps.jobs,
        pubsub: deps.pubsub,
        pool,
        runs,
        accounts,
        providers: deps.providers ?? registry,
        startTimeoutMs: deps.jobStartTimeoutMs,
      })
    : engine;
  const services = createApiServices({ ...deps, adapterDeps, runs, sync });
  const backgroundBudgets =
    workerDataSource === deps.dataSource
      ? services.budgetEvaluator
      : createBudgetEvaluator({
          pool,
          budgets: services.budgets,
          pubsub: deps.pubsub,
          logger: deps.logger,
          now: deps.now,
          onDeliveriesQueued: kickDeliveryWorker(services.deliveryWorker, deps.logger),
        });
  const schedule = createSyncSchedule({ engine, logger: deps.logger, listAccounts: () => accounts.listSchedulable() });
  return { deps, services, engine, schedule, backgroundBudgets, stop: () => engine.stop() };
}

/** How the HTTP API is served. */
export type ApiOptions = Pick<ServerDeps, 'trustedProxies' | 'healthDetails'> &
  Omit<GraphqlDeps, 'schema' | 'services' | 'logger' | 'metrics'> & {
    /** The schema, when the caller built it already (default: {@link buildApiSchema}). */
    schema?: GraphQLSchema;
    port: number;
    host?: string;
    /** SPENDSYNC_METRICS_TOKEN for `GET /metrics` (served when the app has metrics). */
    metricsToken?: string;
    /** Serve the built admin UI at / (main, demo); its directory, or true for apps/admin/dist. */
    adminUi?: string | true;
    /** SPENDSYNC_PUBLIC_URL: the base of the single sign-on redirect URI (default: each request's origin). */
    publicUrl?: string;
  };

/** A serving HTTP API. */
export type RunningApi = {
  readonly server: ApiServer;
  readonly graphql: GraphqlEndpoint;
  readonly port: number;
  /** False when the admin UI was asked for but is not built. */
  readonly adminUiServed: boolean;
  stop(): Promise<void>;
};

/** The API role: HTTP server, `/healthz`, `/metrics`, GraphQL over HTTP and WebSocket, the admin UI. */
export async function startApi(app: App, options: ApiOptions): Promise<RunningApi> {
  const { logger, dataSource, metrics } = app.deps;
  const { port, host, metricsToken, adminUi, trustedProxies, schema, healthDetails, publicUrl, ...graphqlOptions } =
    options;
  const server = createServer({ dataSource, logger, trustedProxies, healthDetails });
  if (metrics) server.app.use(createMetricsRouter(metrics, metricsToken));
  server.app.use(createSsoRouter({ sso: app.services.sso, logger, publicUrl }));
  const graphql = await mountGraphql(server, {
    ...graphqlOptions,
    schema: schema ?? (await buildApiSchema()),
    services: app.services,
    logger,
    metrics,
  });
  // After the API routes: the built admin UI at / (absent in development, where Vite serves it).
  const adminUiServed = adminUi !== undefined && mountAdminUi(server.app, adminUi === true ? undefined : adminUi);
  try {
    const bound = await server.listen(port, host);
    return {
      server,
      graphql,
      port: bound,
      adminUiServed,
      async stop() {
        await graphql.stop();
        await server.close();
      },
    };
  } catch (error) {
    await graphql.stop();
    throw error;
  }
}

/** How the background workers run. */
export type WorkerOptions = {
  /** Cron of the sync schedule (config `syncSchedule`). */
  syncSchedule: string;
  /** Poll interval of the notification sender (default its own). */
  deliveryPollMs?: number;
};

/** The worker role: the notification sender's poll, and the cron that syncs every account and evaluates budgets. */
export function startWorkers(app: App, options: WorkerOptions): { stop(): Promise<void> } {
  const { services, schedule } = app;
  services.deliveryWorker.start(options.deliveryPollMs);
  const tick = async () => {
    await schedule.tick();
    await app.backgroundBudgets.evaluateAll();
  };
  const scheduler = startScheduler({ expression: options.syncSchedule, tick, logger: app.deps.logger });
  return {
    async stop() {
      await scheduler.stop();
      await services.deliveryWorker.stop();
    },
  };
}

/** How the worker role runs the job queue. */
export type JobWorkerOptions = {
  /** Cron of the sync schedule (config `syncSchedule`), fired once per slot across every process; none in tests. */
  syncSchedule?: string;
  /** Accounts synced at the same time by this process (SPENDSYNC_WORKER_CONCURRENCY). */
  concurrency: number;
  deliveryPollMs?: number;
  /** How often an idle worker polls the queue (default 1 s). */
  pollingIntervalSeconds?: number;
};

/**
 * The worker role on the job queue: sync jobs (link, refresh, schedule, retries) from every
 * process, the schedule's tick (registered in pg-boss, so however many workers run, each cron
 * slot enqueues each account once), and the notification sender's poll.
 */
export async function startJobWorkers(app: App, options: JobWorkerOptions): Promise<{ stop(): Promise<void> }> {
  const { services, deps } = app;
  if (!deps.jobs) throw new Error('startJobWorkers needs the job queue (AppDeps.jobs)');
  const accounts = createProviderAccountSyncService(pgPoolOf(deps.dataSource));
  services.deliveryWorker.start(options.deliveryPollMs);
  const worker = await startSyncJobWorker({
    queue: deps.jobs,
    engine: app.engine,
    pubsub: deps.pubsub,
    logger: deps.logger,
    concurrency: options.concurrency,
    listAccounts: () => accounts.listSchedulable(),
    // Runs of dead processes are closed each tick, then budgets whose period rolled over are evaluated.
    afterTick: async () => {
      await app.engine.closeStaleRuns();
      await services.budgetEvaluator.evaluateAll();
    },
    schedule: options.syncSchedule,
    pollingIntervalSeconds: options.pollingIntervalSeconds,
  });
  return {
    async stop() {
      await worker.stop();
      await services.deliveryWorker.stop();
    },
  };
}

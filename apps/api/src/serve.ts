import 'reflect-metadata';
import { describeConfig, resolveMasterKeyring, type ApiConfig } from '@spendsync/config';
import { buildApp, startApi, startJobWorkers } from './app';
import { createDataSource } from './data-source';
import { runMigrations } from './database/migrate';
import { openDatabase } from './database/open-database';
import { bootstrapAdmin } from './features/auth/bootstrap-admin';
import { createMasterKeyCipher } from './features/provider-accounts/master-key-cipher';
import { rebindLegacyCredentials } from './features/provider-accounts/rebind-credentials';
import { pgPoolOf } from './database/pg-pool';
import type { SyncTopicMap } from './features/sync/sync-pubsub';
import { startSyncJobQueue } from './jobs/sync-job-queue';
import type { Logger } from './logger';
import { createApiMetrics } from './metrics/api-metrics';
import { createMetricsRouter } from './metrics/metrics.route';
import { registerQueueMetrics } from './metrics/queue-metrics';
import { createSharedPubSub } from './pubsub/shared-pubsub';
import { createServer } from './server';
import type { createShutdown } from './shutdown';

/** What a process runs: the HTTP API, the sync workers, or both (`pnpm start`). */
export const ROLES = ['all', 'api', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/** Connections pg-boss holds in each process (besides the data source's pool and the pub/sub's one). */
const JOB_POOL_SIZE = 4;

/** How {@link serve} is started. */
export type ServeOptions = {
  role: Role;
  config: ApiConfig;
  logger: Logger;
  shutdown: ReturnType<typeof createShutdown>;
};

/**
 * Start-up of one process of any role: database → migrations → first admin → pub/sub → job
 * queue → the object graph (app.ts) → the role's parts. Every role migrates (serialized by
 * TypeORM's lock), so replicas can start in any order. `api` serves HTTP and GraphQL and turns
 * link and Refresh Data into jobs; `worker` runs the jobs, the schedule and the notification
 * sender, with a health server on SPENDSYNC_WORKER_PORT; `all` is both in one process.
 */
export async function serve({ role, config, logger, shutdown }: ServeOptions): Promise<void> {
  if (role !== 'all' && config.databaseUrl === undefined) {
    throw new Error(`--role ${role} needs DATABASE_URL: API and worker processes share one PostgreSQL`);
  }
  logger.info({ role, config: describeConfig(config) }, 'Starting spendsync');
  const cipher = createMasterKeyCipher(await resolveMasterKeyring(config, { logger }));
  const database = await openDatabase(config, logger);
  shutdown.add('database', database.stop);
  // Migrations (which may rewrite large tables) run on a pool without the statement timeout.
  const migrator = createDataSource({ url: database.url, poolSize: 2 });
  await migrator.initialize();
  try {
    const applied = await runMigrations(migrator);
    const migrations = applied.map((m) => m.name);
    logger.info({ migrations }, `Database ready (${applied.length} migrations applied)`);
    await rebindLegacyCredentials(pgPoolOf(migrator), cipher, logger);
  } finally {
    await migrator.destroy();
  }
  // API requests run under the statement timeout; the sync engine and budget evaluation may take longer.
  const onBrokenConnection = (err: Error) =>
    logger.warn({ err: err.message }, 'A database connection broke; its statement failed and the pool replaces it');
  const dataSource = createDataSource({
    url: database.url,
    statementTimeoutMs: config.statementTimeoutMs,
    onBrokenConnection,
  });
  await dataSource.initialize();
  shutdown.add('connection pool', () => dataSource.destroy());
  // Each running sync holds up to two connections (its account lock and its writes); the rest
  // serve budget evaluation, anomalies and notifications, so a busy worker never waits out the
  // pool's connect timeout for a connection of its own.
  const workerDataSource = createDataSource({
    url: database.url,
    poolSize: 2 * config.workerConcurrency + 4,
    onBrokenConnection,
  });
  await workerDataSource.initialize();
  shutdown.add('worker connection pool', () => workerDataSource.destroy());
  await bootstrapAdmin(dataSource, {
    email: config.adminEmail,
    password: config.adminPassword,
    mustChangePassword: config.adminMustChangePassword,
    announce: (lines) => process.stdout.write(`\n${lines.join('\n')}\n\n`),
  });
  const pubsub = await createSharedPubSub<SyncTopicMap>({
    backend: config.pubsub,
    databaseUrl: database.url,
    redisUrl: config.redisUrl,
    onError: (message, err) => logger.warn({ err }, message),
  });
  shutdown.add('pub/sub', () => pubsub.close());
  const jobs = await startSyncJobQueue({
    connectionString: database.url,
    logger,
    leaseSeconds: config.jobLeaseSeconds,
    poolSize: JOB_POOL_SIZE,
  });
  shutdown.add('job queue', () => jobs.stop());
  const metrics = createApiMetrics();
  registerQueueMetrics(metrics.registry, jobs);
  const smtp = config.smtpUrl && config.smtpFrom ? { smtp: { url: config.smtpUrl, from: config.smtpFrom } } : {};
  const app = buildApp({
    dataSource,
    workerDataSource,
    cipher,
    pubsub,
    logger,
    backfillDays: config.backfillDays,
    allowCustomEndpoints: config.allowCustomEndpoints,
    // Every provider call connects only where the outbound policy allows (see providerFetchOf).
    litellmAllowedHosts: config.litellmAllowedHosts,
    metrics,
    jobs,
    notifications: { publicUrl: config.publicUrl, ...smtp },
    oidc: config.oidc,
  });
  shutdown.add('sync engine', () => app.stop());
  const queueHealth = async () => {
    const { queued, retrying, active, dead, lagSeconds } = await jobs.stats();
    return { queue: { queued, retrying, active, dead, lagSeconds: Math.round(lagSeconds * 10) / 10 } };
  };
  if (role !== 'api') {
    // Runs a previous process left "running" (killed, crashed) are closed now, not at the first tick.
    void app.engine.closeStaleRuns().catch((err: unknown) => {
      logger.warn({ err }, 'Closing the sync runs of stopped processes failed');
    });
    const workers = await startJobWorkers(app, {
      syncSchedule: config.syncSchedule,
      concurrency: config.workerConcurrency,
    });
    shutdown.add('sync workers and notification deliveries', workers.stop);
  }
  if (role === 'worker') {
    const healthDetails = async () => ({ role, ...(await queueHealth()) });
    const health = createServer({ dataSource, logger, healthDetails });
    health.app.use(createMetricsRouter(metrics, config.metricsToken));
    const port = await health.listen(config.workerPort);
    shutdown.add('worker health server', () => health.close());
    logger.info({ port, concurrency: config.workerConcurrency }, 'spendsync worker running');
    return;
  }
  const api = await startApi(app, {
    port: config.port,
    trustedProxies: config.trustedProxies,
    corsOrigins: config.corsOrigins,
    publicUrl: config.publicUrl,
    metricsToken: config.metricsToken,
    adminUi: true,
    healthDetails: async () => (role === 'all' ? { role, ...(await queueHealth()) } : { role }),
  });
  shutdown.add('http server and graphql', api.stop);
  if (!api.adminUiServed) logger.info('The admin UI is not built (pnpm build); serving the API only');
  logger.info({ port: api.port, role, url: `http://127.0.0.1:${api.port}/graphql` }, 'spendsync API listening');
}

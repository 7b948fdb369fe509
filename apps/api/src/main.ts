import 'reflect-metadata';
import { describeConfig, resolveMasterKeyring } from '@spendsync/config';
import { loadConfigOrExit } from './load-config-or-exit';
import { mountAdminUi } from './admin-ui';
import { createDataSource } from './data-source';
import { runMigrations } from './database/migrate';
import { openDatabase } from './database/open-database';
import { bootstrapAdmin } from './features/auth/bootstrap-admin';
import { endpointDeps } from './features/provider-accounts/account-endpoint';
import { createMasterKeyCipher } from './features/provider-accounts/master-key-cipher';
import { rebindLegacyCredentials } from './features/provider-accounts/rebind-credentials';
import { pgPoolOf } from './database/pg-pool';
import { createSyncEngine } from './features/sync/sync-engine';
import { createSyncSchedule } from './features/sync/sync-schedule';
import type { SyncTopicMap } from './features/sync/sync.topics';
import { mountGraphql } from './graphql/graphql-server';
import { startScheduler } from './jobs/scheduler';
import { createLogger } from './logger';
import { createApiMetrics } from './metrics/api-metrics';
import { instrumentSyncEngine } from './metrics/instrument-sync-engine';
import { createMetricsRouter } from './metrics/metrics.route';
import { createPgPubSub } from './pubsub/pg-pubsub';
import { buildApiSchema } from './schema';
import { createServer } from './server';
import { createApiServices } from './services';
import { createShutdown } from './shutdown';

/**
 * Start-up wiring: configuration → logger → database → migrations → first admin → pub/sub and
 * sync engine → HTTP server with GraphQL → schedule.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const shutdown = createShutdown(logger);
  shutdown.listen();
  try {
    logger.info({ config: describeConfig(config) }, 'Starting spendsync');
    const cipher = createMasterKeyCipher(await resolveMasterKeyring(config, { logger }));
    const database = await openDatabase(config, logger);
    shutdown.add('database', database.stop);
    const dataSource = createDataSource({ url: database.url });
    await dataSource.initialize();
    shutdown.add('connection pool', () => dataSource.destroy());
    const applied = await runMigrations(dataSource);
    logger.info({ migrations: applied.map((m) => m.name) }, `Database ready (${applied.length} migrations applied)`);
    await rebindLegacyCredentials(pgPoolOf(dataSource), cipher, logger);
    await bootstrapAdmin(dataSource, {
      email: config.adminEmail, password: config.adminPassword, announce: (lines) => process.stdout.write(`\n${lines.join('\n')}\n\n`),
    });
    const pubsub = await createPgPubSub<SyncTopicMap>({ connectionString: database.url, onError: (message, err) => logger.warn({ err }, message) });
    shutdown.add('pub/sub', () => pubsub.close());
    const metrics = createApiMetrics();
    const engine = instrumentSyncEngine(createSyncEngine({
      dataSource, pubsub, cipher, logger, backfillDays: config.backfillDays,
      adapterDeps: (account) => endpointDeps(account.endpointOverride, config.allowCustomEndpoints),
      // Budgets whose scope the run touched are evaluated once its data is committed.
      onRunCommitted: (_run, account) => services.budgetEvaluator.evaluateOrganization(account.organizationId, { accountId: account.id }),
    }), metrics, dataSource);
    shutdown.add('sync engine', () => engine.stop());
    // Runs a previous process left "running" (killed, crashed) are closed now, not at the first tick.
    void engine.closeStaleRuns().catch((err: unknown) => logger.warn({ err }, 'Closing the sync runs of stopped processes failed'));
    const services = createApiServices({
      dataSource, cipher, pubsub, sync: engine, logger, allowCustomEndpoints: config.allowCustomEndpoints,
      notifications: { publicUrl: config.publicUrl, ...(config.smtpUrl && config.smtpFrom ? { smtp: { url: config.smtpUrl, from: config.smtpFrom } } : {}) },
    });
    services.deliveryWorker.start();
    shutdown.add('notification deliveries', () => services.deliveryWorker.stop());
    const server = createServer({ dataSource, logger, trustedProxies: config.trustedProxies });
    shutdown.add('http server', server.close);
    server.app.use(createMetricsRouter(metrics, config.metricsToken));
    const graphql = await mountGraphql(server, { schema: await buildApiSchema(), services, logger, metrics, corsOrigins: config.corsOrigins });
    shutdown.add('graphql', graphql.stop);
    // After the API routes: the built admin UI at / (absent in development, where Vite serves it).
    if (!mountAdminUi(server.app)) logger.info('The admin UI is not built (pnpm build); serving the API only');
    const schedule = createSyncSchedule({ engine, dataSource, logger });
    const tick = async () => {
      await schedule.tick();
      await services.budgetEvaluator.evaluateAll();
    };
    const scheduler = startScheduler({ expression: config.syncSchedule, tick, logger });
    shutdown.add('scheduler', scheduler.stop);
    const port = await server.listen(config.port);
    logger.info({ port, url: `http://127.0.0.1:${port}/graphql` }, 'spendsync API listening');
  } catch (error) {
    logger.fatal({ err: error }, 'spendsync could not start');
    await shutdown.run();
    process.exit(1);
  }
}

void main();

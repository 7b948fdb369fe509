import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dayOf } from '@spendsync/domain';
import { mountAdminUi } from '../admin-ui';
import { createDataSource } from '../data-source';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { runMigrations } from '../database/migrate';
import { endpointDeps } from '../features/provider-accounts/account-endpoint';
import { createCredentialCipher } from '../features/provider-accounts/credential-cipher';
import { createSyncEngine } from '../features/sync/sync-engine';
import { createSyncSchedule } from '../features/sync/sync-schedule';
import type { SyncTopicMap } from '../features/sync/sync.topics';
import { mountGraphql } from '../graphql/graphql-server';
import { startScheduler } from '../jobs/scheduler';
import type { Logger } from '../logger';
import { createInMemoryPubSub } from '../pubsub/in-memory-pubsub';
import { buildApiSchema } from '../schema';
import { createServer } from '../server';
import { createApiServices } from '../services';
import { startDemoAlerts, type DemoAlerts } from './demo-alerts';
import { createDemoOrganization, DEMO_USERS, type DemoOrganization } from './demo-organization';
import { demoSdkDeps, startDemoSimulators, stopDemoSimulators } from './demo-simulators';

/** How the demo runs. */
export type DemoOptions = {
  logger: Logger;
  /** Port to use (0: any); when it is taken, a free one is used instead. */
  port: number;
  host?: string;
  /** Days of simulated history, ending yesterday (default 60). */
  days?: number;
  /** Cron for the demo's scheduled syncs, so syncs keep happening while you watch (default every 2 minutes). */
  schedule?: string;
  /** Extra latency per simulator response, so progress is visible (default 150 ms). */
  simulatorDelayMs?: number;
  /** An empty database to use instead of starting an embedded one (tests, where embedded-postgres cannot load). */
  databaseUrl?: string;
  /** The built admin UI; default apps/admin/dist. */
  adminDist?: string;
  now?: () => Date;
  /** Hears each alert the demo's own webhook receiver gets (default: nothing). */
  onAlert?: (line: string) => void;
};

/** A running demo. */
export type Demo = {
  url: string;
  adminUiServed: boolean;
  users: typeof DEMO_USERS;
  organization: DemoOrganization;
  /** The demo's budgets' webhook channel and its local receiver. */
  alerts: DemoAlerts;
  stop(): Promise<void>;
};

/** True when nothing listens on `port` (probed with a throwaway server, so the real one never fails to bind). */
function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/**
 * spendsync with nothing to set up: an embedded PostgreSQL in a temporary directory, the nine
 * providers' simulators, a demo organization with one linked account per provider (custom
 * endpoints pointing at the simulators, which only the demo and tests allow), live syncs on a
 * short schedule, and the admin UI. Everything is removed on stop.
 */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const { logger } = options;
  const cleanup: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch((err: unknown) => logger.warn({ err }, 'Demo shutdown step failed'));
  };
  try {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'spendsync-demo-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    await chmod(dataDir, 0o711); // the postgres OS user (when we are root) must reach its cluster dir
    const database = options.databaseUrl ? { url: options.databaseUrl } : await startEmbeddedPostgres({ dataDir, logger });
    if ('stop' in database) cleanup.push(database.stop);
    const today = dayOf((options.now ?? (() => new Date()))());
    const days = options.days ?? 60;
    const running = await startDemoSimulators({ today, days });
    cleanup.push(() => stopDemoSimulators(running));
    const dataSource = createDataSource({ url: database.url });
    await dataSource.initialize();
    cleanup.push(() => dataSource.destroy());
    await runMigrations(dataSource);
    const cipher = createCredentialCipher(randomBytes(32));
    const pubsub = createInMemoryPubSub<SyncTopicMap>();
    cleanup.push(() => pubsub.close());
    const sdk = demoSdkDeps(running);
    const engine = createSyncEngine({
      dataSource, pubsub, cipher, logger, backfillDays: days, now: options.now,
      adapterDeps: (account) => ({ ...sdk, ...endpointDeps(account.endpointOverride, true) }),
      onRunCommitted: (_run, account) => services.budgetEvaluator.evaluateOrganization(account.organizationId, { accountId: account.id }),
    });
    cleanup.push(() => engine.stop());
    const services = createApiServices({ dataSource, cipher, pubsub, sync: engine, logger, allowCustomEndpoints: true, adapterDeps: sdk, now: options.now });
    services.deliveryWorker.start(2_000);
    cleanup.push(() => services.deliveryWorker.stop());
    const server = createServer({ dataSource, logger });
    cleanup.push(server.close);
    const graphql = await mountGraphql(server, { schema: await buildApiSchema(), services, logger });
    cleanup.push(graphql.stop);
    const adminUiServed = mountAdminUi(server.app, options.adminDist);
    const host = options.host ?? '127.0.0.1';
    const port = await server.listen(options.port !== 0 && (await isPortFree(options.port, host)) ? options.port : 0, host);
    const organization = await createDemoOrganization(dataSource, services, running);
    const alerts = await startDemoAlerts(services, organization.organizationId, options.onAlert ?? (() => undefined));
    cleanup.push(alerts.stop);
    // Slow the simulators down after the backfills started, so later syncs can be watched.
    for (const { simulator } of running) simulator.faults.set({ slowMs: options.simulatorDelayMs ?? 150 });
    const schedule = createSyncSchedule({ engine, dataSource, logger });
    const tick = async () => {
      await schedule.tick();
      await services.budgetEvaluator.evaluateAll();
    };
    const scheduler = startScheduler({ expression: options.schedule ?? '*/2 * * * *', tick, logger });
    cleanup.push(scheduler.stop);
    return { url: `http://${host}:${port}`, adminUiServed, users: DEMO_USERS, organization, alerts, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { addDays, dayOf } from '@spendsync/domain';
import { buildApp, startApi, startWorkers } from '../app';
import { createDataSource } from '../data-source';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { runMigrations } from '../database/migrate';
import { createCredentialCipher } from '../features/provider-accounts/credential-cipher';
import type { SyncTopicMap } from '../features/sync/sync-pubsub';
import type { Logger } from '../logger';
import { createInMemoryPubSub } from '../pubsub/in-memory-pubsub';
import { pgPoolOf } from '../database/pg-pool';
import { startDemoMetering, type DemoMetering } from './demo-metering';
import { DEMO_METERING } from './demo-metering-plan';
import { createDemoCreditRunway } from './demo-credit-runway';
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
  /** How often the demo's metering client reports new traffic (default 10 s). */
  meteringIntervalMs?: number;
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
  /** The metering client reporting the demo applications' usage (see demo-metering-plan.ts). */
  metering: DemoMetering;
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
    for (const step of cleanup.splice(0).reverse())
      await step().catch((err: unknown) => logger.warn({ err }, 'Demo shutdown step failed'));
  };
  try {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'spendsync-demo-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    await chmod(dataDir, 0o711); // the postgres OS user (when we are root) must reach its cluster dir
    const database = options.databaseUrl
      ? { url: options.databaseUrl }
      : await startEmbeddedPostgres({ dataDir, logger });
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
    const app = buildApp({
      dataSource,
      cipher,
      pubsub,
      logger,
      backfillDays: days,
      now: options.now,
      allowCustomEndpoints: true,
      adapterDeps: sdk,
    });
    cleanup.push(() => app.stop());
    const host = options.host ?? '127.0.0.1';
    const port = options.port !== 0 && (await isPortFree(options.port, host)) ? options.port : 0;
    const api = await startApi(app, { port, host, adminUi: options.adminDist ?? true });
    cleanup.push(api.stop);
    const { services } = app;
    const organization = await createDemoOrganization(dataSource, services, running);
    const alerts = await startDemoAlerts(services, organization.organizationId, options.onAlert ?? (() => undefined));
    cleanup.push(alerts.stop);
    await createDemoCreditRunway(services, organization, running, today);
    // Slow the simulators down after the backfills started, so later syncs can be watched.
    for (const { simulator } of running) simulator.faults.set({ slowMs: options.simulatorDelayMs ?? 150 });
    const workers = startWorkers(app, { syncSchedule: options.schedule ?? '*/2 * * * *', deliveryPollMs: 2_000 });
    cleanup.push(workers.stop);
    const url = `http://${host}:${api.port}`;
    const meteringToken = await services.apiTokens.create(
      organization.organizationId,
      null,
      { name: 'Demo metering client', canRecordUsage: true, expiresInDays: 365 },
      new Date(),
    );
    const metering = startDemoMetering({
      url,
      token: meteringToken.token,
      pool: pgPoolOf(dataSource),
      organizationId: organization.organizationId,
      exporterDownDay: addDays(today, -Math.min(DEMO_METERING.exporterDown.daysAgo, days)),
      logger,
      intervalMs: options.meteringIntervalMs,
    });
    cleanup.push(metering.stop);
    return { url, adminUiServed: api.adminUiServed, users: DEMO_USERS, organization, alerts, metering, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

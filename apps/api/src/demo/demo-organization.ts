import type { ProviderId } from '@spendsync/domain';
import { CREDENTIAL_GUIDES } from '@spendsync/domain';
import type { DataSource } from 'typeorm';
import { bootstrapAdmin } from '../features/auth/bootstrap-admin';
import type { ApiServices } from '../services';
import { updateAnomalyThresholds } from '../features/anomalies/anomaly-settings.service';
import { pgPoolOf } from '../database/pg-pool';
import { DEMO_ANOMALY_MIN_COST, type DemoSimulator } from './demo-simulators';

/** The demo's sign-ins (the database is fresh and local to each demo run). */
export const DEMO_USERS = {
  admin: { email: 'admin@demo.spendsync.local', password: 'spendsync-demo' },
  viewer: { email: 'viewer@demo.spendsync.local', password: 'spendsync-demo' },
} as const;

/** What the demo set up. */
export type DemoOrganization = {
  organizationId: string;
  accounts: { provider: ProviderId; accountId: string; runId: string | null }[];
};

/**
 * Creates the demo organization (its admin through the normal first-start bootstrap, plus a
 * viewer) and links one account per simulator through the normal link service: credentials are
 * verified against the simulator, stored encrypted, and each link starts its backfill.
 */
export async function createDemoOrganization(
  dataSource: DataSource,
  services: ApiServices,
  running: readonly DemoSimulator[],
): Promise<DemoOrganization> {
  const boot = await bootstrapAdmin(dataSource, {
    ...DEMO_USERS.admin,
    organizationName: 'Demo organization',
    mustChangePassword: false,
    announce: () => undefined,
  });
  if (!boot.created) throw new Error('The demo needs an empty database, and this one already has users.');
  const { organizationId } = boot;
  await services.users.create(organizationId, { ...DEMO_USERS.viewer, role: 'viewer' });
  // Before the first syncs judge anything: only the injected spike, not the simulators' noise, is an anomaly.
  await updateAnomalyThresholds(pgPoolOf(dataSource), organizationId, { minCost: DEMO_ANOMALY_MIN_COST });
  const accounts: DemoOrganization['accounts'] = [];
  for (const { provider, simulator } of running) {
    const { account, run } = await services.providerLinks.link(organizationId, {
      provider,
      label: `${CREDENTIAL_GUIDES[provider].label} (demo)`,
      credentials: simulator.credentials,
      endpoint: simulator.adapterDeps().baseUrl ?? null,
    });
    accounts.push({ provider, accountId: account.id, runId: run?.id ?? null });
  }
  return { organizationId, accounts };
}

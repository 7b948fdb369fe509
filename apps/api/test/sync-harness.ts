import { randomUUID } from 'node:crypto';
import { simulators, type ProviderSimulator, type SimulatorOptions } from '@spendsync/simulators';
import { TEST_RETRY_POLICY } from '@spendsync/adapters/testing';
import { addDays, formatMoney, Money, startOfDay, sumMoney, type DayRange, type ProviderId } from '@spendsync/domain';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createInMemoryPubSub } from '../src/pubsub/in-memory-pubsub';
import { sealCredentials } from '../src/features/provider-accounts/provider-account-credentials';
import { pgPoolOf } from '../src/database/pg-pool';
import { createProviderAccountSyncService } from '../src/features/provider-accounts/provider-account-sync.service';
import { createSyncRunsService } from '../src/features/sync-runs/sync-runs.service';
import { createSyncEngine } from '../src/features/sync/sync-engine';
import type { SyncEngine, SyncEngineOptions } from '../src/features/sync/sync-engine.types';
import type { SyncPubSub, SyncTopicMap } from '../src/features/sync/sync-pubsub';
import { TEST_CIPHER } from './support/test-cipher';

export { TEST_CIPHER };

/** Every provider that has a simulator registered right now (later ones are picked up automatically). */
export const SIMULATED_PROVIDERS = (Object.keys(simulators) as ProviderId[]).sort();

/** Inserts an organization and an account of `provider` holding `credentials`, sealed like production. */
export async function createLinkedAccount(
  ds: DataSource,
  provider: ProviderId,
  credentials: unknown,
  label = `${provider} sync test`,
): Promise<{ id: string; organizationId: string }> {
  const [org] = await ds.query(`INSERT INTO organizations (name) VALUES ($1) RETURNING id`, [`org ${randomUUID()}`]);
  const id = randomUUID();
  const [account] = await ds.query(
    `INSERT INTO provider_accounts (id, organization_id, provider, label, credentials_encrypted, key_hint) VALUES ($1, $2, $3, $4, $5, 'test…hint') RETURNING id`,
    [id, org.id, provider, label, sealCredentials(TEST_CIPHER, { organizationId: org.id, id, provider }, credentials)],
  );
  return { id: account.id, organizationId: org.id };
}

/** The clock a simulator's adapters expect: its own when it has one, else two days after its data. */
export function simulatorNow(sim: ProviderSimulator): () => Date {
  return sim.adapterDeps().now ?? (() => startOfDay(addDays(sim.dataRange.end, 2)));
}

/** Starts the registered simulator of `provider`. */
export function startSimulator(provider: ProviderId, options: SimulatorOptions): Promise<ProviderSimulator> {
  return simulators[provider]!(options);
}

/** A sync engine pointed at `sim`, with short retries, an in-memory pub/sub and a silent log. */
export function createTestEngine(
  ds: DataSource,
  sim: ProviderSimulator,
  overrides: Partial<SyncEngineOptions> = {},
): { engine: SyncEngine; pubsub: SyncPubSub } {
  const pubsub = overrides.pubsub ?? createInMemoryPubSub<SyncTopicMap>();
  const pool = pgPoolOf(ds);
  const engine = createSyncEngine({
    dataSource: ds,
    runs: createSyncRunsService(pool),
    accounts: createProviderAccountSyncService(pool),
    pubsub,
    cipher: TEST_CIPHER,
    logger: pino({ level: 'silent' }),
    backfillDays: 30,
    now: simulatorNow(sim),
    adapterDeps: () => {
      const deps = sim.adapterDeps();
      return { ...deps, retry: { ...TEST_RETRY_POLICY, ...deps.retry } };
    },
    heartbeatMs: 200,
    ...overrides,
  });
  return { engine, pubsub };
}

/** Exact stored totals of an account over `range` (all days when omitted), as text. */
export async function storedTotals(
  ds: DataSource,
  accountId: string,
  range?: DayRange,
): Promise<{ cost: string; credits: string }> {
  const [row] = await ds.query(
    `SELECT coalesce(sum(cost), 0)::text AS cost, coalesce(sum(credits_applied), 0)::text AS credits FROM cost_records
      WHERE provider_account_id = $1 AND ($2::date IS NULL OR day >= $2) AND ($3::date IS NULL OR day < $3)`,
    [accountId, range?.start ?? null, range?.end ?? null],
  );
  return { cost: formatMoney(new Money(row.cost)), credits: formatMoney(new Money(row.credits)) };
}

/** The simulator's exact totals over a set of whole days, as text. */
export function truthOfDays(sim: ProviderSimulator, days: Iterable<string>): { cost: string; credits: string } {
  const truths = [...days].map((day) => sim.groundTruth({ start: day, end: addDays(day, 1) }));
  return {
    cost: formatMoney(sumMoney(truths.map((t) => t.cost))),
    credits: formatMoney(sumMoney(truths.map((t) => t.credits))),
  };
}

/** Runs a sync and waits for it; fails the test when it did not start. */
export async function syncNow(engine: SyncEngine, request: Parameters<SyncEngine['trigger']>[0]) {
  const started = await engine.trigger(request);
  if (started.kind !== 'started') throw new Error(`The sync did not start: ${started.message}`);
  return started.done;
}

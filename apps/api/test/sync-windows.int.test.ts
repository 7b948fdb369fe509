import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRandom, deriveSeed } from '@spendsync/simulators';
import { addDays, eachDay, type Day } from '@spendsync/domain';
import type { DataSource } from 'typeorm';
import {
  createLinkedAccount,
  createTestEngine,
  SIMULATED_PROVIDERS,
  startSimulator,
  storedTotals,
  syncNow,
  truthOfDays,
} from './sync-harness';
import { openTestDataSource } from './test-data-source';

// 40 windows per provider in `pnpm test` (about 50 s for the nine); `SYNC_WINDOWS=100` runs the longer
// version (about two minutes), as the suite did before it was trimmed to stay near fifteen minutes.
const WINDOWS = Number(process.env.SYNC_WINDOWS ?? 40);
const DATA_DAYS = 12;

/** Stored cost per day vs the simulator's, for every day ever synced. */
async function dayByDay(ds: DataSource, accountId: string, days: Iterable<Day>) {
  const rows: { day: Day; cost: string }[] = await ds.query(
    'SELECT day, sum(cost)::text AS cost FROM cost_records WHERE provider_account_id = $1 GROUP BY day',
    [accountId],
  );
  const stored = new Map(rows.map((r) => [r.day, r.cost]));
  return [...days].sort().map((day) => ({ day, stored: truthOf(stored.get(day) ?? '0') }));
}
const truthOf = (text: string) => text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

describe.each(SIMULATED_PROVIDERS)('%s: re-syncing random overlapping windows', (provider) => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it(`keeps stored totals equal to the ground truth over ${WINDOWS} seeded windows`, async () => {
    const sim = await startSimulator(provider, {
      seed: 4242,
      start: '2026-01-01',
      days: DATA_DAYS,
      workspaces: 2,
      keysPerWorkspace: 2,
      models: 3,
    });
    try {
      const account = await createLinkedAccount(ds, provider, sim.credentials);
      const rng = createRandom(deriveSeed(2026, provider, 'windows'));
      const synced = new Set<Day>();
      for (let i = 0; i < WINDOWS; i++) {
        // Windows overlap each other and the data range's edges (idle days before and after it).
        const start = addDays(sim.dataRange.start, rng.int(-2, DATA_DAYS - 1));
        const window = { start, end: addDays(start, rng.int(1, 6)) };
        const { engine } = createTestEngine(ds, sim, { maxChunkDays: rng.int(1, 4) });
        const run = await syncNow(engine, { accountId: account.id, trigger: 'manual', window });
        expect({ i, status: run.status, error: run.error }).toEqual({ i, status: 'succeeded', error: null });
        for (const day of eachDay(window)) synced.add(day);
        if (i % 10 === 9) expect(await storedTotals(ds, account.id)).toEqual(truthOfDays(sim, synced));
      }
      const perDay = await dayByDay(ds, account.id, synced);
      expect(perDay).toEqual([...synced].sort().map((day) => ({ day, stored: truthOfDays(sim, [day]).cost })));
      expect(await storedTotals(ds, account.id)).toEqual(truthOfDays(sim, synced));
    } finally {
      await sim.close();
    }
  }, 180_000);
});

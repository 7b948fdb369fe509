import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FaultSpec, ProviderSimulator } from '@spendsync/simulators';
import { TEST_RETRY_POLICY } from '@spendsync/adapters/testing';
import { addDays, eachDay, type Day } from '@spendsync/domain';
import type { DataSource } from 'typeorm';
import { SYNC_TOPICS } from '../src/features/sync-runs/sync-run.topics';
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

/** `retried`: the adapter retries this fault, and its retry warnings must reach the sync log. */
type FaultCase = { name: string; spec: FaultSpec; code: RegExp; retried: boolean };

const FAULTS: FaultCase[] = [
  {
    name: 'a 429 storm beyond the retries',
    spec: { rateLimit: { count: 10_000, retryAfterSeconds: 0 } },
    code: /RATE_LIMITED/,
    retried: true,
  },
  {
    name: '5xx answers beyond the retries',
    spec: { serverError: { count: 10_000, status: 503 } },
    code: /UPSTREAM_UNAVAILABLE/,
    retried: true,
  },
  {
    name: 'a malformed page',
    spec: { malformed: { count: 10_000 } },
    code: /INVALID_RESPONSE|UPSTREAM_UNAVAILABLE/,
    retried: false,
  },
  { name: 'timeouts', spec: { slowMs: 700 }, code: /UPSTREAM_UNAVAILABLE/, retried: true },
];

/** Days of the account that some row written after `watermark` (an id) belongs to. */
async function rewrittenDays(ds: DataSource, accountId: string, watermark: string): Promise<Set<Day>> {
  const rows: { day: Day }[] = await ds.query(
    'SELECT DISTINCT day FROM cost_records WHERE provider_account_id = $1 AND id > $2',
    [accountId, watermark],
  );
  return new Set(rows.map((r) => r.day));
}

describe.each(SIMULATED_PROVIDERS)('%s: faults in the middle of a run', (provider) => {
  let ds: DataSource;
  let sim: ProviderSimulator;
  beforeAll(async () => {
    ds = await openTestDataSource();
    sim = await startSimulator(provider, {
      seed: 99,
      start: '2026-01-01',
      days: 10,
      workspaces: 2,
      keysPerWorkspace: 2,
      models: 3,
      density: 1,
    });
  });
  afterAll(async () => {
    await sim?.close();
    await ds?.destroy();
  });

  it.each(FAULTS)(
    'ends partial on $name, names the missed days, keeps stored data, and the next run heals',
    async ({ spec, code, retried }) => {
      sim.faults.clear();
      const account = await createLinkedAccount(ds, provider, sim.credentials);
      const { engine, pubsub } = createTestEngine(ds, sim, { maxChunkDays: 2 });
      // The faulty run alone gets short timeouts, so "slow" is quick to become "timed out".
      const { engine: impatient } = createTestEngine(ds, sim, {
        maxChunkDays: 2,
        pubsub,
        adapterDeps: () => ({ ...sim.adapterDeps(), retry: { ...TEST_RETRY_POLICY, timeoutMs: 300, maxAttempts: 3 } }),
      });
      const stored = { start: sim.dataRange.start, end: addDays(sim.dataRange.start, 6) };
      expect((await syncNow(engine, { accountId: account.id, trigger: 'manual', window: stored })).status).toBe(
        'succeeded',
      );
      const [{ max: watermark }] = await ds.query('SELECT coalesce(max(id), 0)::text AS max FROM cost_records');

      // The fault starts once the first chunk is being written: chunks 2..4 of the window meet it.
      const window = { start: addDays(sim.dataRange.start, 2), end: addDays(sim.dataRange.start, 10) };
      const events = pubsub.subscribe(
        SYNC_TOPICS.RUN_PROGRESSED,
        (e) => e.providerAccountId === account.id && e.phase === 'writing',
      );
      void (async () => {
        for await (const _ of events) {
          sim.faults.set(spec);
          break;
        }
      })();
      const run = await syncNow(impatient, { accountId: account.id, trigger: 'manual', window });
      sim.faults.clear();
      await events.return?.();

      expect(run.status).toBe('partial');
      expect(run.error).toMatch(code);
      const warnings: { message: string }[] = await ds.query(
        `SELECT message FROM sync_log_entries WHERE run_id = $1 AND level = 'warn'`,
        [run.id],
      );
      if (retried)
        expect(warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/, retry 1\/\d+ in \d+ ms/));
      const [first, ...rest] = eachDay(window);
      expect(run.missingDays).not.toContain(first);
      expect(run.missingDays).toContain(rest.at(-1));
      // Exactly the days named missing were left alone; every other day was rewritten (or is idle: no rows at all).
      const rewritten = await rewrittenDays(ds, account.id, watermark);
      expect(run.missingDays.filter((d) => rewritten.has(d))).toEqual([]);
      const notRewritten = eachDay(window).filter((d) => !rewritten.has(d) && !run.missingDays.includes(d));
      const [{ n }] = await ds.query(
        'SELECT count(*)::int AS n FROM cost_records WHERE provider_account_id = $1 AND day = ANY($2::date[])',
        [account.id, notRewritten],
      );
      expect(n).toBe(0);
      for (const day of eachDay(window)) {
        const before = day < stored.end; // synced by the first run: must still be there, intact
        const expected =
          run.missingDays.includes(day) && !before ? { cost: '0', credits: '0' } : truthOfDays(sim, [day]);
        expect({ day, ...(await storedTotals(ds, account.id, { start: day, end: addDays(day, 1) })) }).toEqual({
          day,
          ...expected,
        });
      }

      const healed = await syncNow(engine, { accountId: account.id, trigger: 'manual' });
      expect(healed).toMatchObject({ status: 'succeeded', missingDays: [] });
      const lines: { message: string }[] = await ds.query(
        'SELECT message FROM sync_log_entries WHERE run_id = $1 ORDER BY id',
        [healed.id],
      );
      expect(lines.map((l) => l.message)).toContainEqual(
        `Retrying first the ${run.missingDays.length} days the previous run missed: ${run.missingDays.join(', ')}`,
      );
      const all = eachDay({ start: stored.start, end: window.end });
      expect(await storedTotals(ds, account.id, { start: stored.start, end: window.end })).toEqual(
        truthOfDays(sim, all),
      );
    },
    60_000,
  );
});

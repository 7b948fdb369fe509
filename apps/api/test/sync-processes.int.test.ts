import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProviderSimulator } from '@spendsync/simulators';
import { addDays, eachDay } from '@spendsync/domain';
import type { DataSource } from 'typeorm';
import { ORPHAN_REASON } from '../src/features/sync/orphan-runs';
import { SYNC_TOPICS, type SyncRunProgress } from '../src/features/sync-runs/sync-run.topics';
import { type SyncTopicMap } from '../src/features/sync/sync-pubsub';
import { createPgPubSub } from '../src/pubsub/pg-pubsub';
import type { PubSub } from '../src/pubsub/pubsub';
import { spawnSyncChild, type SyncChild } from './support/child-process';
import type { ChildConfig } from './support/sync-child';
import {
  createLinkedAccount,
  createTestEngine,
  simulatorNow,
  startSimulator,
  storedTotals,
  syncNow,
  truthOfDays,
} from './sync-harness';
import { openTestDataSource, testDatabaseUrl } from './test-data-source';

describe('sync across processes', () => {
  let ds: DataSource;
  let sim: ProviderSimulator;
  let pubsub: PubSub<SyncTopicMap>;
  const children: SyncChild[] = [];
  beforeAll(async () => {
    ds = await openTestDataSource();
    sim = await startSimulator('openai', {
      seed: 5,
      start: '2026-01-01',
      days: 20,
      workspaces: 2,
      keysPerWorkspace: 2,
      models: 3,
    });
    pubsub = await createPgPubSub<SyncTopicMap>({ connectionString: testDatabaseUrl() });
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await pubsub?.close();
    await sim?.close();
    await ds?.destroy();
  });

  const configFor = (accountId: string, overrides: Partial<ChildConfig> = {}): ChildConfig => ({
    databaseUrl: testDatabaseUrl(),
    accountId,
    trigger: 'link',
    baseUrl: sim.adapterDeps().baseUrl!,
    now: simulatorNow(sim)().toISOString(),
    ...overrides,
  });
  const spawn = (config: ChildConfig) => {
    const child = spawnSyncChild(config);
    children.push(child);
    return child;
  };

  it('runs one of two simultaneous triggers from two processes and tells the other which run is in progress', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    sim.faults.set({ slowMs: 40 });
    try {
      const [a, b] = [
        spawn(configFor(account.id, { waitForGo: true })),
        spawn(configFor(account.id, { waitForGo: true, trigger: 'manual' })),
      ];
      await Promise.all([a, b].map((c) => c.waitFor((e) => e.type === 'ready', 60_000)));
      a.send('go');
      b.send('go');
      const results = await Promise.all([a, b].map((c) => c.waitFor((e) => e.type === 'trigger')));
      const started = results.find((r) => r.kind === 'started');
      const told = results.find((r) => r.kind === 'already-running');
      expect(started).toBeDefined();
      expect(told).toMatchObject({ runId: started!.runId, message: expect.stringMatching(/already in progress/) });
      const runner = results[0] === started ? a : b;
      expect(await runner.waitFor((e) => e.type === 'done', 60_000)).toMatchObject({
        status: 'succeeded',
        runId: started!.runId,
      });
      expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
    } finally {
      sim.faults.clear();
    }
  }, 120_000);

  it("delivers a run's progress to a subscriber in another process", async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const seen: SyncRunProgress[] = [];
    const events = pubsub.subscribe(SYNC_TOPICS.RUN_PROGRESSED, (e) => e.providerAccountId === account.id);
    const collecting = (async () => {
      for await (const event of events) {
        seen.push(event);
        if (event.phase === 'finished') break;
      }
    })();
    const child = spawn(configFor(account.id, { maxChunkDays: 5 }));
    const done = await child.waitFor((e) => e.type === 'done', 60_000);
    await collecting;
    expect(seen.map((e) => e.runId).every((id) => id === done.runId)).toBe(true);
    expect(seen[0]).toMatchObject({ phase: 'queued', status: 'queued', daysDone: 0 });
    expect(seen.at(-1)).toMatchObject({
      phase: 'finished',
      status: 'succeeded',
      daysDone: seen.at(-1)!.daysTotal,
      missingDays: [],
    });
    expect(seen.some((e) => e.phase === 'writing')).toBe(true);
    const [run] = await ds.query('SELECT record_count FROM sync_runs WHERE id = $1', [done.runId]);
    expect(seen.at(-1)!.recordsSoFar).toBe(run.record_count);
  }, 120_000);

  it('recovers from a process killed mid-sync: no duplicates, no run left running, the next run repairs the window', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const written = pubsub.subscribe(
      SYNC_TOPICS.RUN_PROGRESSED,
      (e) => e.providerAccountId === account.id && e.phase === 'fetching' && e.daysDone >= 3,
    );
    sim.faults.set({ slowMs: 60 });
    const child = spawn(configFor(account.id, { maxChunkDays: 1 }));
    const { value: progress } = await written.next();
    child.kill('SIGKILL');
    expect(await child.exited).toBeNull();
    sim.faults.clear();
    const [stuck] = await ds.query('SELECT id, status, error FROM sync_runs WHERE provider_account_id = $1', [
      account.id,
    ]);
    expect(stuck.id).toBe(progress.runId);
    // Still "running" (unless a stale-run sweep of a test file running alongside already closed it).
    expect(stuck.status === 'running' || stuck.error === ORPHAN_REASON).toBe(true);

    // The lock died with the process: the next trigger starts at once and closes the orphan first.
    const { engine } = createTestEngine(ds, sim, { backfillDays: 30 });
    const run = await syncNow(engine, { accountId: account.id, trigger: 'schedule' });
    expect(run.status).toBe('succeeded');
    const runs = await ds.query(
      'SELECT id, status, error FROM sync_runs WHERE provider_account_id = $1 ORDER BY created_at',
      [account.id],
    );
    expect(runs).toEqual([
      { id: progress.runId, status: 'failed', error: ORPHAN_REASON },
      { id: run.id, status: 'succeeded', error: null },
    ]);
    const [counts] = await ds.query(
      `SELECT count(*)::int AS rows, count(DISTINCT (day, workspace_external_id, api_key_external_id, model, charge_kind, unit))::int AS grains
      FROM cost_records WHERE provider_account_id = $1`,
      [account.id],
    );
    expect(counts.rows).toBe(counts.grains);
    const window = { start: run.windowStart, end: run.windowEnd };
    expect(window.start <= sim.dataRange.start).toBe(true);
    expect(await storedTotals(ds, account.id)).toEqual(
      truthOfDays(sim, eachDay({ start: window.start, end: addDays(window.end, 0) })),
    );
  }, 120_000);
});

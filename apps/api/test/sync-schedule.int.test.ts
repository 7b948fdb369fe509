import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProviderSimulator } from '@spendsync/simulators';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../src/database/pg-pool';
import { createProviderAccountSyncService } from '../src/features/provider-accounts/provider-account-sync.service';
import { createSyncSchedule } from '../src/features/sync/sync-schedule';
import { createLinkedAccount, createTestEngine, startSimulator } from './sync-harness';
import { openTestDataSource } from './test-data-source';

describe('sync schedule fan-out', () => {
  let ds: DataSource;
  let sim: ProviderSimulator;
  beforeAll(async () => {
    ds = await openTestDataSource();
    sim = await startSimulator('openai', {
      seed: 3,
      start: '2026-01-01',
      days: 5,
      workspaces: 1,
      keysPerWorkspace: 1,
      models: 2,
    });
  });
  afterAll(async () => {
    await sim?.close();
    await ds?.destroy();
  });

  it('runs every connected account once, skips disconnected ones and those already syncing, and survives failures', async () => {
    const good = await createLinkedAccount(ds, 'openai', sim.credentials);
    const bad = await createLinkedAccount(ds, 'openai', sim.invalidCredentials);
    const off = await createLinkedAccount(ds, 'openai', sim.credentials);
    await ds.query(`UPDATE provider_accounts SET status = 'disconnected' WHERE id = $1`, [off.id]);
    const busy = await createLinkedAccount(ds, 'openai', sim.credentials);
    const { engine } = createTestEngine(ds, sim);
    const { engine: elsewhere } = createTestEngine(ds, sim);
    sim.faults.set({ slowMs: 100, path: /api_keys/ });
    const running = await elsewhere.trigger({ accountId: busy.id, trigger: 'manual' });
    expect(running.kind).toBe('started');
    // Other test files share the database: visit only this test's accounts (still through listSchedulable).
    const mine = new Set([good.id, bad.id, off.id, busy.id]);
    const listAccounts = async () =>
      (await createProviderAccountSyncService(pgPoolOf(ds)).listSchedulable()).filter((a) => mine.has(a.id));
    const report = await createSyncSchedule({
      engine,
      logger: pino({ level: 'silent' }),
      concurrency: 2,
      listAccounts,
    }).tick();
    sim.faults.clear();
    expect(report).toEqual({ closedStale: 0, finished: { succeeded: 1, failed: 1 }, alreadyRunning: 1, skipped: 0 });
    if (running.kind === 'started') await running.done;
    const runs = await ds.query(`SELECT provider_account_id, trigger FROM sync_runs WHERE trigger = 'schedule'`);
    expect(runs.map((r: { provider_account_id: string }) => r.provider_account_id)).toContain(good.id);
    expect(runs.map((r: { provider_account_id: string }) => r.provider_account_id)).not.toContain(off.id);
  });
});

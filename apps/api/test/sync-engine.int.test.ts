import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProviderSimulator } from '@spendsync/adapters';
import { addDays, eachDay } from '@spendsync/domain';
import type { DataSource } from 'typeorm';
import { createLinkedAccount, createTestEngine, startSimulator, storedTotals, syncNow, truthOfDays } from './sync-harness';
import { openTestDataSource } from './test-data-source';

describe('sync engine (OpenAI simulator)', () => {
  let ds: DataSource;
  let sim: ProviderSimulator;
  beforeAll(async () => {
    ds = await openTestDataSource();
    sim = await startSimulator('openai', { seed: 7, start: '2026-01-01', days: 12, workspaces: 2, keysPerWorkspace: 2, models: 3 });
  });
  afterAll(async () => {
    await sim?.close();
    await ds?.destroy();
  });

  it('backfills on link: stores exactly the ground truth, lists workspaces and keys, logs each step', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const { engine } = createTestEngine(ds, sim, { backfillDays: 20, maxChunkDays: 5 });
    const run = await syncNow(engine, { accountId: account.id, trigger: 'link' });
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'link', missingDays: [], error: null, workspaceCount: 2, apiKeyCount: 4 });
    expect(run.recordCount).toBeGreaterThan(0);
    const days = eachDay({ start: run.windowStart, end: run.windowEnd });
    expect(await storedTotals(ds, account.id)).toEqual(truthOfDays(sim, days));
    const workspaces = await ds.query('SELECT external_id, provider_name, display_name FROM workspaces WHERE provider_account_id = $1', [account.id]);
    expect(workspaces).toHaveLength(2);
    const lines: { level: string; message: string }[] = await ds.query('SELECT level, message FROM sync_log_entries WHERE run_id = $1 ORDER BY id', [run.id]);
    expect(lines[0]!.message).toMatch(/^Sync started \(link\): 21 days/);
    expect(lines.some((l) => /records written/.test(l.message))).toBe(true);
    expect(lines.at(-1)!.message).toMatch(/^Sync succeeded: \d+ records, 2 workspaces, 4 API keys$/);
    const [state] = await ds.query('SELECT status, last_error, last_synced_at, data_complete_through FROM provider_accounts WHERE id = $1', [account.id]);
    expect(state).toMatchObject({ status: 'active', last_error: null, data_complete_through: addDays(sim.dataRange.end, 0) });
  });

  it('never overwrites the display name an admin gave a workspace', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const { engine } = createTestEngine(ds, sim);
    await syncNow(engine, { accountId: account.id, trigger: 'manual' });
    await ds.query(`UPDATE workspaces SET display_name = 'Chosen by admin', provider_name = 'stale' WHERE provider_account_id = $1`, [account.id]);
    await syncNow(engine, { accountId: account.id, trigger: 'manual' });
    const rows = await ds.query('SELECT provider_name, display_name FROM workspaces WHERE provider_account_id = $1', [account.id]);
    expect(rows.map((r: { display_name: string }) => r.display_name)).toEqual(['Chosen by admin', 'Chosen by admin']);
    expect(rows.filter((r: { provider_name: string }) => r.provider_name === 'stale')).toEqual([]);
  });
});

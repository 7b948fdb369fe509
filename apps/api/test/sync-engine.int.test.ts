import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProviderSimulator } from '@spendsync/simulators';
import { addDays, credentialSecrets, eachDay } from '@spendsync/domain';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { ORPHAN_REASON } from '../src/features/sync/orphan-runs';
import {
  createLinkedAccount,
  createTestEngine,
  startSimulator,
  storedTotals,
  syncNow,
  truthOfDays,
} from './sync-harness';
import { openTestDataSource, testDatabaseUrl } from './test-data-source';

describe('sync engine (OpenAI simulator)', () => {
  let ds: DataSource;
  let sim: ProviderSimulator;
  beforeAll(async () => {
    ds = await openTestDataSource();
    sim = await startSimulator('openai', {
      seed: 7,
      start: '2026-01-01',
      days: 12,
      workspaces: 2,
      keysPerWorkspace: 2,
      models: 3,
    });
  });
  afterAll(async () => {
    await sim?.close();
    await ds?.destroy();
  });

  it('backfills on link: stores exactly the ground truth, lists workspaces and keys, logs each step', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const { engine } = createTestEngine(ds, sim, { backfillDays: 20, maxChunkDays: 5 });
    const run = await syncNow(engine, { accountId: account.id, trigger: 'link' });
    expect(run).toMatchObject({
      status: 'succeeded',
      trigger: 'link',
      missingDays: [],
      error: null,
      workspaceCount: 2,
      apiKeyCount: 4,
    });
    expect(run.recordCount).toBeGreaterThan(0);
    const days = eachDay({ start: run.windowStart, end: run.windowEnd });
    expect(await storedTotals(ds, account.id)).toEqual(truthOfDays(sim, days));
    const workspaces = await ds.query(
      'SELECT external_id, provider_name, display_name FROM workspaces WHERE provider_account_id = $1',
      [account.id],
    );
    expect(workspaces).toHaveLength(2);
    const lines: { level: string; message: string }[] = await ds.query(
      'SELECT level, message FROM sync_log_entries WHERE run_id = $1 ORDER BY id',
      [run.id],
    );
    expect(lines[0]!.message).toMatch(/^Sync started \(link\): 21 days/);
    expect(lines.some((l) => /records written/.test(l.message))).toBe(true);
    expect(lines.at(-1)!.message).toMatch(/^Sync succeeded: \d+ records, 2 workspaces, 4 API keys$/);
    const [state] = await ds.query(
      'SELECT status, last_error, last_synced_at, data_complete_through FROM provider_accounts WHERE id = $1',
      [account.id],
    );
    // OpenAI's data counts as settled 24 h after a day closes (its adapter's dataDelayHours)
    expect(state).toMatchObject({
      status: 'active',
      last_error: null,
      data_complete_through: addDays(sim.dataRange.end, 1),
    });
  });

  it('never overwrites the display name an admin gave a workspace', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const { engine } = createTestEngine(ds, sim);
    await syncNow(engine, { accountId: account.id, trigger: 'manual' });
    await ds.query(
      `UPDATE workspaces SET display_name = 'Chosen by admin', provider_name = 'stale' WHERE provider_account_id = $1`,
      [account.id],
    );
    await syncNow(engine, { accountId: account.id, trigger: 'manual' });
    const rows = await ds.query('SELECT provider_name, display_name FROM workspaces WHERE provider_account_id = $1', [
      account.id,
    ]);
    expect(rows.map((r: { display_name: string }) => r.display_name)).toEqual(['Chosen by admin', 'Chosen by admin']);
    expect(rows.filter((r: { provider_name: string }) => r.provider_name === 'stale')).toEqual([]);
  });

  it('fails a run whose credential is refused, naming the error, and marks the account', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.invalidCredentials);
    const { engine } = createTestEngine(ds, sim);
    const run = await syncNow(engine, {
      accountId: account.id,
      trigger: 'manual',
      window: { start: sim.dataRange.start, end: addDays(sim.dataRange.start, 3) },
    });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^AUTH_FAILED: OpenAI: HTTP 401/);
    expect(run.missingDays).toEqual(eachDay({ start: sim.dataRange.start, end: addDays(sim.dataRange.start, 3) }));
    const [state] = await ds.query('SELECT status, last_error FROM provider_accounts WHERE id = $1', [account.id]);
    expect(state).toEqual({ status: 'error', last_error: run.error });
  });

  it('flags a credential that authenticates but yields no billing data with the wrong-key-type guidance', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const { engine } = createTestEngine(ds, sim);
    const run = await syncNow(engine, {
      accountId: account.id,
      trigger: 'manual',
      window: { start: '2025-06-01', end: '2025-06-05' },
    });
    expect(run).toMatchObject({ status: 'succeeded', recordCount: 0 });
    const [warning] = await ds.query(`SELECT message FROM sync_log_entries WHERE run_id = $1 AND level = 'warn'`, [
      run.id,
    ]);
    expect(warning.message).toMatch(
      /returned no billing data for 2025-06-01 to 2025-06-04\. Wrong key type\? Billing data needs: Organization Admin key \(sk-admin-…\)/,
    );
    const [state] = await ds.query('SELECT status, last_error FROM provider_accounts WHERE id = $1', [account.id]);
    expect(state).toEqual({ status: 'active', last_error: warning.message });
  });

  it('tells a second trigger (from this or another engine) that a run is in progress, and which', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const { engine } = createTestEngine(ds, sim);
    const { engine: other } = createTestEngine(ds, sim);
    sim.faults.set({ slowMs: 50 });
    try {
      const [a, b] = await Promise.all([
        engine.trigger({ accountId: account.id, trigger: 'manual' }),
        engine.trigger({ accountId: account.id, trigger: 'schedule' }),
      ]);
      const started = [a, b].find((r) => r.kind === 'started');
      const refused = [a, b].find((r) => r.kind === 'already-running');
      expect(started && refused).toBeTruthy();
      if (started?.kind !== 'started' || refused?.kind !== 'already-running') return;
      expect(refused.run?.id).toBe(started.run.id);
      expect(refused.message).toMatch(new RegExp(`already in progress \\(run ${started.run.id}`));
      const third = await other.trigger({ accountId: account.id, trigger: 'manual' });
      expect(third).toMatchObject({ kind: 'already-running', run: { id: started.run.id } });
      expect((await started.done).status).toBe('succeeded');
    } finally {
      sim.faults.clear();
    }
    expect((await engine.trigger({ accountId: account.id, trigger: 'manual' })).kind).toBe('started');
  }, 30_000);

  it('closes a run whose process died and retries the days it had not written first', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const days = [sim.dataRange.start, addDays(sim.dataRange.start, 1)];
    const [dead] = await ds.query(
      `INSERT INTO sync_runs (organization_id, provider_account_id, trigger, window_start, window_end, status, started_at, heartbeat_at, missing_days)
       VALUES ($1, $2, 'schedule', $3, $4, 'running', now() - interval '1 hour', now() - interval '1 hour', $5::date[]) RETURNING id`,
      [account.organizationId, account.id, days[0], addDays(days[1]!, 1), days],
    );
    const { engine } = createTestEngine(ds, sim);
    const closed = await engine.closeStaleRuns();
    expect(closed.map((r) => r.id)).toContain(dead.id);
    const [row] = await ds.query('SELECT status, error, finished_at FROM sync_runs WHERE id = $1', [dead.id]);
    expect(row).toMatchObject({ status: 'failed', error: ORPHAN_REASON });
    const run = await syncNow(engine, { accountId: account.id, trigger: 'schedule' });
    const lines: { message: string }[] = await ds.query(
      'SELECT message FROM sync_log_entries WHERE run_id = $1 ORDER BY id',
      [run.id],
    );
    expect(lines[1]!.message).toBe(`Retrying first the 2 days the previous run missed: ${days.join(', ')}`);
    expect(run.status).toBe('succeeded');
  });

  it('ends the session of a run whose heartbeat stopped while its lock is still held (a frozen process), then closes it', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const frozen = new pg.Client({ connectionString: testDatabaseUrl() });
    await frozen.connect();
    const lost = new Promise<Error>((resolve) => frozen.on('error', resolve));
    await frozen.query('SELECT pg_advisory_lock(7106012, hashtext($1))', [account.id]);
    const [run] = await frozen
      .query(
        `INSERT INTO sync_runs (organization_id, provider_account_id, trigger, window_start, window_end, status, started_at, heartbeat_at)
       VALUES ($1, $2, 'manual', '2026-01-01', '2026-01-02', 'running', now() - interval '10 minutes', now() - interval '10 minutes') RETURNING id`,
        [account.organizationId, account.id],
      )
      .then((r) => r.rows);
    const { engine } = createTestEngine(ds, sim, { staleAfterMs: 60_000 });
    expect((await engine.trigger({ accountId: account.id, trigger: 'manual' })).kind).toBe('already-running');
    const closed = await engine.closeStaleRuns();
    expect(closed.map((r) => r.id)).toContain(run.id);
    expect((await lost).message).toMatch(/terminat/);
    await frozen.end().catch(() => undefined);
    const [row] = await ds.query('SELECT status, error FROM sync_runs WHERE id = $1', [run.id]);
    expect(row).toEqual({ status: 'failed', error: ORPHAN_REASON });
    expect(await syncNow(engine, { accountId: account.id, trigger: 'manual' })).toMatchObject({ status: 'succeeded' });
  });

  it('stops runs in flight on shutdown, closing them with the days left', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const { engine } = createTestEngine(ds, sim, { maxChunkDays: 1 });
    sim.faults.set({ slowMs: 100 });
    try {
      const started = await engine.trigger({ accountId: account.id, trigger: 'link' });
      if (started.kind !== 'started') throw new Error(started.message);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await engine.stop();
      const run = await started.done;
      expect(['partial', 'failed']).toContain(run.status);
      expect(run.missingDays.length).toBeGreaterThan(0);
      expect(run.error).toMatch(/Stopped early: The server is shutting down/);
      expect(await engine.trigger({ accountId: account.id, trigger: 'manual' })).toMatchObject({ kind: 'unavailable' });
    } finally {
      sim.faults.clear();
    }
  });

  it('never stores a credential secret in a log line or a run error (checked last)', async () => {
    const secrets = [sim.credentials, sim.invalidCredentials].flatMap((c) => credentialSecrets('openai', c));
    expect(secrets.length).toBeGreaterThan(0);
    const texts: { text: string }[] =
      await ds.query(`SELECT message AS text FROM sync_log_entries UNION ALL SELECT error FROM sync_runs WHERE error IS NOT NULL
      UNION ALL SELECT last_error FROM provider_accounts WHERE last_error IS NOT NULL`);
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.filter((t) => secrets.some((s) => t.text.includes(s)))).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProviderSimulator } from '@spendsync/simulators';
import { loadApiConfig } from '@spendsync/config';
import { addDays } from '@spendsync/domain';
import type { DataSource } from 'typeorm';
import { EXIT_BUSY, runSync } from '../src/cli/sync.command';
import { captureIo } from '../src/cli/testing';
import {
  createLinkedAccount,
  createTestEngine,
  simulatorNow,
  startSimulator,
  storedTotals,
  truthOfDays,
} from './sync-harness';
import { openTestDataSource, testDatabaseUrl } from './test-data-source';

// The test engines' master key (support/test-cipher.ts), as the configuration would give it.
const loadConfig = () =>
  loadApiConfig({
    DATABASE_URL: testDatabaseUrl(),
    SPENDSYNC_MASTER_KEY: Buffer.alloc(32, 0x5a).toString('base64'),
    LOG_LEVEL: 'warn',
  });

describe('spendsync sync', () => {
  let ds: DataSource;
  let sim: ProviderSimulator;
  beforeAll(async () => {
    ds = await openTestDataSource();
    sim = await startSimulator('openai', {
      seed: 11,
      start: '2026-01-01',
      days: 6,
      workspaces: 1,
      keysPerWorkspace: 2,
      models: 2,
    });
  });
  afterAll(async () => {
    await sim?.close();
    await ds?.destroy();
  });

  const simArgs = () => ['--base-url', sim.adapterDeps().baseUrl!, '--now', simulatorNow(sim)().toISOString()];

  it('syncs a window in the foreground: plain progress lines on stderr, the result as JSON on stdout', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const out = captureIo();
    const window = { start: sim.dataRange.start, end: addDays(sim.dataRange.start, 4) };
    const code = await runSync(
      ['--account', account.id, '--from', window.start, '--to', window.end, ...simArgs()],
      out.io,
      { loadConfig },
    );
    expect({ code, stderr: out.stderr() }).toMatchObject({ code: 0 });
    const result = JSON.parse(out.stdout());
    expect(result).toMatchObject({
      status: 'succeeded',
      window,
      missingDays: [],
      error: null,
      workspaces: 1,
      apiKeys: 2,
    });
    expect(await storedTotals(ds, account.id)).toEqual(
      truthOfDays(sim, ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']),
    );
    const lines = out.stderr().split('\n');
    expect(lines).toContain('info  Sync started (manual): 4 days, 2026-01-01 to 2026-01-04, in 1 chunks');
    expect(lines.some((l) => /^\[#{24}\] 4\/4 days · \d+ records · finished$/.test(l))).toBe(true);
    expect(out.stderr()).not.toContain('\r');
    expect(out.stderr() + out.stdout()).not.toContain(String(sim.credentials.apiKey));
  });

  it('draws a progress bar on a terminal', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const out = captureIo();
    Object.assign(out.io.stderr, { isTTY: true, columns: 120 });
    const code = await runSync(
      ['--account', account.id, '--from', '2026-01-02', '--to', '2026-01-04', ...simArgs()],
      out.io,
      { loadConfig },
    );
    expect(code).toBe(0);
    const redraws = out.stderr().split('\r\u001b[2K');
    expect(redraws.length).toBeGreaterThan(2);
    expect(redraws.at(-1)).toMatch(/^\[#{24}\] 2\/2 days · \d+ records · finished\n$/);
  });

  it('says when the account is already syncing, and which run', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    const { engine } = createTestEngine(ds, sim);
    sim.faults.set({ slowMs: 50 });
    try {
      const running = await engine.trigger({ accountId: account.id, trigger: 'manual' });
      if (running.kind !== 'started') throw new Error(running.message);
      const out = captureIo();
      expect(await runSync(['--account', account.id, ...simArgs()], out.io, { loadConfig })).toBe(EXIT_BUSY);
      expect(out.stderr()).toContain(`already in progress (run ${running.run.id}`);
      await running.done;
    } finally {
      sim.faults.clear();
    }
  });

  it.each<[string, string[], RegExp]>([
    ['no account', [], /--account is required/],
    ['a malformed account id', ['--account', 'abc'], /is not an account id/],
    [
      '--from without --to',
      ['--account', '00000000-0000-0000-0000-000000000000', '--from', '2026-01-01'],
      /give both --from and --to/,
    ],
    [
      'a reversed window',
      ['--account', '00000000-0000-0000-0000-000000000000', '--from', '2026-01-05', '--to', '2026-01-01'],
      /must come after --from/,
    ],
  ])('refuses %s with a usage error', async (_name, argv, message) => {
    const out = captureIo();
    expect(await runSync(argv, out.io, { loadConfig })).toBe(2);
    expect(out.stderr()).toMatch(message);
  });

  it('fails with a clear message for an unknown account', async () => {
    const out = captureIo();
    expect(await runSync(['--account', '00000000-0000-0000-0000-000000000000'], out.io, { loadConfig })).toBe(1);
    expect(out.stderr()).toMatch(/There is no provider account 00000000-0000-0000-0000-000000000000/);
  });

  it("holds the server's outbound policy: a LiteLLM proxy on loopback syncs only once allowed", async () => {
    const shape = { seed: 3, start: '2026-01-01', days: 3, workspaces: 1, keysPerWorkspace: 1, models: 1 };
    const litellm = await startSimulator('litellm', shape);
    try {
      const account = await createLinkedAccount(ds, 'litellm', litellm.credentials);
      const now = simulatorNow(litellm)().toISOString();
      const args = ['--account', account.id, '--from', '2026-01-01', '--to', '2026-01-03', '--now', now];
      const refused = captureIo();
      expect(await runSync(args, refused.io, { loadConfig })).toBe(1);
      expect(JSON.parse(refused.stdout()).error).toMatch(
        /127\.0\.0\.1 is a loopback or private address.*SPENDSYNC_LITELLM_ALLOWED_HOSTS/,
      );
      const allowed = captureIo();
      const allowing = () => ({ ...loadConfig(), litellmAllowedHosts: ['127.0.0.1'] });
      expect(await runSync(args, allowed.io, { loadConfig: allowing })).toBe(0);
      expect(JSON.parse(allowed.stdout())).toMatchObject({ status: 'succeeded', error: null });
    } finally {
      await litellm.close();
    }
  });
});

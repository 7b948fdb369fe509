import { afterEach, describe, expect, it } from '@jest/globals';
import { Money, addDays, formatCents, formatMoney, sumMoney, type CostRecord } from '@spendsync/domain';
import type { ProviderSimulator } from '../../testing/provider-simulator';
import { collectRecords, createCapturingLogger, createTestDeps, sumRecords } from '../../testing/contract-helpers';
import { MAX_KEYS_FOR_BREAKDOWN } from './adapter';
import { STANDARD_KEY_MESSAGE, STANDARD_KEY_MODEL } from './standard-key';
import { UNITS_PER_USD, createOpenRouterDataset } from '@spendsync/simulators/providers/openrouter/dataset';
import { openrouterProvider } from './index';
import {
  startOpenRouterSimulator,
  type OpenRouterSimulatorOptions,
} from '@spendsync/simulators/providers/openrouter/simulator';

const OPTIONS: OpenRouterSimulatorOptions = {
  seed: 7,
  start: '2026-03-01',
  days: 10,
  workspaces: 2,
  keysPerWorkspace: 3,
  models: 4,
};
let sim: ProviderSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: OpenRouterSimulatorOptions = OPTIONS) {
  sim = await startOpenRouterSimulator(options);
  const logger = createCapturingLogger();
  const adapterFor = (credentials: Record<string, unknown> = sim!.credentials) =>
    openrouterProvider.create(openrouterProvider.credentials.parse(credentials), createTestDeps(sim!, logger));
  return { sim, logger, adapterFor };
}

const byKey = (records: CostRecord[]) => {
  const sums = new Map<string | null, Money[]>();
  for (const r of records) sums.set(r.apiKeyId, [...(sums.get(r.apiKeyId) ?? []), r.cost]);
  return new Map([...sums].map(([k, v]) => [k, formatMoney(sumMoney(v))]));
};

describe('OpenRouter adapter with a management key', () => {
  it('returns each key its own cost and the deleted key’s usage on a key-less record', async () => {
    const { sim, adapterFor } = await start();
    const { records } = await collectRecords(adapterFor(), sim.dataRange);
    const dataset = createOpenRouterDataset(OPTIONS);
    const expected = new Map<string | null, string>();
    for (const key of dataset.keys) {
      const units = dataset.keyUsage(key.index, dataset.range);
      if (units > 0) expected.set(key.listed ? key.hash : null, formatMoney(new Money(units).div(UNITS_PER_USD)));
    }
    expect(byKey(records)).toEqual(expected);
    expect(formatMoney(sumRecords(records).cost)).toBe(formatMoney(sim.groundTruth(sim.dataRange).cost));
    expect(records.find((r) => r.apiKeyId !== null)).toMatchObject({
      workspaceId: expect.any(String),
      apiKeyHint: expect.stringMatching(/^sk-or-v1-.{3}\.\.\..{3}$/),
    });
  });

  it('verifies as full and shows the credit balance', async () => {
    const { sim, adapterFor } = await start();
    const remaining = formatCents(sim.balance?.()?.remaining ?? new Money(-1));
    await expect(adapterFor().verify()).resolves.toMatchObject({
      detail: 'full',
      message: expect.stringContaining(`Credit balance: $${remaining}.`),
    });
  });

  it('reads the balance as credits bought less credits used, and none with a standard key', async () => {
    const { sim, adapterFor } = await start();
    const balance = await adapterFor().readBalance?.();
    const truth = sim.balance?.();
    expect(balance && [balance.granted?.toString(), balance.used?.toString(), balance.remaining.toString()]).toEqual([
      truth?.granted?.toString(),
      sim.groundTruth(sim.dataRange).cost.toString(),
      truth?.remaining.toString(),
    ]);
    expect(balance?.remaining.gt(0)).toBe(true);
    await expect(adapterFor({ apiKey: sim.credentials.apiKey }).readBalance?.()).resolves.toBeNull();
  });

  it('treats an API key that is a management key as one', async () => {
    const { sim, adapterFor } = await start();
    const adapter = adapterFor({ apiKey: sim.credentials.managementKey });
    await expect(adapter.verify()).resolves.toMatchObject({ detail: 'full' });
    const { records } = await collectRecords(adapter, sim.dataRange);
    expect(formatMoney(sumRecords(records).cost)).toBe(formatMoney(sim.groundTruth(sim.dataRange).cost));
  });

  it('skips days outside the 30-day window with a warning, and today with a note, without asking for them', async () => {
    const { sim, logger, adapterFor } = await start();
    const range = { start: addDays(sim.dataRange.end, -45), end: addDays(sim.dataRange.end, 2) };
    const from = sim.calls.length;
    const { records } = await collectRecords(adapterFor(), range);
    expect(formatMoney(sumRecords(records).cost)).toBe(formatMoney(sim.groundTruth(sim.dataRange).cost));
    expect(sim.calls.slice(from).filter((c) => c.status >= 400)).toEqual([]);
    expect(logger.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^warn OpenRouter: activity covers only the last 30 completed UTC days; 2026-01-25 to 2026-02-08 \(15 days\) is older/,
        ),
        expect.stringMatching(/^info OpenRouter: 2026-03-11 to 2026-03-12 \(2 days\) is not complete yet/),
      ]),
    );
  });

  it('returns nothing and makes no call for a range entirely older than the window', async () => {
    const { sim, adapterFor } = await start();
    const from = sim.calls.length;
    const { records } = await collectRecords(adapterFor(), { start: '2025-01-01', end: '2025-02-01' });
    expect(records).toEqual([]);
    expect(sim.calls.slice(from)).toEqual([]);
  });

  it('pages the key list in pages of 100 and lists every key', async () => {
    const options = { ...OPTIONS, workspaces: 3, keysPerWorkspace: 45, days: 2, models: 2 };
    const { sim, adapterFor } = await start(options);
    const keys = await adapterFor().listApiKeys!();
    expect(keys).toHaveLength(135);
    expect(new Set(keys.map((k) => k.id)).size).toBe(135);
    expect(sim.calls.filter((c) => c.path === '/api/v1/keys')).toHaveLength(2);
  });

  it(`records per model only, with a warning, when more than ${MAX_KEYS_FOR_BREAKDOWN} keys have usage`, async () => {
    const options = { ...OPTIONS, workspaces: 1, keysPerWorkspace: 320, days: 2, models: 1, density: 1 };
    const { sim, logger, adapterFor } = await start(options);
    const { records } = await collectRecords(adapterFor(), sim.dataRange);
    expect(records.every((r) => r.apiKeyId === null)).toBe(true);
    expect(formatMoney(sumRecords(records).cost)).toBe(formatMoney(sim.groundTruth(sim.dataRange).cost));
    expect(logger.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^warn OpenRouter: 2\d\d keys have usage; per-key breakdown is limited/),
      ]),
    );
  });

  it('waits for X-RateLimit-Reset when a 429 has no Retry-After', async () => {
    const { sim, adapterFor } = await start();
    sim.faults.set({ rateLimit: { count: 1, retryAfterSeconds: null }, path: /\/activity$/ });
    const started = Date.now();
    const { records } = await collectRecords(adapterFor(), {
      start: sim.dataRange.start,
      end: addDays(sim.dataRange.start, 1),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(sim.calls.filter((c) => c.status === 429)).toHaveLength(1);
    expect(records.length).toBeGreaterThan(0);
  });
});

describe('OpenRouter adapter with a standard key only', () => {
  const STANDARD = { ...OPTIONS, managementKey: false };
  const usdOf = (units: number) => formatMoney(new Money(units).div(UNITS_PER_USD));

  it("verifies as limited, says what a management key unlocks and that history is 30 days, with the key's usage and limit", async () => {
    const { sim, adapterFor } = await start(STANDARD);
    const result = await adapterFor().verify();
    expect(result).toMatchObject({ accountName: null, detail: 'limited', readableDays: 0 });
    expect(result.message).toContain(STANDARD_KEY_MESSAGE);
    expect(STANDARD_KEY_MESSAGE).toMatch(
      /only the last 30 days.*management key .*exact daily cost per model and per API key/,
    );
    const dataset = createOpenRouterDataset(STANDARD);
    const key = dataset.keys.find((k) => k.listed)!;
    const today = formatCents(
      new Money(dataset.keyUsage(key.index, { start: dataset.today, end: addDays(dataset.today, 1) })).div(
        UNITS_PER_USD,
      ),
    );
    expect(result.message).toMatch(
      new RegExp(
        `Key sk-or-v1-.{3}\\.\\.\\..{3}: \\$${today.replace('.', '\\.')} today, .* this month, .* in total; no spending limit\\.$`,
      ),
    );
    expect(sim.calls.map((c) => c.path)).toEqual(['/api/v1/key']);
  });

  it("records the key's spend so far today, with no model or token counts, calling only GET /key", async () => {
    const { sim, logger, adapterFor } = await start(STANDARD);
    const adapter = adapterFor();
    const dataset = createOpenRouterDataset(STANDARD);
    const key = dataset.keys.find((k) => k.listed)!;
    const range = { start: addDays(dataset.today, -3), end: addDays(dataset.today, 1) };
    const { records } = await collectRecords(adapter, range);
    expect(records).toEqual([
      expect.objectContaining({
        day: dataset.today,
        model: STANDARD_KEY_MODEL,
        apiKeyHint: key.label,
        inputTokens: null,
        outputTokens: null,
        requests: null,
      }),
    ]);
    expect(formatMoney(records[0]!.cost)).toBe(
      usdOf(dataset.keyUsage(key.index, { start: dataset.today, end: addDays(dataset.today, 1) })),
    );
    expect(new Money(records[0]!.cost).isZero()).toBe(false);
    await expect(adapter.listApiKeys!()).resolves.toEqual([]);
    expect(new Set(sim.calls.map((c) => `${c.path} ${c.status}`))).toEqual(new Set(['/api/v1/key 200']));
    expect(logger.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^warn OpenRouter: standard key only, so just the key's spend so far today/),
      ]),
    );
  });

  it('records nothing, and calls nothing more, for a range that does not reach today', async () => {
    const { sim, adapterFor } = await start(STANDARD);
    const adapter = adapterFor();
    await adapter.verify();
    const { records } = await collectRecords(adapter, sim.dataRange);
    expect(records).toEqual([]);
    expect(sim.calls.map((c) => c.path)).toEqual(['/api/v1/key']);
  });
});

import { afterEach, describe, expect, it } from '@jest/globals';
import { addDays, formatMoney, grainKey, rangeContains, type DayRange } from '@spendsync/domain';
import type { ProviderSimulator } from '../../testing/provider-simulator';
import {
  catchAdapterError,
  collectRecords,
  createCapturingLogger,
  createTestDeps,
  sumRecords,
} from '../../testing/contract-helpers';
import { NOT_PREMIUM_WARNING } from './adapter';
import { createLiteLlmDataset } from '@spendsync/simulators/providers/litellm/dataset';
import { litellmProvider } from './index';
import { startLiteLlmSimulator, type LiteLlmSimulatorOptions } from '@spendsync/simulators/providers/litellm/simulator';

const BASE: LiteLlmSimulatorOptions = {
  seed: 11,
  start: '2026-02-01',
  days: 8,
  workspaces: 2,
  keysPerWorkspace: 3,
  models: 3,
  pageSize: 7,
};
let sim: ProviderSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: LiteLlmSimulatorOptions) {
  sim = await startLiteLlmSimulator({ ...BASE, ...options });
  const logger = createCapturingLogger();
  const adapterFor = (credentials: Record<string, unknown> = sim!.credentials) =>
    litellmProvider.create(litellmProvider.credentials.parse(credentials), createTestDeps(sim!, logger));
  return { sim, logger, adapterFor };
}

const expectTruth = async (
  simulator: ProviderSimulator,
  adapter: ReturnType<typeof litellmProvider.create>,
  range: DayRange,
) => {
  const { records } = await collectRecords(adapter, range);
  expect(records.filter((r) => !rangeContains(range, r.day))).toEqual([]);
  expect(new Set(records.map(grainKey)).size).toBe(records.length);
  expect(formatMoney(sumRecords(records).cost)).toBe(formatMoney(simulator.groundTruth(range).cost));
  return records;
};

describe('LiteLLM adapter across proxy versions', () => {
  it.each([
    ['paged, inclusive end day', { paged: true, endInclusive: true }],
    ['paged, exclusive end day', { paged: true, endInclusive: false }],
    ['unpaged, inclusive end day', { paged: false, endInclusive: true }],
    ['unpaged, exclusive end day', { paged: false, endInclusive: false }],
    ['aggregated (one answer, only the top 2 keys broken down)', { paged: false, keyBreakdownLimit: 2 }],
    ['no per-key breakdown (old proxy)', { keyBreakdownLimit: 0 }],
  ] as [string, LiteLlmSimulatorOptions][])(
    'totals exactly the ground truth, whole range and a 2-day window, on a %s proxy',
    async (_name, variant) => {
      const { sim, adapterFor } = await start(variant);
      await expectTruth(sim, adapterFor(), sim.dataRange);
      // The last two days: an off-by-one at the end day would add or drop a whole day.
      const window = { start: addDays(sim.dataRange.end, -3), end: addDays(sim.dataRange.end, -1) };
      const records = await expectTruth(sim, adapterFor(), window);
      expect(new Set(records.map((r) => r.day))).toEqual(new Set([window.start, addDays(window.start, 1)]));
    },
  );

  it('puts what the top-key breakdown leaves out on key-less records, and everything there without a breakdown', async () => {
    const top = await start({ paged: false, keyBreakdownLimit: 2 });
    const topRecords = (await collectRecords(top.adapterFor(), top.sim.dataRange)).records;
    expect(new Set(topRecords.map((r) => r.apiKeyId).filter(Boolean)).size).toBeLessThanOrEqual(2);
    expect(topRecords.some((r) => r.apiKeyId === null)).toBe(true);
    await top.sim.close();
    const old = await start({ keyBreakdownLimit: 0 });
    expect((await collectRecords(old.adapterFor(), old.sim.dataRange)).records.every((r) => r.apiKeyId === null)).toBe(
      true,
    );
  });

  it('returns every key with spend, teams by id, hints from the key list, and spend without a model on "(no model)"', async () => {
    const { sim, adapterFor } = await start({});
    const { records } = await collectRecords(adapterFor(), sim.dataRange);
    const dataset = createLiteLlmDataset({ ...BASE });
    const [master] = dataset.keys;
    const member = dataset.keys.find((k) => k.kind === 'virtual' && k.team)!;
    const deleted = dataset.keys.find((k) => k.kind === 'deleted')!;
    expect(records.find((r) => r.apiKeyId === member.token)).toMatchObject({
      workspaceId: member.team!.id,
      workspaceName: null,
      apiKeyName: member.alias,
      apiKeyHint: `sk-...${member.secret.slice(-4)}`,
    });
    expect(records.find((r) => r.apiKeyId === master!.token)).toMatchObject({ workspaceId: null, apiKeyHint: null });
    expect(records.find((r) => r.apiKeyId === deleted.token)).toMatchObject({
      apiKeyName: 'old-ci',
      apiKeyHint: null,
      workspaceId: deleted.team!.id,
    });
    expect(records.some((r) => r.model === '(no model)' && r.apiKeyId === null)).toBe(true);
  });
});

describe('LiteLLM editions', () => {
  it('falls back on an open-source proxy: one warning saying what is missing, no failure, complete spend', async () => {
    const { sim, logger, adapterFor } = await start({ enterprise: false });
    const adapter = adapterFor();
    await expect(adapter.verify()).resolves.toMatchObject({
      detail: 'full',
      message: expect.stringMatching(/team names need LiteLLM Enterprise/),
    });
    await expectTruth(sim, adapter, sim.dataRange);
    expect(logger.lines.filter((l) => l.startsWith('warn '))).toEqual([`warn ${NOT_PREMIUM_WARNING}`]);
    expect(sim.calls.filter((c) => c.path === '/global/spend/report').map((c) => c.status)).toEqual([400]);
  });

  it('names teams from the report on an Enterprise proxy, without warnings', async () => {
    const { sim, logger, adapterFor } = await start({ enterprise: true });
    const adapter = adapterFor();
    await expect(adapter.verify()).resolves.toMatchObject({
      detail: 'full',
      accountName: new URL(sim.url).host,
      message: expect.stringMatching(/Enterprise/),
    });
    const records = await expectTruth(sim, adapter, sim.dataRange);
    const teams = new Set(createLiteLlmDataset(BASE).teams.map((t) => t.alias));
    expect(
      records
        .filter((r) => r.workspaceId !== null)
        .every((r) => r.workspaceName !== null && teams.has(r.workspaceName)),
    ).toBe(true);
    expect(logger.lines.filter((l) => l.startsWith('warn '))).toEqual([]);
  });
});

describe('LiteLLM edge cases', () => {
  it('treats an old window the proxy no longer holds as empty, not as an error', async () => {
    const { adapterFor, logger } = await start({});
    const { records } = await collectRecords(adapterFor(), { start: '2025-01-01', end: '2025-03-01' });
    expect(records).toEqual([]);
    expect(logger.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^info LiteLLM: the proxy reports no spend for 2025-01-01 to 2025-02-28/),
      ]),
    );
  });

  it('refuses an internal user’s key for the sync too, before its silently scoped spend could be read', async () => {
    const { sim, adapterFor } = await start({});
    const error = await catchAdapterError(
      collectRecords(adapterFor(sim.wrongTypeCredentials), sim.dataRange),
      'CREDENTIAL_REJECTED',
    );
    expect(error.message).toMatch(/Only proxy admin.*master key/);
    expect(sim.calls.filter((c) => c.path === '/user/daily/activity')).toEqual([]);
  });

  it('syncs without key hints, with a warning, on a proxy that has no /key/list', async () => {
    const { sim, logger } = await start({});
    const fetchWithoutKeyList: typeof fetch = async (input, init) =>
      String(input).includes('/key/list')
        ? new Response('{"detail":"Not Found"}', { status: 404, headers: { 'content-type': 'application/json' } })
        : fetch(input, init);
    const adapter = litellmProvider.create(
      litellmProvider.credentials.parse(sim.credentials),
      createTestDeps(sim, logger, { fetch: fetchWithoutKeyList }),
    );
    const records = await expectTruth(sim, adapter, sim.dataRange);
    expect(records.every((r) => r.apiKeyHint === null)).toBe(true);
    expect(records.some((r) => r.apiKeyName !== null)).toBe(true);
    expect(logger.lines).toEqual(
      expect.arrayContaining([expect.stringMatching(/^warn LiteLLM: the key list is unavailable .*no key hints/)]),
    );
  });

  it('fails verify when the probe fails for another reason than the edition (a 5xx proves nothing about the key)', async () => {
    const { sim, adapterFor } = await start({ enterprise: true });
    sim.faults.set({ serverError: { count: 1000, status: 502 }, path: /\/global\/spend\/report$/ });
    await catchAdapterError(adapterFor().verify(), 'UPSTREAM_UNAVAILABLE');
  });

  it('lists keys with aliases, hints and teams across pages of the key list', async () => {
    const { sim, adapterFor } = await start({ pageSize: 2 });
    const keys = await adapterFor().listApiKeys!();
    const listed = createLiteLlmDataset(BASE).keys.filter((k) => k.kind === 'virtual');
    expect(keys.map((k) => k.id)).toEqual(listed.map((k) => k.token));
    expect(keys[0]).toMatchObject({
      name: listed[0]!.alias,
      hint: `sk-...${listed[0]!.secret.slice(-4)}`,
      workspaceId: listed[0]!.team!.id,
      status: 'active',
    });
    expect(sim.calls.filter((c) => c.path === '/key/list')).toHaveLength(Math.ceil(listed.length / 2));
  });
});

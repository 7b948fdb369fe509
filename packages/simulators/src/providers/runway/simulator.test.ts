import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, eachDay, formatMoney } from '@spendsync/domain';
import type { ProviderSimulator } from '../../simulator/provider-simulator';
import { providers } from '@spendsync/adapters';
import { collectRecords, createTestDeps, sumRecords } from '@spendsync/adapters/testing';
import { RUNWAY_API_VERSION } from '@spendsync/adapters/wire/runway';
import { createRunwayDataset } from './dataset';
import { startRunwaySimulator } from './simulator';

describe('createRunwayDataset', () => {
  const dataset = createRunwayDataset({ seed: 11 });
  const usage = eachDay(dataset.range).map((day) => dataset.usageOn(day));

  it('has refund days (negative credits), idle models and the same data for the same seed', () => {
    expect(usage.flat().some((u) => u.amount < 0)).toBe(true);
    expect(usage.some((day) => day.length < dataset.models.length)).toBe(true);
    expect(createRunwayDataset({ seed: 11 }).usageOn(dataset.range.start)).toEqual(usage[0]);
  });

  it('names models beyond its list open-endedly', () => {
    expect(createRunwayDataset({ models: 20 }).models.slice(-2)).toEqual(['model_18', 'model_19']);
  });
});

describe('Runway simulator', () => {
  let sim: ProviderSimulator;
  beforeAll(async () => {
    sim = await startRunwaySimulator({ seed: 5, start: '2026-01-01', days: 200, models: 4 });
  });
  afterAll(() => sim.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sim.url}/v1/organization/usage`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${String(sim.credentials.apiKey)}`,
        'x-runway-version': RUNWAY_API_VERSION,
        'content-type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(body),
    });

  it('refuses more than 90 days in one call with Runway’s validation error', async () => {
    const response = await post({ startDate: '2026-01-01', beforeDate: addDays('2026-01-01', 91) });
    expect([response.status, await response.json()]).toEqual([
      400,
      expect.objectContaining({
        error: 'Invalid request body',
        issues: [{ path: ['beforeDate'], message: 'beforeDate must be no more than 90 days after startDate' }],
      }),
    ]);
    expect((await post({ startDate: '2026-01-01', beforeDate: addDays('2026-01-01', 90) })).status).toBe(200);
  });

  it.each([
    ['an unknown key', { authorization: 'Bearer key_00' }, 401],
    ['no version header', { 'x-runway-version': '' }, 400],
    ['another version', { 'x-runway-version': '2023-01-01' }, 400],
  ])('answers %s with HTTP %i and an {error} body', async (_name, headers, status) => {
    const response = await post({ startDate: '2026-01-01', beforeDate: '2026-01-02' }, headers);
    expect(response.status).toBe(status);
    expect(typeof ((await response.json()) as { error: unknown }).error).toBe('string');
  });

  it('serves one result per day of the window with the reserved fields present', async () => {
    const body = (await (await post({ startDate: '2025-12-30', beforeDate: '2026-01-03' })).json()) as {
      results: { date: string }[];
      apiKeys: unknown;
    };
    expect(body.results.map((r) => r.date)).toEqual(['2026-01-01', '2026-01-02']);
    expect(body.apiKeys).toEqual([]);
  });

  it('lets the adapter sync 200 days in three calls and total the ground truth, refunds included', async () => {
    const adapter = providers.runway.create(providers.runway.credentials.parse(sim.credentials), createTestDeps(sim));
    const from = sim.calls.length;
    const { records } = await collectRecords(adapter, sim.dataRange);
    expect(sim.calls.slice(from).map((c) => `${c.method} ${c.status}`)).toEqual(['POST 200', 'POST 200', 'POST 200']);
    expect(formatMoney(sumRecords(records).cost)).toBe(formatMoney(sim.groundTruth(sim.dataRange).cost));
    expect(records.some((r) => r.cost.isNegative())).toBe(true);
  });
});

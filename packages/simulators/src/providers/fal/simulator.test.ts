import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money, addDays, eachDay, formatMoney, sumMoney } from '@spendsync/domain';
import type { ProviderSimulator } from '../../simulator/provider-simulator';
import { providers } from '@spendsync/adapters';
import { collectRecords, createTestDeps, sumRecords } from '@spendsync/adapters/testing';
import { createFalDataset, scaledText } from './dataset';
import { toJsonNumber } from './sim-usage';
import { startFalSimulator } from './simulator';

describe('createFalDataset', () => {
  const dataset = createFalDataset({ seed: 7 });
  const lines = eachDay(dataset.range).flatMap((day) => dataset.linesOn(day).map((line) => ({ day, ...line })));

  it('returns the same rows for the same seed, and other rows for another', () => {
    const again = createFalDataset({ seed: 7 }).linesOn(dataset.range.start);
    expect(again.map((l) => l.total)).toEqual(dataset.linesOn(dataset.range.start).map((l) => l.total));
    expect(
      createFalDataset({ seed: 8 })
        .linesOn(dataset.range.start)
        .map((l) => l.total),
    ).not.toEqual(again.map((l) => l.total));
  });

  it('bills endpoints in several units, with discounted rows, several price rows a day and old-shape rows', () => {
    expect(new Set(lines.map((l) => l.unit))).toEqual(
      new Set(['megapixels', 'seconds', 'image', 'characters', 'requests', 'compute_seconds', 'tokens']),
    );
    expect(lines.some((l) => l.percentDiscount !== null && Number(l.discount) > 0)).toBe(true);
    expect(lines.some((l) => l.legacy)).toBe(true);
    const prices = new Map<string, Set<string>>();
    for (const l of lines)
      prices.set(`${l.day} ${l.endpointId}`, (prices.get(`${l.day} ${l.endpointId}`) ?? new Set()).add(l.unitPrice));
    expect([...prices.values()].some((set) => set.size > 1)).toBe(true);
  });

  it('keeps every amount exact through JSON, and total = quantity × price − discount', () => {
    const bad = lines.filter((l) => {
      const exact = [l.quantity, l.unitPrice, l.subtotal, l.discount, l.total].every((text) =>
        new Money(JSON.parse(JSON.stringify(toJsonNumber(text))) as number).eq(new Money(text)),
      );
      const quantity = new Money(l.quantity);
      const subtotal = quantity.mul(l.unitPrice);
      const discount = subtotal.mul(l.percentDiscount ?? 0).div(100);
      return !(
        exact &&
        subtotal.eq(l.subtotal) &&
        discount.eq(l.discount) &&
        subtotal.sub(discount).eq(l.total) &&
        new Money(l.totalScaled).div(1e10).eq(l.total)
      );
    });
    expect(bad).toEqual([]);
  });

  it.each([
    [1234, 3, '1.234'],
    [5, 7, '0.0000005'],
    [3_600_000_000_000, 10, '360'],
    [-250, 2, '-2.5'],
    [0, 10, '0'],
  ])('writes %i at scale %i as %s', (value, scale, text) => {
    expect(scaledText(value, scale)).toBe(text);
  });

  it('serves nothing outside its range and sums ground truth over the overlap only', () => {
    expect(dataset.linesOn(addDays(dataset.range.end, 0))).toEqual([]);
    const all = formatMoney(sumMoney(lines.map((l) => new Money(l.total))));
    expect(formatMoney(dataset.groundTruth({ start: '2020-01-01', end: '2030-01-01' }).cost)).toBe(all);
  });
});

describe('fal simulator', () => {
  let sim: ProviderSimulator;
  beforeAll(async () => {
    sim = await startFalSimulator({ seed: 3, days: 70, models: 4, pageSize: 3 });
  });
  afterAll(() => sim.close());

  const get = (path: string, authorization?: string) =>
    fetch(`${sim.url}${path}`, { headers: authorization ? { authorization } : {} });
  const adminHeader = () => `Key ${String(sim.credentials.apiKey)}`;

  it.each([
    ['no key', 401, 'authorization_error', undefined],
    ['a Bearer header', 401, 'authorization_error', 'Bearer x:y'],
  ])('answers %s with HTTP %i %s', async (_name, status, type, header) => {
    const response = await get('/v1/account/billing', header);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe(type);
  });

  it('answers an API-scoped key with 403 Access denied', async () => {
    const response = await get(
      '/v1/models/usage?start=2026-01-01&end=2026-01-02&timeframe=day',
      `Key ${String(sim.wrongTypeCredentials.apiKey)}`,
    );
    expect([response.status, await response.json()]).toEqual([
      403,
      { error: expect.objectContaining({ type: 'authorization_error', message: 'Access denied' }) },
    ]);
  });

  it('refuses a usage query without daily buckets as a validation_error', async () => {
    const response = await get('/v1/models/usage?start=2026-01-01&end=2026-01-02', adminHeader());
    expect(response.status).toBe(400);
  });

  it('pages by rows, so one day’s bucket can continue on the next page', async () => {
    const day = eachDay(sim.dataRange).find(
      (d) => createFalDataset({ seed: 3, days: 70, models: 4 }).linesOn(d).length >= 2,
    )!;
    const query = `/v1/models/usage?start=${day}&end=${addDays(day, 1)}&timeframe=day&limit=1`;
    type Page = {
      time_series: { bucket: string; results: unknown[] }[];
      next_cursor: string | null;
      has_more: boolean;
    };
    const first = (await (await get(query, adminHeader())).json()) as Page;
    const second = (await (
      await get(`${query}&cursor=${encodeURIComponent(first.next_cursor!)}`, adminHeader())
    ).json()) as Page;
    expect([first.has_more, first.time_series.map((b) => [b.bucket, b.results.length])]).toEqual([
      true,
      [[`${day}T00:00:00+00:00`, 1]],
    ]);
    expect(second.time_series.map((b) => [b.bucket, b.results.length])).toEqual([[`${day}T00:00:00+00:00`, 1]]);
  });

  it('splits a day across pages, and the adapter still totals the ground truth over several windows', async () => {
    const adapter = providers.fal.create(
      providers.fal.credentials.parse(sim.credentials),
      createTestDeps(sim, undefined, { retry: { maxPages: 1000 } }),
    );
    const from = sim.calls.length;
    const { records } = await collectRecords(adapter, sim.dataRange);
    const totals = sumRecords(records);
    expect(formatMoney(totals.cost)).toBe(formatMoney(sim.groundTruth(sim.dataRange).cost));
    const usageCalls = sim.calls.slice(from).filter((c) => c.path === '/v1/models/usage');
    expect(usageCalls.length).toBeGreaterThan(Math.ceil(70 / 31));
  });
});

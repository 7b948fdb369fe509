import { describe, expect, it } from '@jest/globals';
import { ZCostRecord, formatMoney, type CostRecord } from '@spendsync/domain';
import legacyPage from './fixtures/usage-legacy.json';
import timeSeriesPage from './fixtures/usage-time-series.json';
import { createFalUsageAggregate, falChargeKind } from './map';
import { ZFalUsageLine, ZFalUsagePage, nextFalCursor } from './raw';

const FULL = { start: '2025-01-01', end: '2025-12-31' };

function mapPages(range: { start: string; end: string }, ...bodies: unknown[]): CostRecord[] {
  const aggregate = createFalUsageAggregate(range);
  for (const body of bodies) aggregate.add(ZFalUsagePage.parse(body).time_series ?? []);
  return aggregate.records();
}

const view = (r: CostRecord) => [
  r.day,
  r.model,
  r.unit,
  r.chargeKind,
  formatMoney(r.cost),
  r.quantity && formatMoney(r.quantity),
];

describe('fal usage mapping', () => {
  it('returns one record per (day, endpoint, unit), summing price and discount rows exactly', () => {
    expect(mapPages(FULL, timeSeriesPage).map(view)).toEqual([
      ['2025-01-15', 'fal-ai/flux/dev', 'image', 'image', '0.32', '4'],
      ['2025-01-16', 'fal-ai/flux/dev', 'megapixels', 'image', '12.3125', '512.5'],
      ['2025-01-16', 'fal-ai/kling-video/v2.1/pro/image-to-video', 'seconds', 'usage', '15', '150'],
    ]);
  });

  it('returns records that pass the schema, with unknowns null and no credits', () => {
    for (const record of mapPages(FULL, timeSeriesPage, legacyPage)) {
      expect(ZCostRecord.safeParse(record).success).toBe(true);
      expect(record).toMatchObject({
        provider: 'fal',
        requests: null,
        inputTokens: null,
        workspaceId: null,
        apiKeyId: null,
        currency: 'USD',
      });
      expect(record.creditsApplied.isZero()).toBe(true);
    }
  });

  it('reads cost from the older `cost` field when cost_total is absent', () => {
    expect(mapPages(FULL, legacyPage).map(view)).toEqual([
      ['2025-06-02', 'fal-ai/flux-pro/v1.1-ultra', 'image', 'image', '2.22', '37'],
      ['2025-06-02', 'fal-ai/minimax/speech-02-hd', 'characters', 'usage', '1.53', '15300'],
    ]);
  });

  it('bills cost_total (after the discount), not cost_subtotal', () => {
    const [record] = mapPages(FULL, timeSeriesPage);
    expect(formatMoney(record!.cost)).toBe('0.32');
  });

  it('falls back to cost_subtotal − cost_discount when neither cost field is sent', () => {
    const page = {
      time_series: [
        {
          bucket: '2025-03-01T00:00:00Z',
          results: [{ endpoint_id: 'e', unit: 'image', quantity: 3, cost_subtotal: 0.3, cost_discount: 0.06 }],
        },
      ],
    };
    expect(mapPages(FULL, page).map(view)).toEqual([['2025-03-01', 'e', 'image', 'image', '0.24', '3']]);
  });

  it('sums a day split across two pages into one record', () => {
    const line = { endpoint_id: 'fal-ai/veo3', unit: 'seconds', quantity: 8, cost_total: 6 };
    const page = (q: number) => ({
      time_series: [{ bucket: '2025-02-01T00:00:00+00:00', results: [{ ...line, quantity: q }] }],
      has_more: true,
      next_cursor: 'x',
    });
    expect(mapPages(FULL, page(8), page(16)).map(view)).toEqual([
      ['2025-02-01', 'fal-ai/veo3', 'seconds', 'usage', '12', '24'],
    ]);
  });

  it('never adds quantities of different units of one endpoint', () => {
    const results = [
      { endpoint_id: 'fal-ai/x', unit: 'seconds', quantity: 10, cost_total: 1 },
      { endpoint_id: 'fal-ai/x', unit: 'requests', quantity: 3, cost_total: 0.5 },
    ];
    const records = mapPages(FULL, { time_series: [{ bucket: '2025-02-01', results }] });
    expect(records.map((r) => [r.unit, formatMoney(r.quantity!)])).toEqual([
      ['requests', '3'],
      ['seconds', '10'],
    ]);
  });

  it('keeps the quantity unknown (null) when one row of the cell has none', () => {
    const results = [
      { endpoint_id: 'e', unit: 'image', quantity: 2, cost_total: 1 },
      { endpoint_id: 'e', unit: 'image', cost_total: 1 },
    ];
    const [record] = mapPages(FULL, { time_series: [{ bucket: '2025-02-01', results }] });
    expect([formatMoney(record!.cost), record!.quantity]).toEqual(['2', null]);
  });

  it('skips buckets outside the range: the end day is exclusive', () => {
    expect(mapPages({ start: '2025-01-15', end: '2025-01-16' }, timeSeriesPage).map((r) => r.day)).toEqual([
      '2025-01-15',
    ]);
  });

  it.each([
    ['a line with no cost at all', { endpoint_id: 'e', unit: 'image', quantity: 1 }],
    ['a line in another currency', { endpoint_id: 'e', cost_total: 1, currency: 'EUR' }],
    ['an amount that is not a number', { endpoint_id: 'e', cost_total: 'lots' }],
  ])('rejects %s', (_name, line) => {
    expect(ZFalUsageLine.safeParse(line).success).toBe(false);
  });

  it.each([
    ['image', 'image'],
    ['Megapixels', 'image'],
    ['seconds', 'usage'],
    ['requests', 'usage'],
    [null, 'usage'],
  ] as const)('gives unit %s the charge kind %s', (unit, kind) => {
    expect(falChargeKind(unit)).toBe(kind);
  });

  it.each([
    [{ has_more: true, next_cursor: 'Mg==' }, 'Mg=='],
    [{ has_more: false, next_cursor: 'Mg==' }, null],
    [{ has_more: true, next_cursor: null }, null],
    [{}, null],
  ])('follows the cursor of %j as %s', (page, next) => {
    expect(nextFalCursor(page)).toBe(next);
  });
});

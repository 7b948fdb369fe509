import { describe, expect, it } from '@jest/globals';
import { ZCostRecord, formatMoney, sumMoney, type CostRecord } from '@spendsync/domain';
import reservedFields from './fixtures/usage-reserved-fields.json';
import usage from './fixtures/usage.json';
import { mapRunwayUsage } from './map';
import { ZRunwayUsage } from './raw';

const MARCH = { start: '2026-03-01', end: '2026-04-01' };
const view = (r: CostRecord) => [r.day, r.model, formatMoney(r.quantity!), formatMoney(r.cost)];

describe('mapRunwayUsage', () => {
  it('returns credits per model and day at $0.01 a credit for the documented example', () => {
    const records = mapRunwayUsage(ZRunwayUsage.parse(usage), MARCH);
    expect(records.map(view)).toEqual([
      ['2026-03-15', 'gen4_image', '40', '0.4'],
      ['2026-03-15', 'gen4_turbo', '250', '2.5'],
      ['2026-03-16', 'gen4.5', '120', '1.2'],
      ['2026-03-16', 'gen4_turbo', '-50', '-0.5'],
      ['2026-03-16', 'veo3.1', '400', '4'],
    ]);
  });

  it('totals the documented example to $8.10 of charges and $7.60 net of its -50 credit refund', () => {
    // saas-apis.md §6 says "$8.10 total": that is the charges alone (810 credits); the refund
    // is kept, so what the records add up to is 760 credits.
    const costs = mapRunwayUsage(ZRunwayUsage.parse(usage), MARCH).map((r) => r.cost);
    expect(formatMoney(sumMoney(costs.filter((c) => !c.isNegative())))).toBe('8.1');
    expect(formatMoney(sumMoney(costs))).toBe('7.6');
  });

  it('keeps a negative (refund) day as it is', () => {
    const refund = mapRunwayUsage(ZRunwayUsage.parse(usage), MARCH).find((r) => r.quantity!.isNegative());
    expect(refund && view(refund)).toEqual(['2026-03-16', 'gen4_turbo', '-50', '-0.5']);
  });

  it('returns records that pass the schema, in unit credits, with no tokens, requests or credits applied', () => {
    for (const record of mapRunwayUsage(ZRunwayUsage.parse(usage), MARCH)) {
      expect(ZCostRecord.safeParse(record).success).toBe(true);
      expect(record).toMatchObject({
        provider: 'runway',
        unit: 'credits',
        chargeKind: 'usage',
        requests: null,
        inputTokens: null,
        outputTokens: null,
      });
      expect(record.creditsApplied.isZero()).toBe(true);
    }
  });

  it('accepts models outside the SDK list, idle days and the reserved per-key fields', () => {
    expect(mapRunwayUsage(ZRunwayUsage.parse(reservedFields), MARCH).map(view)).toEqual([
      ['2026-03-18', 'gen5_preview', '75', '0.75'],
    ]);
  });

  it('leaves out days outside the range: the end day is exclusive', () => {
    expect(
      mapRunwayUsage(ZRunwayUsage.parse(usage), { start: '2026-03-15', end: '2026-03-16' }).map((r) => r.day),
    ).toEqual(['2026-03-15', '2026-03-15']);
  });

  it('sums a model listed twice on one day, so no grain repeats', () => {
    const twice = {
      results: [
        {
          date: '2026-03-15',
          usedCredits: [
            { model: 'gen4_turbo', amount: 10 },
            { model: 'gen4_turbo', amount: 2.5 },
          ],
        },
      ],
    };
    expect(mapRunwayUsage(ZRunwayUsage.parse(twice), MARCH).map(view)).toEqual([
      ['2026-03-15', 'gen4_turbo', '12.5', '0.125'],
    ]);
  });

  it.each([
    ['a date that is not a day', { results: [{ date: '2026-03-32', usedCredits: [] }] }],
    [
      'an amount that is not a number',
      { results: [{ date: '2026-03-15', usedCredits: [{ model: 'x', amount: 'many' }] }] },
    ],
    ['a missing model', { results: [{ date: '2026-03-15', usedCredits: [{ amount: 1 }] }] }],
    ['no results', { models: [] }],
  ])('rejects %s', (_name, body) => {
    expect(ZRunwayUsage.safeParse(body).success).toBe(false);
  });
});

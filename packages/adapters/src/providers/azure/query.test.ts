import { describe, expect, it } from '@jest/globals';
import { buildCostQuery, splitByMonth } from './query';

describe('splitByMonth', () => {
  it.each([
    [{ start: '2025-06-01', end: '2025-07-01' }, [['2025-06-01', '2025-07-01']]],
    [{ start: '2025-06-10', end: '2025-06-11' }, [['2025-06-10', '2025-06-11']]],
    [
      { start: '2024-01-30', end: '2024-03-02' },
      [
        ['2024-01-30', '2024-02-01'],
        ['2024-02-01', '2024-03-01'],
        ['2024-03-01', '2024-03-02'],
      ],
    ],
    [
      { start: '2025-12-31', end: '2026-01-02' },
      [
        ['2025-12-31', '2026-01-01'],
        ['2026-01-01', '2026-01-02'],
      ],
    ],
    [{ start: '2025-06-01', end: '2025-06-01' }, []],
  ])('splits %j at month ends', (range, parts) => {
    expect(splitByMonth(range).map((p) => [p.start, p.end])).toEqual(parts);
  });
});

describe('buildCostQuery', () => {
  it('asks for daily actual cost from the first day to the last second before the end day', () => {
    const query = buildCostQuery({ start: '2025-06-01', end: '2025-07-01' });
    expect(JSON.parse(JSON.stringify(query))).toMatchObject({
      type: 'ActualCost',
      timeframe: 'Custom',
      timePeriod: { from: '2025-06-01T00:00:00.000Z', to: '2025-06-30T23:59:59.000Z' },
      dataset: {
        granularity: 'Daily',
        aggregation: {
          totalCost: { name: 'Cost', function: 'Sum' },
          totalCostUSD: { name: 'CostUSD', function: 'Sum' },
        },
      },
    });
  });

  it('groups by two dimensions at most, resource and meter', () => {
    expect(buildCostQuery({ start: '2025-06-01', end: '2025-06-02' }).dataset.grouping?.map((g) => g.name)).toEqual([
      'ResourceId',
      'Meter',
    ]);
  });
});

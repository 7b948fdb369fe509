import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ANOMALY_THRESHOLDS, parseAnomalyThresholds } from './anomaly-thresholds';

describe('parseAnomalyThresholds', () => {
  it('returns the submitted values as exact decimals, keeping the rest', () => {
    const parsed = parseAnomalyThresholds({ minCost: '25.50' }, DEFAULT_ANOMALY_THRESHOLDS);
    expect(parsed.ok && [parsed.value.minCost.toString(), parsed.value.madMultiplier.toString()]).toEqual([
      '25.5',
      '5',
    ]);
  });

  it.each([
    ['0', 'minCost must be greater than 0'],
    ['-3', 'minCost must be a positive number such as 5 or 0.5'],
    ['ten', 'minCost must be a positive number such as 5 or 0.5'],
    ['', 'minCost must be a positive number such as 5 or 0.5'],
    ['1e3', 'minCost must be a positive number such as 5 or 0.5'],
  ])('rejects minCost %p with a field error', (text, message) => {
    expect(parseAnomalyThresholds({ minCost: text }, DEFAULT_ANOMALY_THRESHOLDS)).toEqual({
      ok: false,
      errors: [{ field: 'minCost', message }],
    });
  });

  it('names every bad field at once', () => {
    const parsed = parseAnomalyThresholds(
      { madMultiplier: '0', medianFraction: 'x', minCost: '10' },
      DEFAULT_ANOMALY_THRESHOLDS,
    );
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.field)).toEqual(['madMultiplier', 'medianFraction']);
  });
});

import { describe, expect, it } from '@jest/globals';
import {
  ZBudgetPeriod,
  budgetPeriodRange,
  previousBudgetPeriodRange,
  quarterRange,
  type BudgetPeriod,
} from './budget-period';

describe('budgetPeriodRange', () => {
  it.each<[BudgetPeriod, string, string, string]>([
    [{ kind: 'month' }, '2026-01-31', '2026-01-01', '2026-02-01'],
    [{ kind: 'month' }, '2024-02-29', '2024-02-01', '2024-03-01'], // leap day
    [{ kind: 'month' }, '2025-02-28', '2025-02-01', '2025-03-01'],
    [{ kind: 'month' }, '2025-12-31', '2025-12-01', '2026-01-01'],
    [{ kind: 'quarter' }, '2026-01-01', '2026-01-01', '2026-04-01'],
    [{ kind: 'quarter' }, '2026-03-31', '2026-01-01', '2026-04-01'],
    [{ kind: 'quarter' }, '2026-04-01', '2026-04-01', '2026-07-01'],
    [{ kind: 'quarter' }, '2026-09-30', '2026-07-01', '2026-10-01'],
    [{ kind: 'quarter' }, '2026-12-31', '2026-10-01', '2027-01-01'],
    [{ kind: 'custom', start: '2026-03-10', end: '2026-03-20' }, '2026-01-05', '2026-03-10', '2026-03-20'],
  ])('returns for %j on %s the range %s..%s', (period, today, start, end) => {
    expect(budgetPeriodRange(period, today)).toEqual({ start, end });
  });

  it('returns the previous month and quarter, and none for a custom range', () => {
    expect(previousBudgetPeriodRange({ kind: 'month' }, '2024-03-15')).toEqual({
      start: '2024-02-01',
      end: '2024-03-01',
    });
    expect(previousBudgetPeriodRange({ kind: 'quarter' }, '2026-01-15')).toEqual({
      start: '2025-10-01',
      end: '2026-01-01',
    });
    expect(
      previousBudgetPeriodRange({ kind: 'custom', start: '2026-01-01', end: '2026-01-02' }, '2026-01-01'),
    ).toBeNull();
  });

  it('returns quarter ranges for every month', () => {
    expect(quarterRange('2026-05-17')).toEqual({ start: '2026-04-01', end: '2026-07-01' });
    expect(quarterRange('2026-11-01')).toEqual({ start: '2026-10-01', end: '2027-01-01' });
  });
});

describe('ZBudgetPeriod', () => {
  it('rejects a custom range that ends before or on its start, naming end', () => {
    const result = ZBudgetPeriod.safeParse({ kind: 'custom', start: '2026-03-10', end: '2026-03-01' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['end']);
    expect(ZBudgetPeriod.safeParse({ kind: 'custom', start: '2026-03-10', end: '2026-03-10' }).success).toBe(false);
    expect(ZBudgetPeriod.safeParse({ kind: 'custom', start: '2026-02-30', end: '2026-03-10' }).success).toBe(false);
  });

  it('accepts month, quarter and a proper custom range', () => {
    expect(ZBudgetPeriod.parse({ kind: 'month' })).toEqual({ kind: 'month' });
    expect(ZBudgetPeriod.parse({ kind: 'custom', start: '2026-03-01', end: '2026-03-02' }).kind).toBe('custom');
  });
});

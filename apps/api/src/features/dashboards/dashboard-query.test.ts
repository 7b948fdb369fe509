import { describe, expect, it } from '@jest/globals';
import { ZDashboardFilter } from './dashboard-filter';
import { DashboardQueryBuilder } from './dashboard-query';

const ORG = '00000000-0000-4000-8000-000000000001';
const TODAY = '2025-12-31';
/** 2025-01-01 … 2025-12-30 against 2024-01-02 … 2024-12-31 (the equal-length range before). */
const filter = ZDashboardFilter.parse({ period: { start: '2025-01-01', end: TODAY } });

/** The dates a statement's parameters hold (single days and day lists). */
function datesOf(values: readonly unknown[]): string[] {
  return values
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is string => /^\d{4}-\d{2}-\d{2}$/.test(String(v)));
}

describe('DashboardQueryBuilder.scan', () => {
  it.each(['accounts', 'keys', 'records'] as const)(
    'reads both periods for a dashboard, and only the current one for a chart (%s)',
    (source) => {
      const both = new DashboardQueryBuilder(ORG, filter, TODAY);
      const dashboard = both.scan(source, 'day');
      expect(datesOf(both.values).some((d) => d < '2025-01-01')).toBe(true);
      expect(dashboard.previous).not.toBe('false');

      const current = new DashboardQueryBuilder(ORG, filter, TODAY);
      const chart = current.scan(source, 'day', 'current');
      const dates = datesOf(current.values);
      expect(dates.length).toBeGreaterThan(0);
      expect(dates.every((d) => d >= '2025-01-01' && d <= TODAY)).toBe(true);
      expect(chart).toMatchObject({ current: 'true', previous: 'false' });
      expect(chart.from).toContain(`cr.organization_id = $`);
    },
  );

  it('keeps the filter on a current-period scan', () => {
    const q = new DashboardQueryBuilder(
      ORG,
      ZDashboardFilter.parse({ period: filter.period, providers: ['openai'] }),
      TODAY,
    );
    const scope = q.scan('accounts', 'day', 'current');
    expect(scope.conditions).toMatch(/cr\.provider = ANY\(\$\d+::text\[\]\)/);
    expect(q.values).toContainEqual(['openai']);
  });
});

import { describe, expect, it } from '@jest/globals';
import { comparePeriod, type Period } from '@spendsync/domain';
import { SqlParams } from './dashboard-query';
import { keyRunningTotalsSql, runningTotalsPay } from './key-running-totals';

describe('runningTotalsPay (the API keys dashboard reads running totals, or scans the key rollup)', () => {
  const pays = (period: Period) => runningTotalsPay(comparePeriod(period, '2025-12-31'));

  it('serves a year, a quarter and a week, whose scans read many months, blocks or days per key', () => {
    expect(pays({ start: '2024-12-31', end: '2025-12-31' })).toBe(true); // ~35 rows per key scanned, 4 running
    expect(pays('last_90_days')).toBe(true);
    expect(pays('last_7_days')).toBe(true); // 14 daily rows per key against 6
    // November, four blocks and two days scanned (7); through Oct 31 and Nov 30 one row each, Dec 30 two
    expect(pays('last_30_days')).toBe(true);
  });

  it('leaves windows of whole months to the scan, which reads as few rows', () => {
    expect(pays('last_month')).toBe(false); // two monthly rows per key
    expect(pays('this_month')).toBe(false); // November and December: two monthly rows
  });
});

describe('keyRunningTotalsSql', () => {
  it('reads each end day once with its signs for both periods, each table through its account-day index', () => {
    const p = new SqlParams();
    const periods = {
      previous: { start: '2025-01-01', end: '2025-02-01' },
      current: { start: '2025-02-01', end: '2025-02-28' },
    };
    const sql = keyRunningTotalsSql((v, c) => p.add(v, c), 'org', periods);
    // through Dec 31 (− previous), Jan 31 (+ previous, − current) and Feb 27 (+ current)
    expect(p.values).toEqual([
      '2025-02-01',
      '2025-01-01',
      ['2024-12-31', '2025-01-31', '2025-02-27'],
      [0, -1, 1],
      [-1, 1, 0],
      'org',
    ]);
    expect(sql).toMatch(/FROM cost_rollup_keys_before_month WHERE provider_account_id = b\.account AND day = CASE/);
    expect(sql).toMatch(
      /FROM cost_rollup_keys_to_date WHERE provider_account_id = b\.account AND day = b\.through AND NOT b\.month_end/,
    );
    // a month's last day reads the next month's before-month row alone
    expect(sql).toMatch(
      /day = CASE WHEN b\.month_end THEN \(date_trunc\('month', b\.through\) \+ interval '1 month'\)::date/,
    );
  });
});

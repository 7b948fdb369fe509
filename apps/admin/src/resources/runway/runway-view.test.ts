import { describe, expect, it } from '@jest/globals';
import { chartPoints, runwayColor, runwayFlags, runwayLabel, runwayRange, runwaysOf } from './runway-view';
import type { CreditRunway } from './runway-documents';

const base = { status: 'BURNING', daysLeft: 21, runOutOn: '2026-02-21', underThreshold: false } as const;

describe('runway view', () => {
  it.each([
    [{ ...base }, '21 days (2026-02-21)'],
    [{ ...base, daysLeft: 1, runOutOn: '2026-02-01' }, '1 day (2026-02-01)'],
    [{ ...base, status: 'NO_BURN', daysLeft: null, runOutOn: null }, 'No burn'],
    [{ ...base, status: 'EXHAUSTED', daysLeft: 0 }, 'Used up'],
    [{ ...base, status: 'EXPIRED' }, 'Expired'],
  ] as const)('labels %j as %s', (runway, label) => {
    expect(runwayLabel(runway)).toBe(label);
  });

  it('gives the range from the fastest and slowest weeks', () => {
    expect(runwayRange({ runOutEarliest: '2026-02-14', runOutLatest: '2026-03-05' })).toBe('2026-02-14 to 2026-03-05');
    expect(runwayRange({ runOutEarliest: '2026-02-14', runOutLatest: null })).toBe('2026-02-14 or later');
    expect(runwayRange({ runOutEarliest: '2026-02-14', runOutLatest: '2026-02-14' })).toBe('2026-02-14');
    expect(runwayRange({ runOutEarliest: null, runOutLatest: null })).toBeNull();
  });

  it('colours urgent and under-threshold runways red, soon ones orange', () => {
    expect(runwayColor({ ...base, daysLeft: 13 })).toBe('error');
    expect(runwayColor({ ...base, daysLeft: 100, underThreshold: true })).toBe('error');
    expect(runwayColor({ ...base, daysLeft: 21 })).toBe('warning');
    expect(runwayColor({ ...base, daysLeft: 28 })).toBe('default');
    expect(runwayColor({ ...base, status: 'NO_BURN', daysLeft: null })).toBe('default');
  });

  it('names money left on the table and running out before expiry', () => {
    expect(runwayFlags({ leftAtExpiry: '4120', runsOutBeforeExpiry: false, expiresOn: '2026-03-31' })).toEqual([
      '$4120 left unused at expiry (2026-03-31)',
    ]);
    expect(runwayFlags({ leftAtExpiry: null, runsOutBeforeExpiry: true, expiresOn: '2026-02-28' })).toEqual([
      'Runs out before it expires (2026-02-28)',
    ]);
    expect(runwayFlags({ leftAtExpiry: null, runsOutBeforeExpiry: false, expiresOn: null })).toEqual([]);
  });

  it("lists an account's runways soonest first, no burn and expired last", () => {
    const r = (id: string, providerAccountId: string, status: string, daysLeft: number | null) =>
      ({ id, providerAccountId, status, daysLeft }) as CreditRunway;
    const list = [
      r('a', 'x', 'BURNING', 40),
      r('b', 'x', 'NO_BURN', null),
      r('c', 'y', 'BURNING', 1),
      r('d', 'x', 'BURNING', 5),
      r('e', 'x', 'EXPIRED', 0),
    ];
    expect(runwaysOf(list, 'x').map((x) => x.id)).toEqual(['d', 'a', 'b', 'e']);
  });

  it('joins history and projection on one axis', () => {
    const points = chartPoints({
      history: [
        { day: '2026-01-30', balance: '110', reported: false },
        { day: '2026-01-31', balance: '100', reported: true },
      ],
      projection: [
        { day: '2026-01-31', expected: '100', fastest: '100', slowest: '100' },
        { day: '2026-02-07', expected: '30', fastest: '0', slowest: '65' },
      ],
    });
    expect(points).toEqual([
      { day: '2026-01-30', balance: 110 },
      { day: '2026-01-31', balance: 100, expected: 100, fastest: 100, slowest: 100 },
      { day: '2026-02-07', expected: 30, fastest: 0, slowest: 65 },
    ]);
  });
});

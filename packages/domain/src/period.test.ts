import { describe, expect, it } from '@jest/globals';
import { rangeLength } from './day';
import {
  PERIOD_PRESETS,
  ZDayRange,
  ZPeriodPreset,
  comparePeriod,
  isPeriodPreset,
  previousPeriod,
  resolvePeriod,
  type Period,
  type PeriodPreset,
} from './period';

describe('resolvePeriod', () => {
  it.each<[PeriodPreset, string, string, string]>([
    // today = Wednesday 2025-06-11
    ['last_7_days', '2025-06-11', '2025-06-04', '2025-06-11'],
    ['last_30_days', '2025-06-11', '2025-05-12', '2025-06-11'],
    ['last_90_days', '2025-06-11', '2025-03-13', '2025-06-11'],
    ['this_week', '2025-06-11', '2025-06-09', '2025-06-12'],
    ['last_week', '2025-06-11', '2025-06-02', '2025-06-09'],
    ['this_month', '2025-06-11', '2025-06-01', '2025-06-12'],
    ['last_month', '2025-06-11', '2025-05-01', '2025-06-01'],
    // month and year boundaries
    ['this_month', '2025-06-01', '2025-06-01', '2025-06-02'],
    ['this_month', '2025-06-30', '2025-06-01', '2025-07-01'],
    ['last_month', '2025-01-15', '2024-12-01', '2025-01-01'],
    ['last_month', '2024-03-31', '2024-02-01', '2024-03-01'],
    ['last_month', '2100-03-01', '2100-02-01', '2100-03-01'],
    ['last_7_days', '2025-01-03', '2024-12-27', '2025-01-03'],
    ['last_30_days', '2024-03-15', '2024-02-14', '2024-03-15'], // spans the leap day
    // ISO weeks: Monday start, Sunday is the last day
    ['this_week', '2025-06-09', '2025-06-09', '2025-06-10'],
    ['this_week', '2025-06-15', '2025-06-09', '2025-06-16'],
    ['last_week', '2025-06-15', '2025-06-02', '2025-06-09'],
    ['this_week', '2026-01-01', '2025-12-29', '2026-01-02'],
    ['last_week', '2026-01-01', '2025-12-22', '2025-12-29'],
    // quarters and years
    ['this_quarter', '2025-06-11', '2025-04-01', '2025-06-12'],
    ['last_quarter', '2025-06-11', '2025-01-01', '2025-04-01'],
    ['last_quarter', '2025-02-01', '2024-10-01', '2025-01-01'],
    ['this_year', '2025-06-11', '2025-01-01', '2025-06-12'],
    ['last_year', '2025-01-01', '2024-01-01', '2025-01-01'],
  ])('resolves %s on %s to %s..%s', (preset, today, start, end) => {
    expect(resolvePeriod(preset, today)).toEqual({ start, end });
  });

  it.each<[PeriodPreset, number]>([
    ['last_7_days', 7],
    ['last_30_days', 30],
    ['last_90_days', 90],
    ['last_week', 7],
  ])('returns %s with %i days whatever today is', (preset, days) => {
    for (const today of ['2024-02-29', '2024-03-01', '2025-01-01', '2025-12-31', '2100-03-01']) {
      expect(rangeLength(resolvePeriod(preset, today))).toBe(days);
    }
  });

  it('returns a custom range after validating it', () => {
    expect(resolvePeriod({ start: '2024-02-01', end: '2024-03-01' }, '2025-06-11')).toEqual({
      start: '2024-02-01',
      end: '2024-03-01',
    });
  });

  it.each([
    [{ start: '2025-02-29', end: '2025-03-10' }, '2025-06-11', 'not a calendar day'],
    [{ start: '2025-03-10', end: '2025-03-01' }, '2025-06-11', 'before it starts'],
    ['last_7_days', '2025-13-01', 'not a calendar day'],
    ['yesterday', '2025-06-11', 'Unknown period "yesterday"'],
  ])('rejects %p on %s', (period, today, message) => {
    expect(() => resolvePeriod(period as PeriodPreset, today)).toThrow(message);
  });
});

describe('previousPeriod', () => {
  it.each([
    [
      { start: '2025-06-04', end: '2025-06-11' },
      { start: '2025-05-28', end: '2025-06-04' },
    ],
    [
      { start: '2025-06-01', end: '2025-06-12' },
      { start: '2025-05-21', end: '2025-06-01' },
    ], // month-to-date: 11 days
    [
      { start: '2024-03-01', end: '2024-04-01' },
      { start: '2024-01-30', end: '2024-03-01' },
    ], // 31 days back over Feb 29
    [
      { start: '2025-01-01', end: '2026-01-01' },
      { start: '2024-01-02', end: '2025-01-01' },
    ], // 365 days; 2024 had 366
    [
      { start: '2025-01-01', end: '2025-01-02' },
      { start: '2024-12-31', end: '2025-01-01' },
    ],
    [
      { start: '2025-01-01', end: '2025-01-01' },
      { start: '2025-01-01', end: '2025-01-01' },
    ],
  ])('returns the period before %p', (range, expected) => {
    const previous = previousPeriod(range);
    expect(previous).toEqual(expected);
    expect(rangeLength(previous)).toBe(rangeLength(range));
  });
});

describe('comparePeriod', () => {
  it.each<[Period, string, string, string, string]>([
    // regression: last month (February) was compared with Jan 4–31, the 28 days before it
    ['last_month', '2026-03-10', '2026-02-01..2026-03-01', '2026-01-01..2026-02-01', 'calendar'],
    ['last_month', '2024-03-31', '2024-02-01..2024-03-01', '2024-01-01..2024-02-01', 'calendar'],
    ['last_month', '2025-01-15', '2024-12-01..2025-01-01', '2024-11-01..2024-12-01', 'calendar'],
    // to date: the same days of the unit before, cut at its end
    ['this_month', '2025-06-10', '2025-06-01..2025-06-11', '2025-05-01..2025-05-11', 'calendar'],
    ['this_month', '2025-03-31', '2025-03-01..2025-04-01', '2025-02-01..2025-03-01', 'calendar'],
    ['this_week', '2025-06-11', '2025-06-09..2025-06-12', '2025-06-02..2025-06-05', 'calendar'],
    ['last_week', '2025-06-11', '2025-06-02..2025-06-09', '2025-05-26..2025-06-02', 'calendar'],
    ['this_quarter', '2025-05-31', '2025-04-01..2025-06-01', '2025-01-01..2025-03-01', 'calendar'],
    ['this_year', '2024-02-29', '2024-01-01..2024-03-01', '2023-01-01..2023-03-01', 'calendar'],
    ['this_quarter', '2025-06-30', '2025-04-01..2025-07-01', '2025-01-01..2025-04-01', 'calendar'],
    ['last_quarter', '2025-02-01', '2024-10-01..2025-01-01', '2024-07-01..2024-10-01', 'calendar'],
    ['this_year', '2024-12-31', '2024-01-01..2025-01-01', '2023-01-01..2024-01-01', 'calendar'],
    ['last_year', '2025-06-11', '2024-01-01..2025-01-01', '2023-01-01..2024-01-01', 'calendar'],
    // rolling and custom: the equal-length range before
    ['last_30_days', '2025-06-11', '2025-05-12..2025-06-11', '2025-04-12..2025-05-12', 'equal_length'],
    [
      { start: '2026-02-01', end: '2026-03-01' },
      '2026-03-10',
      '2026-02-01..2026-03-01',
      '2026-01-04..2026-02-01',
      'equal_length',
    ],
  ])('compares %p on %s: %s with %s (%s)', (period, today, current, previous, basis) => {
    const compared = comparePeriod(period, today);
    expect(`${compared.current.start}..${compared.current.end}`).toBe(current);
    expect(`${compared.previous.start}..${compared.previous.end}`).toBe(previous);
    expect(compared.basis).toBe(basis);
  });
});

describe('ZPeriodPreset / ZDayRange / isPeriodPreset', () => {
  it('accepts every preset and refuses others with the list', () => {
    for (const preset of PERIOD_PRESETS) expect(isPeriodPreset(preset)).toBe(true);
    expect(isPeriodPreset('next_year')).toBe(false);
    const result = ZPeriodPreset.safeParse('next_year');
    expect(result.error?.issues[0]?.message).toBe(`Unknown period; use one of: ${PERIOD_PRESETS.join(', ')}`);
  });

  it.each([
    [{ start: '2025-01-01', end: '2025-02-01' }, true],
    [{ start: '2025-01-01', end: '2025-01-01' }, true],
    [{ start: '2025-02-01', end: '2025-01-01' }, false],
    [{ start: '2025-02-29', end: '2025-03-01' }, false],
    [{ start: '2025-01-01' }, false],
    [{ start: '2023-01-01', end: '2026-01-01' }, true],
    [{ start: '2023-01-01', end: '2026-01-02' }, false],
    [{ start: '0001-01-01', end: '9999-12-31' }, false],
    // Malformed ends that still compare in order: refused, never thrown.
    [{ start: '9999-99-99', end: '9999-99-99' }, false],
    [{ start: '2025-01-01', end: '2025-99-99' }, false],
  ])('ZDayRange accepts %p: %p', (input, ok) => {
    expect(ZDayRange.safeParse(input).success).toBe(ok);
  });
});

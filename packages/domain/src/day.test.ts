import { describe, expect, it } from '@jest/globals';
import {
  addDays,
  dayOf,
  dayRange,
  daysBetween,
  dayToUnixSeconds,
  eachDay,
  isDay,
  monthRange,
  parseDay,
  rangeContains,
  rangeLength,
  splitDayRange,
  startOfDay,
  weekStart,
  ZDay,
} from './day';

describe('isDay', () => {
  it.each([
    ['2024-02-29', true], // leap year
    ['2000-02-29', true], // divisible by 400: leap
    ['2100-02-29', false], // divisible by 100, not 400: not leap
    ['2025-02-29', false],
    ['2025-02-28', true],
    ['2025-04-31', false],
    ['2025-12-31', true],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00:00Z', false],
    [' 2025-01-01', false],
    ['20250101', false],
    ['', false],
    ['0050-01-01', false], // Date.UTC maps two-digit years to 19xx: refused rather than misread
  ])('isDay(%p) returns %p', (text, expected) => {
    expect(isDay(text)).toBe(expected);
    expect(ZDay.safeParse(text).success).toBe(expected);
  });

  it('agrees with the calendar (Date.UTC round trip) on every month 00–13 and day 00–32 of 800 years', () => {
    const byDate = (text: string) => {
      const [y, m, d] = text.split('-').map(Number) as [number, number, number];
      return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === text;
    };
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const years = [
      ...Array.from({ length: 400 }, (_, i) => 1800 + i),
      ...Array.from({ length: 400 }, (_, i) => 100 + i * 24),
    ];
    let checked = 0;
    for (const year of years)
      for (let month = 0; month <= 13; month += 1)
        for (let day = 0; day <= 32; day += 1) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          if (isDay(text) !== byDate(text)) throw new Error(`isDay(${text}) is ${isDay(text)}`);
          checked += 1;
        }
    expect(checked).toBe(800 * 14 * 33);
  });
});

describe('parseDay', () => {
  it('returns a valid day unchanged', () => {
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
  });

  it('rejects an invalid day with a RangeError naming it', () => {
    expect(() => parseDay('2023-02-29')).toThrow(new RangeError('"2023-02-29" is not a calendar day; use YYYY-MM-DD'));
  });
});

describe('dayOf / startOfDay / dayToUnixSeconds', () => {
  it.each([
    ['2025-06-01T00:00:00.000Z', '2025-06-01'],
    ['2025-06-01T23:59:59.999Z', '2025-06-01'],
    ['2025-06-01T23:30:00-02:00', '2025-06-02'], // 01:30 UTC next day
    ['2025-03-30T01:30:00+01:00', '2025-03-30'], // European DST change: still UTC
  ])('dayOf(%s) returns %s', (iso, expected) => {
    expect(dayOf(new Date(iso))).toBe(expected);
  });

  it('returns midnight UTC and its Unix seconds', () => {
    expect(startOfDay('2025-06-01').toISOString()).toBe('2025-06-01T00:00:00.000Z');
    expect(dayToUnixSeconds('2025-06-01')).toBe(1748736000);
    expect(dayToUnixSeconds('1970-01-01')).toBe(0);
  });
});

describe('addDays', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-03-29', 2, '2025-03-31'], // no DST in UTC
    ['2025-06-15', 0, '2025-06-15'],
    ['2024-01-01', 366, '2025-01-01'],
  ])('addDays(%s, %i) returns %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  it('rejects a fractional number of days', () => {
    expect(() => addDays('2025-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2025-01-01', '2025-01-01', 0],
    ['2025-01-01', '2026-01-01', 365],
    ['2024-01-01', '2025-01-01', 366],
    ['2024-02-01', '2024-03-01', 29],
    ['2025-03-01', '2025-02-01', -28],
  ])('daysBetween(%s, %s) returns %i', (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });
});

describe('dayRange', () => {
  it('returns the range and its length', () => {
    const range = dayRange('2024-02-01', '2024-03-01');
    expect(range).toEqual({ start: '2024-02-01', end: '2024-03-01' });
    expect(rangeLength(range)).toBe(29);
    expect(rangeLength(dayRange('2025-05-05', '2025-05-05'))).toBe(0);
  });

  it.each([
    ['2025-02-29', '2025-03-01', '"2025-02-29" is not a calendar day'],
    ['2025-03-01', '2025-3-2', '"2025-3-2" is not a calendar day'],
    ['2025-03-02', '2025-03-01', 'The range ends (2025-03-01) before it starts (2025-03-02)'],
  ])('rejects %s..%s', (start, end, message) => {
    expect(() => dayRange(start, end)).toThrow(message);
  });
});

describe('rangeContains', () => {
  const range = { start: '2025-01-30', end: '2025-02-02' };
  it.each([
    ['2025-01-29', false],
    ['2025-01-30', true],
    ['2025-02-01', true],
    ['2025-02-02', false], // end is exclusive
  ])('rangeContains(Jan 30..Feb 2, %s) returns %p', (day, expected) => {
    expect(rangeContains(range, day)).toBe(expected);
  });
});

describe('eachDay', () => {
  it.each([
    [{ start: '2024-02-27', end: '2024-03-02' }, ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']],
    [{ start: '2100-02-27', end: '2100-03-02' }, ['2100-02-27', '2100-02-28', '2100-03-01']],
    [{ start: '2025-12-30', end: '2026-01-02' }, ['2025-12-30', '2025-12-31', '2026-01-01']],
    [{ start: '2025-05-05', end: '2025-05-05' }, []],
  ])('lists the days of %p', (range, expected) => {
    expect(eachDay(range)).toEqual(expected);
  });
});

describe('splitDayRange', () => {
  it.each([
    // 31 days in chunks of 7: four full weeks and a 3-day remainder
    [
      { start: '2025-01-01', end: '2025-02-01' },
      7,
      [
        ['2025-01-01', '2025-01-08'],
        ['2025-01-08', '2025-01-15'],
        ['2025-01-15', '2025-01-22'],
        ['2025-01-22', '2025-01-29'],
        ['2025-01-29', '2025-02-01'],
      ],
    ],
    [{ start: '2024-02-01', end: '2024-03-01' }, 29, [['2024-02-01', '2024-03-01']]],
    [
      { start: '2024-02-01', end: '2024-03-01' },
      28,
      [
        ['2024-02-01', '2024-02-29'],
        ['2024-02-29', '2024-03-01'],
      ],
    ],
    [
      { start: '2025-12-30', end: '2026-01-02' },
      1,
      [
        ['2025-12-30', '2025-12-31'],
        ['2025-12-31', '2026-01-01'],
        ['2026-01-01', '2026-01-02'],
      ],
    ],
    [{ start: '2025-06-01', end: '2025-06-03' }, 90, [['2025-06-01', '2025-06-03']]],
    [{ start: '2025-06-01', end: '2025-06-01' }, 7, []],
  ])('splits %p into chunks of %i', (range, maxDays, expected) => {
    const parts = splitDayRange(range, maxDays);
    expect(parts.map((p) => [p.start, p.end])).toEqual(expected);
    expect(parts.flatMap(eachDay)).toEqual(eachDay(range));
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects maxDays %p', (maxDays) => {
    expect(() => splitDayRange({ start: '2025-01-01', end: '2025-01-10' }, maxDays)).toThrow(RangeError);
  });
});

describe('weekStart', () => {
  it.each([
    ['2025-06-02', '2025-06-02'], // Monday
    ['2025-06-04', '2025-06-02'], // Wednesday
    ['2025-06-08', '2025-06-02'], // Sunday belongs to the week before
    ['2025-06-09', '2025-06-09'],
    ['2026-01-01', '2025-12-29'], // Thursday: the week starts in the previous year
    ['2024-03-03', '2024-02-26'], // across a leap day
  ])('weekStart(%s) returns %s', (day, expected) => {
    expect(weekStart(day)).toBe(expected);
  });

  it('rejects an invalid day', () => {
    expect(() => weekStart('2025-02-30')).toThrow('"2025-02-30" is not a calendar day');
  });
});

describe('monthRange', () => {
  it.each([
    ['2024-02-15', '2024-02-01', '2024-03-01', 29],
    ['2025-02-28', '2025-02-01', '2025-03-01', 28],
    ['2100-02-10', '2100-02-01', '2100-03-01', 28],
    ['2000-02-10', '2000-02-01', '2000-03-01', 29],
    ['2025-12-31', '2025-12-01', '2026-01-01', 31],
    ['2025-01-01', '2025-01-01', '2025-02-01', 31],
    ['2025-04-30', '2025-04-01', '2025-05-01', 30],
  ])('monthRange(%s) returns %s..%s (%i days)', (day, start, end, length) => {
    const range = monthRange(day);
    expect(range).toEqual({ start, end });
    expect(rangeLength(range)).toBe(length);
  });

  it('rejects an invalid day', () => {
    expect(() => monthRange('2025-04-31')).toThrow(RangeError);
  });
});

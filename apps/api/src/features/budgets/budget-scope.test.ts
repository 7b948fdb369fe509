import { describe, expect, it } from '@jest/globals';
import { forecastSpend, Money, type Day } from '@spendsync/domain';
import { evaluationDays } from './budget-scope';

describe('evaluationDays', () => {
  it.each<[string, Day, Day, Day | null, Day, Day, Day]>([
    [
      'a month with 18 settled days reads only the month',
      '2026-03-01',
      '2026-04-01',
      '2026-03-19',
      '2026-03-21',
      '2026-03-01',
      '2026-04-01',
    ],
    [
      'early in a month it reads the 14 days before',
      '2026-03-01',
      '2026-04-01',
      '2026-03-02',
      '2026-03-03',
      '2026-02-15',
      '2026-04-01',
    ],
    [
      'a provider 72 h behind reads 14 days before its settled end',
      '2026-03-01',
      '2026-04-01',
      '2026-02-27',
      '2026-03-04',
      '2026-02-13',
      '2026-04-01',
    ],
    [
      'nothing settled: the trailing window before the period',
      '2026-03-01',
      '2026-04-01',
      null,
      '2026-03-20',
      '2026-02-15',
      '2026-04-01',
    ],
  ])('returns for %s', (_name, start, end, settled, today, from, to) => {
    expect(evaluationDays({ start, end }, settled, today)).toEqual({ start: from, end: to });
  });

  it('returns a window that covers every day the forecast reads (same forecast as with a longer window)', () => {
    const daily = new Map<Day, Money>();
    for (let d = 1; d <= 28; d++) daily.set(`2026-02-${String(d).padStart(2, '0')}`, new Money(d));
    for (let d = 1; d <= 5; d++) daily.set(`2026-03-0${d}`, new Money(100));
    const period = { start: '2026-03-01', end: '2026-04-01' };
    for (const [settled, today] of [
      ['2026-03-03', '2026-03-05'],
      ['2026-02-26', '2026-03-05'],
      ['2026-03-06', '2026-03-06'],
    ] as const) {
      const window = evaluationDays(period, settled, today);
      const inWindow = new Map([...daily].filter(([day]) => day >= window.start && day < window.end));
      expect(forecastSpend({ period, today, settledBefore: settled, dailySpend: inWindow }).forecast?.toFixed()).toBe(
        forecastSpend({ period, today, settledBefore: settled, dailySpend: daily }).forecast?.toFixed(),
      );
    }
  });
});

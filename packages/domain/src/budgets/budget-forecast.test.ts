import { describe, expect, it } from '@jest/globals';
import { eachDay, type Day } from '../day';
import { Money } from '../money';
import { forecastSpend } from './budget-forecast';

/** Daily spend from `[start, end, amount per day]` runs. */
function spend(...runs: [Day, Day, string][]): Map<Day, Money> {
  const map = new Map<Day, Money>();
  for (const [start, end, amount] of runs) for (const day of eachDay({ start, end })) map.set(day, new Money(amount));
  return map;
}

type Row = {
  name: string;
  period: [Day, Day];
  today: Day;
  settledBefore: Day | null;
  firstDataDay?: Day | null;
  daily: Map<Day, Money>;
  spent: string;
  forecast: string | null;
  basisDays: number;
  basis: 'period' | 'trailing';
  provisionalDays: number;
  daysLeft: number;
  canFire: boolean;
};

describe('forecastSpend', () => {
  it.each<Row>([
    {
      name: 'mid-month, rate over the settled days, two provisional days, today partly in',
      period: ['2026-03-01', '2026-04-01'],
      today: '2026-03-21',
      settledBefore: '2026-03-19',
      daily: spend(['2026-03-01', '2026-03-21', '10'], ['2026-03-21', '2026-03-22', '4']),
      spent: '204',
      forecast: '314',
      basisDays: 18,
      basis: 'period',
      provisionalDays: 2,
      daysLeft: 11,
      canFire: true,
    },
    {
      name: 'early in a leap February: trailing 14 settled days reach into January',
      period: ['2024-02-01', '2024-03-01'],
      today: '2024-02-03',
      settledBefore: '2024-02-02',
      daily: spend(
        ['2024-01-01', '2024-02-01', '7'],
        ['2024-02-01', '2024-02-02', '14'],
        ['2024-02-02', '2024-02-03', '5'],
      ),
      spent: '19',
      forecast: '221.5',
      basisDays: 14,
      basis: 'trailing',
      provisionalDays: 1,
      daysLeft: 27,
      canFire: true,
    },
    {
      name: 'first day of a quarter, data for only two days: forecast shown but cannot fire',
      period: ['2026-07-01', '2026-10-01'],
      today: '2026-07-01',
      settledBefore: '2026-07-01',
      firstDataDay: '2026-06-29',
      daily: spend(['2026-06-29', '2026-06-30', '50'], ['2026-06-30', '2026-07-01', '70']),
      spent: '0',
      forecast: '5520',
      basisDays: 2,
      basis: 'trailing',
      provisionalDays: 0,
      daysLeft: 92,
      canFire: false,
    },
    {
      name: 'first day of a quarter, three days of data: may fire',
      period: ['2026-07-01', '2026-10-01'],
      today: '2026-07-01',
      settledBefore: '2026-07-01',
      firstDataDay: '2026-06-28',
      daily: spend(
        ['2026-06-28', '2026-06-29', '30'],
        ['2026-06-29', '2026-06-30', '50'],
        ['2026-06-30', '2026-07-01', '70'],
      ),
      spent: '0',
      forecast: '4600',
      basisDays: 3,
      basis: 'trailing',
      provisionalDays: 0,
      daysLeft: 92,
      canFire: true,
    },
    {
      name: 'nothing settled yet (Azure before its first complete day): no forecast',
      period: ['2026-01-01', '2026-02-01'],
      today: '2026-01-05',
      settledBefore: null,
      daily: spend(['2026-01-01', '2026-01-05', '3']),
      spent: '12',
      forecast: null,
      basisDays: 0,
      basis: 'period',
      provisionalDays: 4,
      daysLeft: 27,
      canFire: false,
    },
    {
      name: 'month end: 31 January with two provisional days',
      period: ['2026-01-01', '2026-02-01'],
      today: '2026-01-31',
      settledBefore: '2026-01-29',
      daily: spend(['2026-01-01', '2026-01-31', '2']),
      spent: '60',
      forecast: '62',
      basisDays: 28,
      basis: 'period',
      provisionalDays: 2,
      daysLeft: 1,
      canFire: true,
    },
    {
      name: 'a provider 72 h behind at the start of a month: rate from February, three provisional days',
      period: ['2026-03-01', '2026-04-01'],
      today: '2026-03-04',
      settledBefore: '2026-02-27',
      daily: spend(['2026-02-01', '2026-03-01', '1'], ['2026-03-01', '2026-03-04', '2']),
      spent: '6',
      forecast: '34',
      basisDays: 14,
      basis: 'trailing',
      provisionalDays: 3,
      daysLeft: 28,
      canFire: true,
    },
    {
      name: 'a custom range that is over: the forecast is what was spent',
      period: ['2026-03-01', '2026-03-11'],
      today: '2026-04-02',
      settledBefore: '2026-04-01',
      daily: spend(['2026-03-01', '2026-03-11', '1.25']),
      spent: '12.5',
      forecast: '12.5',
      basisDays: 10,
      basis: 'period',
      provisionalDays: 0,
      daysLeft: 0,
      canFire: true,
    },
    {
      name: 'the scope has no data at all',
      period: ['2026-03-01', '2026-04-01'],
      today: '2026-03-02',
      settledBefore: '2026-03-01',
      firstDataDay: null,
      daily: spend(),
      spent: '0',
      forecast: null,
      basisDays: 0,
      basis: 'trailing',
      provisionalDays: 1,
      daysLeft: 30,
      canFire: false,
    },
  ])('returns $name', (row) => {
    const result = forecastSpend({
      period: { start: row.period[0], end: row.period[1] },
      today: row.today,
      dailySpend: row.daily,
      settledBefore: row.settledBefore,
      ...(row.firstDataDay !== undefined ? { firstDataDay: row.firstDataDay } : {}),
    });
    expect({
      spent: result.spent.toFixed(),
      forecast: result.forecast?.toFixed() ?? null,
      basisDays: result.basisDays,
      basis: result.basis,
      provisionalDays: result.provisionalDays,
      daysLeft: result.daysLeft,
      canFire: result.canFireForecast,
    }).toEqual({
      spent: row.spent,
      forecast: row.forecast,
      basisDays: row.basisDays,
      basis: row.basis,
      provisionalDays: row.provisionalDays,
      daysLeft: row.daysLeft,
      canFire: row.canFire,
    });
  });

  it('returns an exact rate for amounts that do not divide evenly', () => {
    const result = forecastSpend({
      period: { start: '2026-03-01', end: '2026-04-01' },
      today: '2026-03-11',
      settledBefore: '2026-03-11',
      dailySpend: spend(['2026-03-01', '2026-03-04', '0.01'], ['2026-03-04', '2026-03-11', '0']),
    });
    expect(result.runRate?.mul(10).toFixed()).toBe('0.03');
    expect(result.forecast?.toFixed()).toBe('0.093');
  });
});

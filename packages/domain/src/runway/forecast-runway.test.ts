import { describe, expect, it } from '@jest/globals';
import { eachDay, type Day } from '../day';
import { Money } from '../money';
import { forecastRunway, projectRunway } from './forecast-runway';

/** Daily burn from `[start, end, amount per day]` runs (end exclusive). */
function burn(...runs: [Day, Day, string][]): Map<Day, Money> {
  const map = new Map<Day, Money>();
  for (const [start, end, amount] of runs) for (const day of eachDay({ start, end })) map.set(day, new Money(amount));
  return map;
}

// The window of every row: the 28 settled days 2026-02-09 .. 2026-03-08 (settledBefore 2026-03-09).
const SETTLED = '2026-03-09';
const AS_OF = '2026-03-10';

type Row = {
  name: string;
  remaining: string;
  daily: Map<Day, Money>;
  settledBefore?: Day | null;
  burnFrom?: Day;
  expiresOn?: Day;
  rate: string;
  runOut: Day | null;
  fastest: Day | null;
  slowest: Day | null;
  daysLeft: number | null;
  leftAtExpiry: string | null;
  runsOutBeforeExpiry: boolean;
  status: string;
  basisDays: number;
};

describe('forecastRunway', () => {
  it.each<Row>([
    {
      name: 'no burn: never runs out, no range',
      remaining: '500',
      daily: burn(),
      rate: '0',
      runOut: null,
      fastest: null,
      slowest: null,
      daysLeft: null,
      leftAtExpiry: null,
      runsOutBeforeExpiry: false,
      status: 'no-burn',
      basisDays: 28,
    },
    {
      name: 'steady burn of 10 a day: 100 lasts 10 days, the range is that day',
      remaining: '100',
      daily: burn(['2026-02-09', SETTLED, '10']),
      rate: '10',
      runOut: '2026-03-20',
      fastest: '2026-03-20',
      slowest: '2026-03-20',
      daysLeft: 10,
      leftAtExpiry: null,
      runsOutBeforeExpiry: false,
      status: 'burning',
      basisDays: 28,
    },
    {
      name: 'rising burn (7, 14, 21, 28 a day by week): average 17.5, fastest week 28, slowest 7',
      remaining: '700',
      daily: burn(
        ['2026-02-09', '2026-02-16', '7'],
        ['2026-02-16', '2026-02-23', '14'],
        ['2026-02-23', '2026-03-02', '21'],
        ['2026-03-02', SETTLED, '28'],
      ),
      rate: '17.5',
      runOut: '2026-04-19',
      fastest: '2026-04-04',
      slowest: '2026-06-18',
      daysLeft: 40,
      leftAtExpiry: null,
      runsOutBeforeExpiry: false,
      status: 'burning',
      basisDays: 28,
    },
    {
      name: 'expires before it is used up: 1000 at 10 a day, expiring 2026-03-31 leaves 790 on the table',
      remaining: '1000',
      daily: burn(['2026-02-09', SETTLED, '10']),
      expiresOn: '2026-03-31',
      rate: '10',
      runOut: '2026-06-18',
      fastest: '2026-06-18',
      slowest: '2026-06-18',
      daysLeft: 100,
      leftAtExpiry: '790',
      runsOutBeforeExpiry: false,
      status: 'burning',
      basisDays: 28,
    },
    {
      name: 'runs out before its expiry: 100 at 10 a day, expiring at the end of the year',
      remaining: '100',
      daily: burn(['2026-02-09', SETTLED, '10']),
      expiresOn: '2026-12-31',
      rate: '10',
      runOut: '2026-03-20',
      fastest: '2026-03-20',
      slowest: '2026-03-20',
      daysLeft: 10,
      leftAtExpiry: null,
      runsOutBeforeExpiry: true,
      status: 'burning',
      basisDays: 28,
    },
    {
      name: 'no burn with an expiry: everything is left on the table',
      remaining: '250.50',
      daily: burn(),
      expiresOn: '2026-04-30',
      rate: '0',
      runOut: null,
      fastest: null,
      slowest: null,
      daysLeft: null,
      leftAtExpiry: '250.5',
      runsOutBeforeExpiry: false,
      status: 'no-burn',
      basisDays: 28,
    },
    {
      name: 'a grant that started a week ago: only its 7 days count, so the range is one week',
      remaining: '300',
      daily: burn(['2026-02-09', '2026-03-02', '99'], ['2026-03-02', SETTLED, '20']),
      burnFrom: '2026-03-02',
      rate: '20',
      runOut: '2026-03-25',
      fastest: '2026-03-25',
      slowest: '2026-03-25',
      daysLeft: 15,
      leftAtExpiry: null,
      runsOutBeforeExpiry: false,
      status: 'burning',
      basisDays: 7,
    },
    {
      name: 'a week of refunds nets negative: the slowest week burns nothing, so the latest run-out is open',
      remaining: '90',
      daily: burn(['2026-02-09', '2026-02-16', '-1'], ['2026-02-16', SETTLED, '4']),
      rate: '2.75',
      runOut: '2026-04-12',
      fastest: '2026-04-02',
      slowest: null,
      daysLeft: 33,
      leftAtExpiry: null,
      runsOutBeforeExpiry: false,
      status: 'burning',
      basisDays: 28,
    },
    {
      name: 'used up already: runs out on the day it was seen',
      remaining: '0',
      daily: burn(['2026-02-09', SETTLED, '10']),
      expiresOn: '2026-12-31',
      rate: '10',
      runOut: AS_OF,
      fastest: AS_OF,
      slowest: AS_OF,
      daysLeft: 0,
      leftAtExpiry: null,
      runsOutBeforeExpiry: true,
      status: 'exhausted',
      basisDays: 28,
    },
    {
      name: 'no settled day yet: no rate to take',
      remaining: '100',
      daily: burn(['2026-03-09', '2026-03-11', '50']),
      settledBefore: null,
      rate: '0',
      runOut: null,
      fastest: null,
      slowest: null,
      daysLeft: null,
      leftAtExpiry: null,
      runsOutBeforeExpiry: false,
      status: 'no-burn',
      basisDays: 0,
    },
  ])('$name', (row) => {
    const forecast = forecastRunway({
      remaining: new Money(row.remaining),
      asOf: AS_OF,
      dailyBurn: row.daily,
      settledBefore: row.settledBefore === undefined ? SETTLED : row.settledBefore,
      burnFrom: row.burnFrom,
      expiresOn: row.expiresOn,
    });
    expect({
      rate: forecast.expected.dailyBurn.toString(),
      runOut: forecast.expected.runOutOn,
      fastest: forecast.fastest.runOutOn,
      slowest: forecast.slowest.runOutOn,
      daysLeft: forecast.daysLeft,
      leftAtExpiry: forecast.leftAtExpiry?.toString() ?? null,
      runsOutBeforeExpiry: forecast.runsOutBeforeExpiry,
      status: forecast.status,
      basisDays: forecast.basisDays,
    }).toEqual({
      rate: row.rate,
      runOut: row.runOut,
      fastest: row.fastest,
      slowest: row.slowest,
      daysLeft: row.daysLeft,
      leftAtExpiry: row.leftAtExpiry,
      runsOutBeforeExpiry: row.runsOutBeforeExpiry,
      status: row.status,
      basisDays: row.basisDays,
    });
  });

  it('keeps exact decimals: 0.1 at 0.00333 a day', () => {
    const daily = burn(['2026-02-09', SETTLED, '0.00333']);
    const forecast = forecastRunway({
      remaining: new Money('0.1'),
      asOf: AS_OF,
      dailyBurn: daily,
      settledBefore: SETTLED,
    });
    // 0.1 / 0.00333 = 30.03 days, so the 31st day after asOf.
    expect(forecast.expected.runOutOn).toBe('2026-04-10');
  });
});

describe('projectRunway', () => {
  it('projects weekly points down to the latest run-out, never below zero', () => {
    const forecast = forecastRunway({
      remaining: new Money('70'),
      asOf: AS_OF,
      settledBefore: SETTLED,
      dailyBurn: burn(['2026-02-09', '2026-03-02', '1'], ['2026-03-02', SETTLED, '5']),
    });
    // average 2, fastest 5, slowest 1: run-outs after 35, 14 and 70 days.
    const points = projectRunway(forecast, { stepDays: 7 });
    expect(points.map((p) => [p.day, p.expected.toString(), p.fastest.toString(), p.slowest.toString()])).toEqual([
      ['2026-03-10', '70', '70', '70'],
      ['2026-03-17', '56', '35', '63'],
      ['2026-03-24', '42', '0', '56'],
      ['2026-03-31', '28', '0', '49'],
      ['2026-04-07', '14', '0', '42'],
      ['2026-04-14', '0', '0', '35'],
      ['2026-04-21', '0', '0', '28'],
      ['2026-04-28', '0', '0', '21'],
      ['2026-05-05', '0', '0', '14'],
      ['2026-05-12', '0', '0', '7'],
      ['2026-05-19', '0', '0', '0'],
    ]);
  });

  it('stops at the expiry day', () => {
    const forecast = forecastRunway({
      remaining: new Money('100'),
      asOf: AS_OF,
      settledBefore: SETTLED,
      dailyBurn: burn(['2026-02-09', SETTLED, '1']),
    });
    const points = projectRunway(forecast, { expiresOn: '2026-03-20', stepDays: 7 });
    expect(points.map((p) => [p.day, p.expected.toString()])).toEqual([
      ['2026-03-10', '100'],
      ['2026-03-17', '93'],
      ['2026-03-20', '90'],
    ]);
  });
});

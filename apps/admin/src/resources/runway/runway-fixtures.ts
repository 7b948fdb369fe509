import type { CreditRunway } from './runway-documents';

/** A runway as the API returns it (an AWS grant that runs out before its expiry), for tests. */
export function buildRunway(overrides: Partial<CreditRunway> = {}): CreditRunway {
  return {
    id: 'grant:g1',
    kind: 'GRANT',
    providerAccountId: 'acc-aws',
    provider: 'AWS_BEDROCK',
    accountLabel: 'AWS',
    name: 'AWS Activate',
    grantId: 'g1',
    granted: '500',
    used: '290',
    remaining: '210',
    asOf: '2026-01-31',
    startsOn: '2026-01-02',
    expiresOn: '2026-02-28',
    status: 'BURNING',
    windowStart: '2026-01-02',
    windowEnd: '2026-01-30',
    basisDays: 28,
    dailyBurn: '10',
    fastestDailyBurn: '12',
    slowestDailyBurn: '8',
    runOutOn: '2026-02-21',
    runOutEarliest: '2026-02-18',
    runOutLatest: '2026-02-27',
    daysLeft: 21,
    leftAtExpiry: null,
    runsOutBeforeExpiry: true,
    notifyUnderDays: null,
    underThreshold: false,
    history: [
      { day: '2026-01-30', balance: '220', reported: false },
      { day: '2026-01-31', balance: '210', reported: false },
    ],
    projection: [
      { day: '2026-01-31', expected: '210', fastest: '210', slowest: '210' },
      { day: '2026-02-21', expected: '0', fastest: '0', slowest: '42' },
    ],
    ...overrides,
  };
}

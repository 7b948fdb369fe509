import { describe, expect, it } from '@jest/globals';
import { billingDelayHours, isDaySettled, settledThrough, settlesAt } from './settlement';

const at = (iso: string) => new Date(iso);

describe('billingDelayHours', () => {
  it.each([
    ['vertex-ai', undefined, 48],
    ['azure', undefined, 72],
    ['azure', 'PAYG', 72],
    ['azure', 'EA', 24],
    ['azure', 'MCA', 24],
    ['openai', 'EA', 24], // the agreement only matters for Azure
    ['anthropic', null, 1],
    ['aws-bedrock', undefined, 48],
  ] as const)('returns the delay of %s (%s): %d h', (provider, agreement, hours) => {
    expect(billingDelayHours(provider, agreement)).toBe(hours);
  });
});

describe('settlesAt', () => {
  it.each([
    ['2026-03-01', 48, '2026-03-04T00:00:00.000Z'],
    ['2026-02-28', 72, '2026-03-04T00:00:00.000Z'],
    ['2028-02-28', 24, '2028-03-01T00:00:00.000Z'],
    ['2026-12-31', 1, '2027-01-01T01:00:00.000Z'],
  ])('returns the end of %s plus %d h', (day, hours, expected) => {
    expect(settlesAt(day, hours).toISOString()).toBe(expected);
  });
});

describe('isDaySettled', () => {
  it.each([
    // Vertex AI, 48 h: 2026-03-01 is final from 2026-03-04T00:00Z.
    ['vertex: read before the delay passed', '2026-03-01', 48, '2026-03-03T23:00:00Z', '2026-03-10T00:00:00Z', false],
    ['vertex: re-read after the delay', '2026-03-01', 48, '2026-03-04T00:00:00Z', '2026-03-04T00:00:01Z', true],
    ['vertex: never read', '2026-03-01', 48, null, '2026-03-10T00:00:00Z', false],
    // Azure pay-as-you-go, 72 h: late data arriving 72 h after the day keeps it provisional until re-read after that.
    ['azure PAYG: read 48 h after the day', '2026-03-01', 72, '2026-03-04T00:00:00Z', '2026-03-04T12:00:00Z', false],
    [
      'azure PAYG: late data 72 h after the day, read then',
      '2026-03-01',
      72,
      '2026-03-05T00:00:00Z',
      '2026-03-05T00:05:00Z',
      true,
    ],
    ['azure EA, 24 h: read a day after', '2026-03-01', 24, '2026-03-03T00:00:00Z', '2026-03-03T00:00:00Z', true],
    ['azure EA, 24 h: read the same evening', '2026-03-01', 24, '2026-03-01T23:00:00Z', '2026-03-05T00:00:00Z', false],
    ['openai 48 h over a month end', '2026-01-31', 48, '2026-02-02T00:00:00Z', '2026-02-02T06:00:00Z', false],
    ['openai 48 h over a month end, re-read', '2026-01-31', 48, '2026-02-03T06:00:00Z', '2026-02-03T06:00:00Z', true],
    ['anthropic 1 h', '2026-03-29', 1, '2026-03-30T01:00:00Z', '2026-03-30T02:00:00Z', true],
  ])('%s', (_name, day, hours, readAt, now, settled) => {
    expect(
      isDaySettled({ day, delayHours: hours, lastReadAt: readAt === null ? null : at(readAt), now: at(now) }),
    ).toBe(settled);
  });
});

describe('settledThrough', () => {
  const now = at('2026-03-10T12:00:00Z');
  it('returns the day after the last of the oldest run of settled days', () => {
    const reads = [
      { day: '2026-03-05', readAt: at('2026-03-10T12:00:00Z') },
      { day: '2026-03-06', readAt: at('2026-03-10T12:00:00Z') },
      { day: '2026-03-07', readAt: at('2026-03-10T12:00:00Z') }, // settles 2026-03-10T00:00 with 48 h
      { day: '2026-03-08', readAt: at('2026-03-10T12:00:00Z') }, // settles 2026-03-11: provisional
    ];
    expect(settledThrough(reads, 48, now)).toBe('2026-03-08');
  });

  it('stops at a day last read before its delay passed, even if later days were re-read', () => {
    const reads = [
      { day: '2026-03-01', readAt: at('2026-03-09T00:00:00Z') },
      { day: '2026-03-02', readAt: at('2026-03-03T00:00:00Z') }, // read once, 24 h after: too early for 72 h
      { day: '2026-03-03', readAt: at('2026-03-09T00:00:00Z') },
    ];
    expect(settledThrough(reads, 72, now)).toBe('2026-03-02');
  });

  it('returns null when the oldest day is provisional or nothing was read', () => {
    expect(settledThrough([{ day: '2026-03-09', readAt: now }], 48, now)).toBeNull();
    expect(settledThrough([], 48, now)).toBeNull();
  });

  it('a re-sync after the delay turns a provisional day settled', () => {
    const first = [{ day: '2026-03-07', readAt: at('2026-03-08T06:00:00Z') }];
    expect(settledThrough(first, 48, now)).toBeNull();
    const resynced = [{ day: '2026-03-07', readAt: at('2026-03-10T06:00:00Z') }];
    expect(settledThrough(resynced, 48, now)).toBe('2026-03-08');
  });
});

import { describe, expect, it } from '@jest/globals';
import { chunkDays, lookbackDays, narrowPlan, nextCompleteThrough, planSync, type SyncPlanInput } from './sync-plan';

const base: SyncPlanInput = {
  trigger: 'schedule',
  today: '2026-03-10',
  backfillDays: 90,
  capabilities: { dataDelayHours: 48, maxDaysPerCall: 31 },
  dataCompleteThrough: '2026-03-08',
  previouslyMissing: [],
};
const ranges = (plan: { chunks: { start: string; end: string }[] }) => plan.chunks.map((c) => `${c.start}..${c.end}`);

describe('lookbackDays', () => {
  it.each([
    [0, 2],
    [1, 2],
    [24, 2],
    [25, 3],
    [48, 3],
    [72, 4],
    [73, 5],
  ])('re-reads enough days for a %i h delay (%i)', (hours, days) => {
    expect(lookbackDays(hours)).toBe(days);
  });
});

describe('chunkDays', () => {
  it.each<[string, string[], number, string[]]>([
    ['nothing', [], 3, []],
    ['one day', ['2026-01-05'], 3, ['2026-01-05..2026-01-06']],
    [
      'a run split at the size',
      ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'],
      3,
      ['2026-01-01..2026-01-04', '2026-01-04..2026-01-05'],
    ],
    [
      'gaps, unsorted, repeated',
      ['2026-01-09', '2026-01-01', '2026-01-02', '2026-01-09', '2026-01-10'],
      31,
      ['2026-01-01..2026-01-03', '2026-01-09..2026-01-11'],
    ],
    [
      'across a leap day and a month end',
      ['2028-02-28', '2028-02-29', '2028-03-01'],
      2,
      ['2028-02-28..2028-03-01', '2028-03-01..2028-03-02'],
    ],
  ])('returns consecutive chunks for %s', (_name, days, size, expected) => {
    expect(chunkDays(days, size).map((c) => `${c.start}..${c.end}`)).toEqual(expected);
  });
});

describe('planSync', () => {
  it('never plans days older than the provider can serve, and names them (OpenRouter keeps 30 days)', () => {
    const plan = planSync({
      ...base,
      trigger: 'manual',
      window: { start: '2026-02-01', end: '2026-03-11' },
      previouslyMissing: ['2026-01-20', '2026-03-01'],
      capabilities: { dataDelayHours: 24, maxDaysPerCall: 1, historyDays: 30 },
    });
    expect(plan.days[0]).toBe('2026-03-01');
    expect([...plan.days].sort()[0]).toBe('2026-02-08');
    expect(plan.days).toHaveLength(31);
    expect(plan.retried).toEqual(['2026-03-01']);
    expect(plan.outOfReach).toEqual([
      '2026-01-20',
      '2026-02-01',
      '2026-02-02',
      '2026-02-03',
      '2026-02-04',
      '2026-02-05',
      '2026-02-06',
      '2026-02-07',
    ]);
  });

  it('plans every requested day when the provider has no history limit', () => {
    expect(planSync({ ...base, trigger: 'link', backfillDays: 400, dataCompleteThrough: null }).outOfReach).toEqual([]);
  });

  it('backfills the configured days up to and including today on link, in chunks of maxDaysPerCall', () => {
    const plan = planSync({ ...base, trigger: 'link', backfillDays: 40, dataCompleteThrough: null, maxChunkDays: 100 });
    expect(plan.window).toEqual({ start: '2026-01-29', end: '2026-03-11' });
    expect(ranges(plan)).toEqual(['2026-01-29..2026-03-01', '2026-03-01..2026-03-11']);
    expect(plan.days).toHaveLength(41);
    expect(plan.advancesCompleteness).toBe(true);
  });

  it.each<[string, number, string]>([
    ['a 48 h delay', 48, '2026-03-07'],
    ['a 1 h delay (at least two days)', 1, '2026-03-08'],
    ['a 72 h delay (Azure PAYG)', 72, '2026-03-06'],
  ])('re-reads a look-back sized to %s on schedule', (_name, dataDelayHours, start) => {
    const plan = planSync({
      ...base,
      capabilities: { dataDelayHours, maxDaysPerCall: 31 },
      dataCompleteThrough: '2026-03-10',
    });
    expect(plan.window).toEqual({ start, end: '2026-03-11' });
    expect(plan.retried).toEqual([]);
  });

  it('reaches back to the last complete day when syncs stopped for a while', () => {
    const plan = planSync({ ...base, trigger: 'manual', dataCompleteThrough: '2026-02-20' });
    expect(plan.window).toEqual({ start: '2026-02-20', end: '2026-03-11' });
    expect(plan.advancesCompleteness).toBe(true);
  });

  it('does the backfill on schedule when no sync ever completed', () => {
    expect(planSync({ ...base, dataCompleteThrough: null, backfillDays: 10 }).window).toEqual({
      start: '2026-02-28',
      end: '2026-03-11',
    });
  });

  it('retries the previously missing days first, in their own chunks, and does not read them twice', () => {
    const plan = planSync({ ...base, previouslyMissing: ['2026-03-08', '2026-01-15', '2026-01-16', '2026-01-15'] });
    expect(ranges(plan)).toEqual([
      '2026-01-15..2026-01-17',
      '2026-03-08..2026-03-09',
      '2026-03-07..2026-03-08',
      '2026-03-09..2026-03-11',
    ]);
    expect(plan.retried).toEqual(['2026-01-15', '2026-01-16', '2026-03-08']);
    expect(plan.window).toEqual({ start: '2026-01-15', end: '2026-03-11' });
    expect(new Set(plan.days).size).toBe(plan.days.length);
  });

  it('keeps an explicit window as given and never advances completeness from it', () => {
    const plan = planSync({
      ...base,
      trigger: 'manual',
      window: { start: '2025-12-30', end: '2026-01-03' },
      capabilities: { dataDelayHours: 0, maxDaysPerCall: 1 },
    });
    expect(ranges(plan)).toEqual([
      '2025-12-30..2025-12-31',
      '2025-12-31..2026-01-01',
      '2026-01-01..2026-01-02',
      '2026-01-02..2026-01-03',
    ]);
    expect(plan.advancesCompleteness).toBe(false);
  });

  it('caps chunks at the engine maximum even when the provider allows more', () => {
    const plan = planSync({
      ...base,
      trigger: 'link',
      backfillDays: 9,
      capabilities: { dataDelayHours: 0, maxDaysPerCall: 365 },
      maxChunkDays: 4,
    });
    expect(ranges(plan)).toEqual(['2026-03-01..2026-03-05', '2026-03-05..2026-03-09', '2026-03-09..2026-03-11']);
  });

  it('caps chunks at 7 days by default, to bound memory', () => {
    const plan = planSync({ ...base, trigger: 'link', backfillDays: 15, dataCompleteThrough: null });
    expect(ranges(plan)).toEqual(['2026-02-23..2026-03-02', '2026-03-02..2026-03-09', '2026-03-09..2026-03-11']);
  });

  it('plans nothing for an empty explicit window', () => {
    const plan = planSync({ ...base, window: { start: '2026-01-01', end: '2026-01-01' } });
    expect(plan.chunks).toEqual([]);
    expect(plan.window).toEqual({ start: '2026-01-01', end: '2026-01-01' });
  });
});

describe('nextCompleteThrough', () => {
  const now = new Date('2026-03-10T15:00:00Z');
  const plan = planSync({ ...base, dataCompleteThrough: '2026-03-05' });

  it.each<[string, string[], number, string | null]>([
    ['stops at the provider delay when nothing is missing', [], 48, '2026-03-08'],
    ['reaches the window end for a provider without delay', [], 0, '2026-03-10'],
    ['stops at the first missing day', ['2026-03-09', '2026-03-06'], 0, '2026-03-06'],
  ])('%s', (_name, missing, delay, expected) => {
    expect(nextCompleteThrough(plan, missing, now, delay, '2026-03-05')).toBe(expected);
  });

  it('keeps the current day for an explicit window', () => {
    const explicit = planSync({ ...base, window: { start: '2026-03-01', end: '2026-03-03' } });
    expect(nextCompleteThrough(explicit, [], now, 0, '2026-02-01')).toBe('2026-02-01');
  });
});

describe('narrowPlan', () => {
  it('keeps only the days a credential can read and names the rest out of reach (an OpenRouter standard key reads today)', () => {
    const plan = planSync({
      ...base,
      trigger: 'link',
      backfillDays: 3,
      capabilities: { dataDelayHours: 24, maxDaysPerCall: 1 },
      previouslyMissing: ['2026-03-01'],
    });
    const narrowed = narrowPlan(plan, '2026-03-10');
    expect(narrowed).toMatchObject({
      days: ['2026-03-10'],
      window: { start: '2026-03-10', end: '2026-03-11' },
      retried: [],
    });
    expect(ranges(narrowed)).toEqual(['2026-03-10..2026-03-11']);
    expect(narrowed.outOfReach).toEqual(['2026-03-01', '2026-03-07', '2026-03-08', '2026-03-09']);
  });

  it('splits a multi-day chunk at the first readable day and returns the plan itself when every day is readable', () => {
    const plan = planSync({
      ...base,
      trigger: 'link',
      backfillDays: 4,
      capabilities: { dataDelayHours: 0, maxDaysPerCall: 31 },
    });
    expect(ranges(narrowPlan(plan, '2026-03-09'))).toEqual(['2026-03-09..2026-03-11']);
    expect(narrowPlan(plan, '2026-03-01')).toBe(plan);
  });
});

import { describe, expect, it } from '@jest/globals';
import { isAdapterError } from '../../errors';
import { mergeReportsByDay } from './merge-days';
import type { ReportPage } from './raw';

/** Pages of buckets, each bucket given as [day, ...results]. */
async function* pages(...list: [string, ...string[]][][]): AsyncGenerator<ReportPage<string>> {
  for (const page of list) {
    yield { has_more: true, data: page.map(([day, ...results]) => ({ starting_at: `${day}T00:00:00Z`, results })) };
  }
}

async function collect(usage: AsyncIterable<ReportPage<string>>, cost: AsyncIterable<ReportPage<string>>) {
  const batches: string[][] = [];
  for await (const batch of mergeReportsByDay(usage, cost))
    batches.push(batch.map((d) => `${d.day}:${d.usage.join('+')}/${d.cost.join('+')}`));
  return batches;
}

describe('mergeReportsByDay', () => {
  it('returns each day once, with both reports, even when their pages split days differently', async () => {
    const usage = pages(
      [
        ['2026-01-01', 'u1'],
        ['2026-01-02', 'u2'],
      ],
      [['2026-01-03', 'u3']],
    );
    const cost = pages(
      [['2026-01-01', 'c1']],
      [
        ['2026-01-02', 'c2'],
        ['2026-01-03', 'c3'],
      ],
    );
    const batches = await collect(usage, cost);
    expect(batches.flat()).toEqual(['2026-01-01:u1/c1', '2026-01-02:u2/c2', '2026-01-03:u3/c3']);
    // Days are handed out as soon as both sides have moved past them, not all at the end.
    expect(batches.length).toBeGreaterThan(1);
  });

  it('joins a day whose results continue on the next page', async () => {
    const usage = pages([['2026-01-01', 'a']], [['2026-01-01', 'b'], ['2026-01-02']]);
    const batches = await collect(usage, pages());
    expect(batches.flat()).toEqual(['2026-01-01:a+b/', '2026-01-02:/']);
  });

  it('rejects a bucket for a day already handed out', async () => {
    const usage = pages(
      [
        ['2026-01-01', 'a'],
        ['2026-01-02', 'b'],
      ],
      [['2026-01-01', 'late']],
    );
    let caught: unknown;
    try {
      await collect(usage, pages([['2026-01-03']]));
    } catch (error) {
      caught = error;
    }
    expect(isAdapterError(caught, 'INVALID_RESPONSE')).toBe(true);
  });
});

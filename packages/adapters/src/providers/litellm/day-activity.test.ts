import { describe, expect, it } from '@jest/globals';
import { isAdapterError } from '../../errors';
import { completeDays } from './day-activity';
import type { DailyActivityPage } from './raw';

const KEY = 'k1';
/** A page part of `date`: one model, one key, `spend` and `requests`. */
const part = (date: string, spend: number, requests: number) => ({
  date,
  metrics: { spend, api_requests: requests },
  breakdown: {
    models: {
      m: {
        metrics: { spend, api_requests: requests },
        api_key_breakdown: { [KEY]: { metrics: { spend, api_requests: requests } } },
      },
    },
  },
});
const page = (...results: ReturnType<typeof part>[]): DailyActivityPage => ({ results });

async function collect(pages: DailyActivityPage[]) {
  const batches: { day: string; spend: string; keySpend: string | undefined; requests: number | null }[][] = [];
  async function* source() {
    yield* pages;
  }
  for await (const days of completeDays(source())) {
    batches.push(
      days.map((d) => ({
        day: d.day,
        spend: d.total.spend.toFixed(),
        keySpend: d.models.get('m')?.keys.get(KEY)?.metrics.spend.toFixed(),
        requests: d.total.requests,
      })),
    );
  }
  return batches;
}

describe('completeDays', () => {
  it('returns each day once, merged across the pages it was split over, as soon as an older day appears', async () => {
    const batches = await collect([
      page(part('2026-01-07', 0.1, 1), part('2026-01-06', 0.2, 2)),
      page(part('2026-01-06', 0.1, 1), part('2026-01-05', 0.5, 5)),
      page(part('2026-01-05', 0.25, 1)),
    ]);
    expect(batches).toEqual([
      [{ day: '2026-01-07', spend: '0.1', keySpend: '0.1', requests: 1 }],
      [{ day: '2026-01-06', spend: '0.3', keySpend: '0.3', requests: 3 }],
      [{ day: '2026-01-05', spend: '0.75', keySpend: '0.75', requests: 6 }],
    ]);
  });

  it('returns everything at the end for an answer in one piece, and nothing for an empty one', async () => {
    expect(await collect([page(part('2026-01-07', 1, 1), part('2026-01-06', 2, 2))])).toEqual([
      [{ day: '2026-01-07', spend: '1', keySpend: '1', requests: 1 }],
      [{ day: '2026-01-06', spend: '2', keySpend: '2', requests: 2 }],
    ]);
    expect(await collect([page()])).toEqual([]);
  });

  it('rejects a day that comes back after it was complete (pages not in date order) as INVALID_RESPONSE', async () => {
    let caught: unknown;
    try {
      await collect([page(part('2026-01-07', 1, 1), part('2026-01-06', 1, 1)), page(part('2026-01-07', 1, 1))]);
    } catch (error) {
      caught = error;
    }
    expect(isAdapterError(caught, 'INVALID_RESPONSE')).toBe(true);
    expect((caught as Error).message).toMatch(/not in date order \(2026-01-07/);
  });
});

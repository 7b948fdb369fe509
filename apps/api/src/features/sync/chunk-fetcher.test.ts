import { describe, expect, it } from '@jest/globals';
import type { BillingAdapter } from '@spendsync/adapters';
import { buildCostRecord } from '@spendsync/domain/testing';
import type { DayRange } from '@spendsync/domain';
import { createChunkFetcher, type ChunkFetch } from './chunk-fetcher';

const CHUNKS: DayRange[] = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'].map((start, i) => ({
  start,
  end: `2026-01-0${i + 2}`,
}));

/** An adapter whose chunks answer after `delays[i]` ms (later chunks may finish first); chunk `failAt` throws. */
function fakeAdapter(delays: number[], failAt?: number) {
  let inFlight = 0;
  let maxInFlight = 0;
  let aborted = 0;
  const adapter = {
    async *listCostRecords(range: DayRange, signal?: AbortSignal) {
      const i = CHUNKS.findIndex((c) => c.start === range.start);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => {
            aborted++;
            clearTimeout(timer);
            reject(new Error('aborted'));
          };
          const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          }, delays[i]);
          signal?.addEventListener('abort', onAbort, { once: true });
        });
        if (i === failAt) throw new Error(`chunk ${i} failed`);
        yield [buildCostRecord({ day: range.start, model: 'a' }), buildCostRecord({ day: range.start, model: 'b' })];
      } finally {
        inFlight--;
      }
    },
  } as unknown as BillingAdapter;
  return { adapter, maxInFlight: () => maxInFlight, aborted: () => aborted };
}

async function drain(next: () => Promise<ChunkFetch | null>): Promise<string[]> {
  const out: string[] = [];
  for (let r = await next(); r; r = await next())
    out.push(
      'error' in r ? `${r.chunk.start}: ${(r.error as Error).message}` : `${r.chunk.start}: ${r.records.length}`,
    );
  return out;
}

describe('createChunkFetcher', () => {
  it.each([1, 2, 3])('hands chunks back in plan order with at most %i in flight', async (concurrency) => {
    const fake = fakeAdapter([40, 5, 20, 1]);
    const totals: number[] = [];
    const fetcher = createChunkFetcher({
      adapter: fake.adapter,
      chunks: CHUNKS,
      concurrency,
      signal: new AbortController().signal,
      onRecords: (n) => totals.push(n),
    });
    expect(await drain(() => fetcher.next())).toEqual([
      '2026-01-01: 2',
      '2026-01-02: 2',
      '2026-01-03: 2',
      '2026-01-04: 2',
    ]);
    expect(fake.maxInFlight()).toBe(concurrency);
    expect(fetcher.fetched).toBe(8);
    expect(totals.at(-1)).toBe(8);
  });

  it('returns a failed chunk as an error in its place and goes on', async () => {
    const fake = fakeAdapter([1, 1, 1, 1], 1);
    const fetcher = createChunkFetcher({
      adapter: fake.adapter,
      chunks: CHUNKS,
      concurrency: 2,
      signal: new AbortController().signal,
      onRecords: () => undefined,
    });
    expect(await drain(() => fetcher.next())).toEqual([
      '2026-01-01: 2',
      '2026-01-02: chunk 1 failed',
      '2026-01-03: 2',
      '2026-01-04: 2',
    ]);
  });

  it('launches nothing more after stop() and aborts the fetches in flight', async () => {
    const fake = fakeAdapter([1, 60_000, 60_000, 60_000]);
    const fetcher = createChunkFetcher({
      adapter: fake.adapter,
      chunks: CHUNKS,
      concurrency: 2,
      signal: new AbortController().signal,
      onRecords: () => undefined,
    });
    expect((await fetcher.next())?.chunk.start).toBe('2026-01-01');
    fetcher.stop();
    expect(await fetcher.next()).toBeNull();
    expect(fake.aborted()).toBe(2); // chunks 2 and 3 were in flight; chunk 4 never started
    expect(fake.maxInFlight()).toBe(2);
  });
});

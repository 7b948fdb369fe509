import type { BillingAdapter } from '@spendsync/adapters';
import type { CostRecord, DayRange } from '@spendsync/domain';

/** One chunk's fetch: every record, or why it failed. */
export type ChunkFetch = { chunk: DayRange; records: CostRecord[] } | { chunk: DayRange; error: unknown };

/** Fetches a plan's chunks ahead of the writer, handing results back in plan order. */
export type ChunkFetcher = {
  /** The next chunk's result in plan order, or null when no chunk is left (or after `stop`). */
  next(): Promise<ChunkFetch | null>;
  /** Launches nothing more and aborts fetches in flight (their days stay missing). */
  stop(): void;
  /** Records fetched so far by fetches not yet handed back, plus those handed back. */
  readonly fetched: number;
};

export type ChunkFetcherOptions = {
  adapter: BillingAdapter;
  chunks: readonly DayRange[];
  /** Fetches in flight at once (at least 1). */
  concurrency: number;
  signal: AbortSignal;
  /** Called as pages arrive, with the running total of `fetched`. */
  onRecords(fetched: number): void;
};

/**
 * Keeps up to `concurrency` chunks fetching while earlier ones are written, so waiting on the
 * provider overlaps with waiting on the database; results still come back in plan order, so
 * writes, logs and the failure rules see chunks one by one. Memory holds at most
 * `concurrency` fetched chunks plus the one being written.
 */
export function createChunkFetcher(options: ChunkFetcherOptions): ChunkFetcher {
  const stopper = new AbortController();
  const signal = AbortSignal.any([options.signal, stopper.signal]);
  const queue: Promise<ChunkFetch>[] = [];
  let launched = 0;
  let fetched = 0;

  async function fetchChunk(chunk: DayRange): Promise<ChunkFetch> {
    const records: CostRecord[] = [];
    try {
      for await (const page of options.adapter.listCostRecords(chunk, signal)) {
        for (const record of page) records.push(record); // no push(...page): pages can be huge
        fetched += page.length;
        options.onRecords(fetched);
      }
      return { chunk, records };
    } catch (error) {
      fetched -= records.length;
      return { chunk, error };
    }
  }

  const launch = () => {
    while (!signal.aborted && queue.length < options.concurrency && launched < options.chunks.length) {
      queue.push(fetchChunk(options.chunks[launched++]!));
    }
  };

  return {
    async next() {
      launch();
      const head = queue.shift();
      if (!head) return null;
      const result = await head;
      launch();
      return result;
    },
    stop() {
      stopper.abort(new Error('stopped'));
      // Settle the aborted fetches quietly; their chunks are never handed back.
      for (const pending of queue.splice(0)) void pending;
    },
    get fetched() {
      return fetched;
    },
  };
}

import type { ProviderId } from '@spendsync/domain';
import { AdapterError } from './errors';

/** Options for {@link paginate}. */
export type PaginateOptions<P> = {
  provider: ProviderId;
  label: string;
  /** Fetches one page; `cursor` is undefined for the first. */
  fetchPage: (cursor: string | undefined) => Promise<P>;
  /** The next cursor, or null/undefined when the listing is complete. */
  nextCursor: (page: P) => string | null | undefined;
  /** Pages after which the listing is treated as endless. */
  maxPages: number;
};

/**
 * Walks a cursor-paged listing. A cursor that repeats, or a listing longer than `maxPages`,
 * ends with INVALID_RESPONSE instead of looping forever.
 */
export async function* paginate<P>(options: PaginateOptions<P>): AsyncGenerator<P> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await options.fetchPage(cursor);
    yield page;
    const next = options.nextCursor(page);
    if (next === null || next === undefined || next === '') return;
    if (seen.has(next) || pages >= options.maxPages) {
      throw new AdapterError(
        options.provider,
        'INVALID_RESPONSE',
        `${options.label}: paging did not end (${seen.has(next) ? 'a cursor repeated' : `more than ${options.maxPages} pages`}); stopped to avoid an endless loop`,
      );
    }
    seen.add(next);
    cursor = next;
  }
}

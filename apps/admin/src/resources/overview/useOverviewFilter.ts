import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { OverviewFilter } from './overview-filter';
import { mergeFilterIntoParams, parseFilterParams } from './overview-url';

/** The URL key of the 1-based page of the current tab's table. */
export const PAGE_KEY = 'page';

/** The Overview filter, read from and written to the URL (so a link or reload shows the same view). */
export function useOverviewFilter() {
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const { filter, problems } = useMemo(() => parseFilterParams(new URLSearchParams(query)), [query]);
  const page = Math.max(1, Number.parseInt(params.get(PAGE_KEY) ?? '1', 10) || 1);

  /** Applies a new filter; the page goes back to the first (the rows are different now). */
  const setFilter = useCallback(
    (next: OverviewFilter) => {
      setParams((current) => {
        const merged = mergeFilterIntoParams(current, next);
        merged.delete(PAGE_KEY);
        return merged;
      });
    },
    [setParams],
  );

  const setPage = useCallback(
    (next: number) => {
      setParams((current) => {
        const merged = new URLSearchParams(current);
        if (next <= 1) merged.delete(PAGE_KEY);
        else merged.set(PAGE_KEY, String(next));
        return merged;
      });
    },
    [setParams],
  );

  return { filter, problems, page, setFilter, setPage };
}

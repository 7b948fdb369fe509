import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import type { FilterChange } from './overview-filter';
import { mergeFilterIntoParams, parseFilterParams } from './overview-url';

/** The URL key of the 1-based page of the current tab's table. */
export const PAGE_KEY = 'page';

/** The Overview filter, read from and written to the URL (so a link or reload shows the same view). */
export function useOverviewFilter() {
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const { filter, problems } = useMemo(() => parseFilterParams(new URLSearchParams(query)), [query]);
  const page = Math.max(1, Number.parseInt(params.get(PAGE_KEY) ?? '1', 10) || 1);

  // The URL as of now: what the last render showed, or what this hook wrote since. react-router
  // hands a functional update the params of the render that made the setter, so two changes
  // before the next render (a sort clicked right after a search commits) would each start from
  // the old URL and the second would drop the first.
  const latest = useRef(query);
  useLayoutEffect(() => {
    latest.current = query;
  }, [query]);

  const write = useCallback(
    (next: (current: URLSearchParams) => URLSearchParams) => {
      const merged = next(new URLSearchParams(latest.current));
      latest.current = merged.toString();
      setParams(merged);
    },
    [setParams],
  );

  /** Applies `change` to the filter the URL holds by then; the page goes back to the first (the rows are different now). */
  const setFilter = useCallback(
    (change: FilterChange) =>
      write((current) => {
        const merged = mergeFilterIntoParams(current, { ...parseFilterParams(current).filter, ...change });
        merged.delete(PAGE_KEY);
        return merged;
      }),
    [write],
  );

  const setPage = useCallback(
    (next: number) =>
      write((current) => {
        if (next <= 1) current.delete(PAGE_KEY);
        else current.set(PAGE_KEY, String(next));
        return current;
      }),
    [write],
  );

  return { filter, problems, page, setFilter, setPage };
}

import type { FilterChange, OverviewFilter } from './overview-filter';

/** What each Overview tab gets from the page: the shared filter and its own page number. */
export type TabProps = {
  filter: OverviewFilter;
  /** Changes the named fields of the filter, keeping the rest as the URL has them. */
  setFilter(change: FilterChange): void;
  /** 1-based page of the tab's table. */
  page: number;
  setPage(page: number): void;
};

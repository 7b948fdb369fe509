import type { OverviewFilter } from './overview-filter';

/** What each Overview tab gets from the page: the shared filter and its own page number. */
export type TabProps = {
  filter: OverviewFilter;
  setFilter(filter: OverviewFilter): void;
  /** 1-based page of the tab's table. */
  page: number;
  setPage(page: number): void;
};

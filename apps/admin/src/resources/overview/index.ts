import { LinearProgress } from '@mui/material';
import { Suspense, createElement } from 'react';
import { Route } from 'react-router';
import { OVERVIEW_PATH, overviewTabAt } from './overview-tabs';
import { preloadable } from '../../routing/preloadable';
import { TAB_COMPONENTS } from './tab-modules';

// The page is its own chunk, and each tab and the chart are chunks of their own below it.
const OverviewPage = preloadable<object>(() => import('./OverviewPage').then((m) => ({ default: m.OverviewPage })));

/**
 * When the page opens on the Overview (`pathname`), or on `/` (which leads there once a provider
 * is linked), starts loading its chunk and its tab's at once, alongside the session check, rather
 * than one after the other once the route renders; loaded by then, they mount without suspending.
 */
export function preloadOverview(pathname: string): void {
  const tab = overviewTabAt(pathname);
  if (!tab) return;
  // Both at once, not the tab after the page. A failed preload is retried by the lazy load itself, which reports it.
  OverviewPage.preload().catch(() => undefined);
  TAB_COMPONENTS[tab].preload().catch(() => undefined);
}

/**
 * The Overview's routes, mounted by App.tsx inside react-admin's `<CustomRoutes>`.
 * One route with a splat so the tab (path) and its filters (query string) stay in the URL.
 */
export const overviewRoutes = [
  createElement(Route, {
    key: 'overview',
    path: `${OVERVIEW_PATH}/*`,
    element: createElement(Suspense, { fallback: createElement(LinearProgress) }, createElement(OverviewPage)),
  }),
];

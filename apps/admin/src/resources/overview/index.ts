import { LinearProgress } from '@mui/material';
import { Suspense, createElement, lazy } from 'react';
import { Route } from 'react-router';

/** The path the Overview lives at; its tab is the next path segment (`/overview/models`). */
export const OVERVIEW_PATH = '/overview';

// The page is its own chunk, and each tab and the chart are chunks of their own below it.
const OverviewPage = lazy(() => import('./OverviewPage').then((m) => ({ default: m.OverviewPage })));

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

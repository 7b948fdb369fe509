import { createElement } from 'react';
import { Route } from 'react-router';
import { OverviewPage } from './OverviewPage';

/** The path the Overview lives at; its tab is the next path segment (`/overview/models`). */
export const OVERVIEW_PATH = '/overview';

/**
 * The Overview's routes, mounted by App.tsx inside react-admin's `<CustomRoutes>`.
 * One route with a splat so the tab and its filters stay in the URL.
 */
export const overviewRoutes = [
  createElement(Route, { key: 'overview', path: `${OVERVIEW_PATH}/*`, element: createElement(OverviewPage) }),
];

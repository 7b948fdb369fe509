import { LinearProgress } from '@mui/material';
import { Suspense, createElement, lazy } from 'react';
import { Route } from 'react-router';

/** Paths of the Budgets and Notification channels screens. */
export const BUDGETS_PATH = '/budgets';
export const CHANNELS_PATH = '/notification-channels';

const BudgetsPage = lazy(() => import('./BudgetsPage').then((m) => ({ default: m.BudgetsPage })));
const ChannelsPage = lazy(() => import('./ChannelsPage').then((m) => ({ default: m.ChannelsPage })));
const suspended = (page: ReturnType<typeof lazy>) =>
  createElement(Suspense, { fallback: createElement(LinearProgress) }, createElement(page));

/** The budgets routes, mounted by App.tsx inside react-admin's `<CustomRoutes>`. */
export const budgetRoutes = [
  createElement(Route, { key: 'budgets', path: BUDGETS_PATH, element: suspended(BudgetsPage) }),
  createElement(Route, { key: 'notification-channels', path: CHANNELS_PATH, element: suspended(ChannelsPage) }),
];

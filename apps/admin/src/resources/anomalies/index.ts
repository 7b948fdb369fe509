import { LinearProgress } from '@mui/material';
import { Suspense, createElement, lazy } from 'react';
import { Route } from 'react-router';

/** Where the anomaly feed lives. */
export const ANOMALIES_PATH = '/anomalies';

const AnomaliesPage = lazy(() => import('./AnomaliesPage').then((m) => ({ default: m.AnomaliesPage })));

/** The Anomalies route, mounted by App.tsx inside react-admin's `<CustomRoutes>`. */
export const anomalyRoutes = [
  createElement(Route, {
    key: 'anomalies',
    path: ANOMALIES_PATH,
    element: createElement(Suspense, { fallback: createElement(LinearProgress) }, createElement(AnomaliesPage)),
  }),
];

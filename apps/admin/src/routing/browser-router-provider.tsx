import { useCallback, useContext, useEffect, useRef } from 'react';
import {
  Link,
  matchPath,
  Navigate,
  Outlet,
  Route,
  Routes,
  UNSAFE_DataRouterContext,
  UNSAFE_DataRouterStateContext,
  useBlocker,
  useInRouterContext,
  useLocation,
  useMatch,
  useNavigate as useReactRouterNavigate,
  useParams,
} from 'react-router';
import type { RouterNavigateFunction, RouterProvider, RouterWrapperProps } from 'react-admin';

/** Blocking navigation needs a data router; under `<BrowserRouter>` there is none. */
function useCanBlock(): boolean {
  const dataRouter = useContext(UNSAFE_DataRouterContext);
  const dataRouterState = useContext(UNSAFE_DataRouterStateContext);
  return Boolean(dataRouter && dataRouterState);
}

/** A navigate function that stays the same across renders and always uses the latest router. */
function useNavigate(): RouterNavigateFunction {
  const navigate = useReactRouterNavigate();
  const latest = useRef(navigate);
  useEffect(() => {
    latest.current = navigate;
  }, [navigate]);
  // react-router's own signature, which ra-core's (wider `to`) is passed through to, as ra-core does.
  return useCallback(
    (...args: unknown[]) => (latest.current as (...a: unknown[]) => unknown)(...args),
    [],
  ) as RouterNavigateFunction;
}

/** The admin always runs inside App.tsx's `<BrowserRouter>`, so the wrapper has nothing to add. */
function RouterWrapper({ children }: RouterWrapperProps) {
  return <>{children}</>;
}

/**
 * ra-core's react-router adapter (`ra-core/dist/routing/adapters/reactRouterProvider.js`, 5.15)
 * without its fallback router. That fallback (`createHashRouter`, for apps with no router of
 * their own) is never used here, yet importing it brings react-router's whole data-router
 * runtime (about 17 kB gzip) into the first screen. vite.config.ts puts this module in place of
 * ra-core's; the name of the export is ra-core's. `browser-router-provider.test.ts` checks that
 * both still offer the same primitives.
 */
export const reactRouterProvider: RouterProvider = {
  useNavigate,
  useLocation,
  useParams: useParams as RouterProvider['useParams'],
  useBlocker,
  useMatch,
  useInRouterContext,
  useCanBlock,
  Link: Link as RouterProvider['Link'],
  Navigate,
  Route: Route as RouterProvider['Route'],
  Routes,
  Outlet,
  RouterWrapper,
  matchPath: matchPath as RouterProvider['matchPath'],
};

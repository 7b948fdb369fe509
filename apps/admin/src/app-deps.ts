import { QueryClient } from '@tanstack/react-query';
import type { SubscriptionForwarder } from '@urql/core';
import { localStorageStore, memoryStore, type AuthProvider, type I18nProvider, type Store } from 'react-admin';
import { createAuthProvider } from './auth/auth-provider';
import { createSession, type Session, type SessionStorage } from './auth/session';
import { createDataProvider, type SpendsyncDataProvider } from './data-provider';
import { createGraphqlTransport, type GraphqlTransport } from './data-provider/graphql';
import { createOverviewMethods, type OverviewMethods } from './data-provider/overview-methods';
import { createI18nProvider } from './i18n/i18n-provider';

/** Everything the app runs on, built once (main.tsx) or from fakes (tests). */
export type AppDeps = {
  session: Session;
  transport: GraphqlTransport;
  /** Our data provider plus the Overview's HTTP calls (CSV export with the session cookie). */
  dataProvider: SpendsyncDataProvider & OverviewMethods;
  authProvider: AuthProvider;
  /** react-admin's English messages without polyglot (i18n/i18n-provider.ts). */
  i18nProvider: I18nProvider;
  queryClient: QueryClient;
  store: Store;
};

/** Seams for tests; the browser uses the defaults. */
export type AppDepsOptions = {
  storage?: SessionStorage;
  fetch?: typeof fetch;
  url?: string;
  forwardSubscription?: SubscriptionForwarder;
  /** Keep react-admin's preferences in memory (tests) instead of localStorage. */
  memoryStore?: boolean;
};

/** Client errors (bad input, no access) will not change on retry; network and server errors may. */
function shouldRetry(failures: number, error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status ?? 500;
  return failures < 2 && (status === 0 || status >= 500);
}

/** Builds the session, transport, providers and the one react-query cache. */
export function createAppDeps(options: AppDepsOptions = {}): AppDeps {
  const session = createSession(options.storage);
  const transport = createGraphqlTransport({
    url: options.url,
    isSignedIn: session.isSignedIn,
    fetch: options.fetch,
    forwardSubscription: options.forwardSubscription,
  });
  const queryClient = new QueryClient({
    defaultOptions: {
      // Sync progress invalidates what it changes (live.ts), so data need not be refetched on focus or on a timer.
      queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: shouldRetry },
    },
  });
  return {
    session,
    transport,
    dataProvider: { ...createDataProvider(transport), ...createOverviewMethods() },
    authProvider: createAuthProvider(transport, session),
    i18nProvider: createI18nProvider(),
    queryClient,
    store: options.memoryStore ? memoryStore() : localStorageStore(undefined, 'spendsync'),
  };
}

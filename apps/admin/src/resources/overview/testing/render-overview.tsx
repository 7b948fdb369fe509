import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { AdminContext } from 'react-admin';
import { MemoryRouter, Route, Routes, useLocation, type Location } from 'react-router';
import { createDataProvider } from '../../../data-provider';
import { createGraphqlTransport } from '../../../data-provider/graphql';
import { createFakeGraphql, type FakeResolvers } from '../../../test/fake-graphql';
import { OverviewPage } from '../OverviewPage';
import { prefetchOverview } from '../prefetch-overview';
import type { OverviewDataProvider } from '../useOverviewQuery';

/** Where the page's router is now (read after interactions). */
export type LocationProbe = { current: Location | null };

function Probe({ probe }: { probe: LocationProbe }) {
  probe.current = useLocation();
  return null;
}

/** One export request the fake received. */
export type ExportCall = { path: string };

/**
 * Renders the Overview at `url` on a fake API: GraphQL answered by `resolvers` against the
 * real contract schema (apps/api/schema.graphql), the CSV route by `csv`. `me.role` defaults to ADMIN.
 * `prefetch`, the URL the page was opened at: the Overview's queries are prefetched for it first.
 */
export function renderOverview(
  url: string,
  resolvers: FakeResolvers,
  options: { csv?: string; role?: 'ADMIN' | 'VIEWER'; prefetch?: string } = {},
) {
  const fake = createFakeGraphql({
    me: () => ({
      role: options.role ?? 'ADMIN',
      canRecordUsage: false,
      organization: { id: 'org', name: 'Org', createdAt: '2025-01-01T00:00:00Z' },
    }),
    anomalies: () => ({ total: 0, rows: [] }),
    ...resolvers,
  });
  const transport = createGraphqlTransport({
    url: 'http://api.test/graphql',
    isSignedIn: () => true,
    fetch: fake.fetch,
    forwardSubscription: fake.forwardSubscription,
  });
  const exports: ExportCall[] = [];
  const dataProvider: OverviewDataProvider = {
    ...createDataProvider(transport),
    async fetchWithAuth(path: string) {
      exports.push({ path });
      return {
        ok: true,
        status: 200,
        headers: { get: () => 'attachment; filename="models-2025-06-11.csv"' },
        blob: async () => new Blob([options.csv ?? 'a\n1\n']),
      } as unknown as Response;
    },
  };
  const queryClient = new QueryClient({
    // with a prefetch, the app's staleTime: what was fetched before the page mounted is used as it is
    defaultOptions: {
      queries: { retry: false, gcTime: Number.POSITIVE_INFINITY, ...(options.prefetch ? { staleTime: 60_000 } : {}) },
    },
  });
  // as main.tsx does for the page's own URL, before rendering (`prefetch`: the URL it sees)
  if (options.prefetch) {
    const opened = new URL(options.prefetch, 'http://admin.test');
    prefetchOverview({ dataProvider, queryClient, isSignedIn: () => true }, opened);
  }
  const probe: LocationProbe = { current: null };
  const view = render(
    <MemoryRouter initialEntries={[url]}>
      <AdminContext dataProvider={dataProvider} queryClient={queryClient}>
        <Routes>
          <Route path="/overview/*" element={<OverviewPage />} />
        </Routes>
        <Probe probe={probe} />
      </AdminContext>
    </MemoryRouter>,
  );
  /** The operations sent, by operation name, with their variables. */
  const calls = (operationName: string) =>
    fake.calls.filter((c) => c.operationName === operationName).map((c) => c.variables);
  return { ...view, fake, calls, exports, probe, search: () => new URLSearchParams(probe.current?.search ?? '') };
}

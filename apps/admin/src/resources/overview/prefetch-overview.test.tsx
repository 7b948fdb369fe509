import { describe, expect, it, jest } from '@jest/globals';
import { QueryClient } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { prefetchOverview } from './prefetch-overview';
import { buildProviderRow, page } from './testing/overview-builders';
import { renderOverview } from './testing/render-overview';

const resolvers = { providerDashboard: () => page([buildProviderRow()]), costSeries: () => [] };
const FIRST_SCREEN = ['OverviewProviders', 'OverviewCostSeries', 'AnomalyDays'];

describe('prefetchOverview', () => {
  it('fills the cache under the keys the Providers tab asks for: each query is sent once', async () => {
    const url = '/overview/providers?period=last_90_days&providers=openai&search=gpt';
    const view = renderOverview(url, resolvers, { prefetch: url });
    await screen.findByText('OpenAI main');
    for (const operation of FIRST_SCREEN)
      expect({ operation, sent: view.calls(operation).length }).toEqual({ operation, sent: 1 });
    expect(view.calls('OverviewProviders')[0]).toMatchObject({ filter: { preset: 'LAST_90_DAYS', search: 'gpt' } });
  });

  it('is not used for another filter: the tab then asks itself', async () => {
    const view = renderOverview('/overview/providers?period=last_7_days', resolvers, {
      prefetch: '/overview/providers',
    });
    await screen.findByText('OpenAI main');
    expect(view.calls('OverviewProviders')).toHaveLength(2);
  });

  it('asks nothing on another tab or page, or before anyone is signed in', () => {
    const graphql = jest.fn(async () => ({}));
    const deps = (signedIn: boolean) => ({
      dataProvider: { graphql } as never,
      queryClient: new QueryClient(),
      isSignedIn: () => signedIn,
    });
    for (const pathname of ['/overview/models', '/budgets', '/overviews']) {
      prefetchOverview(deps(true), { pathname, search: '' });
    }
    prefetchOverview(deps(false), { pathname: '/overview', search: '' });
    expect(graphql).not.toHaveBeenCalled();
    for (const pathname of ['/', '/overview', '/overview/', '/overview/providers']) {
      prefetchOverview(deps(true), { pathname, search: '' });
    }
    expect(graphql).toHaveBeenCalledTimes(12);
  });
});

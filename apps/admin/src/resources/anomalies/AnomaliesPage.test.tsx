import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { AdminContext } from 'react-admin';
import { MemoryRouter } from 'react-router';
import { createDataProvider } from '../../data-provider';
import { createGraphqlTransport } from '../../data-provider/graphql';
import { createFakeGraphql, type FakeResolvers } from '../../test/fake-graphql';
import { AnomaliesPage } from './AnomaliesPage';

const spike = {
  id: 'an-1',
  level: 'API_KEY',
  provider: 'OPENAI',
  seriesKey: 'key_abc',
  seriesLabel: 'sk-proj-abc...wxyz',
  day: '2026-03-10',
  kind: 'SPIKE',
  severity: 'CRITICAL',
  expected: '12.5',
  actual: '312.5',
  delta: '300',
  changeKind: 'VOLUME',
  status: 'OPEN',
  note: null,
  acknowledgedAt: null,
  detectedAt: '2026-03-13T00:00:00Z',
  resolvedAt: null,
  drivers: [
    { dimension: 'MODEL', key: 'gpt-4o', label: 'gpt-4o', amount: '290', share: '0.9667' },
    { dimension: 'MODEL', key: null, label: 'other', amount: '10', share: '0.0333' },
  ],
  topDriver: { dimension: 'MODEL', key: 'gpt-4o', label: 'gpt-4o', amount: '290', share: '0.9667' },
};

function renderPage(resolvers: FakeResolvers, role: 'ADMIN' | 'VIEWER' = 'ADMIN') {
  const fake = createFakeGraphql({
    me: () => ({
      role,
      canRecordUsage: false,
      organization: { id: 'org', name: 'Org', createdAt: '2025-01-01T00:00:00Z' },
    }),
    ...resolvers,
  });
  const transport = createGraphqlTransport({
    url: 'http://api.test/graphql',
    isSignedIn: () => true,
    fetch: fake.fetch,
    forwardSubscription: fake.forwardSubscription,
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MemoryRouter>
      <AdminContext dataProvider={createDataProvider(transport)} queryClient={queryClient}>
        <AnomaliesPage />
      </AdminContext>
    </MemoryRouter>,
  );
  return fake;
}

describe('Anomalies page', () => {
  it('shows each anomaly with severity, series, day, expected vs actual and its drivers linking to the Overview', async () => {
    renderPage({ anomalies: () => ({ total: 1, rows: [spike] }) });
    const card = await screen.findByLabelText('API key sk-proj-abc...wxyz on 2026-03-10');
    expect(within(card).getByText('critical')).not.toBeNull();
    expect(within(card).getByTestId('anomaly-figures').textContent).toBe(
      'Spike: $312.50 actual vs $12.50 expected (+$300.00) — more usage (volume)',
    );
    expect(within(card).getByTestId('top-driver').textContent).toBe('Top driver: gpt-4o');
    const link = within(within(card).getByRole('list', { name: 'Drivers by Models' })).getByRole('link', {
      name: 'gpt-4o',
    });
    expect(link.getAttribute('href')).toBe(
      '/overview/models?providers=openai&start=2026-02-24&end=2026-03-11&search=gpt-4o',
    );
  });

  it('acknowledges with a note (admins), and offers no button to viewers', async () => {
    const seen: unknown[] = [];
    renderPage({
      anomalies: () => ({ total: 1, rows: [spike] }),
      acknowledgeAnomaly: (args) => {
        seen.push(args);
        return { ...spike, status: 'ACKNOWLEDGED', note: args.note };
      },
    });
    fireEvent.change(await screen.findByLabelText('Note'), { target: { value: 'nightly batch' } });
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(seen).toEqual([{ id: 'an-1', note: 'nightly batch' }]));
  });

  it('shows viewers the feed without the acknowledge controls', async () => {
    renderPage({ anomalies: () => ({ total: 1, rows: [spike] }) }, 'VIEWER');
    await screen.findByTestId('top-driver');
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });
});

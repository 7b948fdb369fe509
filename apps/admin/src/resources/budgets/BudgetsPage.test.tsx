import { afterEach, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { App } from '../../App';
import { createFakeApp, type FakeApp } from '../../test/fake-data-provider';
import type { FakeResolvers } from '../../test/fake-graphql';
import type { UserRole } from '../../data-provider/records';

const apps: FakeApp[] = [];

function renderApp(path: string, resolvers: FakeResolvers = {}, role: UserRole = 'ADMIN'): FakeApp {
  window.history.pushState({}, '', path);
  const app = createFakeApp(resolvers, role);
  apps.push(app);
  render(<App deps={app.deps} />);
  return app;
}

afterEach(() => {
  cleanup();
  for (const app of apps.splice(0)) app.deps.queryClient.clear();
  window.localStorage.clear();
});

const budget = (overrides: Record<string, unknown> = {}) => ({
  id: 'b-1',
  name: 'Research',
  amount: '1000',
  periodKind: 'MONTH',
  customStart: null,
  customEnd: null,
  measure: 'GROSS',
  scope: {
    providers: ['OPENAI'],
    accountIds: [],
    workspaces: ['Web'],
    apiKeyIds: ['11111111-1111-4111-8111-111111111111'],
    models: [],
  },
  thresholds: [{ percent: 80, kind: 'ACTUAL' }],
  status: {
    periodStart: '2026-03-01',
    periodEnd: '2026-04-01',
    spent: '1050.5',
    forecast: '1500',
    percent: '105.05',
    forecastPercent: '150',
    forecastBasisDays: 12,
    provisionalDays: 2,
    highestPercentReached: 100,
    fired: [
      { thresholdPercent: 80, thresholdKind: 'ACTUAL', recoveredAt: null },
      { thresholdPercent: 100, thresholdKind: 'ACTUAL', recoveredAt: null },
    ],
  },
  ...overrides,
});

describe('Budgets screen', () => {
  it("shows each budget's spend, a bar coloured by the highest threshold with a forecast marker, and its alerts", async () => {
    renderApp('/budgets', {
      budgets: () => [
        budget(),
        budget({
          id: 'b-2',
          name: 'Quiet',
          status: {
            ...budget().status,
            spent: '10',
            percent: '1',
            forecastPercent: null,
            forecast: null,
            highestPercentReached: null,
            fired: [],
          },
        }),
      ],
      budgetAlertEvents: () => [
        {
          id: 'e-1',
          budgetName: 'Research',
          thresholdKind: 'ACTUAL',
          thresholdPercent: 80,
          spent: '812.4',
          forecast: null,
          budgetAmount: '1000',
          firedAt: '2026-03-20T10:00:00Z',
          recoveredAt: null,
        },
      ],
    });
    const table = await screen.findByRole('table', { name: 'Budgets' });
    const row = (await within(table).findByText('Research', { selector: 'td' })).closest('tr')!;
    expect(within(row).getByText('$1,050.50')).toBeTruthy();
    expect(within(row).getByRole('progressbar').getAttribute('data-color')).toBe('#c62828');
    expect(within(row).getByTestId('forecast-marker')).toBeTruthy();
    expect(within(row).getByText('100 % actual')).toBeTruthy();
    const quiet = within(table).getByText('Quiet', { selector: 'td' }).closest('tr')!;
    expect(within(quiet).getByRole('progressbar').getAttribute('data-color')).toBe('#2e7d32');
    expect(within(quiet).queryByTestId('forecast-marker')).toBeNull();
    const history = screen.getByRole('table', { name: 'Alert history' });
    expect(await within(history).findByText('$812.40')).toBeTruthy();
  });

  it('announces an alert that arrives over the subscription and reloads the budgets', async () => {
    let loads = 0;
    const { fake } = renderApp('/budgets', {
      budgets: () => {
        loads += 1;
        return [budget()];
      },
      budgetAlertEvents: () => [],
    });
    await screen.findByText('Research', { selector: 'td' });
    await waitFor(() => expect(fake.subscribed('alertFired')).toHaveLength(1));
    const before = loads;
    act(() =>
      fake.emit('alertFired', {
        eventId: 'e-9',
        budgetName: 'Research',
        change: 'fired',
        thresholdKind: 'FORECAST',
        thresholdPercent: 100,
        spent: '900',
      }),
    );
    expect(await screen.findByText('Budget "Research" reached 100 % (FORECAST)')).toBeTruthy();
    await waitFor(() => expect(loads).toBeGreaterThan(before));
  });

  it("shows the API's field error beside the amount and keeps the form", async () => {
    const { fake } = renderApp('/budgets', {
      budgets: () => [],
      budgetAlertEvents: () => [],
      createBudget: () => {
        throw new GraphQLError('amount: The amount must be more than 0', {
          extensions: { code: 'BAD_USER_INPUT', field: 'amount' },
        });
      },
      providerAccounts: () => [
        { id: 'acc-1', label: 'OpenAI – research' },
        { id: 'acc-2', label: 'Anthropic' },
      ],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'New budget' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Zero' } });
    fireEvent.change(screen.getByLabelText('Amount (USD)'), { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText('Workspaces'), { target: { value: 'Web, ML' } });
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Accounts' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Anthropic' }));
    fireEvent.keyDown(screen.getByRole('listbox'), { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Create budget' }));
    expect(await screen.findByText('amount: The amount must be more than 0')).toBeTruthy();
    const call = fake.calls.find((c) => c.operationName === 'CreateBudget')!;
    expect(call.variables.input).toMatchObject({
      name: 'Zero',
      amount: '0',
      period: { kind: 'MONTH' },
      scope: { providers: [], workspaces: ['Web', 'ML'], accountIds: ['acc-2'], apiKeyIds: [], models: [] },
      thresholds: [
        { percent: 80, kind: 'ACTUAL' },
        { percent: 100, kind: 'ACTUAL' },
        { percent: 100, kind: 'FORECAST' },
      ],
    });
    expect(screen.getByRole('button', { name: 'Create budget' })).toBeTruthy();
  });

  it('edits a budget in place, keeping its key scope', async () => {
    const { fake } = renderApp('/budgets', {
      budgets: () => [budget()],
      budgetAlertEvents: () => [],
      updateBudget: () => ({ id: 'b-1' }),
    });
    const table = await screen.findByRole('table', { name: 'Budgets' });
    fireEvent.click(await within(table).findByRole('button', { name: 'Edit' }));
    const amount = screen.getByLabelText('Amount (USD)') as HTMLInputElement;
    expect(amount.value).toBe('1000');
    fireEvent.change(amount, { target: { value: '1500.50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    await waitFor(() => expect(fake.calls.find((c) => c.operationName === 'UpdateBudget')).toBeTruthy());
    expect(fake.calls.find((c) => c.operationName === 'UpdateBudget')!.variables).toMatchObject({
      id: 'b-1',
      input: {
        name: 'Research',
        amount: '1500.50',
        thresholds: [{ percent: 80, kind: 'ACTUAL' }],
        scope: { providers: ['OPENAI'], workspaces: ['Web'], apiKeyIds: ['11111111-1111-4111-8111-111111111111'] },
      },
    });
  });

  it('gives viewers no create or delete controls', async () => {
    renderApp('/budgets', { budgets: () => [budget()], budgetAlertEvents: () => [] }, 'VIEWER');
    await screen.findByText('Research', { selector: 'td' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull());
    expect(screen.queryByRole('button', { name: 'New budget' })).toBeNull();
  });
});

describe('Notification channels screen', () => {
  it("sends a test event from the channel's button and shows the delivery log with each last try", async () => {
    const { fake } = renderApp('/notification-channels', {
      notificationChannels: () => [
        {
          id: 'c-1',
          kind: 'WEBHOOK',
          name: 'Ops hook',
          targetHint: 'https://hooks.example.com/spend',
          configured: true,
          createdAt: '2026-03-01T00:00:00Z',
        },
        {
          id: 'c-2',
          kind: 'EMAIL',
          name: 'Finance',
          targetHint: 'finance@example.com',
          configured: false,
          createdAt: '2026-03-01T00:00:00Z',
        },
      ],
      notificationDeliveries: () => [
        {
          id: 'd-1',
          channelId: 'c-1',
          eventType: 'budget.threshold_fired',
          status: 'PENDING',
          attempts: 2,
          lastError: 'The receiver answered 500.',
          createdAt: '2026-03-20T10:00:00Z',
          attemptLog: [
            {
              attempt: 2,
              statusCode: 500,
              latencyMs: 42,
              error: 'The receiver answered 500.',
              attemptedAt: '2026-03-20T10:01:00Z',
            },
          ],
        },
      ],
      testNotificationChannel: () => 'd-2',
    });
    const row = (
      await within(await screen.findByRole('table', { name: 'Channels' })).findByText('Ops hook', { selector: 'td' })
    ).closest('tr')!;
    expect(screen.getByText('email (not configured)')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Send test event' }));
    await waitFor(() =>
      expect(fake.calls.find((c) => c.operationName === 'TestNotificationChannel')?.variables).toEqual({ id: 'c-1' }),
    );
    const log = screen.getByRole('table', { name: 'Delivery log' });
    expect(await within(log).findByText('500 in 42 ms — The receiver answered 500.')).toBeTruthy();
    expect(within(log).getByText('Ops hook')).toBeTruthy();
  });

  it("routes new anomalies to a channel from its row, keeping the other channels' routes", async () => {
    const { fake } = renderApp('/notification-channels', {
      notificationChannels: () => [
        {
          id: 'c-1',
          kind: 'WEBHOOK',
          name: 'Ops hook',
          targetHint: 'https://hooks.example.com/spend',
          configured: true,
          createdAt: '2026-03-01T00:00:00Z',
        },
        {
          id: 'c-2',
          kind: 'SLACK',
          name: 'Alerts',
          targetHint: '…abcd',
          configured: true,
          createdAt: '2026-03-01T00:00:00Z',
        },
      ],
      notificationDeliveries: () => [],
      anomalySettings: () => ({
        madMultiplier: '5',
        medianFraction: '0.5',
        minCost: '10',
        routes: [{ channelId: 'c-2', minSeverity: 'HIGH' }],
      }),
      updateAnomalySettings: () => ({ madMultiplier: '5', medianFraction: '0.5', minCost: '10', routes: [] }),
    });
    const row = (
      await within(await screen.findByRole('table', { name: 'Channels' })).findByText('Ops hook', { selector: 'td' })
    ).closest('tr')!;
    const other = screen.getByText('Alerts', { selector: 'td' }).closest('tr')!;
    await waitFor(() => expect(within(other).getByRole('combobox').textContent).toBe('High and critical'));
    fireEvent.mouseDown(within(row).getByRole('combobox'));
    fireEvent.click(await screen.findByRole('option', { name: 'All' }));
    await waitFor(() =>
      expect(fake.calls.find((c) => c.operationName === 'UpdateAnomalyRoutes')?.variables).toEqual({
        input: {
          routes: [
            { channelId: 'c-2', minSeverity: 'HIGH' },
            { channelId: 'c-1', minSeverity: 'MEDIUM' },
          ],
        },
      }),
    );
  });

  it("shows a new webhook's signing secret once and a refused URL beside the field", async () => {
    let calls = 0;
    renderApp('/notification-channels', {
      notificationChannels: () => [],
      notificationDeliveries: () => [],
      createNotificationChannel: () => {
        calls += 1;
        if (calls === 1)
          throw new GraphQLError('Channel URLs must use https://.', {
            extensions: { code: 'BAD_USER_INPUT', field: 'url' },
          });
        return { channel: { id: 'c-9' }, secret: 'whsec_shown_once' };
      },
    });
    fireEvent.change(await screen.findByLabelText('Channel name'), { target: { value: 'hook' } });
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: 'http://hooks.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add channel' }));
    expect(await screen.findByText('Channel URLs must use https://.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: 'https://hooks.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add channel' }));
    expect((await screen.findByTestId('channel-secret')).textContent).toBe('whsec_shown_once');
  });
});

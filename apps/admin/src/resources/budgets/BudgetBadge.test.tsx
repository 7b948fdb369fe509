import { afterEach, describe, expect, it } from '@jest/globals';
import { cleanup, screen, within } from '@testing-library/react';
import {
  buildApiKeyRow,
  buildModelRow,
  buildProviderRow,
  buildWorkspaceRow,
  page,
} from '../overview/testing/overview-builders';
import { renderOverview } from '../overview/testing/render-overview';

const budget = (scope: Record<string, string[]>, highestPercentReached: number | null) => ({
  id: `b-${JSON.stringify(scope)}`,
  name: 'b',
  amount: '10',
  periodKind: 'MONTH',
  customStart: null,
  customEnd: null,
  measure: 'GROSS',
  scope: { providers: [], accountIds: [], workspaces: [], apiKeyIds: [], models: [], ...scope },
  thresholds: [],
  status: {
    periodStart: '2026-03-01',
    periodEnd: '2026-04-01',
    spent: '9',
    forecast: null,
    percent: '90',
    forecastPercent: null,
    forecastBasisDays: 0,
    provisionalDays: 0,
    highestPercentReached,
    fired: [],
  },
});

afterEach(() => cleanup());

describe('BudgetBadge on the Overview', () => {
  it('marks the account row whose budget reached a threshold, and no other row', async () => {
    renderOverview('/overview/providers', {
      providerDashboard: () =>
        page([
          buildProviderRow({ providerAccountId: 'acc-1', label: 'OpenAI main' }),
          buildProviderRow({ providerAccountId: 'acc-2', label: 'OpenAI batch' }),
        ]),
      costSeries: () => [],
      budgets: () => [budget({ accountIds: ['acc-1'] }, 80), budget({ accountIds: ['acc-2'] }, null)],
    });
    const main = (await screen.findByText('OpenAI main')).closest('tr')!;
    expect((await within(main).findByTestId('budget-badge')).textContent).toBe('Budget 80 %');
    expect(within(screen.getByText('OpenAI batch').closest('tr')!).queryByTestId('budget-badge')).toBeNull();
  });

  it('marks a workspace display name whose budget is over', async () => {
    renderOverview('/overview/workspaces', {
      workspaceDashboard: () => page([buildWorkspaceRow({ displayName: 'Web' })]),
      costSeries: () => [],
      budgets: () => [budget({ workspaces: ['Web'] }, 100)],
    });
    const row = (await screen.findByText('Web')).closest('tr')!;
    expect((await within(row).findByTestId('budget-badge')).textContent).toBe('Budget 100 %');
  });

  it('marks the model row whose budget is over, and no other model', async () => {
    renderOverview('/overview/models', {
      modelDashboard: () =>
        page([buildModelRow(), buildModelRow({ modelId: 'openai:gpt-4o-mini', model: 'gpt-4o-mini' })]),
      modelInsights: () => ({ mostEfficientTokenModel: null, images: [] }),
      costSeries: () => [],
      budgets: () => [budget({ models: ['gpt-4o'] }, 100)],
    });
    const row = (await screen.findByText('gpt-4o')).closest('tr')!;
    expect((await within(row).findByTestId('budget-badge')).textContent).toBe('Budget 100 %');
    expect(within(screen.getByText('gpt-4o-mini').closest('tr')!).queryByTestId('budget-badge')).toBeNull();
  });

  it('marks the API key row whose budget is over', async () => {
    renderOverview('/overview/api-keys', {
      apiKeyDashboard: () =>
        page([
          buildApiKeyRow(),
          buildApiKeyRow({ apiKeyId: 'key-2', externalId: 'key_b', hint: 'sk-proj-Bb2...bbbb', name: 'batch' }),
        ]),
      costSeries: () => [],
      budgets: () => [budget({ apiKeyIds: ['key-2'] }, 80)],
    });
    const row = (await screen.findByText('batch')).closest('tr')!;
    expect((await within(row).findByTestId('budget-badge')).textContent).toBe('Budget 80 %');
    expect(within(screen.getByText('backend').closest('tr')!).queryByTestId('budget-badge')).toBeNull();
  });
});

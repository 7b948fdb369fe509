import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { buildApiKeyRow, overviewProviders as providers, page } from './testing/overview-builders';
import { renderOverview } from './testing/render-overview';

describe('API Keys tab', () => {
  it("highlights idle and uninstrumented keys and opens a key's cost over time", async () => {
    const view = renderOverview('/overview/api-keys?period=last_7_days&search=sk', {
      apiKeyDashboard: () =>
        page([
          buildApiKeyRow(),
          buildApiKeyRow({
            apiKeyId: 'key-2',
            externalId: 'key_idle',
            hint: 'sk-proj-Cc3...cccc',
            cost: '0',
            requests: '0',
            isIdle: true,
            costChange: null,
          }),
          buildApiKeyRow({
            apiKeyId: 'key-3',
            externalId: 'akey_1',
            provider: 'ANTHROPIC',
            hint: 'sk-ant-api03-Dd4...dddd',
            requests: null,
            isUninstrumented: true,
            hasMeteredTraffic: false,
          }),
        ]),
      costSeries: () => [
        { bucket: '2025-06-05', key: 'openai:gpt-4o', cost: '1.25', credits: '0.25', net: '1', provisional: false },
      ],
    });
    const idle = (await screen.findByText('sk-proj-Cc3...cccc')).closest('tr')!;
    expect(within(idle).getByText('Idle')).not.toBeNull();
    const anthropic = screen.getByText('sk-ant-api03-Dd4...dddd').closest('tr')!;
    expect(within(anthropic).getByText('Uninstrumented')).not.toBeNull();
    expect(within(anthropic).getByText('N/A')).not.toBeNull();
    const active = screen.getByText('sk-proj-Aa1...aaaa').closest('tr')!;
    expect(within(active).queryByText('Idle')).toBeNull();
    expect(active.querySelector('[data-trend="down"]')!.textContent).toBe('↓ -20.0%');
    fireEvent.click(active);
    expect(await screen.findByText('Cost over time · sk-proj-Aa1...aaaa')).not.toBeNull();
    await waitFor(() => expect(view.calls('OverviewCostSeries')).toHaveLength(1));
    expect(view.calls('OverviewCostSeries')[0]).toEqual({
      filter: { preset: 'LAST_7_DAYS' },
      groupBy: 'MODEL',
      granularity: 'DAY',
      apiKey: { providerAccountId: 'acc-openai', externalId: 'key_a' },
    });
  });
});

describe('API Keys tab, adding up', () => {
  const rows = () =>
    page([
      buildApiKeyRow(),
      buildApiKeyRow({
        apiKeyId: null,
        externalId: null,
        isUnattributed: true,
        note: 'AWS Bedrock reports cost per account, not per API key.',
        providerAccountId: 'acc-bedrock',
        provider: 'AWS_BEDROCK',
        hint: null,
        name: null,
        workspaceExternalId: null,
        workspaceName: null,
        cost: '5',
        credits: '2',
        net: '3',
        inputTokens: null,
        outputTokens: null,
        requests: null,
        lastActiveDay: '2025-06-05',
      }),
    ]);

  it('shows spend with no key as "(no key attribution)" with why, and credits and net per key', async () => {
    const view = renderOverview('/overview/api-keys', { providers, apiKeyDashboard: rows });
    const noKey = (await screen.findByText('(no key attribution)')).closest('tr')!;
    expect(within(noKey).getByText('AWS Bedrock reports cost per account, not per API key.')).not.toBeNull();
    expect(within(noKey).getByText('$2.00')).not.toBeNull();
    expect(within(noKey).getByText('$3.00')).not.toBeNull();
    fireEvent.click(noKey);
    expect(screen.queryByText(/Cost over time/)).toBeNull();
    expect(within(screen.getByText('sk-proj-Aa1...aaaa').closest('tr')!).getAllByText('not captured')).toHaveLength(2);
    expect(view.calls('OverviewCostSeries')).toHaveLength(0);
  });

  it.each([
    // regression: Tokens showed input + output but sorted by input; Last used showed lastUsedAt but sorted by lastActiveDay
    ['Tokens', 'tokens'],
    ['Last used', 'lastUsed'],
  ])('sorts the %s column by what it shows (%s)', async (label, field) => {
    const view = renderOverview('/overview/api-keys', { providers, apiKeyDashboard: rows });
    await screen.findByText('(no key attribution)');
    fireEvent.click(screen.getByText(label));
    await waitFor(() =>
      expect(view.calls('OverviewApiKeys').at(-1)!.filter.sort).toEqual({ field, direction: 'DESC' }),
    );
  });
});

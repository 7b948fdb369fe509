import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  buildAnomalyRow,
  buildApiKeyRow,
  buildModelRow,
  buildProviderRow,
  buildWorkspaceRow,
  overviewProviders,
  page,
} from './testing/overview-builders';
import { renderOverview } from './testing/render-overview';

const summary = (title: string) => document.querySelector(`[data-summary="${title}"]`)!;

const providers = overviewProviders;

const PERIOD = {
  start: '2025-05-01',
  end: '2025-06-01',
  previousStart: '2025-04-01',
  previousEnd: '2025-05-01',
  comparison: 'CALENDAR',
};

/** Hovers `element` and returns the tooltip text that appears. */
async function hoverText(element: Element): Promise<string> {
  fireEvent.mouseOver(element);
  // MUI opens the tooltip after its enter delay and transition: on a loaded machine that passes 1 s
  return (await screen.findByRole('tooltip', {}, { timeout: 5_000 })).textContent ?? '';
}

describe('Providers tab', () => {
  it('sums spend, credits and net exactly, with coverage and ↑ red / ↓ green trends', async () => {
    renderOverview('/overview/providers', {
      providerDashboard: () => ({
        ...page([
          buildProviderRow({
            spend: '0.1',
            previousSpend: '0.1',
            spendChange: '0',
            credits: '0.05',
            net: '0.05',
            previousNet: '0.1',
            netChange: '-50',
            metered: '0.1',
          }),
          buildProviderRow({
            providerAccountId: 'acc-2',
            provider: 'ANTHROPIC',
            label: 'Claude',
            spend: '0.2',
            previousSpend: '0.1',
            spendChange: '100',
            credits: '0',
            net: '0.2',
            previousNet: '0.1',
            netChange: '100',
            metered: '0',
            coverage: '0',
          }),
        ]),
        unattributedMetered: [],
        period: PERIOD,
      }),
      costSeries: () => [],
    });
    await screen.findByText('Claude');
    // 0.1 + 0.2 is 0.3 exactly (not 0.30000000000000004), up 50% on 0.2
    expect(summary('Total spend').textContent).toContain('$0.30');
    expect(summary('Total spend').querySelector('[data-trend="up"]')!.textContent).toBe('↑ +50.0%');
    expect(summary('Credits').textContent).toContain('$0.05');
    expect(summary('Net').textContent).toContain('$0.25');
    expect(summary('Coverage').textContent).toContain('33.3%');
    const claude = screen.getByText('Claude').closest('tr')!;
    const up = claude.querySelector('[data-trend="up"]') as HTMLElement;
    expect(up.textContent).toBe('↑ +100.0%');
    expect(getComputedStyle(up).color).toBe('rgb(211, 47, 47)');
    const flat = screen.getByText('OpenAI main').closest('tr')!.querySelector('[data-trend="flat"]');
    expect(flat).not.toBeNull();
  });

  it('shows discounts and refunds next to credits, and the billed amount where the currency is not USD', async () => {
    renderOverview('/overview/providers', {
      providerDashboard: () =>
        page([
          buildProviderRow({
            label: 'AWS',
            provider: 'AWS_BEDROCK',
            credits: '1',
            discounts: '0.5',
            discountKinds: ['BundledDiscount', 'EdpDiscount'],
            refunds: '1.25',
          }),
          buildProviderRow({
            providerAccountId: 'acc-2',
            provider: 'AZURE',
            label: 'Azure EUR',
            spend: '2',
            billingCurrency: 'EUR',
            billingAmount: '1841.5',
          }),
        ]),
      costSeries: () => [],
    });
    const aws = (await screen.findByText('AWS')).closest('tr')!;
    expect([...aws.querySelectorAll('[data-adjustment]')].map((e) => e.textContent)).toEqual([
      '$0.50 discounts (BundledDiscount, EdpDiscount)',
      '$1.25 refunded',
    ]);
    expect(aws.querySelector('[data-billed]')).toBeNull();
    const azure = screen.getByText('Azure EUR').closest('tr')!;
    expect(azure.querySelector('[data-billed]')!.textContent).toBe('EUR 1,841.50');
    expect(within(azure).getByText('$2.00')).toBeTruthy();
    expect(azure.querySelectorAll('[data-adjustment]')).toHaveLength(0);
  });

  it('shows credits a provider does not report as "not captured" with the reason, never $0.00', async () => {
    renderOverview('/overview/providers', {
      providers,
      providerDashboard: () => ({
        ...page([
          buildProviderRow({
            spend: '10',
            credits: null,
            previousCredits: null,
            net: null,
            previousNet: null,
            netChange: null,
            metered: '2',
          }),
          buildProviderRow({
            providerAccountId: 'acc-bedrock',
            provider: 'AWS_BEDROCK',
            label: 'Bedrock',
            spend: '5',
            credits: '2',
            net: '3',
            metered: '0',
          }),
        ]),
        unattributedMetered: [{ provider: 'OPENAI', metered: '0.7' }],
        period: PERIOD,
      }),
      costSeries: () => [],
    });
    const openai = (await screen.findByText('OpenAI main')).closest('tr')!;
    // regression: the Credits and Net cells said "$0.00" and "$10.00"
    expect(within(openai).queryByText('$0.00')).toBeNull();
    const cells = within(openai).getAllByText('not captured');
    expect(cells).toHaveLength(2);
    expect(await hoverText(cells[0]!)).toContain('OpenAI: the billing API does not report credits');
    expect(within(screen.getByText('Bedrock').closest('tr')!).getByText('$2.00')).not.toBeNull();
    expect(summary('Credits').textContent).toContain('$2.00');
    expect(summary('Credits').textContent).toContain('Not captured for');
    expect(summary('Net').textContent).toContain('not captured');
    // metered spend that matched no key counts for the organization, not for an account
    expect(summary('Coverage').textContent).toContain('$2.70 metered, $0.70 not tied to a key');
    expect(
      screen.getByText(
        /Trends compare 2025-05-01 – 2025-05-31 with 2025-04-01 – 2025-04-30: the previous calendar period/,
      ),
    ).not.toBeNull();
  });

  it("says credits are not captured, rather than $0.00, when no account's provider reports them", async () => {
    renderOverview('/overview/providers', {
      providers,
      providerDashboard: () =>
        page([
          buildProviderRow({ credits: null, previousCredits: null, net: null, previousNet: null, netChange: null }),
        ]),
      costSeries: () => [],
    });
    await screen.findByText('OpenAI main');
    expect(summary('Credits').textContent).toBe('Creditsnot captured');
  });

  it('points to the Integrations page when no account matches', async () => {
    renderOverview('/overview/providers', {
      providerDashboard: () => ({ ...page([]), unattributedMetered: [] }),
      costSeries: () => [],
    });
    expect(await screen.findByText(/Link a provider on the Integrations page/)).not.toBeNull();
  });

  it('says when the current period includes provisional days, and hatches them on the chart with the legend', async () => {
    renderOverview('/overview/providers', {
      providerDashboard: () =>
        page([
          buildProviderRow({ includesProvisional: true, settledThrough: '2025-06-09' }),
          buildProviderRow({ providerAccountId: 'acc-2', label: 'Other' }),
        ]),
      costSeries: () => [
        { bucket: '2025-06-08', key: 'openai', cost: '1', credits: '0', net: '1', provisional: false },
        { bucket: '2025-06-09', key: 'openai', cost: '2', credits: '0', net: '2', provisional: true },
      ],
      anomalies: () => ({
        total: 1,
        rows: [buildAnomalyRow()],
      }),
    });
    expect((await screen.findByTestId('period-provisional')).textContent).toContain(
      'this period includes provisional days',
    );
    expect(screen.getAllByText('provisional')).toHaveLength(1);
    expect((await screen.findByTestId('provisional-legend')).textContent).toBe(
      '▨ provisional: the provider may still revise these days (from 2025-06-09)',
    );
    await waitFor(() => expect(screen.getByTestId('cost-chart').getAttribute('data-anomaly-days')).toBe('2025-06-08'));
  });

  it('shows a green ↓ when cost went down', async () => {
    renderOverview('/overview/providers', {
      providerDashboard: () => ({ ...page([buildProviderRow({ spendChange: '-12.5' })]), unattributedMetered: [] }),
      costSeries: () => [],
    });
    const row = (await screen.findByText('OpenAI main')).closest('tr')!;
    const down = row.querySelector('[data-trend="down"]') as HTMLElement;
    expect(down.textContent).toBe('↓ -12.5%');
    expect(getComputedStyle(down).color).toBe('rgb(46, 125, 50)');
  });
});

describe('Models, API Keys and Workspaces tabs', () => {
  it.each([
    [
      'models',
      'modelDashboard',
      () => page([buildModelRow({ includesProvisional: true }), buildModelRow({ modelId: 'openai:o1', model: 'o1' })]),
    ],
    [
      'api-keys',
      'apiKeyDashboard',
      () =>
        page([
          buildApiKeyRow({ includesProvisional: true }),
          buildApiKeyRow({ apiKeyId: 'key-2', externalId: 'key_b' }),
        ]),
    ],
    [
      'workspaces',
      'workspaceDashboard',
      () => page([buildWorkspaceRow({ includesProvisional: true }), buildWorkspaceRow({ displayName: 'Batch' })]),
    ],
  ] as const)(
    'the %s tab marks the rows with provisional days and says so under the comparison',
    async (tab, field, rows) => {
      renderOverview(`/overview/${tab}`, { [field]: rows, costSeries: () => [] });
      expect((await screen.findByTestId('period-provisional')).textContent).toContain(
        'The current period includes provisional days',
      );
      expect(await screen.findAllByTestId('row-provisional')).toHaveLength(1);
    },
  );

  it('the comparison says nothing about provisional days when every row is settled', async () => {
    renderOverview('/overview/models', { modelDashboard: () => page([buildModelRow()]), costSeries: () => [] });
    await screen.findByText(/Trends compare/);
    expect(screen.queryByTestId('period-provisional')).toBeNull();
    expect(screen.queryByTestId('row-provisional')).toBeNull();
  });
});

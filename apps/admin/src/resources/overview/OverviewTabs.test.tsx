import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { buildBedrockInfo, buildProviderInfo } from '../../test/builders';
import { buildApiKeyRow, buildModelRow, buildProviderRow, buildWorkspaceRow, page } from './testing/overview-builders';
import { renderOverview } from './testing/render-overview';

const summary = (title: string) => document.querySelector(`[data-summary="${title}"]`)!;

/** The providers query: OpenAI reports no credits, AWS Bedrock does. */
const providers = () => [
  buildProviderInfo({ reportsCredits: false }),
  { ...buildBedrockInfo(), reportsCredits: true, reportsRequests: false },
];

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
  return (await screen.findByRole('tooltip')).textContent ?? '';
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
        rows: [
          {
            id: 'a1',
            level: 'MODEL',
            provider: 'OPENAI',
            seriesKey: 'gpt-4o',
            day: '2025-06-08',
            kind: 'SPIKE',
            status: 'OPEN',
          },
        ],
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

describe('Models tab', () => {
  it('badges a row whose model has an open anomaly, linking to the Anomalies view', async () => {
    renderOverview('/overview/models', {
      modelDashboard: () =>
        page([
          buildModelRow(),
          buildModelRow({ modelId: 'openai:gpt-4o-mini', model: 'gpt-4o-mini', isMostEfficient: false }),
        ]),
      costSeries: () => [],
      anomalies: () => ({
        total: 2,
        rows: [
          {
            id: 'a1',
            level: 'MODEL',
            provider: 'OPENAI',
            seriesKey: 'gpt-4o',
            day: '2025-06-08',
            kind: 'SPIKE',
            status: 'OPEN',
          },
          {
            id: 'a2',
            level: 'MODEL',
            provider: 'OPENAI',
            seriesKey: 'gpt-4o-mini',
            day: '2025-06-08',
            kind: 'SPIKE',
            status: 'RESOLVED',
          },
        ],
      }),
    });
    const badge = await screen.findByTitle('Open anomaly on 2025-06-08');
    expect(badge.closest('tr')!.textContent).toContain('gpt-4o');
    expect(badge.getAttribute('href')).toBe('/anomalies');
    expect(document.querySelectorAll('[data-badge="anomaly"]')).toHaveLength(1);
  });

  it('flags the Most Efficient Model, shows N/A where requests are unknown, and OpenAI image metrics', async () => {
    const rows = [
      buildModelRow(),
      buildModelRow({
        modelId: 'openai:gpt-4o-mini',
        model: 'gpt-4o-mini',
        cost: '0.3',
        costPerMillionTokens: '0.2',
        isMostEfficient: true,
        averageTokensPerRequest: '5000',
        requests: '300',
      }),
      buildModelRow({
        modelId: 'anthropic:claude-sonnet-4',
        provider: 'ANTHROPIC',
        model: 'claude-sonnet-4',
        requests: null,
        averageTokensPerRequest: null,
      }),
      buildModelRow({
        modelId: 'openai:gpt-image-1',
        model: 'gpt-image-1',
        unit: 'images',
        cost: '0.6',
        inputTokens: null,
        outputTokens: null,
        requests: '5',
        averageTokensPerRequest: null,
        costPerMillionTokens: null,
        quantity: '15',
        costPerUnit: '0.04',
        isMostEfficient: true,
        images: { count: '15', costPerImage: '0.04', cost: '0.6', mix: { size: { '1024x1024': 13, '512x512': 2 } } },
      }),
    ];
    // the cards come from the API over every row: here they name a model the table's page does not show
    const insights = {
      mostEfficientTokenModel: {
        modelId: 'openai:gpt-4o-mini',
        provider: 'OPENAI',
        model: 'gpt-4o-mini',
        costPerMillionTokens: '0.2',
      },
      images: [
        {
          provider: 'OPENAI',
          count: '15',
          costPerImage: '0.04',
          cost: '0.6',
          mix: { size: { '1024x1024': 13, '512x512': 2 }, source: { 'image.generation': 15 } },
        },
      ],
    };
    const view = renderOverview('/overview/models', {
      modelDashboard: () => page(rows),
      modelInsights: () => insights,
    });
    const mini = (await screen.findByText('gpt-4o-mini', { selector: 'td *, td' })).closest('tr')!;
    expect(within(mini).getByText('Most Efficient Model')).not.toBeNull();
    expect(within(mini).getByText('$0.20 / 1M tokens')).not.toBeNull();
    const claude = screen.getByText('claude-sonnet-4', { selector: 'td *, td' }).closest('tr')!;
    expect(within(claude).getAllByText('N/A')).toHaveLength(2); // requests and Avg Tokens/Req
    const image = screen.getByText('gpt-image-1', { selector: 'td *, td' }).closest('tr')!;
    expect(within(image).getByText('$0.04 / image')).not.toBeNull();
    const best = await waitFor(() => summary('Most Efficient Model'));
    expect(best.textContent).toContain('gpt-4o-mini');
    expect(summary('OpenAI images').textContent).toContain('15 images');
    expect(summary('OpenAI images').textContent).toContain('1024x1024: 13');
    // regression: a standard/HD mix was claimed from a field OpenAI's usage API does not return
    expect(summary('OpenAI images').textContent).toContain('Quality (standard / HD): not reported');
    // regression: the cards read at most 500 rows of the table's own query
    expect(view.calls('OverviewModelInsights')[0]).toEqual({ filter: { preset: 'LAST_30_DAYS' } });
  });

  it('shows credits and net per model: a credit as a credit, unknown as "not captured", counts past 2^53 exactly', async () => {
    renderOverview('/overview/models', {
      providers,
      modelDashboard: () =>
        page([
          buildModelRow({ inputTokens: '12000000000000000', outputTokens: '0' }),
          buildModelRow({
            modelId: 'aws-bedrock:bedrock-general',
            provider: 'AWS_BEDROCK',
            model: 'bedrock-general',
            cost: '0',
            previousCost: '0',
            costChange: null,
            credits: '2',
            net: '-2',
            inputTokens: null,
            outputTokens: null,
            requests: null,
            averageTokensPerRequest: null,
            costPerMillionTokens: null,
          }),
        ]),
      modelInsights: () => ({ mostEfficientTokenModel: null, images: [] }),
    });
    const general = (await screen.findByText('bedrock-general', { selector: 'td *, td' })).closest('tr')!;
    expect(within(general).getByText('$2.00')).not.toBeNull();
    expect(within(general).getByText('-$2.00')).not.toBeNull();
    const gpt = screen.getByText('gpt-4o', { selector: 'td *, td' }).closest('tr')!;
    expect(within(gpt).getAllByText('not captured')).toHaveLength(2);
    expect(within(gpt).getByText('12,000,000,000,000,000')).not.toBeNull();
  });

  it('exports the tab as CSV with the current filter and sort', async () => {
    const view = renderOverview('/overview/models?period=last_7_days&sort=cost&direction=asc&page=2', {
      modelDashboard: () => page([buildModelRow()]),
    });
    await screen.findByText('gpt-4o', { selector: 'td *, td' });
    fireEvent.click(screen.getByText('Export CSV'));
    await waitFor(() =>
      expect(view.exports).toEqual([{ path: '/export/models.csv?period=last_7_days&sort=cost&direction=asc' }]),
    );
  });
});

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

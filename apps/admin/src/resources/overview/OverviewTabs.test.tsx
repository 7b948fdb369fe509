import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { buildApiKeyRow, buildModelRow, buildProviderRow, page } from './testing/overview-builders';
import { renderOverview } from './testing/render-overview';

const summary = (title: string) => document.querySelector(`[data-summary="${title}"]`)!;

describe('Providers tab', () => {
  it('sums spend, credits and net exactly, with coverage and ↑ red / ↓ green trends', async () => {
    renderOverview('/overview/providers', {
      providerDashboard: () => page([
        buildProviderRow({ spend: '0.1', previousSpend: '0.1', spendChange: '0', credits: '0.05', net: '0.05', previousNet: '0.1', netChange: '-50', metered: '0.1' }),
        buildProviderRow({ providerAccountId: 'acc-2', provider: 'ANTHROPIC', label: 'Claude', spend: '0.2', previousSpend: '0.1', spendChange: '100', credits: '0', net: '0.2', previousNet: '0.1', netChange: '100', metered: '0', coverage: '0' }),
      ]),
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

  it('says when the current period includes provisional days, and hatches them on the chart with the legend', async () => {
    renderOverview('/overview/providers', {
      providerDashboard: () => page([buildProviderRow({ includesProvisional: true, settledThrough: '2025-06-09' }), buildProviderRow({ providerAccountId: 'acc-2', label: 'Other' })]),
      costSeries: () => [
        { bucket: '2025-06-08', key: 'openai', cost: '1', credits: '0', net: '1', provisional: false },
        { bucket: '2025-06-09', key: 'openai', cost: '2', credits: '0', net: '2', provisional: true },
      ],
      anomalies: () => ({ total: 1, rows: [{ id: 'a1', level: 'MODEL', provider: 'OPENAI', seriesKey: 'gpt-4o', day: '2025-06-08', kind: 'SPIKE', status: 'OPEN' }] }),
    });
    expect((await screen.findByTestId('period-provisional')).textContent).toContain('this period includes provisional days');
    expect(screen.getAllByText('provisional')).toHaveLength(1);
    expect((await screen.findByTestId('provisional-legend')).textContent).toBe('▨ provisional: the provider may still revise these days (from 2025-06-09)');
    await waitFor(() => expect(screen.getByTestId('cost-chart').getAttribute('data-anomaly-days')).toBe('2025-06-08'));
  });

  it('shows a green ↓ when cost went down', async () => {
    renderOverview('/overview/providers', { providerDashboard: () => page([buildProviderRow({ spendChange: '-12.5' })]), costSeries: () => [] });
    const row = (await screen.findByText('OpenAI main')).closest('tr')!;
    const down = row.querySelector('[data-trend="down"]') as HTMLElement;
    expect(down.textContent).toBe('↓ -12.5%');
    expect(getComputedStyle(down).color).toBe('rgb(46, 125, 50)');
  });
});

describe('Models tab', () => {
  it('badges a row whose model has an open anomaly, linking to the Anomalies view', async () => {
    renderOverview('/overview/models', {
      modelDashboard: () => page([buildModelRow(), buildModelRow({ modelId: 'openai:gpt-4o-mini', model: 'gpt-4o-mini', isMostEfficient: false })]),
      costSeries: () => [],
      anomalies: () => ({ total: 2, rows: [
        { id: 'a1', level: 'MODEL', provider: 'OPENAI', seriesKey: 'gpt-4o', day: '2025-06-08', kind: 'SPIKE', status: 'OPEN' },
        { id: 'a2', level: 'MODEL', provider: 'OPENAI', seriesKey: 'gpt-4o-mini', day: '2025-06-08', kind: 'SPIKE', status: 'RESOLVED' },
      ] }),
    });
    const badge = await screen.findByTitle('Open anomaly on 2025-06-08');
    expect(badge.closest('tr')!.textContent).toContain('gpt-4o');
    expect(badge.getAttribute('href')).toBe('/anomalies');
    expect(document.querySelectorAll('[data-badge="anomaly"]')).toHaveLength(1);
  });


  it('flags the Most Efficient Model, shows N/A where requests are unknown, and OpenAI image metrics', async () => {
    const rows = [
      buildModelRow(),
      buildModelRow({ modelId: 'openai:gpt-4o-mini', model: 'gpt-4o-mini', cost: '0.3', costPerMillionTokens: '0.2', isMostEfficient: true, averageTokensPerRequest: '5000', requests: 300 }),
      buildModelRow({ modelId: 'anthropic:claude-sonnet-4', provider: 'ANTHROPIC', model: 'claude-sonnet-4', requests: null, averageTokensPerRequest: null }),
      buildModelRow({
        modelId: 'openai:gpt-image-1', model: 'gpt-image-1', unit: 'images', cost: '0.6', inputTokens: null, outputTokens: null, requests: 5,
        averageTokensPerRequest: null, costPerMillionTokens: null, quantity: '15', costPerUnit: '0.04', isMostEfficient: true,
        images: { count: '15', costPerImage: '0.04', cost: '0.6', mix: { size: { '1024x1024': 13, '512x512': 2 } } },
      }),
    ];
    const view = renderOverview('/overview/models', { modelDashboard: () => page(rows) });
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
    expect(view.calls('OverviewModelInsights')[0]).toEqual({ filter: { preset: 'LAST_30_DAYS', limit: 500 } });
  });

  it('exports the tab as CSV with the current filter and sort', async () => {
    const view = renderOverview('/overview/models?period=last_7_days&sort=cost&direction=asc&page=2', { modelDashboard: () => page([buildModelRow()]) });
    await screen.findByText('gpt-4o', { selector: 'td *, td' });
    fireEvent.click(screen.getByText('Export CSV'));
    await waitFor(() => expect(view.exports).toEqual([{ path: '/export/models.csv?period=last_7_days&sort=cost&direction=asc' }]));
  });
});

describe('API Keys tab', () => {
  it('highlights idle and uninstrumented keys and opens a key\'s cost over time', async () => {
    const view = renderOverview('/overview/api-keys?period=last_7_days&search=sk', {
      apiKeyDashboard: () => page([
        buildApiKeyRow(),
        buildApiKeyRow({ apiKeyId: 'key-2', externalId: 'key_idle', hint: 'sk-proj-Cc3...cccc', cost: '0', requests: 0, isIdle: true, costChange: null }),
        buildApiKeyRow({ apiKeyId: 'key-3', externalId: 'akey_1', provider: 'ANTHROPIC', hint: 'sk-ant-api03-Dd4...dddd', requests: null, isUninstrumented: true, hasMeteredTraffic: false }),
      ]),
      costSeries: () => [{ bucket: '2025-06-05', key: 'openai:gpt-4o', cost: '1.25', credits: '0.25', net: '1', provisional: false }],
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
      filter: { preset: 'LAST_7_DAYS' }, groupBy: 'MODEL', granularity: 'DAY', apiKey: { providerAccountId: 'acc-openai', externalId: 'key_a' },
    });
  });
});

import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { buildAnomalyRow, buildModelRow, overviewProviders as providers, page } from './testing/overview-builders';
import { renderOverview } from './testing/render-overview';

const summary = (title: string) => document.querySelector(`[data-summary="${title}"]`)!;

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
        rows: [buildAnomalyRow(), buildAnomalyRow({ id: 'a2', seriesKey: 'gpt-4o-mini', status: 'RESOLVED' })],
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

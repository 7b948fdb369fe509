import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { buildModelRow, buildProviderRow, page } from './testing/overview-builders';
import { renderOverview } from './testing/render-overview';

const models = () => page([buildModelRow()]);
const providers = () => page([buildProviderRow()]);

/** Opens a MUI select by its test id and picks an option by its text. */
function pick(testId: string, option: string) {
  const input = screen.getByTestId(testId);
  fireEvent.mouseDown(input.parentElement!.querySelector('[role="combobox"]')!);
  fireEvent.click(within(screen.getByRole('listbox')).getByText(option));
}

describe('Overview filter bar ↔ URL', () => {
  it('queries with the filter the URL holds and shows it in the bar', async () => {
    const view = renderOverview(
      '/overview/models?providers=openai,anthropic&period=last_7_days&search=gpt&costMin=1&costMax=5',
      { modelDashboard: models },
    );
    await screen.findByText('gpt-4o', { selector: 'td *, td' });
    expect(view.calls('OverviewModels')[0]).toEqual({
      filter: {
        providers: ['OPENAI', 'ANTHROPIC'],
        preset: 'LAST_7_DAYS',
        search: 'gpt',
        costMin: '1',
        costMax: '5',
        offset: 0,
        limit: 50,
      },
    });
    expect((screen.getByLabelText('Search') as HTMLInputElement).value).toBe('gpt');
    expect((screen.getByLabelText('Min cost $') as HTMLInputElement).value).toBe('1');
    expect(screen.getByText('OpenAI, Anthropic')).not.toBeNull();
  });

  it('writes a preset change to the URL and queries again', async () => {
    const view = renderOverview('/overview/providers', { providerDashboard: providers, costSeries: () => [] });
    await screen.findByText('OpenAI main');
    pick('period-select', 'Last 90 days');
    await waitFor(() => expect(view.search().get('period')).toBe('last_90_days'));
    await waitFor(() =>
      expect(view.calls('OverviewProviders').at(-1)).toMatchObject({ filter: { preset: 'LAST_90_DAYS' } }),
    );
  });

  it('writes providers to the URL as one comma list', async () => {
    const view = renderOverview('/overview/providers', { providerDashboard: providers, costSeries: () => [] });
    await screen.findByText('OpenAI main');
    pick('provider-select', 'AWS Bedrock');
    await waitFor(() => expect(view.search().get('providers')).toBe('aws-bedrock'));
    await waitFor(() =>
      expect(view.calls('OverviewProviders').at(-1)).toMatchObject({ filter: { providers: ['AWS_BEDROCK'] } }),
    );
  });

  it('applies a custom range only once it is valid, with the end day included', async () => {
    const view = renderOverview('/overview/models', { modelDashboard: models });
    await screen.findByText('gpt-4o', { selector: 'td *, td' });
    pick('period-select', 'Custom range…');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-06-10' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-06-01' } });
    fireEvent.click(screen.getByText('Apply'));
    expect(await screen.findByText('The range ends before it starts')).not.toBeNull();
    expect(view.search().get('start')).toBeNull();
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-06-30' } });
    fireEvent.click(screen.getByText('Apply'));
    await waitFor(() => expect(view.search().toString()).toBe('start=2025-06-10&end=2025-07-01'));
    await waitFor(() =>
      expect(view.calls('OverviewModels').at(-1)).toMatchObject({
        filter: { range: { start: '2025-06-10', end: '2025-07-01' } },
      }),
    );
  });

  it('refuses a cost range whose minimum is above its maximum', async () => {
    const view = renderOverview('/overview/models', { modelDashboard: models });
    await screen.findByText('gpt-4o', { selector: 'td *, td' });
    fireEvent.change(screen.getByLabelText('Min cost $'), { target: { value: '10' } });
    fireEvent.change(screen.getByLabelText('Max cost $'), { target: { value: '2' } });
    fireEvent.blur(screen.getByLabelText('Max cost $'));
    expect(screen.getByText('Below the minimum')).not.toBeNull();
    expect(view.search().get('costMin')).toBeNull();
    fireEvent.change(screen.getByLabelText('Max cost $'), { target: { value: '20.5' } });
    fireEvent.blur(screen.getByLabelText('Max cost $'));
    await waitFor(() => expect(view.search().toString()).toBe('costMin=10&costMax=20.5'));
  });

  it('debounces the search into the URL', async () => {
    const view = renderOverview('/overview/models', { modelDashboard: models });
    await screen.findByText('gpt-4o', { selector: 'td *, td' });
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'mini' } });
    expect(view.search().get('search')).toBeNull();
    await waitFor(() => expect(view.search().get('search')).toBe('mini'));
  });

  it('resets every filter but keeps the sort', async () => {
    const view = renderOverview(
      '/overview/models?providers=openai&period=last_7_days&search=gpt&costMin=1&sort=model&direction=asc',
      { modelDashboard: models },
    );
    await screen.findByText('gpt-4o', { selector: 'td *, td' });
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    await waitFor(() => expect(view.search().toString()).toBe('sort=model&direction=asc'));
    expect((screen.getByLabelText('Search') as HTMLInputElement).value).toBe('');
  });

  it('says what was wrong with a link and shows the default period instead', async () => {
    const view = renderOverview('/overview/models?period=next_year', { modelDashboard: models });
    expect(await screen.findByText(/Unknown period "next_year"/)).not.toBeNull();
    await waitFor(() => expect(view.calls('OverviewModels')[0]).toMatchObject({ filter: { preset: 'LAST_30_DAYS' } }));
  });

  it('keeps the filter when switching tabs and sorts through the URL', async () => {
    const view = renderOverview('/overview/models?period=last_7_days', {
      modelDashboard: models,
      apiKeyDashboard: () => page([]),
    });
    await screen.findByText('gpt-4o', { selector: 'td *, td' });
    fireEvent.click(screen.getByText('Avg Tokens/Req'));
    await waitFor(() => expect(view.search().get('sort')).toBe('averageTokensPerRequest'));
    await waitFor(() =>
      expect(view.calls('OverviewModels').at(-1)).toMatchObject({
        filter: { sort: { field: 'averageTokensPerRequest', direction: 'DESC' } },
      }),
    );
    fireEvent.click(screen.getByRole('tab', { name: 'API Keys' }));
    await screen.findByText('No API keys match this filter.');
    expect(view.probe.current?.pathname).toBe('/overview/api-keys');
    // the Models sort means nothing to API Keys: it stays in the URL but is not sent
    expect(view.calls('OverviewApiKeys')[0]).toEqual({ filter: { preset: 'LAST_7_DAYS', offset: 0, limit: 50 } });
  });
});

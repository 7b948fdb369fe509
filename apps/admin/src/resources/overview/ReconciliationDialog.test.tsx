import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { buildProviderRow, page } from './testing/overview-builders';
import { renderOverview } from './testing/render-overview';
import { entityPath, reconciliationExportPath } from './reconciliation-query';
import type { OverviewFilter } from './overview-filter';

const entity = (over: Record<string, unknown>) => ({
  kind: 'API_KEY',
  provider: 'OPENAI',
  apiKeyId: null,
  providerAccountId: null,
  keyLabel: null,
  model: null,
  day: null,
  amount: '0',
  ...over,
});
type Entity = ReturnType<typeof entity>;
const cause = (name: string, label: string, amount: string, entities: Entity[] = []) => ({
  cause: name,
  label,
  amount,
  entityCount: entities.length,
  entities,
});
const model = (name: string, amount: string) => entity({ kind: 'MODEL', model: name, amount });

const RECONCILIATION = {
  period: { start: '2025-05-01', end: '2025-06-01' },
  billed: '22.35',
  credits: '1.5',
  net: '20.85',
  metered: '15.4',
  gap: '5.45',
  coverage: '0.689',
  meteredLinesWithoutCost: 0,
  causes: [
    cause('UNINSTRUMENTED_KEYS', 'Billed by keys that never report metered usage', '4.1', [
      entity({ apiKeyId: 'k-u', keyLabel: 'sk-...uuuu', amount: '4.1' }),
    ]),
    cause('UNMETERED_MODELS', 'Billed for models the metering never saw', '2.2', [model('dall-e-3', '2.2')]),
    cause('UNMATCHED_METERED', 'Metered usage with no matching billed key or model', '-0.85', [
      entity({ keyLabel: 'sk-...ghst', amount: '-0.6' }),
      model('phantom-model', '-0.25'),
    ]),
    cause('PROVISIONAL_DAYS', 'Provisional days: the billed side is not settled yet', '-0.95', [
      entity({ kind: 'DAY', day: '2025-05-31', amount: '-0.95' }),
    ]),
    cause('PRICE_DIFFERENCES', "Metered cost estimates vs the provider's price", '0.75', [model('gpt-4o', '0.75')]),
    cause('CREDITS', 'Credits applied by the provider', '-1.5', [entity({ kind: 'PROVIDER', amount: '-1.5' })]),
    cause('UNEXPLAINED', 'Fits no other cause', '1.7', [entity({ kind: 'MODEL', model: 'gpt-4o', amount: '1.7' })]),
  ],
  days: [
    { day: '2025-05-30', billed: '12.5', credits: '1.5', net: '11', metered: '9.25', gap: '1.75', provisional: false },
    { day: '2025-05-31', billed: '1.05', credits: '0', net: '1.05', metered: '2', gap: '-0.95', provisional: true },
  ],
};

function open(url = '/overview/providers?period=last_month&search=gpt&costMin=1') {
  const view = renderOverview(url, {
    providerDashboard: () => page([buildProviderRow({ spend: '22.35', metered: '15.4' })]),
    costSeries: () => [],
    spendsyncReconciliation: () => RECONCILIATION,
  });
  return view;
}

describe('Reconciliation breakdown (Providers tab → coverage)', () => {
  it("opens from the coverage figure with the tab's filter: totals, each cause's amount, the days", async () => {
    const view = open();
    fireEvent.click(await screen.findByTestId('open-reconciliation'));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('Billed by keys that never report metered usage');
    // The Overview's filter (period, search), without the cost range that applies to rows only.
    expect(view.calls('Reconciliation')[0]).toEqual({ filter: { preset: 'LAST_MONTH', search: 'gpt' } });
    expect(dialog.querySelector('[data-summary="Gap"]')!.textContent).toContain('$5.45');
    expect(dialog.querySelector('[data-summary="Metered"]')!.textContent).toContain('68.9%');
    const amounts = [...dialog.querySelectorAll('[data-cause]')].map((row) => [
      row.getAttribute('data-cause'),
      row.querySelectorAll('td')[1]!.textContent,
    ]);
    expect(amounts.map(([c]) => c)).toEqual(RECONCILIATION.causes.map((c) => c.cause));
    expect(amounts[0]![1]).toBe('$4.10');
    expect(dialog.querySelector('[data-cause-total]')!.textContent).toContain('$5.45');
    expect(dialog.querySelector('[data-testid="reconciliation-chart"]')).not.toBeNull();
    const provisionalDay = dialog.querySelector('[data-day="2025-05-31"]') as HTMLElement;
    expect(within(provisionalDay).getByText('provisional')).toBeTruthy();
  });

  it('links an uninstrumented key to the API Keys tab filtered to it, and a model to the Models tab', async () => {
    const view = open('/overview/providers?period=last_month');
    fireEvent.click(await screen.findByTestId('open-reconciliation'));
    const dialog = await screen.findByRole('dialog');
    const key = await within(dialog).findByRole('link', { name: 'sk-...uuuu' });
    expect(within(dialog).getByRole('link', { name: 'dall-e-3' }).getAttribute('href')).toBe(
      '/overview/models?providers=openai&period=last_month&search=dall-e-3',
    );
    expect(within(dialog).queryByRole('link', { name: '2025-05-31' })).toBeNull();
    fireEvent.click(key);
    await waitFor(() => expect(view.probe.current?.pathname).toBe('/overview/api-keys'));
    expect(view.search().get('search')).toBe('sk-...uuuu');
    expect(view.search().get('providers')).toBe('openai');
  });

  it('builds entity links and the CSV path from the filter', () => {
    const filter: OverviewFilter = {
      providers: [],
      period: { start: '2025-05-01', end: '2025-06-01' },
      costMin: '1',
      costMax: null,
      search: '',
      workspaces: ['Web'],
      sort: { field: 'spend', direction: 'desc' },
    };
    expect(entityPath(entity({ keyLabel: null }) as never, filter)).toBeNull();
    expect(entityPath(entity({ provider: 'AWS_BEDROCK', kind: 'MODEL', model: 'claude' }) as never, filter)).toBe(
      '/overview/models?providers=aws-bedrock&workspaces=Web&start=2025-05-01&end=2025-06-01&search=claude',
    );
    expect(reconciliationExportPath(filter, 'causes')).toBe(
      '/export/reconciliation.csv?workspaces=Web&start=2025-05-01&end=2025-06-01&rows=causes',
    );
  });
});

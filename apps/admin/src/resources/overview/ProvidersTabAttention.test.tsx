import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import { buildProviderRow, page } from './testing/overview-builders';
import { renderOverview } from './testing/render-overview';

describe('Providers tab: accounts that need attention', () => {
  it('marks a row whose sync succeeded without billing data as needing attention, with the message and the fix on hover', async () => {
    const attention = [
      {
        kind: 'NO_BILLING_DATA' as const,
        message: 'Azure accepted the credential but returned no billing data.',
        fix: 'Billing data needs: Cost Management Reader.',
      },
    ];
    renderOverview('/overview/providers', {
      providerDashboard: () =>
        page([
          buildProviderRow({
            providerAccountId: 'acc-azure',
            provider: 'AZURE',
            label: 'Azure prod',
            lastError: attention[0]!.message,
            attention,
          }),
          buildProviderRow(),
        ]),
      costSeries: () => [],
    });
    const row = (await screen.findByText('Azure prod')).closest('tr')!;
    const chip = row.querySelector('[data-testid="needs-attention"]')!;
    expect(chip.textContent).toBe('Needs attention');
    expect(chip.getAttribute('title')).toBe(
      'Azure accepted the credential but returned no billing data. Fix: Billing data needs: Cost Management Reader.',
    );
    expect(screen.getByText('OpenAI main').closest('tr')!.querySelector('[data-testid="needs-attention"]')).toBeNull();
  });
});

import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, within } from '@testing-library/react';
import { buildProviderRow, page } from '../overview/testing/overview-builders';
import { renderOverview } from '../overview/testing/render-overview';
import { buildRunway } from './runway-fixtures';

describe('Providers tab: Runway column', () => {
  it('shows the soonest runway of each account and opens its details with the chart', async () => {
    renderOverview('/overview/providers', {
      providerDashboard: () =>
        page([
          buildProviderRow({ providerAccountId: 'acc-aws', provider: 'AWS_BEDROCK', label: 'AWS' }),
          buildProviderRow(),
        ]),
      costSeries: () => [],
      budgets: () => [],
      spendsyncCreditRunways: () => [
        buildRunway({
          id: 'grant:g2',
          grantId: 'g2',
          name: 'AWS Migrate',
          daysLeft: 471,
          runOutOn: '2027-05-17',
          leftAtExpiry: '4120',
          runsOutBeforeExpiry: false,
          expiresOn: '2026-03-31',
        }),
        buildRunway(),
      ],
    });
    const row = (await screen.findByText('AWS')).closest('tr')!;
    const chip = await within(row).findByTestId('runway-chip');
    expect(chip.textContent).toBe('21 days (2026-02-21) +1');
    expect(within(screen.getByText('OpenAI main').closest('tr')!).getByTestId('runway-none').textContent).toBe('—');

    fireEvent.click(chip);
    const details = await screen.findAllByTestId('runway-details');
    expect(details).toHaveLength(2);
    expect(within(details[0]!).getByTestId('runway-summary').textContent).toBe(
      "Runs out: 21 days (2026-02-21); 2026-02-18 to 2026-02-27 at the fastest and slowest weeks' rates",
    );
    expect(details[0]!.textContent).toContain('over 28 settled days (2026-01-02 to 2026-01-29)');
    expect(within(details[0]!).getByTestId('runway-flag').textContent).toBe('Runs out before it expires (2026-02-28)');
    expect(within(details[1]!).getByTestId('runway-flag').textContent).toBe('$4120 left unused at expiry (2026-03-31)');
    expect(await within(details[0]!).findByTestId('runway-chart')).toBeTruthy();
  });
});

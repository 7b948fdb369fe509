import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { formatUsd } from '../src/format';
import { startE2e, type E2eEnv, type LinkedSimulator } from './harness';
import { poll } from './wait';

type Runway = {
  id: string;
  kind: string;
  remaining: string;
  daysLeft: number | null;
  runOutOn: string | null;
  name: string;
};

describe('Credit runway in the browser (OpenRouter simulator)', () => {
  let env: E2eEnv;
  let openrouter: LinkedSimulator;

  beforeAll(async () => {
    env = await startE2e();
    openrouter = await env.linkSimulator('openrouter', {
      workspaces: 1,
      keysPerWorkspace: 2,
      models: 3,
      label: 'OpenRouter org',
    });
    expect(await env.waitForRun(openrouter.runId)).toBe('SUCCEEDED');
  }, 240_000);
  afterAll(async () => {
    await env?.close();
  });

  it('shows the balance the provider reports as a Runway column, opening its chart and projection', async () => {
    const truth = openrouter.simulator.balance!()!;
    const { data } = await env.gql<{ spendsyncCreditRunways: Runway[] }>(
      '{ spendsyncCreditRunways { id kind remaining daysLeft runOutOn name } }',
      {},
      env.viewer,
    );
    const [runway] = data!.spendsyncCreditRunways;
    expect(runway).toMatchObject({ kind: 'BALANCE', remaining: truth.remaining.toFixed() });
    expect(runway!.daysLeft).toBeGreaterThan(0);

    const page = await env.newPage(env.viewer);
    await page.goto(`${env.baseUrl}/overview/providers`);
    const row = page.getByRole('table', { name: 'Providers' }).locator('tr', { hasText: 'OpenRouter org' });
    const chip = row.getByTestId('runway-chip');
    await chip.filter({ hasText: `${runway!.daysLeft} days (${runway!.runOutOn})` }).waitFor();
    const details = page.getByTestId('runway-details');
    // The table may still re-render its rows (live sync events) and drop a click on a busy machine:
    // click until the dialog is open instead of assuming the first click took.
    await poll(
      async () => (await details.isVisible()) || (await chip.click(), await details.isVisible()),
      (open) => open,
      { timeout: 30_000, interval: 500, message: 'The runway dialog opens' },
    );
    await details.getByText(`Provider balance: ${formatUsd(truth.remaining.toFixed())} left`).waitFor();
    await details.getByTestId('runway-chart').locator('svg.recharts-surface').first().waitFor();
    await env.screenshot(page, 'runway-providers-tab');
  });

  it('lets an admin enter, correct, edit and delete a grant; its runway flags money left at expiry', async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/credit-grants`);
    await page.getByTestId('runway-alert-settings').waitFor();
    await page.getByRole('link', { name: 'Enter grant' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Launch credits');
    await page.getByRole('combobox', { name: /Provider account/ }).click();
    await page.getByRole('option', { name: 'OpenRouter org' }).click();
    await page.getByLabel('Amount (USD)').fill('0');
    await page.getByLabel('Starts on').fill(env.dataRange.start);
    await page.getByLabel('Expires on').fill('2099-12-31');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The amount must be more than 0').waitFor();
    await page.getByLabel('Amount (USD)').fill('500.00');
    await page.getByRole('button', { name: 'Save' }).click();

    const grants = page.getByTestId('credit-grants');
    const row = grants.locator('tr', { hasText: 'Launch credits' });
    // OpenRouter applies no credits (its credits are the prepaid balance), so the grant does not burn.
    await row.getByTestId('grant-runway').getByText('$500.00 left · No burn').waitFor();
    await row.getByText('$500 left unused at expiry (2099-12-31)').waitFor();
    await env.screenshot(page, 'runway-grants');

    await row.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/credit-grants\/[0-9a-f-]{36}$/);
    await page.getByRole('textbox', { name: 'Name' }).fill('Launch credits 2026');
    await page.getByRole('button', { name: 'Save' }).click();
    const renamed = grants.locator('tr', { hasText: 'Launch credits 2026' });
    await renamed.waitFor();
    const listed = await env.gql<{ spendsyncCreditGrants: { name: string; amount: string }[] }>(
      '{ spendsyncCreditGrants { name amount } }',
      {},
      env.viewer,
    );
    expect(listed.data!.spendsyncCreditGrants).toEqual([{ name: 'Launch credits 2026', amount: '500' }]);

    const viewerPage = await env.newPage(env.viewer);
    await viewerPage.goto(`${env.baseUrl}/credit-grants`);
    await viewerPage.getByTestId('credit-grants').getByText('Launch credits 2026').waitFor();
    expect(await viewerPage.getByRole('link', { name: 'Enter grant' }).count()).toBe(0);

    await renamed.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await renamed.waitFor({ state: 'detached' });
    const after = await env.gql<{ spendsyncCreditGrants: unknown[] }>(
      '{ spendsyncCreditGrants { id } }',
      {},
      env.viewer,
    );
    expect(after.data!.spendsyncCreditGrants).toEqual([]);
  });
});

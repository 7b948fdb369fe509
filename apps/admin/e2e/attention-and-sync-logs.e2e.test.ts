import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { startE2e, type E2eEnv } from './harness';
import { waitForAttribute, waitForCount, waitForText } from './wait';

const accountRow = (page: Page, label: string) => page.locator('tr', { has: page.getByText(label, { exact: true }) });
const WRONG_PLACE = 'OpenAI – wrong place';
const STANDARD = 'OpenRouter – standard key';

describe('Warnings a user must see, and the sync log of every account', () => {
  let env: E2eEnv;
  let openrouterAccount: string;

  beforeAll(async () => {
    env = await startE2e();
    // The key authenticates, but its data lies a year before the backfill window: the sync succeeds with nothing.
    const linked = await env.linkSimulator('openai', { start: '2025-01-01', days: 10, label: WRONG_PLACE });
    expect(await env.waitForRun(linked.runId)).toBe('SUCCEEDED');
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('shows a sync that found no billing data as needing attention on Integrations and the Providers tab, with the key type to use', async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/provider-accounts`);
    const row = accountRow(page, WRONG_PLACE);
    await row.getByTestId('needs-attention').waitFor();
    await waitForAttribute(row.getByTestId('freshness'), 'data-severity', /^warning$/);
    const note = await waitForText(row.getByTestId('freshness'), /Needs attention/);
    expect(note).toMatch(
      /returned no billing data.*Fix: Under Edit credentials, link this kind of key instead: Organization Admin key \(sk-admin-…\)/,
    );
    expect(note).not.toMatch(/Up to date/);
    await env.screenshot(page, 'integrations-needs-attention');
    await page.goto(`${env.baseUrl}/overview/providers`);
    const providerRow = page
      .getByRole('table', { name: 'Providers' })
      .locator('tr', { has: page.getByText(WRONG_PLACE, { exact: true }) });
    await waitForAttribute(
      providerRow.getByTestId('needs-attention'),
      'title',
      /no billing data.*Fix: Under Edit credentials, link this kind of key instead: Organization Admin key/s,
    );
    await env.screenshot(page, 'overview-needs-attention');
  });

  it("says before saving what an OpenRouter standard key cannot sync, shows the check's warning on the result, and keeps it on the account", async () => {
    const sim = await env.startSimulator('openrouter', { managementKey: false } as never);
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/provider-accounts/create`);
    await page.getByRole('combobox', { name: 'Platform' }).click();
    await page.getByRole('option', { name: 'OpenRouter', exact: true }).click();
    expect(await waitForText(page.getByTestId('provider-limitations'), /standard API key/)).toMatch(
      /only the last 30 days/,
    );
    await page.getByLabel('Name').fill(STANDARD);
    await page.getByLabel('API key', { exact: true }).fill(String(sim.credentials.apiKey));
    await page.getByText('Advanced: custom endpoint').click();
    await page.getByLabel('Custom endpoint').fill(sim.adapterDeps().baseUrl!);
    await env.screenshot(page, 'link-openrouter-standard');
    await page.getByRole('button', { name: 'Create' }).click();
    const warning = await waitForText(page.getByText(`${STANDARD} is linked, with a warning:`), /management key/);
    expect(warning).toMatch(/only reports its own running totals.*Key sk-or-v1-.*today/);
    await env.screenshot(page, 'link-openrouter-warning');
    await page.locator('[data-testid="sync-status"][data-status="SUCCEEDED"]').waitFor({ timeout: 60_000 });
    await page.goto(`${env.baseUrl}/provider-accounts`);
    const row = accountRow(page, STANDARD);
    await waitForAttribute(row.getByTestId('needs-attention'), 'data-kind', /^LIMITED_CREDENTIAL$/);
    expect(await waitForText(row.getByTestId('freshness'), /Needs attention/)).toMatch(/Fix: Add a management key/);
    const { data } = await env.gql<{ providerAccounts: { id: string; label: string }[] }>(
      '{ providerAccounts { id label } }',
    );
    openrouterAccount = data!.providerAccounts.find((a) => a.label === STANDARD)!.id;
  });

  it("lists every account's runs from the menu, filters by trigger, and shows a new run live", async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/overview`);
    await page.getByRole('menuitem', { name: 'Sync logs' }).click();
    await page.waitForURL(/\/sync-runs/);
    const accounts = page.getByTestId('run-account');
    await waitForCount(accounts, 2);
    expect(new Set(await accounts.allTextContents())).toEqual(
      new Set([`${WRONG_PLACE} · OpenAI`, `${STANDARD} · OpenRouter`]),
    );
    await env.screenshot(page, 'sync-logs-all');
    await page.getByRole('combobox', { name: 'Trigger' }).click();
    await page.getByRole('option', { name: 'Refresh Data' }).click();
    await page.getByTestId('no-runs').waitFor();
    const refresh = await env.gql<{ refreshProvider: { run: { id: string } } }>(
      'mutation($id: ID!) { refreshProvider(id: $id) { run { id } } }',
      { id: openrouterAccount },
    );
    // Without a reload: the live feed refetches the list when the run starts.
    await waitForCount(accounts, 1, 30_000);
    expect(await accounts.first().textContent()).toBe(`${STANDARD} · OpenRouter`);
    expect(await env.waitForRun(refresh.data!.refreshProvider.run.id)).toBe('SUCCEEDED');
    await page
      .locator('[data-testid="sync-runs"] [data-testid="sync-status"][data-status="SUCCEEDED"]')
      .waitFor({ timeout: 30_000 });
    expect(page.url()).toMatch(/trigger/);
    await env.screenshot(page, 'sync-logs-filtered');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProviderSimulator } from '@spendsync/simulators';
import type { Locator, Page } from 'playwright-core';
import { formatUsd } from '../src/format';
import { startE2e, type E2eEnv } from './harness';
import { exactly, poll, recordMaxCounts, recordSyncView, waitForAttribute, waitForCount, waitForText } from './wait';

/** The Link Provider form, filled for the OpenAI simulator with `apiKey`. */
async function fillOpenAiLink(page: Page, sim: ProviderSimulator, apiKey: string) {
  await page.getByRole('combobox', { name: 'Platform' }).click();
  await page.getByRole('option', { name: 'OpenAI', exact: true }).click();
  await page.getByText('Where to create it:').waitFor();
  await page.getByLabel('Name').fill('OpenAI – research');
  await page.getByLabel('Admin key', { exact: true }).fill(apiKey);
  await page.getByText('Advanced: custom endpoint').click();
  await page.getByLabel('Custom endpoint').fill(sim.adapterDeps().baseUrl!);
}

/** The helper (or error) text under the input labelled `label`, once it has one. */
async function helperText(page: Page, label: string, timeout = 15_000): Promise<Locator> {
  const input = page.getByLabel(label, { exact: true });
  const describedBy = await poll(
    () => input.getAttribute('aria-describedby', { timeout }),
    (id) => Boolean(id),
    { timeout, message: `The input "${label}" shows no helper or error text` },
  );
  return page.locator(`[id="${describedBy}"]`);
}

/** A project key: well formed, but of the kind OpenAI's billing API refuses. */
const PROJECT_KEY = `sk-proj-${'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'.repeat(2)}`;

const accountRow = (page: Page, label: string) => page.locator('tr', { has: page.getByText(label, { exact: true }) });

describe('Integrations and sync logs in the browser', () => {
  let env: E2eEnv;
  let openai: ProviderSimulator;
  let accountLabel: string;

  beforeAll(async () => {
    env = await startE2e();
    openai = await env.startSimulator('openai');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('signs in, shows the organization in the user menu, and says what to do first', async () => {
    const page = await env.newPage(null);
    await page.goto(env.baseUrl);
    await page.getByLabel('Email').waitFor();
    await env.screenshot(page, 'login');
    await page.getByLabel('Password').fill('wrong password, long enough');
    await page.getByLabel('Email').fill(env.admin.email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForText(page.getByRole('alert'), /./);
    await page.getByLabel('Password').fill(env.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('empty-providers').waitFor();
    await page.getByRole('link', { name: 'Link Provider' }).waitFor();
    await env.screenshot(page, 'empty-state');
    await page.getByRole('button', { name: 'Profile' }).click();
    const identity = page.getByTestId('identity-panel');
    expect(await waitForText(identity, /Admin/)).toMatch(/My organization/);
    await page.getByRole('menu').waitFor(); // the menu is open (its fade-in may still run)
    await env.screenshot(page, 'user-menu');
  });

  it('refuses a project key and says why next to the key field, storing nothing', async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/provider-accounts/create`);
    await fillOpenAiLink(page, openai, PROJECT_KEY);
    await env.screenshot(page, 'link-provider');
    await page.getByRole('button', { name: 'Create' }).click();
    const message = await waitForText(await helperText(page, 'Admin key'), /project key/);
    expect(message).toMatch(/project key \(sk-proj-…\).*Organization Admin key \(sk-admin-…\)/);
    await env.screenshot(page, 'link-wrong-key');
    const { data } = await env.gql<{ providerAccounts: unknown[] }>('{ providerAccounts { id } }');
    expect(data?.providerAccounts).toEqual([]);
  });

  it('links the right key and shows the backfill live, from progress events and log lines, until it succeeds', async () => {
    // Slow responses, so the sync takes long enough to watch it progress.
    openai.faults.set({ slowMs: 150 });
    const page = await env.newPage(env.admin);
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (frame) => void frames.push(String(frame.payload))));
    const operations: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST')
        operations.push((JSON.parse(request.postData() ?? '{}') as { operationName?: string }).operationName ?? '?');
    });
    // What the screen showed while the run was going, recorded in the page: a fast run cannot slip between samples.
    const syncView = await recordSyncView(page);
    await page.goto(`${env.baseUrl}/provider-accounts/create`);
    await fillOpenAiLink(page, openai, String(openai.credentials.apiKey));
    accountLabel = 'OpenAI – research';
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/sync-runs\/[^/]+\/show$/);
    // The progress bar shows only while the run is active: wait for the run's status, not for the bar.
    await page.getByTestId('sync-status').first().waitFor();
    await env.screenshot(page, 'sync-live');
    await page.locator('[data-testid="sync-status"][data-status="SUCCEEDED"]').waitFor({ timeout: 60_000 });
    const { percents, logCountsWhileRunning } = await syncView();
    openai.faults.clear();
    // Progress and log lines arrived while it ran, over the WebSocket, not by reloading the log.
    expect(new Set(percents).size).toBeGreaterThan(1);
    expect(new Set(logCountsWhileRunning).size).toBeGreaterThan(2);
    expect(frames.some((f) => f.includes('"syncRunProgressed"'))).toBe(true);
    expect(frames.some((f) => f.includes('"syncLogAppended"'))).toBe(true);
    expect(operations.filter((o) => o === 'SyncLogLines').length).toBeLessThanOrEqual(2);
    const records = Number((await waitForText(page.getByTestId('run-records'), /^[1-9][\d,]*$/)).replace(/,/g, ''));
    expect(records).toBeGreaterThan(0);
    await waitForText(page.getByTestId('sync-log'), /Sync (succeeded|finished)|records/i);
    await env.screenshot(page, 'sync-done');
  });

  it('lists the account with its status, freshness and the spend the simulator billed', async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/provider-accounts`);
    const row = accountRow(page, accountLabel);
    await row.waitFor();
    const expected = formatUsd(openai.groundTruth(env.dataRange).cost.toFixed(2));
    expect(await waitForText(row.getByTestId('account-spend'), exactly(expected))).toBe(expected);
    await waitForAttribute(row.getByTestId('account-status'), 'data-status', /^ACTIVE$/);
    await waitForAttribute(row.getByTestId('freshness'), 'data-severity', /^(success|info)$/);
    await env.screenshot(page, 'integrations');
    await row.getByRole('link', { name: 'View Sync Logs' }).click();
    await page.getByTestId('sync-logs-account').waitFor();
    await waitForText(page.locator('table'), /Backfill after linking/);
    await env.screenshot(page, 'sync-logs');
  });

  it('refreshes data from the sync logs and shows the new run live', async () => {
    openai.faults.set({ slowMs: 100 });
    const page = await env.newPage(env.admin);
    // The running sync's panel is transient: recorded in the page, checked once the run is over.
    const seen = await recordMaxCounts(page, {
      activeRun: '[data-testid="active-run"]',
      liveLines: '[data-testid="active-run"] [data-testid="sync-log"] li',
    });
    await page.goto(`${env.baseUrl}/provider-accounts`);
    await accountRow(page, accountLabel).getByRole('link', { name: 'View Sync Logs' }).click();
    await page.getByTestId('sync-logs-account').waitFor();
    await page.getByRole('button', { name: 'Refresh Data' }).click();
    await waitForText(page.getByTestId('sync-runs').locator('tbody tr'), /Refresh Data/, 30_000);
    await env.screenshot(page, 'sync-refresh-live');
    await page
      .getByTestId('sync-runs')
      .locator('tbody tr', { hasText: 'Refresh Data' })
      .locator('[data-testid="sync-status"][data-status="SUCCEEDED"]')
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('active-run').waitFor({ state: 'detached', timeout: 30_000 });
    openai.faults.clear();
    await waitForCount(page.getByTestId('sync-runs').locator('tbody tr'), 2);
    const { activeRun, liveLines } = await seen();
    expect(activeRun).toBe(1);
    expect(liveLines).toBeGreaterThan(0);
  });

  it('keeps the old credential when a new one fails its check, with the message beside the field', async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/provider-accounts`);
    await accountRow(page, accountLabel).getByRole('link', { name: 'Edit credentials' }).click();
    await page.getByText('Current credential:').waitFor();
    await page.getByText('Paste JSON instead').click();
    await page.getByLabel('Credentials (JSON)').fill(JSON.stringify(openai.invalidCredentials));
    await page.getByRole('button', { name: 'Verify and save' }).click();
    const message = await waitForText(await helperText(page, 'Credentials (JSON)'), /OpenAI/);
    expect(message).toMatch(/401|Admin key|not valid|refused|Incorrect/i);
    await env.screenshot(page, 'edit-credentials');
  });

  it("shows a viewer the data but no editing controls, and the API refuses the viewer's changes", async () => {
    const page = await env.newPage(env.viewer);
    await page.goto(`${env.baseUrl}/provider-accounts`);
    const row = accountRow(page, accountLabel);
    await row.waitFor();
    await page.getByTestId('viewer-badge').waitFor();
    await row.getByRole('link', { name: 'View Sync Logs' }).waitFor();
    // The row and its read-only link are rendered: controls would be there by now.
    for (const name of ['Link Provider', 'Refresh Data', 'Edit credentials', 'Unlink', 'Retry']) {
      expect(await page.getByRole('button', { name }).or(page.getByRole('link', { name })).count()).toBe(0);
    }
    await env.screenshot(page, 'viewer-integrations');
    await page.goto(`${env.baseUrl}/provider-accounts/create`);
    // react-admin sends a caller without access to its access-denied page instead of the form.
    await page.waitForURL(/\/access-denied$/);
    // The URL changes before React renders the page: wait for its own message, then look for the form.
    await page.getByText("You don't have the right permissions to access this page").waitFor();
    expect(await page.getByRole('combobox', { name: 'Platform' }).count()).toBe(0);
    await env.screenshot(page, 'viewer-link-denied');
    const refused = await env.gql(
      'mutation($id: ID!) { refreshProvider(id: $id) { alreadyRunning } }',
      { id: 'x' },
      env.viewer,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('unlinks an account keeping its history', async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/provider-accounts`);
    await accountRow(page, accountLabel).getByRole('button', { name: 'Unlink' }).click();
    await page.getByRole('dialog').getByText('Keep its history').waitFor();
    await env.screenshot(page, 'unlink-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Unlink' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const row = accountRow(page, accountLabel);
    await row.locator('[data-testid="account-status"][data-status="DISCONNECTED"]').waitFor();
    const spend = formatUsd(openai.groundTruth(env.dataRange).cost.toFixed(2));
    expect(await waitForText(row.getByTestId('account-spend'), exactly(spend))).toBe(spend);
    await env.screenshot(page, 'unlinked');
  });
});

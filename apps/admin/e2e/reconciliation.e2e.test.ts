import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startE2e, type E2eEnv, type LinkedSimulator } from './harness';

type KeyRow = { apiKeyId: string | null; hint: string | null; cost: string; provider: string };

// Issue 17: from the Providers tab's coverage to the reconciliation breakdown, to the key that
// never reports metered usage, and on to the API Keys tab filtered to it.
describe('Reconciliation breakdown in the browser (OpenAI simulator, metering for all keys but one)', () => {
  let env: E2eEnv;
  let openai: LinkedSimulator;
  let period: string;
  let uninstrumented: KeyRow;

  beforeAll(async () => {
    env = await startE2e();
    openai = await env.linkSimulator('openai', { workspaces: 2, keysPerWorkspace: 2, models: 3, label: 'OpenAI org' });
    expect(await env.waitForRun(openai.runId)).toBe('SUCCEEDED');
    period = `start=${env.dataRange.start}&end=${env.dataRange.end}`;
    const range = { start: env.dataRange.start, end: env.dataRange.end };
    const keys = `query($f: DashboardFilterInput) {
      apiKeyDashboard(filter: $f) { rows { apiKeyId hint cost provider } } }`;
    const { data } = await env.gql<{ apiKeyDashboard: { rows: KeyRow[] } }>(keys, { f: { range, limit: 500 } });
    const billedKeys = data!.apiKeyDashboard.rows.filter((r) => r.apiKeyId && r.hint && Number(r.cost) > 0);
    expect(billedKeys.length).toBeGreaterThanOrEqual(2);
    // The cheapest billed key stays uninstrumented; every other key reports a day of usage.
    uninstrumented = billedKeys.at(-1)!;
    const entries = billedKeys.slice(0, -1).map((k) => ({
      provider: 'OPENAI',
      model: 'gpt-4o',
      day: range.start,
      apiKeyId: k.apiKeyId,
      inputTokens: 1000,
      cost: '0.5',
    }));
    const record = 'mutation($b: MeteredUsageBatchInput!) { recordMeteredUsage(batch: $b) { accepted } }';
    const reported = await env.gql(record, { b: { source: 'e2e-app', idempotencyKey: 'e2e-batch-1', entries } });
    expect(reported.data).toEqual({ recordMeteredUsage: { accepted: entries.length } });
  }, 240_000);
  afterAll(async () => {
    await env?.close();
  });

  it("opens the breakdown from the coverage figure: the uninstrumented key's row links to API Keys", async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/overview/providers?${period}`);
    await page.getByTestId('open-reconciliation').click();
    const dialog = page.getByRole('dialog');
    const cause = dialog.locator('[data-cause="UNINSTRUMENTED_KEYS"]');
    await cause.waitFor();
    const row = dialog.locator(`tr[data-entity="API_KEY"][data-entity-name="${uninstrumented.hint}"]`);
    await row.waitFor();
    // The key's share is its whole billed cost (nothing was metered for it).
    expect(await row.locator('td').nth(1).textContent()).toMatch(/^\$[\d,]+\.\d{2}$/);
    expect(await dialog.locator('[data-cause="CREDITS"]').count()).toBe(1);
    expect(await dialog.locator('tr[data-day]').count()).toBeGreaterThan(0);
    await env.screenshot(page, 'reconciliation-breakdown');
    await row.getByRole('link', { name: uninstrumented.hint! }).click();
    await page.waitForURL(/\/overview\/api-keys\?/);
    const url = new URL(page.url());
    const linked = [url.searchParams.get('search'), url.searchParams.get('providers')];
    expect(linked).toEqual([uninstrumented.hint, 'openai']);
    await page.getByRole('table', { name: 'API Keys' }).getByText(uninstrumented.hint!).first().waitFor();
  });
});

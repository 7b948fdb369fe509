import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '@spendsync/domain';
import { startE2e, type E2eEnv, type LinkedSimulator } from './harness';

/**
 * The Anomalies view against the real API: an OpenAI simulator with 45 days of history and one
 * injected spike (key svc-1-1 uses gpt-4o 25 times as much five days ago, a settled day after
 * OpenAI's 24 h delay), as `pnpm demo` injects it.
 */
describe('Anomalies in the browser (OpenAI simulator with an injected spike)', () => {
  let env: E2eEnv;
  let openai: LinkedSimulator;
  let spikeDay: string;

  beforeAll(async () => {
    env = await startE2e({ env: { SPENDSYNC_BACKFILL_DAYS: '45' } });
    spikeDay = addDays(env.dataRange.end, -5);
    openai = await env.linkSimulator('openai', {
      start: addDays(env.dataRange.end, -45),
      days: 45,
      workspaces: 2,
      keysPerWorkspace: 2,
      models: 3,
      label: 'OpenAI org',
      spike: { day: spikeDay, factor: 25 },
    });
    expect(await env.waitForRun(openai.runId)).toBe('SUCCEEDED');
  }, 240_000);
  afterAll(async () => {
    await env?.close();
  });

  it('shows the injected spike with its key and model as drivers, and its links open the Overview on them', async () => {
    const page = await env.newPage(env.viewer);
    await page.goto(`${env.baseUrl}/anomalies`);
    // The key's own card: its label names the series ("API key …"); other cards list API keys as drivers.
    const card = page.locator(`[data-anomaly][aria-label^="API key "][aria-label$=" on ${spikeDay}"]`).first();
    await card.waitFor({ timeout: 60_000 });
    await card.getByTestId('top-driver').filter({ hasText: 'Top driver: gpt-4o-2024-08-06' }).waitFor();
    expect(await card.getByTestId('anomaly-figures').textContent()).toMatch(/^Spike: .* — more usage \(volume\)$/);
    await env.screenshot(page, 'anomalies');
    await card
      .getByRole('list', { name: 'Drivers by Models' })
      .getByRole('link', { name: 'gpt-4o-2024-08-06' })
      .click();
    await page.waitForURL(/\/overview\/models\?/);
    const url = new URL(page.url());
    expect([url.searchParams.get('providers'), url.searchParams.get('search'), url.searchParams.get('end')]).toEqual([
      'openai',
      'gpt-4o-2024-08-06',
      addDays(spikeDay, 1),
    ]);
    await page.getByRole('table', { name: 'Models' }).locator('tbody tr').first().waitFor();
  });

  it('marks the anomaly on the Overview chart and hatches the provisional days', async () => {
    const page = await env.newPage(env.admin);
    await page.goto(
      `${env.baseUrl}/overview/providers?start=${addDays(env.dataRange.end, -20)}&end=${env.dataRange.end}`,
    );
    const chart = page.getByTestId('cost-chart');
    await page.waitForFunction(
      (day) => document.querySelector('[data-testid="cost-chart"]')?.getAttribute('data-anomaly-days')?.includes(day),
      spikeDay,
      { timeout: 30_000 },
    );
    await page
      .getByTestId('provisional-legend')
      .filter({ hasText: 'provisional: the provider may still revise these days' })
      .waitFor();
    expect(await chart.getAttribute('data-provisional-from')).toBe(addDays(env.dataRange.end, -1));
  });

  it("shows the account's settled-through day on Integrations and the provisional note on the Providers comparison", async () => {
    const page = await env.newPage(env.viewer);
    await page.goto(`${env.baseUrl}/provider-accounts`);
    // Read after OpenAI's 24 h delay: every day up to two days ago is settled at link time.
    await page
      .getByTestId('settled-through')
      .filter({ hasText: `Settled through ${addDays(env.dataRange.end, -2)}; later days are provisional.` })
      .waitFor();
    await page.goto(
      `${env.baseUrl}/overview/providers?start=${addDays(env.dataRange.end, -7)}&end=${env.dataRange.end}`,
    );
    await page.getByTestId('period-provisional').waitFor();
  });
});

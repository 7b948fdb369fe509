import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startE2e, type E2eEnv } from './harness';

describe('Budgets and alerts in the browser (OpenAI simulator)', () => {
  let env: E2eEnv;
  let receiver: http.Server;
  let hookUrl: string;
  const received: { signature: string; body: string }[] = [];

  beforeAll(async () => {
    env = await startE2e();
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        received.push({ signature: String(req.headers['x-spendsync-signature']), body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
  }, 120_000);
  afterAll(async () => {
    await env?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('creates a budget, a sync crosses its threshold, the alert appears live and its delivery shows in the log', async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/notification-channels`);
    await page.getByLabel('Channel name').fill('Ops webhook');
    await page.getByLabel('URL').fill(hookUrl);
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page
      .getByTestId('channel-secret')
      .filter({ hasText: /^whsec_/ })
      .waitFor();
    await page.getByRole('table', { name: 'Channels' }).getByText('Ops webhook').waitFor();

    await page.goto(`${env.baseUrl}/budgets`);
    await page.getByRole('button', { name: 'New budget' }).click();
    await page.getByLabel('Name').fill('OpenAI e2e');
    await page.getByLabel('Amount (USD)').fill('0.01');
    await page.getByLabel('Thresholds').fill('50 actual');
    await page.getByRole('button', { name: 'Create budget' }).click();
    const row = page.getByRole('table', { name: 'Budgets' }).locator('tr', { hasText: 'OpenAI e2e' });
    await row.getByText('$0.00').first().waitFor();

    // A sync of a newly linked account crosses the threshold; the page is told over the subscription.
    const linked = await env.linkSimulator('openai', { workspaces: 1, keysPerWorkspace: 1, models: 2 });
    expect(await env.waitForRun(linked.runId)).toBe('SUCCEEDED');
    await page.getByText('Budget "OpenAI e2e" reached 50 % (ACTUAL)').waitFor({ timeout: 30_000 });
    await row.getByText('50 % actual').waitFor();
    await page.getByRole('table', { name: 'Alert history' }).getByText('OpenAI e2e').waitFor();
    await env.screenshot(page, 'budgets-alert');

    await page.goto(`${env.baseUrl}/notification-channels`);
    const delivery = page
      .getByRole('table', { name: 'Delivery log' })
      .locator('tr[data-status="SUCCEEDED"]', { hasText: 'budget.threshold_fired' });
    for (let tries = 0; tries < 20 && (await delivery.count()) === 0; tries += 1) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    await delivery.first().waitFor();
    await delivery
      .first()
      .getByText(/^204 in \d+ ms$/)
      .waitFor();
    await env.screenshot(page, 'notification-channels-log');
    expect(received.filter((r) => JSON.parse(r.body).type === 'budget.threshold_fired')).toHaveLength(1);
    expect(received[0]!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  }, 180_000);
});

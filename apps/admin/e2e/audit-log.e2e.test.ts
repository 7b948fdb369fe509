import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { startE2e, type E2eEnv } from './harness';
import { waitForCount } from './wait';

describe('Audit log in the browser', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2e();
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('shows the changes an admin made, with secrets redacted, filters them and exports the same rows as CSV', async () => {
    const secret = 'sk-ant-admin01-E2EAUDITSECRET-0123456789abcdefghijklmnop';
    // A change that succeeds and one that fails (its credential is refused before any provider call).
    expect((await env.gql('mutation { createApiToken(name: "audited token") { apiToken { id } } }')).errors).toBeUndefined();
    await env.gql('mutation($i: LinkProviderInput!) { linkProvider(input: $i) { account { id } } }', {
      i: { provider: 'ANTHROPIC', label: 'Audited', credentials: { adminKey: secret } },
    });

    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/overview`);
    await page.getByRole('menuitem', { name: 'Audit log' }).click();
    const table = page.getByRole('table', { name: 'Audit log' });
    await table.locator('[data-action="createApiToken"][data-outcome="SUCCEEDED"]').waitFor();
    const failedLink = table.locator('[data-action="linkProvider"][data-outcome="FAILED"]');
    await failedLink.waitFor();
    expect(await failedLink.textContent()).toContain('[redacted]');
    expect(await page.locator('body').textContent()).not.toContain(secret);
    await env.screenshot(page, 'audit-log');

    await page.getByLabel('Outcome').click();
    await page.getByRole('option', { name: 'failed' }).click();
    await waitForCount(table.locator('[data-outcome="SUCCEEDED"]'), 0);
    const failedRows = await table.locator('[data-testid="audit-row"]').count();
    expect(failedRows).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(failedRows);
    expect(rows.every((row) => row.outcome === 'failed')).toBe(true);
    expect(rows.map((row) => row.action)).toContain('linkProvider');
    expect(csv).not.toContain(secret);
  });

  it('keeps the audit log from viewers, in the menu and at the API', async () => {
    const page = await env.newPage(env.viewer);
    await page.goto(`${env.baseUrl}/audit-log`);
    await page.getByTestId('admins-only').waitFor();
    expect(await page.getByRole('menuitem', { name: 'Audit log' }).count()).toBe(0);
    expect((await env.gql('{ spendsyncAuditEvents { total } }', {}, env.viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

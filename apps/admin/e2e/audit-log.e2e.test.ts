import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { startE2e, type E2eEnv } from './harness';
import { poll } from './wait';

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
    expect(
      (await env.gql('mutation { createApiToken(name: "audited token") { apiToken { id } } }')).errors,
    ).toBeUndefined();
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
    // The API's own count of failed changes is what the filtered list and the CSV must both show.
    const answer = await env.gql(
      '{ spendsyncAuditEvents(filter: { outcome: FAILED }, limit: 50, offset: 0) { total } }',
    );
    const failedRows = Number(answer.data?.spendsyncAuditEvents?.total);
    expect(failedRows).toBeGreaterThan(0);
    // The list reloads under the filter (it keeps the previous rows while loading): wait until it
    // shows exactly the failed rows.
    const rowsByOutcome = async () => ({
      all: await table.locator('[data-testid="audit-row"]').count(),
      failed: await table.locator('[data-testid="audit-row"][data-outcome="FAILED"]').count(),
    });
    await poll(rowsByOutcome, (n) => n.all === failedRows && n.failed === failedRows, { message: 'Only failed rows' });
    await failedLink.waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
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
    expect((await env.gql('{ spendsyncAuditEvents { total } }', {}, env.viewer)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});

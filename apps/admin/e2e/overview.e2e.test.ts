import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LinkedSimulator } from './harness';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { sumDecimals } from '../src/resources/overview/decimal';
import { formatUsd } from '../src/resources/overview/format';
import { startE2e, type E2eEnv } from './harness';
import { waitForCount } from './wait';

type CsvRow = Record<string, string>;

/** Clicks Export CSV and parses the file the browser downloads. */
async function exportCsv(page: Page): Promise<{ name: string; rows: CsvRow[] }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const file = await download.path();
  return {
    name: download.suggestedFilename(),
    rows: parse(await readFile(file, 'utf8'), { columns: true }) as CsvRow[],
  };
}

/** The table rows' keys (`data-row`) in screen order, once the table has settled on `count` rows. */
async function rowKeys(page: Page, table: string): Promise<string[]> {
  const rows = page.getByRole('table', { name: table }).locator('tbody tr[data-row]');
  await rows.first().waitFor();
  return rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row') ?? ''));
}

/** Waits until no table shows the loading bar (the query for the current URL has answered). */
async function settled(page: Page): Promise<void> {
  await page.getByRole('tab', { selected: true }).waitFor();
  await page.waitForFunction(() => !document.querySelector('.MuiLinearProgress-root'), undefined, { timeout: 15_000 });
}

describe('Overview in the browser (OpenAI and Anthropic simulators)', () => {
  let env: E2eEnv;
  let openai: LinkedSimulator;
  let anthropic: LinkedSimulator;
  let period: string;

  beforeAll(async () => {
    env = await startE2e();
    openai = await env.linkSimulator('openai', { workspaces: 3, keysPerWorkspace: 2, models: 6, label: 'OpenAI org' });
    anthropic = await env.linkSimulator('anthropic', {
      workspaces: 2,
      keysPerWorkspace: 2,
      models: 3,
      label: 'Anthropic org',
    });
    expect(await env.waitForRun(openai.runId)).toBe('SUCCEEDED');
    expect(await env.waitForRun(anthropic.runId)).toBe('SUCCEEDED');
    // The days the simulators have data for, as the custom range of the filter (end exclusive).
    period = `start=${env.dataRange.start}&end=${env.dataRange.end}`;
  }, 240_000);
  afterAll(async () => {
    await env?.close();
  });

  it("shows the providers' total spend the simulators' ground truth implies, with trends and a chart", async () => {
    const truth = sumDecimals([openai, anthropic].map((s) => s.simulator.groundTruth(env.dataRange).cost.toFixed()));
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/overview/providers?${period}`);
    const total = page.locator('[data-summary="Total spend"] [data-value]');
    await total.filter({ hasText: formatUsd(truth) }).waitFor();
    await page.getByTestId('cost-chart').waitFor();
    const table = page.getByRole('table', { name: 'Providers' });
    await waitForCount(table.locator('tbody tr'), 2);
    // Neither OpenAI nor Anthropic reports credits: Credits and Net say so, never $0.00.
    await waitForCount(table.locator('[data-not-captured]'), 4);
    await page.locator('[data-summary="Net"]').getByText('not captured').waitFor();
    await page.locator('[data-summary="Credits"]').getByText('not captured').waitFor();
    await env.screenshot(page, 'overview-providers');
  });

  it("fills Models with every model's cost, summing to the ground truth exactly", async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/overview/models?providers=openai&${period}`);
    await page.locator('[data-summary="Most Efficient Model"]').waitFor();
    await settled(page);
    const shown = await rowKeys(page, 'Models');
    const csv = await exportCsv(page);
    expect(csv.name).toMatch(/^models-\d{4}-\d{2}-\d{2}\.csv$/);
    // Every model the tab shows is in the export, in the same order, and the costs add up to what OpenAI billed.
    expect(csv.rows.slice(0, shown.length).map((r) => `openai:${r.model}|${r.unit}`)).toEqual(shown);
    expect(sumDecimals(csv.rows.map((r) => r.cost))).toBe(openai.simulator.groundTruth(env.dataRange).cost.toFixed());
    expect(csv.rows.filter((r) => r.isMostEfficient === 'true').length).toBeGreaterThanOrEqual(1);
    // Anthropic gives no request counts: its models show N/A for requests and tokens per request.
    await page.goto(`${env.baseUrl}/overview/models?providers=anthropic&${period}`);
    await settled(page);
    const first = page.getByRole('table', { name: 'Models' }).locator('tbody tr[data-row^="anthropic:"]').first();
    await waitForCount(first.getByText('N/A'), 2);
    await page.goto(`${env.baseUrl}/overview/models?${period}`);
    await settled(page);
    await env.screenshot(page, 'overview-models');
  });

  it('fills API Keys with every synced key, plus spend with no key, adding up to the bill', async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/overview/api-keys?${period}`);
    await settled(page);
    const shown = await rowKeys(page, 'API Keys');
    const { data } = await env.gql<{ apiKeys: { providerAccountId: string; externalId: string }[] }>(
      '{ apiKeys { providerAccountId externalId } }',
    );
    expect(data!.apiKeys.length).toBeGreaterThan(0);
    // Every key the providers list is a row (idle ones included), once; the rest are "(no key attribution)" rows (`<account>|`).
    const keyed = shown.filter((key) => !key.endsWith('|'));
    expect(new Set(keyed)).toEqual(new Set(data!.apiKeys.map((k) => `${k.providerAccountId}|${k.externalId}`)));
    expect(keyed).toHaveLength(new Set(keyed).size);
    const csv = await exportCsv(page);
    const billed = sumDecimals([openai, anthropic].map((s) => s.simulator.groundTruth(env.dataRange).cost.toFixed()));
    // Cost without a key (tools, storage, an unused model) is its own row, so the tab adds up to the bill exactly.
    expect(sumDecimals(csv.rows.map((r) => r.cost))).toBe(billed);
    expect(csv.rows.filter((r) => r.isUnattributed === 'false').length).toBe(keyed.length);
    await env.screenshot(page, 'overview-api-keys');
    await page.locator('tbody tr[data-row]:not([data-row$="|"])').first().click();
    await page.getByRole('dialog').getByTestId('cost-chart').waitFor();
    await env.screenshot(page, 'overview-api-key-cost-over-time');
  });

  it("filters, keeps the filter in the URL, and exports exactly the filtered rows in the tab's sort", async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/overview/models?${period}`);
    await settled(page);
    await page.getByLabel('Search').fill('mini');
    await page.waitForURL(/search=mini/);
    await page.getByRole('columnheader', { name: 'Model' }).getByRole('button').click();
    await page.waitForURL(/sort=model/);
    await settled(page);
    // The URL changes before the table's query for it starts: wait until the table shows the search.
    await page.waitForFunction(
      () => {
        const rows = Array.from(document.querySelectorAll('table[aria-label="Models"] tbody tr[data-row]'));
        return (
          rows.length > 0 && rows.every((tr) => (tr.getAttribute('data-row') ?? '').toLowerCase().includes('mini'))
        );
      },
      undefined,
      { timeout: 15_000 },
    );
    const shown = await rowKeys(page, 'Models');
    const csv = await exportCsv(page);
    expect(csv.rows.length).toBeGreaterThan(0);
    expect(csv.rows.every((r) => r.model.toLowerCase().includes('mini'))).toBe(true);
    expect(csv.rows.map((r) => `${r.provider}:${r.model}|${r.unit}`)).toEqual(shown);
    // A reload shows the same view.
    await page.reload();
    await settled(page);
    expect(await rowKeys(page, 'Models')).toEqual(shown);
    expect(await page.getByLabel('Search').inputValue()).toBe('mini');
  });

  it('renames a workspace, reverts it, and maps two workspaces of different providers to one name', async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/overview/workspaces?${period}&sort=displayName&direction=asc`);
    await settled(page);
    const table = page.getByRole('table', { name: 'Workspaces' });
    const names = await table.locator('[data-display-name]').allTextContents();
    const original = names[0]!;
    await page.getByRole('button', { name: `Rename ${original}` }).click();
    await page.getByLabel('New name').fill('Growth team');
    await page.getByLabel('New name').press('Enter');
    await table.locator('[data-display-name]', { hasText: 'Growth team' }).waitFor();
    // Name history, newest first, then revert.
    await table
      .locator('tr', { has: page.locator('[data-display-name]', { hasText: 'Growth team' }) })
      .first()
      .click();
    await page.getByRole('button', { name: 'Name history' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText('(provider name) → Growth team')
      .or(dialog.getByText(`${original} → Growth team`))
      .first()
      .waitFor();
    await env.screenshot(page, 'overview-workspace-name-history');
    await dialog.getByRole('button', { name: 'Revert' }).first().click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await table.locator('[data-display-name]', { hasText: original }).first().waitFor();
    await waitForCount(table.locator('[data-display-name]', { hasText: 'Growth team' }), 0);
    // Map one OpenAI project and one Anthropic workspace to one display name.
    const rows = table.locator('tbody > tr[data-row]');
    const providers = await rows.evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ''));
    const openaiRow = providers.findIndex((t) => t.includes('OpenAI'));
    const anthropicRow = providers.findIndex((t) => t.includes('Anthropic'));
    expect(openaiRow).toBeGreaterThanOrEqual(0);
    expect(anthropicRow).toBeGreaterThanOrEqual(0);
    // The exact cost of the two single-workspace rows about to be mapped, from the API, for the combined row below.
    const pairNames = [
      await rows.nth(openaiRow).getAttribute('data-row'),
      await rows.nth(anthropicRow).getAttribute('data-row'),
    ];
    const before = await env.gql<{
      workspaceDashboard: { rows: { displayName: string; cost: string; members: unknown[] }[] };
    }>(
      'query($f: DashboardFilterInput) { workspaceDashboard(filter: $f) { rows { displayName cost members { externalId } } } }',
      { f: { range: env.dataRange, limit: 500 } },
    );
    const pair = before.data!.workspaceDashboard.rows.filter((r) => pairNames.includes(r.displayName));
    expect(pair.map((r) => r.members.length)).toEqual([1, 1]);
    const combined = sumDecimals(pair.map((r) => r.cost));
    await rows.nth(openaiRow).click();
    await rows.nth(anthropicRow).click();
    const boxes = page.getByRole('table', { name: 'Member workspaces' }).getByRole('checkbox');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Map to one name' }).click();
    await page.getByLabel('Display name').fill('Shared platform');
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    const shared = table.locator('tr', { has: page.locator('[data-display-name]', { hasText: 'Shared platform' }) });
    await shared.waitFor();
    await waitForCount(shared.getByText('OpenAI'), 1);
    await waitForCount(shared.getByText('Anthropic'), 1);
    // The mapped row costs what its two workspaces cost together.
    await shared.getByRole('cell', { name: formatUsd(combined), exact: true }).waitFor();
    await env.screenshot(page, 'overview-workspaces');
    // Drill down: the shared name's API keys, across both providers.
    await shared.getByRole('button', { name: 'API Keys' }).click();
    await page.waitForURL(/\/overview\/api-keys\?.*workspaces=Shared\+platform/);
    await settled(page);
    const keyRows = page.getByRole('table', { name: 'API Keys' }).locator('tbody tr[data-row]:not([data-row$="|"])');
    await keyRows.first().waitFor();
    const keys = await keyRows.allTextContents();
    // regression: `every` passed on an empty list; the shared name must show keys, and only its own
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((text) => text.includes('Shared platform'))).toBe(true);
  });

  it('shows a viewer the tabs without editing controls', async () => {
    const page = await env.newPage(env.viewer);
    await page.goto(`${env.baseUrl}/overview/workspaces?${period}`);
    await settled(page);
    await page.getByRole('table', { name: 'Workspaces' }).locator('[data-display-name]').first().waitFor();
    expect(await page.getByRole('button', { name: /^Rename / }).count()).toBe(0);
  });
});

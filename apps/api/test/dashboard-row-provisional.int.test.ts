import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDashboardService, type DashboardService } from '../src/features/dashboards/dashboard.service';
import { ZDashboardFilter } from '../src/features/dashboards/dashboard-filter';
import { TODAY, seedOrganizationA, type SeededOrganization } from './dashboard-seed';
import { openTestDataSource } from './test-data-source';

// Issue 16: every dashboard row says whether it sums records of an account whose current period
// reaches past its settled-through day. OpenAI is settled through the whole period, the others not.
describe('includesProvisional on Models, API keys and Workspaces rows', () => {
  let ds: DataSource;
  let a: SeededOrganization;
  let dashboards: DashboardService;
  const filter = ZDashboardFilter.parse({ period: 'last_30_days' });
  beforeAll(async () => {
    ds = await openTestDataSource();
    a = await seedOrganizationA(ds);
    dashboards = createDashboardService(ds);
    await ds.query('UPDATE provider_accounts SET settled_through = $2 WHERE id = $1', [a.openai.id, TODAY]);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('is false for rows of settled accounts only', async () => {
    const models = await dashboards.models(a.org.id, filter, TODAY);
    const byProvider = (rows: { provider: string; includesProvisional: boolean }[]) =>
      Object.fromEntries(
        ['openai', 'anthropic'].map((p) => [
          p,
          [...new Set(rows.filter((r) => r.provider === p).map((r) => r.includesProvisional))],
        ]),
      );
    expect(byProvider(models.rows)).toEqual({ openai: [false], anthropic: [true] });
    const keys = await dashboards.apiKeys(a.org.id, filter, TODAY);
    expect(byProvider(keys.rows)).toEqual({ openai: [false], anthropic: [true] });
    const { rows } = await dashboards.workspaces(a.org.id, filter, TODAY);
    const flag = (name: string | null) => rows.find((r) => r.displayName === name)?.includesProvisional;
    // "Web" combines an OpenAI and an Anthropic workspace; "Research" is OpenAI's alone.
    expect([flag('Web'), flag('Research'), flag('ML')]).toEqual([true, false, true]);
  });

  it('turns true once the settled-through day falls inside the period', async () => {
    await ds.query('UPDATE provider_accounts SET settled_through = $2 WHERE id = $1', [a.openai.id, '2025-06-01']);
    const { rows } = await dashboards.workspaces(a.org.id, filter, TODAY);
    expect(rows.find((r) => r.displayName === 'Research')?.includesProvisional).toBe(true);
  });
});

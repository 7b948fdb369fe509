import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money, type Day } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import { parse } from 'csv-parse/sync';
import express from 'express';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../src/database/pg-pool';
import { queryApiKeyDashboard } from '../src/features/dashboards/api-key-dashboard.service';
import { queryCostSeries } from '../src/features/dashboards/cost-series.service';
import { ZCostSeriesOptions, ZDashboardFilter } from '../src/features/dashboards/dashboard-filter';
import { queryModelDashboard } from '../src/features/dashboards/model-dashboard.service';
import { queryProviderDashboard } from '../src/features/dashboards/provider-dashboard.service';
import { readWorkspaceNamesDiffer } from '../src/features/dashboards/search-matches';
import { queryWorkspaceDashboard } from '../src/features/dashboards/workspace-dashboard.service';
import { createExportRouter } from '../src/features/exports/export.router';
import { createExportService } from '../src/features/exports/export.service';
import { replacePartition } from '../src/features/sync/replace-partition';
import { TODAY, seedOrganizationA, type SeededOrganization } from './dashboard-seed';
import { openTestDataSource } from './test-data-source';

/** "w_renamed", in no directory entry, carried "Alpha lab" on the 3rd and 10th and "Beta lab" on the 20th. */
const RECORDS = [
  { day: '2024-05-03', name: 'Alpha lab', cost: '0.5', key: 'key_a' },
  { day: '2024-05-10', name: 'Alpha lab', cost: '1.25', key: 'key_b' },
  { day: '2024-05-20', name: 'Beta lab', cost: '2', key: 'key_b' },
];
/** A whole month (the rollups' monthly rows), and days inside it (their 7-day blocks, ISO weeks and days). */
const PERIODS = [
  { start: '2024-05-01', end: '2024-06-01' },
  { start: '2024-05-02', end: '2024-05-27' },
];

const sum = (costs: readonly (Money | string)[]) => costs.reduce<Money>((s, c) => s.plus(c), new Money('0')).toString();

describe('a workspace filter on a workspace renamed at the provider', () => {
  let ds: DataSource;
  let a: SeededOrganization;

  /** Every dashboard's and chart's total under the workspace filter `workspaces`. */
  const totals = async (workspaces: string[], period: { start: string; end: string }) => {
    const filter = ZDashboardFilter.parse({ period, workspaces, limit: 500 });
    const series = (granularity: 'day' | 'week') =>
      queryCostSeries(ds, a.org.id, filter, ZCostSeriesOptions.parse({ granularity, groupBy: 'workspace' }), TODAY);
    return {
      providers: sum((await queryProviderDashboard(ds, a.org.id, filter, TODAY)).rows.map((row) => row.spend)),
      models: sum((await queryModelDashboard(ds, a.org.id, filter, TODAY)).rows.map((row) => row.cost)),
      apiKeys: sum((await queryApiKeyDashboard(ds, a.org.id, filter, TODAY)).rows.map((row) => row.cost)),
      workspaces: sum((await queryWorkspaceDashboard(ds, a.org.id, filter, TODAY)).rows.map((row) => row.cost)),
      byDay: sum((await series('day')).map((point) => point.cost)),
      byWeek: sum((await series('week')).map((point) => point.cost)),
      // searched too: the search's own sources, each read by record name
      searched: sum(
        (await queryModelDashboard(ds, a.org.id, { ...filter, search: 'gpt-r' }, TODAY)).rows.map((row) => row.cost),
      ),
    };
  };
  const each = (cost: string) => ({
    providers: cost,
    models: cost,
    apiKeys: cost,
    workspaces: cost,
    byDay: cost,
    byWeek: cost,
    searched: cost,
  });

  beforeAll(async () => {
    ds = await openTestDataSource();
    a = await seedOrganizationA(ds);
    const days = RECORDS.map((r) => r.day as Day);
    await replacePartition(ds, {
      organizationId: a.org.id,
      providerAccountId: a.openai.id,
      provider: 'openai',
      days,
      records: RECORDS.map((r) =>
        buildCostRecord({
          day: r.day as Day,
          workspaceId: 'w_renamed',
          workspaceName: r.name,
          model: 'gpt-r',
          apiKeyId: r.key,
          apiKeyHint: `sk-...${r.key}`,
          cost: new Money(r.cost),
        }),
      ),
    });
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('tells when a name the filter gives is one of several its records carry', async () => {
    expect(await readWorkspaceNamesDiffer(ds, a.org.id, ['Alpha lab'])).toBe(true);
    expect(await readWorkspaceNamesDiffer(ds, a.org.id, ['beta lab', 'Beta lab'])).toBe(true);
    // every name, or the workspace's id, keeps all of its records
    expect(await readWorkspaceNamesDiffer(ds, a.org.id, ['Alpha lab', 'Beta lab'])).toBe(false);
    expect(await readWorkspaceNamesDiffer(ds, a.org.id, ['w_renamed', 'Alpha lab'])).toBe(false);
    expect(await readWorkspaceNamesDiffer(ds, a.org.id, ['Default project'])).toBe(false);
  });

  it('sums the records carrying the name given, in every dashboard and chart', async () => {
    for (const period of PERIODS) {
      expect({ period, ...(await totals(['Alpha lab'], period)) }).toEqual({ period, ...each('1.75') });
      expect({ period, ...(await totals(['Beta lab'], period)) }).toEqual({ period, ...each('2') });
      expect({ period, ...(await totals(['w_renamed'], period)) }).toEqual({ period, ...each('3.75') });
    }
  });

  it('exports what the dashboards show: each CSV sums the records carrying the name given', async () => {
    const app = express();
    app.use(
      createExportRouter({
        exports: createExportService(pgPoolOf(ds)),
        resolveOrganization: (req) => req.header('x-test-org') ?? null,
      }),
    );
    const server: Server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (const [name, column] of [
        ['models', 'cost'],
        ['api-keys', 'cost'],
        ['workspaces', 'cost'],
      ] as const) {
        const response = await fetch(
          `http://127.0.0.1:${port}/export/${name}.csv?start=2024-05-02&end=2024-05-27&workspaces=Alpha%20lab`,
          { headers: { 'x-test-org': a.org.id } },
        );
        const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
        expect({ name, cost: sum(rows.map((row) => row[column]!)) }).toEqual({ name, cost: '1.75' });
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('follows the directory once it names the workspace: every record then shows that name', async () => {
    await ds.query(
      `INSERT INTO workspaces (organization_id, provider_account_id, external_id, provider_name)
      VALUES ($1, $2, 'w_renamed', 'Gamma lab')`,
      [a.org.id, a.openai.id],
    );
    try {
      expect(await readWorkspaceNamesDiffer(ds, a.org.id, ['Alpha lab'])).toBe(false);
      expect(await totals(['Alpha lab'], PERIODS[0]!)).toEqual(each('0'));
      expect(await totals(['Gamma lab'], PERIODS[0]!)).toEqual(each('3.75'));
    } finally {
      await ds.query(`DELETE FROM workspaces WHERE provider_account_id = $1 AND external_id = 'w_renamed'`, [
        a.openai.id,
      ]);
    }
  });
});

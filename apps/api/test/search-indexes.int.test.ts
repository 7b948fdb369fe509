import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ZDashboardFilter } from '../src/features/dashboards/dashboard-filter';
import { DashboardQueryBuilder, SqlParams } from '../src/features/dashboards/dashboard-query';
import { searchValuesPrefilter } from '../src/features/dashboards/dashboard-prefilters';
import { searchPeriodSql } from '../src/features/dashboards/search-sources';
import { readSearchMatches } from '../src/features/dashboards/search-matches';
import { rolledBack } from './support/rolled-back';
import { openTestDataSource } from './test-data-source';

const ORGANIZATION = '00000000-0000-0000-0000-0000000000a3';

const planOf = (lines: { 'QUERY PLAN': string }[]) => lines.map((line) => line['QUERY PLAN']).join('\n');

describe('the indexes a search read first finds its rows through', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('a period no key hint holds: the months and days of the models holding the term, by their model indexes', async () => {
    // Two years of 300 models in 100 workspaces, monthly and daily, analyzed, with their values,
    // in a transaction rolled back (foreign keys and triggers off for it: only the plan is looked at).
    const plan = await rolledBack(
      ds,
      async (tx) => {
        for (const [table, days] of [
          ['cost_rollup_workspace_models_monthly', `date_trunc('month', '2024-01-01'::date + (i % 730))::date`],
          ['cost_rollup_workspace_models', `'2024-01-01'::date + (i % 730)`],
        ]) {
          await tx.query(
            `INSERT INTO ${table} (organization_id, provider_account_id, provider, day, workspace_external_id,
              workspace_name, model, unit, records, cost, credits_applied)
            SELECT $1::uuid, $1::uuid, 'openai', ${days}, 'ws-' || i % 100, 'Team ' || i % 100, 'model-' || i % 300,
              'u' || i, 1, 1, 0
            FROM generate_series(1, 60000) i`,
            [ORGANIZATION],
          );
          await tx.query(`ANALYZE ${table}`);
        }
        await tx.query(
          `INSERT INTO search_values (organization_id, field, value)
          SELECT $1::uuid, 'model', 'model-' || i FROM generate_series(0, 299) i`,
          [ORGANIZATION],
        );
        const p = new SqlParams();
        const search = { text: 'model-17', matches: await readSearchMatches(tx, ORGANIZATION, 'model-17') };
        expect(search.matches.values.model).toHaveLength(11);
        const from = searchPeriodSql(
          (value, cast) => p.add(value, cast),
          ORGANIZATION,
          [{ start: '2024-12-20', end: '2025-12-31' }],
          searchValuesPrefilter(p, ORGANIZATION, search, ['model', 'workspace_name']),
          [],
        );
        return planOf(await tx.query(`EXPLAIN SELECT sum(cost) FROM ${from}`, p.values));
      },
      { triggersOff: true },
    );
    expect(plan).toContain('cost_rollup_workspace_models_monthly_model_idx');
    expect(plan).toContain('cost_rollup_workspace_models_model_idx');
    expect(plan).not.toContain('Seq Scan');
  });

  it('a chart by day of a term only key hints hold: the records of those hints, by their hint index', async () => {
    // 60 days of 2,000 keys' records in 100 workspaces over 300 models, analyzed, with their values.
    const plan = await rolledBack(
      ds,
      async (tx) => {
        await tx.query(
          `INSERT INTO cost_records (organization_id, provider_account_id, provider, day, workspace_external_id,
          workspace_name, api_key_external_id, api_key_hint, model, charge_kind, cost, credits_applied)
        SELECT $1::uuid, $1::uuid, 'openai', '2025-11-01'::date + (i % 60), 'ws-' || i % 100, 'Team ' || i % 100,
          'key-' || (i / 60) % 2000, 'sk-...x' || (i / 60) % 2000, 'model-' || i % 300, 'usage', 1, 0
        FROM generate_series(1, 120000) i`,
          [ORGANIZATION],
        );
        await tx.query('ANALYZE cost_records');
        await tx.query(
          `INSERT INTO search_values (organization_id, field, value)
        SELECT DISTINCT $1::uuid, 'api_key_hint', api_key_hint FROM cost_records WHERE organization_id = $1`,
          [ORGANIZATION],
        );
        // where the records are (the search rollup's trigger keeps them; its triggers are off here)
        await tx.query(
          `INSERT INTO search_places (organization_id, provider_account_id, api_key_hint, workspace_external_id, workspace_name)
        SELECT DISTINCT organization_id, provider_account_id, api_key_hint, workspace_external_id, workspace_name
        FROM cost_records WHERE organization_id = $1`,
          [ORGANIZATION],
        );
        const filter = ZDashboardFilter.parse({ period: { start: '2025-12-01', end: '2025-12-31' }, search: 'x114' });
        const matches = await readSearchMatches(tx, ORGANIZATION, 'x114');
        expect(matches.values.api_key_hint).toEqual([
          'sk-...x114',
          'sk-...x1140',
          'sk-...x1141',
          'sk-...x1142',
          'sk-...x1143',
          'sk-...x1144',
          'sk-...x1145',
          'sk-...x1146',
          'sk-...x1147',
          'sk-...x1148',
          'sk-...x1149',
        ]);
        const q = new DashboardQueryBuilder(ORGANIZATION, { ...filter, searchMatches: matches }, '2025-12-31');
        const scope = q.scan('accounts', 'day', 'current');
        return planOf(await tx.query(`EXPLAIN SELECT cr.day, sum(cr.cost) ${scope.from} GROUP BY cr.day`, q.values));
      },
      { triggersOff: true },
    );
    expect(plan).toContain('cost_records_api_key_hint_idx');
    expect(plan).not.toContain('Seq Scan on cost_records');
  });
});

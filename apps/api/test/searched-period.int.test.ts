import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { SqlParams } from '../src/features/dashboards/dashboard-query';
import { searchValuesPrefilter } from '../src/features/dashboards/dashboard-prefilters';
import { searchPeriodSql } from '../src/features/dashboards/dashboard-sources';
import { readSearchMatches } from '../src/features/dashboards/search-matches';
import { openTestDataSource } from './test-data-source';

const ORGANIZATION = '00000000-0000-0000-0000-0000000000a3';

describe('searchPeriodSql (a period of a search no key hint holds, from the workspace × model rollup)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('finds the months and days of the models holding the term through their model indexes', async () => {
    // Two years of 300 models in 100 workspaces, monthly and daily, analyzed, with their values,
    // in a transaction rolled back (foreign keys and triggers off for it: only the plan is looked at).
    let plan = '';
    await ds
      .transaction(async (tx) => {
        await tx.query('SET LOCAL session_replication_role = replica');
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
        );
        const lines = (await tx.query(`EXPLAIN SELECT sum(cost) FROM ${from}`, p.values)) as { 'QUERY PLAN': string }[];
        plan = lines.map((line) => line['QUERY PLAN']).join('\n');
        throw new Error('roll back');
      })
      .catch((error: Error) => {
        if (error.message !== 'roll back') throw error;
      });
    expect(plan).toContain('cost_rollup_workspace_models_monthly_model_idx');
    expect(plan).toContain('cost_rollup_workspace_models_model_idx');
    expect(plan).not.toContain('Seq Scan');
  });
});

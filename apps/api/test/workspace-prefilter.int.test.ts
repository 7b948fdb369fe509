import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { SqlParams, workspacePrefilter } from '../src/features/dashboards/dashboard-query';
import { openTestDataSource } from './test-data-source';

const ORGANIZATION = '00000000-0000-0000-0000-0000000000a1';

describe("workspacePrefilter (what the workspace rollups' indexes find)", () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it.each([
    ['cost_rollup_workspace_models', true],
    ['cost_rollup_workspace_models_monthly', true],
    // the daily workspace rollup: what the Overview's chart by week reads under a workspace filter
    ['cost_rollup_workspaces', false],
  ])('is read from %s through its workspace id and workspace name indexes', async (table, withModel) => {
    const p = new SqlParams();
    const organization = p.add(ORGANIZATION, 'uuid');
    const narrow = workspacePrefilter(p, ORGANIZATION, ['Team 3']);
    // A year of 400 workspaces × 30 models, analyzed, in a transaction rolled back (foreign keys
    // off for it: only the plan is looked at): the plan must read both arms of the condition
    // through their indexes (a BitmapOr), not every row of the organization.
    const plan: { 'QUERY PLAN': string }[] = await ds
      .transaction(async (tx) => {
        await tx.query('SET LOCAL session_replication_role = replica');
        await tx.query(
          `INSERT INTO ${table} (organization_id, provider_account_id, provider, day, workspace_external_id,
              workspace_name${withModel ? ', model, unit' : ''}, records, cost, credits_applied)
            SELECT $1::uuid, $1::uuid, 'openai', '2025-01-01'::date + ${withModel ? 'i % 365' : 'i / 400'}, 'ws-' || i % 400, 'Team ' || i % 400,
              ${withModel ? "'model-' || i % 30, NULL," : ''} 1, 1, 0
            FROM generate_series(1, 60000) i`,
          [ORGANIZATION],
        );
        await tx.query(`ANALYZE ${table}`);
        const explained = await tx.query(
          `EXPLAIN SELECT * FROM ${table} WHERE organization_id = ${organization} AND ${narrow}`,
          p.values,
        );
        throw Object.assign(new Error('roll back'), { explained });
      })
      .catch((error: { explained?: { 'QUERY PLAN': string }[] }) => {
        if (!error.explained) throw error;
        return error.explained;
      });
    const text = plan.map((line) => line['QUERY PLAN']).join('\n');
    expect(text).toContain('BitmapOr');
    expect(text).toContain(`${table}_workspace_idx`);
    expect(text).toContain(`${table}_workspace_name_idx`);
  });
});

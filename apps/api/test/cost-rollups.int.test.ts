import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import type { DataSource } from 'typeorm';
import { ProviderAccount } from '../src/features/provider-accounts/provider-account.entity';
import { replacePartition } from '../src/features/sync/replace-partition';
import { seedOrganizationA, type SeededOrganization } from './dashboard-seed';
import { openTestDataSource } from './test-data-source';

const SUMS = `count(*)::text AS records, sum(cost)::text AS cost, sum(credits_applied)::text AS credits, sum(input_tokens)::text AS input,
  sum(output_tokens)::text AS output, sum(cached_input_tokens)::text AS cached, sum(requests)::text AS requests,
  sum(coalesce(input_tokens, 0) + coalesce(output_tokens, 0)) FILTER (WHERE requests IS NOT NULL AND (input_tokens IS NOT NULL OR output_tokens IS NOT NULL))::text AS request_tokens`;
const ROLLED = `records::text AS records, cost::text AS cost, credits_applied::text AS credits, input_tokens::text AS input, output_tokens::text AS output,
  cached_input_tokens::text AS cached, requests::text AS requests, request_tokens::text AS request_tokens`;

/** Each rollup as stored, and as a plain GROUP BY over cost_records computes it now: they must be equal. */
async function bothWays(ds: DataSource, organizationId: string) {
  const grain = 'provider_account_id, day, workspace_external_id, model, unit';
  const keyGrain = 'provider_account_id, day, api_key_external_id, workspace_external_id';
  const q = (sql: string) => ds.query(sql, [organizationId]);
  return {
    models: await q(`SELECT ${grain}, ${ROLLED}, quantity::text AS quantity, mix FROM cost_rollup_workspace_models WHERE organization_id = $1 ORDER BY ${grain}`),
    modelsExpected: await q(`SELECT ${grain}, ${SUMS}, sum(quantity)::text AS quantity, sum_cost_mix(array_agg(mix) FILTER (WHERE mix IS NOT NULL)) AS mix
      FROM cost_records WHERE organization_id = $1 GROUP BY ${grain} ORDER BY ${grain}`),
    keys: await q(`SELECT ${keyGrain}, api_key_hint, ${ROLLED}, is_active FROM cost_rollup_keys WHERE organization_id = $1 ORDER BY ${keyGrain}`),
    // spend with no key is kept too (api_key_external_id null), for the "(no key attribution)" rows
    keysExpected: await q(`SELECT ${keyGrain}, max(api_key_hint) AS api_key_hint, ${SUMS},
        coalesce(bool_or(cost <> 0 OR input_tokens > 0 OR output_tokens > 0 OR requests > 0 OR quantity > 0), false) AS is_active
      FROM cost_records WHERE organization_id = $1 GROUP BY ${keyGrain} ORDER BY ${keyGrain}`),
  };
}

async function expectExact(ds: DataSource, organizationId: string) {
  const rollups = await bothWays(ds, organizationId);
  expect(rollups.models).toEqual(rollups.modelsExpected);
  expect(rollups.keys).toEqual(rollups.keysExpected);
  return rollups;
}

describe('cost rollups', () => {
  let ds: DataSource;
  let a: SeededOrganization;
  beforeAll(async () => {
    ds = await openTestDataSource();
    a = await seedOrganizationA(ds);
  });
  afterAll(async () => { await ds?.destroy(); });

  it('hold the exact sums of the records written through replace-partition (COPY)', async () => {
    const { models, keys } = await expectExact(ds, a.org.id);
    expect(models.length).toBeGreaterThan(10);
    expect(keys.length).toBeGreaterThan(5);
    const images = models.filter((r: { unit: string | null }) => r.unit === 'images');
    expect(images.map((r: { day: string; cost: string; mix: unknown }) => [r.day, r.cost, r.mix])).toEqual([
      ['2025-06-05', '0.48', { size: { '512x512': 2, '1024x1024': 10 }, source: { 'image.edit': 2, 'image.generation': 10 } }],
      ['2025-06-06', '0.12', { size: { '1024x1024': 3 }, source: { 'image.generation': 3 } }],
    ]);
  });

  it('follow a re-sync that revises a day, withdraws another and adds a new one', async () => {
    await replacePartition(ds, {
      organizationId: a.org.id, providerAccountId: a.openai.id, provider: 'openai', days: ['2025-06-05', '2025-06-06', '2025-06-07'],
      records: [
        buildCostRecord({ day: '2025-06-05', workspaceId: 'proj_web', apiKeyId: 'key_a', model: 'gpt-4o', cost: new Money('1.26'), requests: 101 }),
        buildCostRecord({ day: '2025-06-07', workspaceId: 'proj_web', apiKeyId: 'key_a', model: 'gpt-4o', cost: new Money('0.000001'), requests: null }),
      ],
    });
    const { models } = await expectExact(ds, a.org.id);
    const openaiDays = models.filter((r: { provider_account_id: string }) => r.provider_account_id === a.openai.id).map((r: { day: string; cost: string }) => [r.day, r.cost]);
    expect(openaiDays).toEqual([['2025-05-27', '8.88'], ['2025-06-01', '0.5'], ['2025-06-01', '1'], ['2025-06-05', '1.26'], ['2025-06-07', '0.000001'], ['2025-06-11', '7.77']]);
  });

  it('follow updates, and lose an account\'s rows when the account is deleted', async () => {
    await ds.query(`UPDATE cost_records SET cost = cost + 0.01 WHERE provider_account_id = $1 AND day = '2025-06-05'`, [a.anthropic.id]);
    await expectExact(ds, a.org.id);
    await ds.getRepository(ProviderAccount).delete({ id: a.runway.id });
    const { models } = await expectExact(ds, a.org.id);
    expect(models.filter((r: { provider_account_id: string }) => r.provider_account_id === a.runway.id)).toEqual([]);
  });
});

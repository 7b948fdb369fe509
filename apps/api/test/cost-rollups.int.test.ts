import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import type { DataSource } from 'typeorm';
import { ProviderAccount } from '../src/features/provider-accounts/provider-account.entity';
import { replacePartition } from '../src/features/sync/replace-partition';
import { seedOrganizationA, type SeededOrganization } from './dashboard-seed';
import { expectExact } from './support/rollup-exactness';
import { openTestDataSource } from './test-data-source';

describe('cost rollups', () => {
  let ds: DataSource;
  let a: SeededOrganization;
  beforeAll(async () => {
    ds = await openTestDataSource();
    a = await seedOrganizationA(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('hold the exact sums of the records written through replace-partition (COPY)', async () => {
    const { models, keys } = await expectExact(ds, a.org.id);
    expect(models.length).toBeGreaterThan(10);
    expect(keys.length).toBeGreaterThan(5);
    const images = models.filter((r: { unit: string | null }) => r.unit === 'images');
    expect(images.map((r: { day: string; cost: string; mix: unknown }) => [r.day, r.cost, r.mix])).toEqual([
      [
        '2025-06-05',
        '0.48',
        { size: { '512x512': 2, '1024x1024': 10 }, source: { 'image.edit': 2, 'image.generation': 10 } },
      ],
      ['2025-06-06', '0.12', { size: { '1024x1024': 3 }, source: { 'image.generation': 3 } }],
    ]);
  });

  it('follow a re-sync that revises a day, withdraws another and adds a new one', async () => {
    await replacePartition(ds, {
      organizationId: a.org.id,
      providerAccountId: a.openai.id,
      provider: 'openai',
      days: ['2025-06-05', '2025-06-06', '2025-06-07'],
      records: [
        buildCostRecord({
          day: '2025-06-05',
          workspaceId: 'proj_web',
          apiKeyId: 'key_a',
          model: 'gpt-4o',
          cost: new Money('1.26'),
          requests: 101,
        }),
        buildCostRecord({
          day: '2025-06-07',
          workspaceId: 'proj_web',
          apiKeyId: 'key_a',
          model: 'gpt-4o',
          cost: new Money('0.000001'),
          requests: null,
        }),
      ],
    });
    const { models } = await expectExact(ds, a.org.id);
    const openaiDays = models
      .filter((r: { provider_account_id: string }) => r.provider_account_id === a.openai.id)
      .map((r: { day: string; cost: string }) => [r.day, r.cost]);
    expect(openaiDays).toEqual([
      ['2025-05-27', '8.88'],
      ['2025-06-01', '0.5'],
      ['2025-06-01', '1'],
      ['2025-06-05', '1.26'],
      ['2025-06-07', '0.000001'],
      ['2025-06-11', '7.77'],
    ]);
  });

  it("follow updates, and lose an account's rows when the account is deleted", async () => {
    await ds.query(`UPDATE cost_records SET cost = cost + 0.01 WHERE provider_account_id = $1 AND day = '2025-06-05'`, [
      a.anthropic.id,
    ]);
    await expectExact(ds, a.org.id);
    await ds.getRepository(ProviderAccount).delete({ id: a.runway.id });
    const { models } = await expectExact(ds, a.org.id);
    expect(models.filter((r: { provider_account_id: string }) => r.provider_account_id === a.runway.id)).toEqual([]);
  });

  it('are emptied, every one of them, by a TRUNCATE of the records (as a restore does)', async () => {
    await ds.query('TRUNCATE cost_records');
    const [{ tables, rows }] = await ds.query(`SELECT count(*)::int AS tables,
        sum((xpath('/row/n/text()', query_to_xml('SELECT count(*) AS n FROM ' || quote_ident(relname), false, true, '')))[1]::text::int)::int AS rows
      FROM pg_class WHERE relkind = 'r' AND relname LIKE 'cost\\_rollup\\_%'`);
    expect({ tables, rows }).toEqual({ tables: 17, rows: 0 });
  });
});

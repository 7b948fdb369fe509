import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from './test-data-source';

describe('schema', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('leaves nothing for the schema builder to change after the migrations (entities and migrations agree)', async () => {
    const log = await ds.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('makes the cost record grain unique with NULLS NOT DISTINCT, which TypeORM cannot express', async () => {
    const [row] = await ds.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'cost_records_grain_key'`);
    expect(row.indexdef).toMatch(/^CREATE UNIQUE INDEX .* NULLS NOT DISTINCT$/);
  });

  it('has no migration left to run', async () => {
    expect(await ds.showMigrations()).toBe(false);
  });
});

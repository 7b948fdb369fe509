import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { pgPoolOf } from '../src/database/pg-pool';
import { testDatabaseUrl } from './test-data-source';

describe('createDataSource connections', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = createDataSource({ url: testDatabaseUrl(), poolSize: 2 });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('turn JIT compilation off on every connection, TypeORM queries and the raw pool alike', async () => {
    const pool = pgPoolOf(dataSource);
    const [viaTypeorm, viaPool, concurrent] = await Promise.all([
      dataSource.query("SELECT current_setting('jit') AS jit"),
      pool.query<{ jit: string }>("SELECT current_setting('jit') AS jit"),
      pool.query<{ jit: string }>("SELECT current_setting('jit') AS jit FROM pg_sleep(0.05)"),
    ]);
    expect(viaTypeorm).toEqual([{ jit: 'off' }]);
    expect(viaPool.rows).toEqual([{ jit: 'off' }]);
    expect(concurrent.rows).toEqual([{ jit: 'off' }]);
  });

  it('compiles nothing, even past the JIT cost thresholds, which the same server compiles when asked', async () => {
    type Plan = [{ JIT?: { Functions: number } }];
    const runner = dataSource.createQueryRunner();
    const explain = async () => {
      const rows = await runner.query('EXPLAIN (ANALYZE, FORMAT JSON) SELECT sum(g) FROM generate_series(1, 1000) g');
      return (rows[0]['QUERY PLAN'] as Plan)[0];
    };
    try {
      // Every statement is past a zero threshold: only jit = off keeps it from being compiled.
      await runner.query('SET jit_above_cost = 0');
      expect(await explain()).not.toHaveProperty('JIT');
      // The control: with JIT on (where the server has it) the same statement is compiled.
      await runner.query('SET jit = on');
      // True when the server has a JIT provider and jit is on (so: asked only now).
      const [{ available }] = await runner.query('SELECT pg_jit_available() AS available');
      const compiled = await explain();
      if (available) expect(compiled.JIT?.Functions).toBeGreaterThan(0);
      else expect(compiled).not.toHaveProperty('JIT');
    } finally {
      await runner.query('RESET ALL');
      await runner.release();
    }
  });
});

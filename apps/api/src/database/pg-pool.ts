import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Anything that runs a parameterized query: the pool, or one checked-out client. */
export type Sql = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/**
 * The `pg` pool behind an initialized TypeORM data source, for plain SQL with `rows` and
 * `rowCount` (TypeORM's `query()` changes its result shape by statement type). The pool uses
 * the data source's type parsers, so dates stay `YYYY-MM-DD`.
 */
export function pgPoolOf(dataSource: DataSource): pg.Pool {
  const pool = (dataSource.driver as PostgresDriver).master as pg.Pool | undefined;
  if (!pool) throw new Error('The data source is not initialized');
  return pool;
}

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { guardedClientClass, type BrokenConnectionListener } from './database/guarded-client';
import { PG_TYPES } from './database/pg-types';
import { SnakeNamingStrategy } from './database/snake-naming.strategy';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** How to reach the database. */
export type DataSourceOptions = {
  /** postgres:// URL, from the configuration or the embedded server. */
  url: string;
  /** Connection pool size (default 10). */
  poolSize?: number;
  /**
   * PostgreSQL `statement_timeout` of every connection, in ms (SPENDSYNC_STATEMENT_TIMEOUT_MS);
   * absent or 0: none. Set for the serving pool only; migrations run on a pool without it.
   */
  statementTimeoutMs?: number;
  /** Told when one of the pool's connections breaks; the process keeps running (see `guardedClientClass`). */
  onBrokenConnection?: BrokenConnectionListener;
};

/**
 * The application's TypeORM data source (not yet initialized). Schema changes come only from
 * the hand-written migrations: `synchronize` stays off, and no extension is installed
 * (`gen_random_uuid()` is core since PostgreSQL 13).
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    // A server that stops answering fails queries after 10 s instead of hanging them forever.
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
      // A connection PostgreSQL ends while it is checked out must not crash the process.
      Client: guardedClientClass(options.onBrokenConnection),
      types: PG_TYPES,
      // No JIT compilation: spendsync's statements (dashboards over rollups, the rollup triggers'
      // refreshes) are short, and PostgreSQL's default compiles any whose estimated cost passes
      // 100,000 — at 10 M records that cost the API keys dashboard 260 ms of a 740 ms statement
      // (EXPLAIN ANALYZE, JIT "Emission"), for nothing it saved.
      options: '-c jit=off',
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
  });
}

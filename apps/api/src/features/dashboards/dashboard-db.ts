import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** Where dashboards read from: a TypeORM data source or entity manager, or a plain `pg` pool or client. */
export type DashboardDb = DataSource | EntityManager | Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** A built statement, ready for `db.query(text, values)` or a cursor. */
export type SqlStatement = { text: string; values: unknown[] };

/** A raw result row: numerics and bigints arrive as text, dates as `YYYY-MM-DD`, timestamps as `Date`. */
export type RawRow = Record<string, unknown>;

/**
 * A dashboard query before paging: `cte` is `WITH … rows AS (…)` (one row per dashboard row,
 * filtered), `orderBy` its full order, `values` the parameters used so far. With `paged`, `rows`
 * holds one page already (the statement applied that offset and limit itself) and `paged.total`
 * is SQL, after the CTEs, counting every row of the dashboard. `pageColumns`: more select-list
 * items for a page (uncorrelated subqueries over the CTEs, evaluated once), carried on each of its rows.
 */
export type DashboardQuery = {
  cte: string;
  orderBy: string;
  values: unknown[];
  paged?: { offset: number; limit: number; total: string };
  pageColumns?: string;
};

/** SQL counting every row of `query`'s dashboard, after its CTEs. */
const totalOf = (query: DashboardQuery) => query.paged?.total ?? '(SELECT count(*) FROM rows)';

/** Runs a statement on any {@link DashboardDb}; TypeORM returns rows, `pg` a result with `rows`. */
export async function queryRows(db: DashboardDb, statement: SqlStatement): Promise<RawRow[]> {
  const run = db.query as (text: string, values: unknown[]) => Promise<unknown>;
  const result: unknown = await run.call(db, statement.text, statement.values);
  return Array.isArray(result) ? (result as RawRow[]) : (result as { rows: RawRow[] }).rows;
}

/** One page, each row carrying the match count (`count(*) OVER ()` is evaluated before LIMIT). */
export function pageStatement(query: DashboardQuery, page: { offset: number; limit: number }): SqlStatement {
  const extra = query.pageColumns ? `, ${query.pageColumns}` : '';
  if (query.paged) {
    if (query.paged.offset !== page.offset || query.paged.limit !== page.limit)
      throw new Error(
        `this statement holds rows ${query.paged.offset} to ${query.paged.offset + query.paged.limit}, not the page asked for`,
      );
    return {
      text: `${query.cte} SELECT rows.*, ${query.paged.total} AS total_count FROM rows ${query.orderBy}`,
      values: query.values,
    };
  }
  const n = query.values.length;
  return {
    text: `${query.cte} SELECT rows.*, count(*) OVER () AS total_count${extra} FROM rows ${query.orderBy}
      LIMIT $${n + 1}::int OFFSET $${n + 2}::int`,
    values: [...query.values, page.limit, page.offset],
  };
}

/** Every row in order, for streaming (CSV export). */
export function allRowsStatement(query: DashboardQuery): SqlStatement {
  if (query.paged) throw new Error('this statement holds one page: build it for every row');
  return { text: `${query.cte} SELECT rows.* FROM rows ${query.orderBy}`, values: query.values };
}

/** Runs one page and maps it; a page past the end still reports the true total. */
export async function runPage<Row>(
  db: DashboardDb,
  query: DashboardQuery,
  page: { offset: number; limit: number },
  map: (raw: RawRow) => Row,
): Promise<{ raw: RawRow[]; rows: Row[]; total: number }> {
  const raw = await queryRows(db, pageStatement(query, page));
  let total = raw.length === 0 ? 0 : Number(raw[0]!.total_count);
  if (raw.length === 0 && page.offset > 0) {
    const counted = await queryRows(db, {
      text: `${query.cte} SELECT ${totalOf(query)} AS total_count`,
      values: query.values,
    });
    total = Number(counted[0]!.total_count);
  }
  return { raw, rows: raw.map(map), total };
}

import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { DashboardSort } from './dashboard-filter';

/** Where dashboards read from: a TypeORM data source or entity manager, or a plain `pg` pool or client. */
export type DashboardDb = DataSource | EntityManager | Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** A built statement, ready for `db.query(text, values)` or a cursor. */
export type SqlStatement = { text: string; values: unknown[] };

/** A raw result row: numerics and bigints arrive as text, dates as `YYYY-MM-DD`, timestamps as `Date`. */
export type RawRow = Record<string, unknown>;

/** A filter or sort the caller got wrong; the API reports it as BAD_USER_INPUT with `field`. */
export class DashboardInputError extends Error {
  override readonly name = 'DashboardInputError';
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

/** Collects positional parameters so fragments can be composed without counting `$n` by hand. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder, cast when `cast` is given (`$3::numeric`). */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

/** Runs a statement on any {@link DashboardDb}; TypeORM returns rows, `pg` a result with `rows`. */
export async function queryRows(db: DashboardDb, statement: SqlStatement): Promise<RawRow[]> {
  const result: unknown = await (db.query as (text: string, values: unknown[]) => Promise<unknown>)(statement.text, statement.values);
  return Array.isArray(result) ? (result as RawRow[]) : ((result as { rows: RawRow[] }).rows);
}

/** `value` escaped for a LIKE pattern, wrapped in `%…%`. */
export function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * ORDER BY for a dashboard: `sortable` maps each public field to its SQL expression (over the
 * `rows` CTE). Nulls go last either way; `tieBreak` (the row key) keeps pages stable.
 */
export function orderByClause(
  sort: DashboardSort | null | undefined,
  sortable: Readonly<Record<string, string>>,
  defaultField: string,
  tieBreak: readonly string[],
): string {
  const field = sort?.field ?? defaultField;
  const expression = Object.hasOwn(sortable, field) ? sortable[field] : undefined; // never "constructor" & co.
  if (expression === undefined) {
    throw new DashboardInputError(`Cannot sort by "${field}"; use one of: ${Object.keys(sortable).join(', ')}`, 'sort.field');
  }
  const direction = (sort?.direction ?? 'desc') === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${expression} ${direction} NULLS LAST, ${tieBreak.map((t) => `${t} ASC NULLS FIRST`).join(', ')}`;
}

/**
 * A dashboard query before paging: `cte` is `WITH … rows AS (…)` (one row per dashboard row,
 * filtered), `orderBy` its full order, `values` the parameters used so far.
 */
export type DashboardQuery = { cte: string; orderBy: string; values: unknown[] };

/** One page, each row carrying the match count (`count(*) OVER ()` is evaluated before LIMIT). */
export function pageStatement(query: DashboardQuery, page: { offset: number; limit: number }): SqlStatement {
  const n = query.values.length;
  return {
    text: `${query.cte} SELECT rows.*, count(*) OVER () AS total_count FROM rows ${query.orderBy} LIMIT $${n + 1}::int OFFSET $${n + 2}::int`,
    values: [...query.values, page.limit, page.offset],
  };
}

/** Every row in order, for streaming (CSV export). */
export function allRowsStatement(query: DashboardQuery): SqlStatement {
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
    const counted = await queryRows(db, { text: `${query.cte} SELECT count(*) AS total_count FROM rows`, values: query.values });
    total = Number(counted[0]!.total_count);
  }
  return { raw, rows: raw.map(map), total };
}

/** The `WHERE` conditions of a cost range on an aggregated money expression (bounds inclusive). */
export function costRangeConditions(p: SqlParams, expression: string, min: string | null | undefined, max: string | null | undefined): string[] {
  const conditions: string[] = [];
  if (min != null) conditions.push(`${expression} >= ${p.add(min, 'numeric')}`);
  if (max != null) conditions.push(`${expression} <= ${p.add(max, 'numeric')}`);
  return conditions;
}

/** `WHERE a AND b`, or nothing. */
export function where(conditions: readonly string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** Percent change in SQL (for sorting only; the figure returned is computed exactly in TypeScript). */
export function changeSql(current: string, previous: string): string {
  return `CASE WHEN ${previous} = 0 THEN NULL ELSE (${current} - ${previous}) / abs(${previous}) * 100 END`;
}

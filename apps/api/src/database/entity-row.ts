import type { Money } from '@spendsync/domain';

/**
 * One shape per table: the TypeORM entity declares the columns; the row types of hand-written
 * SQL are derived from it here instead of being declared again (see apps/api/README.md).
 */

/** `camelCase` → `snake_case`, the column name SnakeNamingStrategy (and the migrations) give a property. */
export type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

/** A value as node-postgres hands it over: `numeric` (our Money) arrives as text, the rest as the entity types it. */
type Wire<T> = T extends Money ? string : T;

/**
 * The row a `SELECT` of entity `E`'s properties `K` returns: snake_case keys, values as the
 * driver delivers them. `Override` gives a property another type where the query or the driver
 * changes it (a `bigint` count arriving as text, a cast).
 */
export type RowOf<E, K extends keyof E & string, Override extends { [P in K]?: unknown } = object> = {
  [P in K as SnakeCase<P>]: P extends keyof Override ? Override[P] : Wire<E[P]>;
};

/** `camelCase` → `snake_case` at run time (the same rule as {@link SnakeCase}). */
export function snakeCase<S extends string>(name: S): SnakeCase<S> {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) as SnakeCase<S>;
}

/**
 * The select list for entity properties `fields`, in their order: snake_case column names, with
 * a cast where `casts` names one (`amount::text`; a cast keeps the column's name), qualified
 * by the table's `alias` when given (`k.external_id`).
 */
export function columnsOf<E>(
  fields: readonly (keyof E & string)[],
  casts: { [P in keyof E & string]?: string } = {},
  alias?: string,
): string {
  const column = (field: keyof E & string) => `${alias ? `${alias}.` : ''}${snakeCase(field)}`;
  return fields.map((field) => (casts[field] ? `${column(field)}::${casts[field]}` : column(field))).join(', ');
}

/**
 * A row back as the entity's properties `fields` (snake_case key → camelCase property). Only for
 * rows whose values are already the entity's types: a Money column (text on the wire) does not fit.
 */
export function fromRow<E, K extends keyof E & string>(
  row: { [P in K as SnakeCase<P>]: E[P] },
  fields: readonly K[],
): Pick<E, K> {
  const values: Record<string, unknown> = row;
  return Object.fromEntries(fields.map((field) => [field, values[snakeCase(field)]])) as Pick<E, K>;
}

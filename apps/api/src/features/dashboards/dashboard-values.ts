import { decimalText, Money, percentChange, type DecimalText } from '@spendsync/domain';
import type { RawRow } from './dashboard-db';
import type { CostFigures } from './dashboard-rows';

/** A numeric column's text as PostgreSQL sent it (never a float); throws when it is not text. */
function numericText(row: RawRow, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new TypeError(`Column ${column} is not numeric text: ${String(value)}`);
  return value;
}

/** `read` of a nullable column, or null. */
function optional<T>(row: RawRow, column: string, read: (row: RawRow, column: string) => T): T | null {
  return row[column] === null || row[column] === undefined ? null : read(row, column);
}

/** A numeric column as an exact decimal (text from PostgreSQL, never a float). */
export function moneyOf(row: RawRow, column: string): Money {
  return new Money(numericText(row, column));
}

/** A nullable numeric column as an exact decimal or null. */
export function optionalMoneyOf(row: RawRow, column: string): Money | null {
  return optional(row, column, moneyOf);
}

/**
 * A numeric column as canonical decimal text (what a `Money` would print), for results read in
 * bulk and only printed: no decimal is built (cost over time: ~10,000 amounts a year).
 */
export function decimalTextOf(row: RawRow, column: string): DecimalText {
  return decimalText(numericText(row, column));
}

/** A nullable numeric column as canonical decimal text or null. */
export function optionalDecimalTextOf(row: RawRow, column: string): DecimalText | null {
  return optional(row, column, decimalTextOf);
}

/** A summed count (bigint/numeric text) as a bigint, null when unknown; exact at any size (sums can pass 2^53). */
export function countOf(row: RawRow, column: string): bigint | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  const text = String(value);
  if (!/^\d+$/.test(text)) throw new TypeError(`Column ${column} is not a whole count: ${text}`);
  return BigInt(text);
}

/** A nullable text column. */
export function textOf(row: RawRow, column: string): string | null {
  const value = row[column];
  return value === null || value === undefined ? null : String(value);
}

const ZERO_TEXT = /^-?0*(\.0*)?$/;

/**
 * Percent change between two numeric columns (`percentChange`), null when the previous figure is
 * zero; that case is told from the text alone, so long exports skip the decimal arithmetic.
 */
export function changeOf(row: RawRow, current: string, previous: string): Money | null {
  const before = row[previous];
  if (typeof before === 'string' && ZERO_TEXT.test(before)) return null;
  return percentChange(moneyOf(row, current), moneyOf(row, previous));
}

/** The cost figures every keyed dashboard row has, from its `cost`, `previous_cost`, `credits` and `net` columns. */
export function costFiguresOf(raw: RawRow): CostFigures {
  return {
    cost: moneyOf(raw, 'cost'),
    previousCost: moneyOf(raw, 'previous_cost'),
    costChange: changeOf(raw, 'cost', 'previous_cost'),
    credits: optionalMoneyOf(raw, 'credits'),
    net: optionalMoneyOf(raw, 'net'),
  };
}

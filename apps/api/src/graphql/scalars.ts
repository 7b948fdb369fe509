import { isDay, isMoney, Money, type Day } from '@spendsync/domain';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const DECIMAL = /^-?\d+(\.\d+)?$/;

function literalString(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING)
    throw new GraphQLError(`${scalar} values are strings, e.g. ${scalar === 'Decimal' ? '"12.34"' : '"2026-01-31"'}.`);
  return ast.value;
}

function parseDecimal(value: unknown): Money {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw new GraphQLError(
      'Decimal values are strings of digits with an optional sign and decimal point, e.g. "12.34".',
    );
  }
  return new Money(value);
}

/**
 * Exact decimal numbers (money, ratios) as strings, so no client turns them into binary floats.
 * Results keep every digit the database holds ("0.000001" stays "0.000001").
 */
export const DecimalScalar = new GraphQLScalarType<Money, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1234.56". Money is in USD.',
  serialize(value) {
    if (isMoney(value)) return value.toFixed();
    if (typeof value === 'string' && DECIMAL.test(value)) return value;
    throw new GraphQLError('Decimal fields must hold exact decimals');
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(literalString(ast, 'Decimal')),
});

function parseDayValue(value: unknown): Day {
  if (typeof value !== 'string' || !isDay(value))
    throw new GraphQLError('Date values are calendar days written YYYY-MM-DD, e.g. "2026-01-31".');
  return value;
}

/** A calendar day (UTC), `YYYY-MM-DD`; ranges of days are half-open (end excluded). */
export const DateScalar = new GraphQLScalarType<Day, string>({
  name: 'Date',
  description: 'A calendar day (UTC) written YYYY-MM-DD.',
  serialize: parseDayValue,
  parseValue: parseDayValue,
  parseLiteral: (ast) => parseDayValue(literalString(ast, 'Date')),
});

const COUNT = /^\d+$/;

/**
 * A whole count (tokens, requests) as a decimal string. Sums of counts over many records can pass
 * 2^53, where a JSON number (a float) would silently round; a string carries every digit.
 */
export const CountScalar = new GraphQLScalarType<bigint, string>({
  name: 'Count',
  description: 'A whole count (tokens, requests) as a string of digits, e.g. "9007199254740993": it can exceed 2^53.',
  serialize(value) {
    if (typeof value === 'bigint' && value >= 0n) return value.toString();
    if (typeof value === 'string' && COUNT.test(value)) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
    throw new GraphQLError('Count fields must hold whole, non-negative counts');
  },
  parseValue(value) {
    if (typeof value !== 'string' || !COUNT.test(value))
      throw new GraphQLError('Count values are strings of digits, e.g. "1200".');
    return BigInt(value);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !COUNT.test(ast.value))
      throw new GraphQLError('Count values are strings of digits, e.g. "1200".');
    return BigInt(ast.value);
  },
});

import Decimal from 'decimal.js';

/**
 * The one decimal type for money and fractional quantities. A private clone of decimal.js so
 * no other importer can change its precision; 40 significant digits covers any bill.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
/** An exact decimal amount (USD unless said otherwise). Never a binary float. */
export type Money = Decimal;

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Zero, shared. Decimal values are immutable, so sharing is safe. */
export const ZERO: Money = new Money(0);

/** True for any decimal.js value (including values from other clones). */
export function isMoney(value: unknown): value is Money {
  return Decimal.isDecimal(value);
}

/**
 * Reads an amount a provider sent as a JSON number, a decimal string, a bigint or an existing decimal.
 * JSON numbers are read through their shortest round-trip text (`0.1` stays `0.1`), which is
 * exactly the figure the provider wrote. Throws a `TypeError` naming the value otherwise.
 */
export function parseMoney(value: unknown): Money {
  const amount = readAmount(value);
  // An exponent beyond decimal.js's range ("1e99999999999999999") or a NaN decimal passed in
  // would otherwise slip through as Infinity/NaN.
  if (!amount.isFinite()) throw new TypeError(`Not a finite amount: ${describe(value)}`);
  return amount;
}

function readAmount(value: unknown): Money {
  if (isMoney(value)) return new Money(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Not a finite amount: ${value}`);
    return new Money(String(value));
  }
  if (typeof value === 'bigint') return new Money(value.toString());
  if (typeof value === 'string') {
    const text = value.trim();
    if (!DECIMAL_TEXT.test(text)) throw new TypeError(`Not a decimal amount: ${describe(value)}`);
    return new Money(text);
  }
  throw new TypeError(`Not an amount: ${describe(value)}`);
}

/** Short, safe description of a bad value for an error message (long text is cut). */
function describe(value: unknown): string {
  let text: string;
  try {
    text = isMoney(value) ? value.toString() : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value); // circular objects
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** An amount given in cents (Anthropic's decimal strings, e.g. "123.45" means $1.2345). */
export function parseCents(value: unknown): Money {
  return parseMoney(value).div(100);
}

/** An amount given in provider credits, converted at `usdPerCredit` (Runway: 0.01). */
export function parseCredits(value: unknown, usdPerCredit: Money | string | number): Money {
  return parseMoney(value).mul(parseMoney(usdPerCredit));
}

/** Exact sum; an empty list sums to zero. */
export function sumMoney(values: Iterable<Money>): Money {
  let total: Money = ZERO;
  for (const v of values) total = total.add(v);
  return total;
}

/** Plain decimal text with no exponent and no float rounding: `"0.00000125"`, `"-3.5"`. */
export function formatMoney(value: Money): string {
  return value.toFixed();
}

/** An exact decimal as canonical text: what `formatMoney` prints, e.g. `"-3.5"`, `"0.00000125"`, `"0"`. */
export type DecimalText = string;

const PLAIN_DECIMAL = /^(-?)0*(\d+?)(?:\.(\d*?)0*)?$/;

/**
 * Plain decimal text (`-?digits[.digits]`, as PostgreSQL prints a numeric) as `formatMoney` would
 * print it, without building a decimal: leading zeros of the whole part and trailing zeros of the
 * fraction dropped, no "-0". Exact at any length (`formatMoney` keeps 40 significant digits).
 * For results read in bulk (a year of cost over time is ~10,000 amounts, where decimal.js took
 * 6–10 ms); throws a `TypeError` for any other text.
 */
export function decimalText(text: string): DecimalText {
  const m = PLAIN_DECIMAL.exec(text);
  if (!m || text.endsWith('.')) throw new TypeError(`Not plain decimal text: ${JSON.stringify(text)}`);
  const [, sign, whole, fraction] = m;
  const digits = fraction ? `${whole}.${fraction}` : whole!;
  return sign && digits !== '0' ? `-${digits}` : digits;
}

/** Rounds to whole cents (half-even) and prints two places, for display only. */
export function formatCents(value: Money): string {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2);
}

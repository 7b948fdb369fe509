/**
 * Exact decimal arithmetic on the API's `Decimal` strings ("1234.56"), for the few sums the
 * Overview does itself (totals over provider rows). Money never passes through a binary float:
 * values are scaled BigInts.
 */

/** A decimal as an integer and a power-of-ten scale: value = units / 10^scale. */
type Scaled = { units: bigint; scale: number };

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** True when `text` is a plain decimal number such as "12", "-3.50" or "0.000001". */
export function isDecimal(text: string): boolean {
  return DECIMAL.test(text.trim());
}

function parse(text: string): Scaled {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new Error(`Not a decimal: ${text}`);
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign ? -units : units, scale: fraction.length };
}

const rescale = (value: Scaled, scale: number): bigint => value.units * 10n ** BigInt(scale - value.scale);

function format({ units, scale }: Scaled): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}

/** The exact sum of decimal strings ("0" for none). */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map(parse);
  const scale = Math.max(0, ...parsed.map((v) => v.scale));
  return format({ units: parsed.reduce((total, v) => total + rescale(v, scale), 0n), scale });
}

/** a − b, exactly. */
export function subtractDecimals(a: string, b: string): string {
  const [x, y] = [parse(a), parse(b)];
  const scale = Math.max(x.scale, y.scale);
  return format({ units: rescale(x, scale) - rescale(y, scale), scale });
}

/** -1, 0 or 1 as a is below, equal to or above b. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const [x, y] = [parse(a), parse(b)];
  const scale = Math.max(x.scale, y.scale);
  const [p, q] = [rescale(x, scale), rescale(y, scale)];
  return p < q ? -1 : p > q ? 1 : 0;
}

/** Rounds half away from zero to `digits` fraction digits, keeping trailing zeros ("1.50"). */
export function roundDecimal(value: string, digits: number): string {
  const x = parse(value);
  let units = x.units;
  if (x.scale > digits) {
    const divisor = 10n ** BigInt(x.scale - digits);
    const magnitude = units < 0n ? -units : units;
    const rounded = (magnitude + divisor / 2n) / divisor;
    units = units < 0n ? -rounded : rounded;
  } else {
    units = rescale(x, digits);
  }
  const text = format({ units, scale: digits });
  const [whole, fraction = ''] = text.split('.');
  return digits > 0 ? `${whole}.${fraction.padEnd(digits, '0')}` : whole!;
}

/** a ÷ b rounded half away from zero to `digits` fraction digits; null when b is 0. */
export function divideDecimals(a: string, b: string, digits: number): string | null {
  const [x, y] = [parse(a), parse(b)];
  if (y.units === 0n) return null;
  // a/b = (xu/10^xs) / (yu/10^ys); compute with two spare digits, then round.
  const extra = digits + 2;
  const numerator = x.units * 10n ** BigInt(y.scale + extra);
  const denominator = y.units * 10n ** BigInt(x.scale);
  return roundDecimal(format({ units: numerator / denominator, scale: extra }), digits);
}

/** Percent change from `previous` to `current` (2 digits); null when previous is 0, as the API does. */
export function percentChange(current: string, previous: string): string | null {
  const diff = parse(subtractDecimals(current, previous));
  return divideDecimals(format({ units: diff.units * 100n, scale: diff.scale }), previous, 2);
}

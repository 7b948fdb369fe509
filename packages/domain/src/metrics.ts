import { Money, isMoney, parseMoney } from './money';

/** A count or quantity as the records carry it: tokens and requests are numbers, quantities are decimals. */
export type Quantity = number | bigint | Money;

const MILLION = new Money(1_000_000);
const HUNDRED = new Money(100);

/** The quantity as a decimal, or null when it is unknown (null) or zero, which cannot divide. */
function divisor(value: Quantity | null | undefined): Money | null {
  if (value === null || value === undefined) return null;
  const d = isMoney(value) ? value : parseMoney(value);
  return d.isZero() ? null : d;
}

/** Cost of one million tokens; null when the token count is unknown or zero. */
export function costPerMillionTokens(cost: Money | null, tokens: Quantity | null | undefined): Money | null {
  const t = divisor(tokens);
  return cost === null || t === null ? null : cost.mul(MILLION).div(t);
}

/** Cost of one unit (an image, a second of video, a credit…); null when the quantity is unknown or zero. */
export function costPerUnit(cost: Money | null, quantity: Quantity | null | undefined): Money | null {
  const q = divisor(quantity);
  return cost === null || q === null ? null : cost.div(q);
}

/**
 * Change from `previous` to `current` in percent (25 means +25 %), measured against the size
 * of `previous` so a shrinking refund still reads as a rise. Null when either side is unknown
 * or `previous` is zero: growth from nothing has no percentage, and the UI shows "new" instead.
 */
export function percentChange(current: Money | null, previous: Money | null): Money | null {
  if (current === null || previous === null || previous.isZero()) return null;
  return current.sub(previous).div(previous.abs()).mul(HUNDRED);
}

/**
 * Share of the billed amount that applications reported themselves (`metered / billed`, 1 = fully
 * instrumented; it can exceed 1). Null when either is unknown or nothing positive was billed,
 * where a share means nothing.
 */
export function coverageRatio(metered: Money | null, billed: Money | null): Money | null {
  if (metered === null || billed === null || !billed.isPositive() || billed.isZero()) return null;
  return metered.div(billed);
}

/** Average tokens per request; null when tokens are unknown or requests are unknown or zero (Anthropic). */
export function averageTokensPerRequest(
  tokens: Quantity | null | undefined,
  requests: Quantity | null | undefined,
): Money | null {
  const r = divisor(requests);
  if (tokens === null || tokens === undefined || r === null) return null;
  return (isMoney(tokens) ? tokens : parseMoney(tokens)).div(r);
}

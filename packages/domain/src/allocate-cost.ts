import { Money, parseMoney } from './money';

/** One share of an allocation: a key (e.g. an API key id) and its usage. */
export type AllocationWeight = { key: string; weight: number | bigint | Money };

/** One allocated part, in the order the weights were given. */
export type AllocatedPart = { key: string; amount: Money };

/** Options for {@link allocateCost}. */
export type AllocateCostOptions = {
  /**
   * Decimal places of each part. Default: 12, or the total's own decimal places when it has
   * more, which keeps every part exact to a trillionth of a dollar. An explicit scale smaller
   * than the total's decimal places is refused, since the parts could not sum to the total.
   */
  scale?: number;
};

/** Default decimal places of allocated parts. */
export const DEFAULT_ALLOCATION_SCALE = 12;

/**
 * Splits `total` in proportion to `weights` (e.g. a workspace+model cost across that workspace's
 * API keys by tokens) so the parts sum exactly to `total`.
 *
 * Each part is rounded down to `scale` places, then the units left over go one each to the
 * parts with the largest remainders (largest-remainder rule). Ties go to the larger weight, then
 * to the key that sorts first (by code unit), so the result does not depend on input order.
 * A negative total (a refund) is split like its absolute value and negated.
 *
 * When the weights sum to zero (no key had usage) the result is empty: the caller keeps the
 * cost unallocated (at workspace level) rather than inventing a split.
 */
export function allocateCost(
  total: Money,
  weights: readonly AllocationWeight[],
  options: AllocateCostOptions = {},
): AllocatedPart[] {
  const amount = parseMoney(total);
  const scale = resolveScale(amount, options.scale);
  const keys = new Set<string>();
  const decimals = weights.map(({ key, weight }) => {
    if (keys.has(key)) throw new RangeError(`allocateCost got the key "${key}" twice; merge its weights first`);
    keys.add(key);
    const w = parseMoney(weight);
    if (w.isNegative() && !w.isZero()) throw new RangeError(`allocateCost got a negative weight for "${key}"`);
    return w;
  });
  const ints = toIntegers(decimals);
  const weightSum = ints.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) return [];

  const units = BigInt(amount.abs().toFixed(scale).replace('.', ''));
  const floors = ints.map((w) => (units * w) / weightSum);
  const remainders = ints.map((w) => (units * w) % weightSum);
  let leftover = units - floors.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((_, i) => i)
    .sort(
      (a, b) =>
        compareBig(remainders[b]!, remainders[a]!) ||
        compareBig(ints[b]!, ints[a]!) ||
        compareKeys(weights[a]!.key, weights[b]!.key),
    );
  for (const i of order) {
    if (leftover === 0n) break;
    floors[i]! += 1n;
    leftover -= 1n;
  }
  const sign = amount.isNegative() ? '-' : '';
  return weights.map(({ key }, i) => ({
    key,
    amount: new Money(`${floors[i]! === 0n ? '' : sign}${floors[i]!}e-${scale}`),
  }));
}

function resolveScale(total: Money, scale: number | undefined): number {
  if (scale === undefined) return Math.max(DEFAULT_ALLOCATION_SCALE, total.decimalPlaces());
  if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`scale must be a whole number ≥ 0, got ${scale}`);
  if (total.decimalPlaces() > scale) {
    throw new RangeError(
      `The total has ${total.decimalPlaces()} decimal places, more than scale ${scale}; the parts could not sum to it`,
    );
  }
  return scale;
}

/** Scales exact decimal weights to integers with the same ratios. */
function toIntegers(weights: readonly Money[]): bigint[] {
  const places = Math.max(0, ...weights.map((w) => w.decimalPlaces()));
  return weights.map((w) => BigInt(w.toFixed(places).replace('.', '')));
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A small seeded PRNG (mulberry32) so every simulator serves the same organization for the
 * same seed, on every machine.
 */
export type Random = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Hex text of `length` characters. */
  hex(length: number): string;
};

// Module-level copies: under jest's vm context every `Math.x` is a slow global lookup, and
// simulators call these millions of times (it made deriveSeed ~100x slower there).
const imul = Math.imul;
const floor = Math.floor;

export function createRandom(seed: number): Random {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)] as (typeof items)[number],
    chance: (p) => next() < p,
    hex: (length) => Array.from({ length }, () => int(0, 15).toString(16)).join(''),
  };
}

/** Derives an independent seed for a sub-stream (e.g. one per day or key), stable across runs. */
export function deriveSeed(seed: number, ...parts: (string | number)[]): number {
  let h = seed >>> 0;
  const text = parts.join('|');
  // An index loop (simulators call this per cell, millions of times); it hashes the first code
  // unit of each code point, exactly as the earlier `for…of` did, so every seed stays the same.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h = imul(h ^ code, 0x5bd1e995) >>> 0;
    if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) i++;
  }
  return (h ^ (h >>> 13)) >>> 0;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

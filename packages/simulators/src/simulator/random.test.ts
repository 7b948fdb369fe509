import { describe, expect, it } from '@jest/globals';
import { createRandom, deriveSeed } from './random';

describe('deriveSeed', () => {
  // Values from the first implementation: simulators' data must not shift when it is optimised.
  it.each([
    [[1, 'org'], 2624705462],
    [[20260101, '2026-01-01', 'proj_abc', 'key_def', 'gpt-4o'], 2453061795],
    [[7, 'a😀b', 3], 2120611242],
    [[7, 'x\ud800y'], 1286504182],
    [[0], 0],
  ] as [[number, ...(string | number)[]], number][])('derives %j -> %i', ([seed, ...parts], expected) => {
    expect(deriveSeed(seed, ...parts)).toBe(expected);
  });
});

describe('createRandom', () => {
  it('repeats per seed and stays in range', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const draws = Array.from({ length: 200 }, () => [a.int(3, 9), a.next(), a.pick(['x', 'y']), a.hex(4)] as const);
    expect(Array.from({ length: 200 }, () => [b.int(3, 9), b.next(), b.pick(['x', 'y']), b.hex(4)])).toEqual(draws);
    for (const [int, float, , hex] of draws) {
      expect(int >= 3 && int <= 9 && float >= 0 && float < 1).toBe(true);
      expect(hex).toMatch(/^[0-9a-f]{4}$/);
    }
  });
});

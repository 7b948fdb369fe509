import { describe, expect, it } from '@jest/globals';
import { allocateCost, type AllocationWeight } from './allocate-cost';
import { Money, formatMoney, parseMoney, sumMoney } from './money';

const amounts = (total: string, weights: AllocationWeight[], scale?: number) =>
  allocateCost(parseMoney(total), weights, scale === undefined ? {} : { scale }).map((p): [string, string] => [
    p.key,
    formatMoney(p.amount),
  ]);

describe('allocateCost', () => {
  it.each<[string, string, AllocationWeight[], number | undefined, [string, string][]]>([
    [
      'splits exactly in proportion',
      '10',
      [
        { key: 'a', weight: 3 },
        { key: 'b', weight: 1 },
      ],
      2,
      [
        ['a', '7.5'],
        ['b', '2.5'],
      ],
    ],
    [
      'gives 1 cent over 3 equal keys to the first key by name',
      '0.01',
      [
        { key: 'k2', weight: 5 },
        { key: 'k1', weight: 5 },
        { key: 'k3', weight: 5 },
      ],
      2,
      [
        ['k2', '0'],
        ['k1', '0.01'],
        ['k3', '0'],
      ],
    ],
    [
      'gives 2 cents over 3 equal keys to the first two by name',
      '0.02',
      [
        { key: 'c', weight: 1 },
        { key: 'b', weight: 1 },
        { key: 'a', weight: 1 },
      ],
      2,
      [
        ['c', '0'],
        ['b', '0.01'],
        ['a', '0.01'],
      ],
    ],
    [
      'gives $1 over 3 keys: the leftover cent to the largest remainder',
      '1',
      [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 1 },
        { key: 'c', weight: 1 },
      ],
      2,
      [
        ['a', '0.34'],
        ['b', '0.33'],
        ['c', '0.33'],
      ],
    ],
    [
      'gives the leftover to the largest remainder, not the largest weight',
      '1',
      [
        { key: 'a', weight: 2 },
        { key: 'b', weight: 1 },
        { key: 'c', weight: 4 },
      ],
      2,
      // quotas in cents 28.57, 14.29, 57.14: the leftover cent goes to a (.57), not to c (.14)
      [
        ['a', '0.29'],
        ['b', '0.14'],
        ['c', '0.57'],
      ],
    ],
    // quotas in cents 0.5 and 1.5: equal remainders, so the larger weight (z) wins over the key order
    [
      'breaks a remainder tie by the larger weight',
      '0.02',
      [
        { key: 'a', weight: 1 },
        { key: 'z', weight: 3 },
        { key: 'm', weight: 0 },
      ],
      2,
      [
        ['a', '0'],
        ['z', '0.02'],
        ['m', '0'],
      ],
    ],
    [
      'keeps zero-weight keys with a zero amount',
      '5',
      [
        { key: 'a', weight: 0 },
        { key: 'b', weight: 7 },
      ],
      undefined,
      [
        ['a', '0'],
        ['b', '5'],
      ],
    ],
    [
      'splits a refund (negative total) like its absolute value',
      '-1',
      [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 1 },
        { key: 'c', weight: 1 },
      ],
      2,
      [
        ['a', '-0.34'],
        ['b', '-0.33'],
        ['c', '-0.33'],
      ],
    ],
    [
      'splits zero into zeros',
      '0',
      [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 2 },
      ],
      undefined,
      [
        ['a', '0'],
        ['b', '0'],
      ],
    ],
    [
      'uses 12 places by default',
      '1',
      [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 2 },
      ],
      undefined,
      [
        ['a', '0.333333333333'],
        ['b', '0.666666666667'],
      ],
    ],
    [
      'keeps more places when the total has them',
      '0.00000000000000001',
      [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 1 },
      ],
      undefined,
      [
        ['a', '0.00000000000000001'],
        ['b', '0'],
      ],
    ],
    [
      'splits a tiny amount',
      '0.0000001',
      [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 3 },
      ],
      undefined,
      [
        ['a', '0.000000025'],
        ['b', '0.000000075'],
      ],
    ],
    [
      'splits a huge amount exactly',
      '123456789012.123456',
      [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 2 },
      ],
      6,
      [
        ['a', '41152263004.041152'],
        ['b', '82304526008.082304'],
      ],
    ],
    [
      'splits an amount beyond 40 digits exactly',
      '1234567890123456789012345678901234567890.5',
      [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 1 },
      ],
      1,
      [
        ['a', '617283945061728394506172839450617283945.3'],
        ['b', '617283945061728394506172839450617283945.2'],
      ],
    ],
    [
      'accepts bigint and decimal weights',
      '1',
      [
        { key: 'a', weight: 10n ** 30n },
        { key: 'b', weight: new Money('1e30') },
      ],
      2,
      [
        ['a', '0.5'],
        ['b', '0.5'],
      ],
    ],
    [
      'accepts fractional weights exactly',
      '1',
      [
        { key: 'a', weight: 0.1 },
        { key: 'b', weight: 0.2 },
      ],
      2,
      [
        ['a', '0.33'],
        ['b', '0.67'],
      ],
    ],
  ])('%s', (_name, total, weights, scale, expected) => {
    expect(amounts(total, weights, scale)).toEqual(expected);
  });

  it.each([
    ['no weights', []],
    [
      'only zero weights',
      [
        { key: 'a', weight: 0 },
        { key: 'b', weight: 0n },
      ],
    ],
  ])('returns an empty allocation for %s, so the caller keeps the cost unallocated', (_name, weights) => {
    expect(allocateCost(parseMoney('12.34'), weights)).toEqual([]);
  });

  it('does not depend on the order of the weights', () => {
    const weights = [
      { key: 'k1', weight: 7 },
      { key: 'k2', weight: 7 },
      { key: 'k3', weight: 13 },
      { key: 'k4', weight: 1 },
      { key: 'k5', weight: 7 },
    ];
    const forward = new Map(amounts('0.07', weights, 2));
    const backward = new Map(amounts('0.07', [...weights].reverse(), 2));
    expect(backward).toEqual(forward);
  });

  it('sums exactly to the total for many parts and awkward totals', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (const total of ['0.01', '-0.07', '1', '99.99', '1234.5678', '0.000123', '-98765.4321', '1e-12']) {
      for (const count of [1, 2, 3, 7, 100, 1000]) {
        const weights = Array.from({ length: count }, (_, i) => ({ key: `key_${i}`, weight: random() % 1_000_000 }));
        const parts = allocateCost(parseMoney(total), weights);
        if (weights.every((w) => w.weight === 0)) continue;
        expect(formatMoney(sumMoney(parts.map((p) => p.amount)))).toBe(formatMoney(parseMoney(total)));
        for (const part of parts) {
          // Each part is within one unit (1e-12) of its exact share.
          const weight = weights.find((w) => w.key === part.key)!.weight;
          const exact = parseMoney(total)
            .mul(weight)
            .div(weights.reduce((s, w) => s + w.weight, 0));
          expect(part.amount.sub(exact).abs().lte('1e-12')).toBe(true);
        }
      }
    }
  });

  it.each<[string, string, AllocationWeight[], number | undefined, string]>([
    ['a negative weight', '1', [{ key: 'a', weight: -1 }], undefined, 'negative weight for "a"'],
    [
      'a duplicate key',
      '1',
      [
        { key: 'a', weight: 1 },
        { key: 'a', weight: 2 },
      ],
      undefined,
      'the key "a" twice',
    ],
    ['a scale finer than the total allows', '0.005', [{ key: 'a', weight: 1 }], 2, 'more than scale 2'],
    ['a fractional scale', '1', [{ key: 'a', weight: 1 }], 1.5, 'scale must be a whole number'],
    ['a negative scale', '1', [{ key: 'a', weight: 1 }], -1, 'scale must be a whole number'],
  ])('rejects %s', (_name, total, weights, scale, message) => {
    expect(() => allocateCost(parseMoney(total), weights, scale === undefined ? {} : { scale })).toThrow(message);
  });

  it('rejects a non-finite weight', () => {
    expect(() => allocateCost(parseMoney('1'), [{ key: 'a', weight: Number.NaN }])).toThrow(TypeError);
  });
});

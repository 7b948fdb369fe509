import { describe, expect, it } from '@jest/globals';
import {
  averageTokensPerRequest,
  costPerMillionTokens,
  costPerUnit,
  coverageRatio,
  percentChange,
  type Quantity,
} from './metrics';
import { Money, formatMoney, parseMoney } from './money';

const m = (text: string) => parseMoney(text);
const show = (value: Money | null) => (value === null ? null : formatMoney(value));

describe('costPerMillionTokens', () => {
  it.each<[string | null, Quantity | null | undefined, string | null]>([
    ['2.5', 1_000_000, '2.5'],
    ['1.8432', 560_000, '3.291428571428571428571428571428571428571'],
    ['0.000125', 50, '2.5'],
    ['15', 12n, '1250000'],
    ['-3', 1_000_000, '-3'],
    ['5', m('2000000'), '2.5'],
    ['1', 0, null],
    ['1', 0n, null],
    ['1', null, null],
    ['1', undefined, null],
    [null, 1000, null],
  ])('costPerMillionTokens(%p, %p) returns %p', (cost, tokens, expected) => {
    expect(show(costPerMillionTokens(cost === null ? null : m(cost), tokens))).toBe(expected);
  });
});

describe('costPerUnit', () => {
  it.each<[string | null, Quantity | null, string | null]>([
    ['0.48', 12, '0.04'],
    ['2.5', m('250'), '0.01'], // Runway: $2.50 for 250 credits
    ['1', 3, '0.3333333333333333333333333333333333333333'],
    ['7.2', m('1.5'), '4.8'], // per second of video
    ['1', 0, null],
    ['1', m('0'), null],
    ['1', null, null],
    [null, 3, null],
  ])('costPerUnit(%p, %p) returns %p', (cost, quantity, expected) => {
    expect(show(costPerUnit(cost === null ? null : m(cost), quantity))).toBe(expected);
  });
});

describe('percentChange', () => {
  it.each<[string | null, string | null, string | null]>([
    ['125', '100', '25'],
    ['50', '100', '-50'],
    ['100', '100', '0'],
    ['0', '100', '-100'],
    ['0.03', '0.01', '200'],
    ['1', '3', '-66.66666666666666666666666666666666666667'],
    ['-5', '-10', '50'], // a refund that halves is a rise of 50 % against its size
    ['-10', '-5', '-100'],
    ['10', '0', null], // growth from nothing has no percentage
    ['0', '0', null],
    [null, '10', null],
    ['10', null, null],
  ])('percentChange(%p, %p) returns %p', (current, previous, expected) => {
    expect(show(percentChange(current === null ? null : m(current), previous === null ? null : m(previous)))).toBe(
      expected,
    );
  });
});

describe('coverageRatio', () => {
  it.each<[string | null, string | null, string | null]>([
    ['75', '100', '0.75'],
    ['100', '100', '1'],
    ['120', '100', '1.2'], // apps may report more than was billed (e.g. unbilled retries)
    ['0', '100', '0'],
    ['0.01', '0.03', '0.3333333333333333333333333333333333333333'],
    ['5', '0', null],
    ['5', '-2', null], // a refund-only period has no meaningful share
    [null, '100', null],
    ['5', null, null],
  ])('coverageRatio(%p, %p) returns %p', (metered, billed, expected) => {
    expect(show(coverageRatio(metered === null ? null : m(metered), billed === null ? null : m(billed)))).toBe(
      expected,
    );
  });
});

describe('averageTokensPerRequest', () => {
  it.each<[Quantity | null, Quantity | null | undefined, string | null]>([
    [560_000, 120, '4666.666666666666666666666666666666666667'],
    [1000, 4, '250'],
    [0, 4, '0'],
    [10n ** 20n, 10n, '10000000000000000000'],
    [1000, 0, null],
    [1000, null, null], // Anthropic: requests unknown, so no average (never a division by 0)
    [1000, undefined, null],
    [null, 4, null],
  ])('averageTokensPerRequest(%p, %p) returns %p', (tokens, requests, expected) => {
    expect(show(averageTokensPerRequest(tokens, requests))).toBe(expected);
  });
});

import { describe, expect, it } from '@jest/globals';
import Decimal from 'decimal.js';
import {
  Money,
  ZERO,
  decimalText,
  formatCents,
  formatMoney,
  isMoney,
  parseCents,
  parseCredits,
  parseMoney,
  sumMoney,
} from './money';

describe('parseMoney', () => {
  it.each([
    // JSON numbers are read through their shortest round-trip text, i.e. what the provider wrote.
    [1.8432, '1.8432'],
    [0.1, '0.1'],
    [0.30000000000000004, '0.30000000000000004'],
    [1e-7, '0.0000001'],
    // A double holds ~17 significant digits: JSON.parse already rounded this one before we see
    // it, so the shortest round-trip text is what the number can still say. Strings stay exact.
    [JSON.parse('123456789012.123456') as number, '123456789012.12346'],
    ['123456789012.123456', '123456789012.123456'],
    [1e21, '1000000000000000000000'],
    [-0.5, '-0.5'],
    [-0, '0'],
    [0, '0'],
    [42, '42'],
    // decimal strings
    ['1.8432', '1.8432'],
    ['  12.50 ', '12.5'],
    ['+3', '3'],
    ['-3.25', '-3.25'],
    ['.5', '0.5'],
    ['7.', '7'],
    ['1e-7', '0.0000001'],
    ['1.5E+3', '1500'],
    ['2.5e2', '250'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
    ['0.000000000000000000000000000001', '0.000000000000000000000000000001'],
    // bigints and decimals
    [12345678901234567890n, '12345678901234567890'],
    [new Decimal('9.99'), '9.99'],
  ])('reads %p as %s', (input, expected) => {
    const amount = parseMoney(input);
    expect(isMoney(amount)).toBe(true);
    expect(formatMoney(amount)).toBe(expected);
  });

  it('returns an exact sum where floats drift (0.1 + 0.2)', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(parseMoney(0.1).add(parseMoney(0.2)).equals('0.3')).toBe(true);
  });

  it('returns a value of the Money clone even when given another decimal.js clone', () => {
    const other = Decimal.clone({ precision: 5 });
    expect(parseMoney(new other('1.234567891234')).toFixed()).toBe('1.234567891234');
    expect(parseMoney(new other('1')) instanceof Money).toBe(true);
  });

  it.each([
    ['empty string', ''],
    ['blank string', '   '],
    ['word', 'abc'],
    ['currency sign', '$1.00'],
    ['thousands separator', '1,000.00'],
    ['two dots', '1.2.3'],
    ['bare exponent', 'e5'],
    ['hex', '0x10'],
    ['NaN text', 'NaN'],
    ['Infinity text', 'Infinity'],
    ['exponent beyond range', '1e99999999999999999'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['null', null],
    ['undefined', undefined],
    ['boolean', true],
    ['object', { amount: 1 }],
    ['array', [1]],
    ['NaN decimal', new Decimal(Number.NaN)],
  ])('rejects %s with a TypeError', (_name, input) => {
    expect(() => parseMoney(input)).toThrow(TypeError);
  });

  it('rejects with a message that names the bad value', () => {
    expect(() => parseMoney('12,5')).toThrow('Not a decimal amount: "12,5"');
  });

  it('rejects a circular object without crashing on the message', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => parseMoney(circular)).toThrow(TypeError);
  });
});

describe('parseCents', () => {
  it.each([
    ['4812.5', '48.125'],
    ['0.01', '0.0001'],
    ['123.45', '1.2345'],
    ['100', '1'],
    ['0', '0'],
    ['-250', '-2.5'],
    [1, '0.01'],
    ['0.000001', '0.00000001'],
  ])('reads %p cents as $%s', (input, expected) => {
    expect(formatMoney(parseCents(input))).toBe(expected);
  });

  it('rejects a non-amount', () => {
    expect(() => parseCents('cents')).toThrow(TypeError);
  });
});

describe('parseCredits', () => {
  it.each([
    [250, '0.01', '2.5'],
    [-50, '0.01', '-0.5'],
    [40, 0.01, '0.4'],
    ['1.5', '0.01', '0.015'],
    [0, '0.01', '0'],
    [3, new Decimal('0.333'), '0.999'],
  ])('converts %p credits at %p each to $%s', (credits, rate, expected) => {
    expect(formatMoney(parseCredits(credits, rate))).toBe(expected);
  });

  it('rejects a bad rate', () => {
    expect(() => parseCredits(1, 'one cent')).toThrow(TypeError);
  });
});

describe('sumMoney', () => {
  it('returns exactly 1 for ten times 0.1', () => {
    const total = sumMoney(Array.from({ length: 10 }, () => parseMoney(0.1)));
    expect(total.equals(1)).toBe(true);
    expect(formatMoney(total)).toBe('1');
  });

  it.each([
    [[], '0'],
    [['1.10', '2.20', '3.30'], '6.6'],
    [['0.0000001', '999999999999.9999999'], '1000000000000'],
    [['10', '-10'], '0'],
    [['-1.25', '-0.75'], '-2'],
  ])('sums %p to %s', (values, expected) => {
    expect(formatMoney(sumMoney(values.map(parseMoney)))).toBe(expected);
  });

  it('accepts any iterable', () => {
    function* amounts() {
      yield parseMoney('1');
      yield parseMoney('2');
    }
    expect(sumMoney(amounts()).equals(3)).toBe(true);
  });

  it('returns the shared ZERO for an empty list', () => {
    expect(sumMoney([])).toBe(ZERO);
  });
});

describe('formatMoney', () => {
  it.each([
    ['0.00000125', '0.00000125'],
    ['1e-30', '0.000000000000000000000000000001'],
    ['1e-45', '0.000000000000000000000000000000000000000000001'],
    ['1e30', '1000000000000000000000000000000'],
    ['1e45', '1000000000000000000000000000000000000000000000'],
    ['-3.5', '-3.5'],
    ['-0', '0'],
    ['12.500', '12.5'],
  ])('prints %s as %s without an exponent', (input, expected) => {
    expect(formatMoney(parseMoney(input))).toBe(expected);
  });
});

describe('formatCents', () => {
  it.each([
    ['1.005', '1.00'], // half-even: 1.005 -> 1.00
    ['1.015', '1.02'],
    ['1.025', '1.02'],
    ['0', '0.00'],
    ['-0.001', '0.00'],
    ['-2.345', '-2.34'],
    ['123456789012.123456', '123456789012.12'],
  ])('prints %s as %s', (input, expected) => {
    expect(formatCents(parseMoney(input))).toBe(expected);
  });
});

describe('decimalText', () => {
  it('prints plain decimal text exactly as formatMoney prints the same amount', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const digits = (length: number) => Array.from({ length }, () => String(next(10))).join('');
    for (let i = 0; i < 20_000; i += 1) {
      const zeros = (n: number) => '0'.repeat(next(n));
      const whole = `${zeros(3)}${digits(next(20) + 1)}`;
      const fraction = next(3) === 0 ? '' : `.${digits(next(15) + 1)}${zeros(4)}`;
      const text = `${next(2) ? '-' : ''}${whole}${fraction}`;
      expect([text, decimalText(text)]).toEqual([text, formatMoney(new Money(text))]);
    }
  });

  it.each([
    ['-0', '0'],
    ['-0.000', '0'],
    ['0.000', '0'],
    ['007.50', '7.5'],
    ['-0.0100', '-0.01'],
    ['100', '100'],
    ['123456789012345678901234567890123456789012.5', '123456789012345678901234567890123456789012.5'],
  ])('decimalText(%p) is %p', (text, expected) => {
    expect(decimalText(text)).toBe(expected);
  });

  it.each(['', '1.', '.5', '+1', '1e3', ' 1', '1,5', 'NaN', '--1', '1.2.3'])('refuses %p', (text) => {
    expect(() => decimalText(text)).toThrow(TypeError);
  });
});

import { describe, expect, it } from '@jest/globals';
import { Money } from '@spendsync/domain';
import { Kind } from 'graphql';
import { DateScalar, DecimalScalar } from './scalars';

describe('DecimalScalar', () => {
  it.each<[unknown, string]>([
    [new Money('1234.5600'), '1234.56'],
    [new Money('0.000000001'), '0.000000001'],
    [new Money('-3'), '-3'],
    ['12.30', '12.30'],
  ])('serializes %s as %j, every digit kept', (value, expected) => {
    expect(DecimalScalar.serialize(value)).toBe(expected);
  });

  it('reads strings as exact decimals, from variables and literals', () => {
    expect((DecimalScalar.parseValue('0.1') as Money).plus('0.2').toFixed()).toBe('0.3');
    expect((DecimalScalar.parseLiteral({ kind: Kind.STRING, value: '-7.25' }) as Money).toFixed()).toBe('-7.25');
  });

  it.each<unknown>([0.1, '1e5', '1,000', '', ' 1', null])('refuses %j', (value) => {
    expect(() => DecimalScalar.parseValue(value)).toThrow(/Decimal values are strings/);
  });

  it('refuses a number literal, saying to quote it', () => {
    expect(() => DecimalScalar.parseLiteral({ kind: Kind.FLOAT, value: '1.5' })).toThrow(/strings, e.g. "12.34"/);
  });
});

describe('DateScalar', () => {
  it.each(['2026-01-31', '2024-02-29'])('accepts the day %s', (day) => {
    expect(DateScalar.parseValue(day)).toBe(day);
    expect(DateScalar.serialize(day)).toBe(day);
  });

  it.each<unknown>(['2026-02-30', '2026-1-5', '2026-01-05T00:00:00Z', 20260105, null])('refuses %j', (value) => {
    expect(() => DateScalar.parseValue(value)).toThrow(/YYYY-MM-DD/);
  });
});

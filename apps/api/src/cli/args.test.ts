import { describe, expect, it } from '@jest/globals';
import { readInteger, readTime, shellQuote } from './args';

describe('args', () => {
  it.each([
    ['2026-02-01', '2026-02-01T00:00:00.000Z'],
    ['2026-02-01T06:00:00Z', '2026-02-01T06:00:00.000Z'],
  ])('reads the time %s', (text, iso) => {
    expect(readTime(text, 'now').toISOString()).toBe(iso);
  });

  it.each(['yesterday', '2026-02-30x'])('refuses the time %s', (text) => {
    expect(() => readTime(text, 'now')).toThrow(/--now ".*" is not a time/);
  });

  it.each(['-1', '1.5', '0x10', '', '99999999999999999999'])('refuses the integer %j', (text) => {
    expect(() => readInteger(text, 'seed', 0, 2 ** 32)).toThrow(/--seed must be a whole number/);
  });

  it.each([
    ['http://127.0.0.1:4010/v1', 'http://127.0.0.1:4010/v1'],
    ['{"apiKey":"a b"}', `'{"apiKey":"a b"}'`],
    ["it's", `'it'\\''s'`],
  ])('quotes %s for a shell', (arg, quoted) => {
    expect(shellQuote(arg)).toBe(quoted);
  });
});

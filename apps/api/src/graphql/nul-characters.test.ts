import { describe, expect, it } from '@jest/globals';
import { findNulCharacter } from './nul-characters';

describe('findNulCharacter', () => {
  it.each<[unknown, string | undefined]>([
    ['plain', undefined],
    ['a\u0000b', '(value)'],
    [{ variables: { input: { label: 'ok', note: 'x\u0000' } } }, 'variables.input.note'],
    [{ list: ['a', 'b\u0000'] }, 'list.1'],
    [{ ['k\u0000']: 1 }, 'k\u0000'],
    [{ n: 1, b: true, z: null }, undefined],
  ])('finds U+0000 in %j at %s', (value, path) => {
    expect(findNulCharacter(value)).toBe(path);
  });
});

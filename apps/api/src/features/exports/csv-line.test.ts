import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { csvField, csvLine } from './csv-line';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [' padded ', ' padded '],
  ])('writes %p as %p', (text, expected) => {
    expect(csvField(text)).toBe(expected);
  });
});

describe('csvLine', () => {
  it('writes records that a CSV parser reads back unchanged', () => {
    const records = [
      ['id', 'name', 'note'],
      ['1', 'Research, EU', 'He said "no"'],
      ['2', '', 'line\r\nbreak, and "quotes", ünï 🔑'],
      ['3', "'=SUM(A1)", '\\N'],
    ];
    const text = records.map(csvLine).join('');
    expect(text.startsWith('id,name,note\n1,"Research, EU","He said ""no"""\n')).toBe(true);
    expect(parse(text)).toEqual(records);
  });
});

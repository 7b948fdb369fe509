import { isMoney } from '@spendsync/domain';

/** Characters that make a spreadsheet read a cell as a formula (or hide one behind whitespace). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text as a safe CSV cell: a leading `= + - @`, tab or carriage return gets a `'` in front, so
 * Excel, LibreOffice and Sheets show it as text instead of running it (OWASP CSV injection).
 * Quoting of commas, quotes and newlines is left to the CSV writer.
 */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A value a CSV column may hold. */
export type CsvValue = string | number | bigint | boolean | Date | null | undefined | { toFixed(): string };

/**
 * One cell's text. Decimals are written in full (`toFixed()`: every stored digit, no exponent,
 * never through a float); counts as integers; days and text as they are; timestamps as ISO 8601;
 * unknown (null) as an empty cell. Only text can carry a formula: numbers we format ourselves
 * (a refund's `-3.5`) stay numbers.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (isMoney(value)) return value.toFixed();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return neutralizeCell(value);
  return neutralizeCell(value.toFixed());
}

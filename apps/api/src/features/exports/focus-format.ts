import type { RawRow } from '../dashboards/dashboard-db';
import { neutralizeCell } from './csv-cell';
import { csvLine } from './csv-line';
import { FOCUS_COLUMNS, type FocusValue } from './focus-columns';
import { toFocusLine } from './focus-line';
import type { RowEncoder } from './write-dashboard-csv';

/** The two encodings of the FOCUS export. */
export type FocusFormat = 'csv' | 'jsonl';

const NAMES = FOCUS_COLUMNS.map((c) => c.name);

/** One FOCUS row as column name → value, in column order (decimals and date/times as exact text). */
export function focusRecord(raw: RawRow): Record<string, FocusValue> {
  const line = toFocusLine(raw);
  const record: Record<string, FocusValue> = {};
  for (const c of FOCUS_COLUMNS) record[c.name] = c.read(line);
  return record;
}

/**
 * CSV cells: null is an empty cell (the spec's NullHandling forbids empty strings for absent
 * values, so an empty cell can only mean null); text is neutralized against spreadsheet
 * formulas like the other exports; decimals and date/times are written as they are (a
 * credit's `-2.5` stays a number); Tags is its JSON text.
 */
function csvCells(raw: RawRow): string[] {
  const line = toFocusLine(raw);
  return FOCUS_COLUMNS.map((c) => {
    const value = c.read(line);
    if (value === null) return '';
    if (typeof value !== 'string') return neutralizeCell(JSON.stringify(value));
    return c.kind === 'text' ? neutralizeCell(value) : value;
  });
}

/**
 * Encoders for `streamRows`. JSON Lines: one object per line with every column, null as JSON
 * null, decimals as strings (a JSON number would go through a float in most readers) and Tags as
 * an object.
 */
export const FOCUS_ENCODERS: Readonly<Record<FocusFormat, RowEncoder>> = {
  csv: { head: csvLine(NAMES), line: (raw) => csvLine(csvCells(raw)) },
  jsonl: { head: '', line: (raw) => `${JSON.stringify(focusRecord(raw))}\n` },
};

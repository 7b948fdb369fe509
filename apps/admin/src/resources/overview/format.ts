import { roundDecimal } from './decimal';

/** Shown for a figure the provider does not report (unknown, never zero). */
export const NOT_AVAILABLE = 'N/A';

/** Groups the whole part of a decimal string with commas: "1234567.5" → "1,234,567.5". */
function group(text: string): string {
  const [whole, fraction] = text.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** US dollars from a Decimal string, rounded to cents ("-$1,234.57"); "—" for null. */
export function formatUsd(value: string | null | undefined, digits = 2): string {
  if (value == null) return '—';
  const rounded = roundDecimal(value, digits);
  const negative = rounded.startsWith('-') && /[1-9]/.test(rounded);
  return `${negative ? '-' : ''}$${group(rounded.replace(/^-/, ''))}`;
}

/**
 * A unit price, which can be far below a cent (cost per image, per token): two digits from
 * $0.01 up, else three significant digits ("$0.000125").
 */
export function formatUnitPrice(value: string | null | undefined): string {
  if (value == null) return '—';
  const match = /^-?0\.(0*)/.exec(value);
  if (!match) return formatUsd(value);
  const zeros = match[1]!.length;
  return zeros < 2 ? formatUsd(value) : formatUsd(value, Math.min(zeros + 3, 10));
}

/**
 * A count ("1,234,567"); `N/A` for null (the provider does not report it). Counts arrive as
 * strings of digits (the API's `Count`, exact past 2^53) and are grouped as text, never through a float.
 */
export function formatCount(value: string | number | null | undefined): string {
  if (value == null) return NOT_AVAILABLE;
  if (typeof value === 'number') return group(String(Math.round(value)));
  return /^-?\d+$/.test(value) ? group(value) : group(roundDecimal(value, 0));
}

/** The sum of counts given as digit strings (null when all are unknown), exact at any size. */
export function sumCounts(values: readonly (string | null)[]): string | null {
  const known = values.filter((v): v is string => v !== null);
  return known.length === 0 ? null : known.reduce((total, v) => total + BigInt(v), 0n).toString();
}

/** A plain decimal with a fixed number of digits, grouped ("1,234.5"); `N/A` for null. */
export function formatNumber(value: string | null | undefined, digits = 1): string {
  if (value == null) return NOT_AVAILABLE;
  return group(roundDecimal(value, digits));
}

/** A ratio (0.4512) as a percent ("45.1%"); "—" for null. */
export function formatRatio(value: string | null | undefined): string {
  if (value == null) return '—';
  const [whole, fraction = ''] = value.replace(/^-/, '').split('.');
  const shifted = `${whole}${fraction.padEnd(2, '0').slice(0, 2)}.${fraction.slice(2) || '0'}`;
  return `${value.startsWith('-') ? '-' : ''}${roundDecimal(shifted.replace(/^0+(?=\d)/, ''), 1)}%`;
}

/** A percent change ("+12.5%", "-3.0%"); null when there was nothing before to compare with. */
export function formatChange(change: string | null | undefined): string | null {
  if (change == null) return null;
  const rounded = roundDecimal(change, 1);
  return `${rounded.startsWith('-') ? '' : '+'}${group(rounded)}%`;
}

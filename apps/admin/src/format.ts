// Display formats shared by the admin's screens. Amounts arrive as exact decimal strings and
// are formatted from the string (Intl rounds the decimal itself), never through a binary float.

const USD = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const PERCENT = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const RELATIVE = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });

/** What unknown values show as (unknown is never zero). */
export const UNKNOWN = '—';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** "$1,234.57" from "1234.565"; "—" for null or anything that is not a decimal. */
export function formatUsd(amount: string | null | undefined): string {
  if (amount == null || !DECIMAL.test(amount)) return UNKNOWN;
  return USD.format(amount as Intl.StringNumericLiteral);
}

/** "42.5%" from the ratio "0.425"; "—" for null. */
export function formatRatio(ratio: string | null | undefined): string {
  if (ratio == null || !DECIMAL.test(ratio)) return UNKNOWN;
  return PERCENT.format(ratio as Intl.StringNumericLiteral);
}

/** "Nov 26, 2026" from the calendar day "2026-11-26" (days are UTC). */
export function formatDay(day: string | null | undefined): string {
  return day ? DAY.format(new Date(`${day}T00:00:00Z`)) : UNKNOWN;
}

/** The day before a YYYY-MM-DD day. */
export function previousDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** "Nov 27, 07:00:09" in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? DATE_TIME.format(new Date(iso)) : UNKNOWN;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** "5 minutes ago", "yesterday"; "never" for null. */
export function formatRelative(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return 'never';
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 10) return 'just now';
  const [unit, size] = UNITS.find(([, s]) => Math.abs(seconds) >= s) ?? UNITS[UNITS.length - 1]!;
  return RELATIVE.format(Math.round(seconds / size), unit);
}

/** "1 min 5 s" between two instants; null while unfinished. */
export function formatDuration(startIso: string | null, endIso: string | null): string | null {
  if (!startIso || !endIso) return null;
  const total = Math.max(0, Math.round((new Date(endIso).getTime() - new Date(startIso).getTime()) / 1000));
  const minutes = Math.floor(total / 60);
  return minutes > 0 ? `${minutes} min ${total % 60} s` : `${total} s`;
}

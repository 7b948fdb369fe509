import type { CreditRunway } from './runway-documents';

/** A runway under this many days is shown as urgent (red), under twice as many as a warning. */
export const URGENT_DAYS = 14;

/** One short phrase for a runway: "21 days (2026-02-21)", "No burn", "Used up", "Expired". */
export function runwayLabel(r: Pick<CreditRunway, 'status' | 'daysLeft' | 'runOutOn'>): string {
  if (r.status === 'EXPIRED') return 'Expired';
  if (r.status === 'EXHAUSTED') return 'Used up';
  if (r.daysLeft === null || r.runOutOn === null) return 'No burn';
  return `${r.daysLeft} day${r.daysLeft === 1 ? '' : 's'} (${r.runOutOn})`;
}

/** The range from the fastest and slowest weeks: "2026-02-14 to 2026-03-05", "2026-02-14 or later". */
export function runwayRange(r: Pick<CreditRunway, 'runOutEarliest' | 'runOutLatest'>): string | null {
  if (r.runOutEarliest === null) return null;
  if (r.runOutLatest === null) return `${r.runOutEarliest} or later`;
  return r.runOutEarliest === r.runOutLatest ? r.runOutEarliest : `${r.runOutEarliest} to ${r.runOutLatest}`;
}

/** The chip colour: red when urgent or under its notify threshold, orange under twice the urgent days. */
export function runwayColor(
  r: Pick<CreditRunway, 'status' | 'daysLeft' | 'underThreshold'>,
): 'error' | 'warning' | 'default' {
  if (r.status === 'EXHAUSTED' || r.underThreshold || (r.daysLeft !== null && r.daysLeft < URGENT_DAYS)) return 'error';
  if (r.daysLeft !== null && r.daysLeft < 2 * URGENT_DAYS) return 'warning';
  return 'default';
}

/** The flags worth a word: money left on the table at expiry, or running out before it. */
export function runwayFlags(r: Pick<CreditRunway, 'leftAtExpiry' | 'runsOutBeforeExpiry' | 'expiresOn'>): string[] {
  const flags: string[] = [];
  if (r.leftAtExpiry !== null) flags.push(`$${r.leftAtExpiry} left unused at expiry (${r.expiresOn})`);
  if (r.runsOutBeforeExpiry) flags.push(`Runs out before it expires (${r.expiresOn})`);
  return flags;
}

/** The runways of one account, the soonest to run out first (no burn and expired last). */
export function runwaysOf(runways: readonly CreditRunway[], providerAccountId: string): CreditRunway[] {
  const rank = (r: CreditRunway) => (r.status === 'EXPIRED' ? Infinity : (r.daysLeft ?? Number.MAX_SAFE_INTEGER));
  return runways.filter((r) => r.providerAccountId === providerAccountId).sort((a, b) => rank(a) - rank(b));
}

/** One point of the chart: the balance so far, then the projection at three rates (numbers: display only). */
export type RunwayChartPoint = { day: string; balance?: number; expected?: number; fastest?: number; slowest?: number };

/** History then projection on one day axis; the projection starts at the last balance so the lines join. */
export function chartPoints(r: Pick<CreditRunway, 'history' | 'projection'>): RunwayChartPoint[] {
  const points = new Map<string, RunwayChartPoint>();
  for (const h of r.history) points.set(h.day, { day: h.day, balance: Number(h.balance) });
  for (const p of r.projection) {
    points.set(p.day, {
      ...points.get(p.day),
      day: p.day,
      expected: Number(p.expected),
      fastest: Number(p.fastest),
      slowest: Number(p.slowest),
    });
  }
  return [...points.values()].sort((a, b) => a.day.localeCompare(b.day));
}

import type { Day } from '../day';

/**
 * A day is settled when it lies before the account's settled-through day (exclusive; see
 * `settledThrough` in settlement.ts: past the provider's billing delay and re-read by a
 * successful sync after it). Later days are provisional. Null means nothing is settled yet.
 */
export function isSettledDay(day: Day, settledThrough: Day | null): boolean {
  return settledThrough !== null && day < settledThrough;
}

/**
 * Where the settled days end for a set of accounts read together (a budget's scope): the
 * earliest settled-through day, since a day is settled only when every account has it settled.
 * Null when any account has nothing settled yet or there are no accounts.
 */
export function settledBefore(settledThrough: readonly (Day | null)[]): Day | null {
  if (settledThrough.length === 0) return null;
  let earliest: Day | null = null;
  for (const day of settledThrough) {
    if (day === null) return null;
    if (earliest === null || day < earliest) earliest = day;
  }
  return earliest;
}

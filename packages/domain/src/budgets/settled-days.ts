import type { Day } from '../day';

/**
 * A day is settled when its account's data is complete: it lies before the account's
 * `dataCompleteThrough` (exclusive: "every day before this one is stored completely"). Days a
 * provider has not settled yet (its normal billing delay) are provisional. Null means nothing is
 * known to be complete yet.
 */
export function isSettledDay(day: Day, dataCompleteThrough: Day | null): boolean {
  return dataCompleteThrough !== null && day < dataCompleteThrough;
}

/**
 * Where the settled days end for a set of accounts read together (a budget's scope): the
 * earliest `dataCompleteThrough`, since a day is settled only when every account has it. Null
 * when any account has nothing complete yet or there are no accounts.
 */
export function settledBefore(dataCompleteThrough: readonly (Day | null)[]): Day | null {
  if (dataCompleteThrough.length === 0) return null;
  let earliest: Day | null = null;
  for (const day of dataCompleteThrough) {
    if (day === null) return null;
    if (earliest === null || day < earliest) earliest = day;
  }
  return earliest;
}

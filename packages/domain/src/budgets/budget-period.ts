import { z } from 'zod';
import { addDays, dayOf, monthRange, parseDay, startOfDay, ZDay, type Day, type DayRange } from '../day';

/**
 * How long a budget runs before it starts again: a calendar month, a calendar quarter
 * (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec), or one fixed custom range (`end` exclusive).
 */
export type BudgetPeriod = { kind: 'month' } | { kind: 'quarter' } | { kind: 'custom'; start: Day; end: Day };

/** The kinds of {@link BudgetPeriod}. */
export const BUDGET_PERIOD_KINDS = ['month', 'quarter', 'custom'] as const;

/** A budget period as a client sends it; a custom range must end after it starts. */
export const ZBudgetPeriod = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('month') }),
  z.object({ kind: z.literal('quarter') }),
  z.object({ kind: z.literal('custom'), start: ZDay, end: ZDay }).refine((p) => p.start < p.end, {
    message: 'The custom range ends before it starts (or on the day it starts)',
    path: ['end'],
  }),
]);

/** The calendar quarter containing `day`, half-open. */
export function quarterRange(day: Day): DayRange {
  parseDay(day);
  const date = startOfDay(day);
  const firstMonth = Math.floor(date.getUTCMonth() / 3) * 3;
  return {
    start: dayOf(new Date(Date.UTC(date.getUTCFullYear(), firstMonth, 1))),
    end: dayOf(new Date(Date.UTC(date.getUTCFullYear(), firstMonth + 3, 1))),
  };
}

/**
 * The occurrence of `period` that a budget is in on `today`: the month or quarter containing
 * it, or the custom range itself (whether or not `today` falls inside it).
 */
export function budgetPeriodRange(period: BudgetPeriod, today: Day): DayRange {
  switch (period.kind) {
    case 'month':
      return monthRange(today);
    case 'quarter':
      return quarterRange(today);
    case 'custom':
      if (!(period.start < period.end))
        throw new RangeError(`The custom range ends (${period.end}) before it starts (${period.start})`);
      return { start: parseDay(period.start), end: parseDay(period.end) };
  }
}

/** The occurrence before the one containing `today` (a custom range has none: null). */
export function previousBudgetPeriodRange(period: BudgetPeriod, today: Day): DayRange | null {
  if (period.kind === 'custom') return null;
  return budgetPeriodRange(period, addDays(budgetPeriodRange(period, today).start, -1));
}

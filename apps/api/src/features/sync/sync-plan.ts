import { addDays, dayOf, eachDay, splitDayRange, type Day, type DayRange } from '@spendsync/domain';
import type { AdapterCapabilities } from '@spendsync/adapters';
import type { SyncTrigger } from '../provider-accounts/account-sync-trigger';

/** The engine's own cap on days per chunk: a chunk is held in memory until written (about 3,000 records a day for 200 keys × 15 models). */
export const DEFAULT_MAX_CHUNK_DAYS = 7;
/** A scheduled or manual run re-reads at least this many complete days, whatever the provider's delay. */
export const MIN_LOOKBACK_DAYS = 2;

/** Everything the plan depends on; `today` is the UTC day of the clock. */
export type SyncPlanInput = {
  trigger: SyncTrigger;
  today: Day;
  /** An explicit window (CLI `--from/--to`); otherwise the trigger decides. */
  window?: DayRange;
  backfillDays: number;
  capabilities: Pick<AdapterCapabilities, 'dataDelayHours' | 'maxDaysPerCall' | 'historyDays'>;
  maxChunkDays?: number;
  /** The account's "every day before this one is stored completely", null before the first complete sync. */
  dataCompleteThrough: Day | null;
  /** Days the previous run could not fetch; they are retried first. */
  previouslyMissing: readonly Day[];
};

/** What a run will read, in order. */
export type SyncPlan = {
  /** Smallest range holding every planned day (stored on the run row). */
  window: DayRange;
  /** Chunks in the order they are fetched: previously missing days first, then oldest to newest. */
  chunks: DayRange[];
  /** Every planned day, in chunk order. */
  days: Day[];
  /** The previously missing days this run retries. */
  retried: Day[];
  /** Requested days older than the provider's history (`historyDays`): left as stored, never replaced. */
  outOfReach: Day[];
  /** True when the run starts at or before the account's complete-through day, so it may advance it. */
  advancesCompleteness: boolean;
};

/** Complete days a scheduled or manual run re-reads before today: the provider's delay, at least two days. */
export function lookbackDays(dataDelayHours: number): number {
  return Math.max(MIN_LOOKBACK_DAYS, Math.ceil(dataDelayHours / 24) + 1);
}

/** Groups days into maximal runs of consecutive days, each split into chunks of at most `size` days. */
export function chunkDays(days: readonly Day[], size: number): DayRange[] {
  const sorted = [...new Set(days)].sort();
  const chunks: DayRange[] = [];
  let start: Day | undefined;
  let end: Day | undefined;
  const flush = () => {
    if (start !== undefined && end !== undefined) chunks.push(...splitDayRange({ start, end }, size));
  };
  for (const day of sorted) {
    if (end === day) end = addDays(day, 1);
    else {
      flush();
      start = day;
      end = addDays(day, 1);
    }
  }
  flush();
  return chunks;
}

/** The main window of a run before missing days are added. */
function mainWindow(input: SyncPlanInput): DayRange {
  const end = addDays(input.today, 1); // today is included: partial, and re-read by later runs
  if (input.window) return input.window;
  const backfillStart = addDays(input.today, -input.backfillDays);
  if (input.trigger === 'link') return { start: backfillStart, end };
  const lookbackStart = addDays(input.today, -lookbackDays(input.capabilities.dataDelayHours));
  // Never completed (the backfill failed or never ran): do the backfill. Otherwise close any gap
  // left while no sync ran, back to the last complete day.
  const from = input.dataCompleteThrough ?? backfillStart;
  return { start: from < lookbackStart ? from : lookbackStart, end };
}

/**
 * Plans a run (DESIGN.md §5): the link backfill, or the trailing look-back sized to the
 * provider's data delay (plus any gap since the last complete day), with the days the previous
 * run missed retried first; split into chunks of at most the adapter's `maxDaysPerCall` (and
 * the engine's cap). A chunk is the unit of atomicity: its days are replaced together once all
 * of its records have arrived.
 */
export function planSync(input: SyncPlanInput): SyncPlan {
  const size = Math.max(1, Math.min(input.capabilities.maxDaysPerCall, input.maxChunkDays ?? DEFAULT_MAX_CHUNK_DAYS));
  const main = mainWindow(input);
  const reachable = (day: Day) =>
    input.capabilities.historyDays === undefined || day >= addDays(input.today, -input.capabilities.historyDays);
  const requested = [...new Set([...input.previouslyMissing, ...eachDay(main)])];
  const outOfReach = requested.filter((day) => !reachable(day)).sort();
  const retried = [...new Set(input.previouslyMissing)].filter(reachable).sort();
  const retriedSet = new Set(retried);
  const rest = eachDay(main).filter((day) => reachable(day) && !retriedSet.has(day));
  const chunks = [...chunkDays(retried, size), ...chunkDays(rest, size)];
  const days = chunks.flatMap(eachDay);
  const sorted = [...days].sort();
  const window =
    sorted.length > 0
      ? { start: sorted[0]!, end: addDays(sorted[sorted.length - 1]!, 1) }
      : { start: main.start, end: main.start };
  const advancesCompleteness =
    input.window === undefined && (input.dataCompleteThrough === null || main.start <= input.dataCompleteThrough);
  return { window, chunks, days, retried, outOfReach, advancesCompleteness };
}

/**
 * The account's new complete-through day after a run: the first day the run left missing, or
 * the end of its window, but never past the days the provider still revises (its data delay).
 * Runs that do not start at the previous complete-through day (explicit windows) leave it alone.
 */
export function nextCompleteThrough(
  plan: SyncPlan,
  missingDays: readonly Day[],
  now: Date,
  dataDelayHours: number,
  current: Day | null,
): Day | null {
  if (!plan.advancesCompleteness) return current;
  const settled = dayOf(new Date(now.getTime() - dataDelayHours * 3_600_000));
  const firstMissing = [...missingDays].sort()[0];
  const reached = firstMissing ?? plan.window.end;
  return reached < settled ? reached : settled;
}

/**
 * The plan cut to the days a credential can read (`VerifyResult.readableDays`: today and that
 * many complete days before it). Days before `firstReadable` move to `outOfReach`: a run leaves
 * them as stored instead of replacing them with nothing.
 */
export function narrowPlan(plan: SyncPlan, firstReadable: Day): SyncPlan {
  const readable = (day: Day) => day >= firstReadable;
  const days = plan.days.filter(readable);
  if (days.length === plan.days.length) return plan;
  const sorted = [...days].sort();
  const window =
    sorted.length > 0
      ? { start: sorted[0]!, end: addDays(sorted[sorted.length - 1]!, 1) }
      : { start: firstReadable, end: firstReadable };
  const chunks = plan.chunks.flatMap((chunk) => chunkDays(eachDay(chunk).filter(readable), 100_000));
  const outOfReach = [...new Set([...plan.outOfReach, ...plan.days.filter((day) => !readable(day))])].sort();
  return { ...plan, window, chunks, days, retried: plan.retried.filter(readable), outOfReach };
}

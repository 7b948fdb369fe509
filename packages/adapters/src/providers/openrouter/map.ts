import {
  ZERO,
  createCostRecord,
  isDay,
  parseMoney,
  rangeContains,
  type CostRecord,
  type Day,
  type DayRange,
  type Money,
} from '@spendsync/domain';
import { AdapterError } from '../../errors';
import type { ActivityRow, ApiKey } from './raw';

/** One (day, model) cell of activity, summed over the provider endpoints that served it. */
export type ActivityUsage = {
  cost: Money;
  requests: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
};

/** Activity of one day, by model. */
export type DayUsage = Map<string, ActivityUsage>;

/** What a record says about its key. */
export type KeyRef = { id: string; name: string | null; hint: string | null; workspaceId: string | null };

/** A key's usage of one day, for {@link mapActivityDay}. */
export type KeyedUsage = { key: KeyRef; usage: DayUsage };

const invalid = (message: string) => new AdapterError('openrouter', 'INVALID_RESPONSE', `OpenRouter: ${message}`);

function readCount(value: number | string | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw invalid(`activity field ${field} is not a count (${String(value).slice(0, 20)})`);
  return n;
}

// Unknown stays unknown: a sum with one unreported part is not a count of the whole.
const addCount = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
const subCount = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

function addUsage(a: ActivityUsage, b: ActivityUsage): ActivityUsage {
  return {
    cost: a.cost.add(b.cost),
    requests: addCount(a.requests, b.requests),
    inputTokens: addCount(a.inputTokens, b.inputTokens),
    outputTokens: addCount(a.outputTokens, b.outputTokens),
  };
}

/** The UTC day of an activity row (`2026-01-05`, tolerated with a time part). */
export function activityDay(row: ActivityRow): Day {
  const day = row.date.slice(0, 10);
  if (!isDay(day)) throw invalid(`activity row has no readable date (${row.date.slice(0, 30)})`);
  return day;
}

/**
 * Sums activity rows by day and model (rows are per provider endpoint, so one model can have
 * several a day). `usage` is what OpenRouter charged; BYOK upstream cost is not OpenRouter spend.
 * Rows dated outside `range`, when given, are dropped.
 */
export function sumActivity(rows: readonly ActivityRow[], range?: DayRange): Map<Day, DayUsage> {
  const days = new Map<Day, DayUsage>();
  for (const row of rows) {
    const day = activityDay(row);
    if (range && !rangeContains(range, day)) continue;
    const model = row.model || row.model_permaslug || 'unknown';
    const usage: ActivityUsage = {
      cost: parseMoney(row.usage),
      requests: readCount(row.requests, 'requests'),
      inputTokens: readCount(row.prompt_tokens, 'prompt_tokens'),
      outputTokens: readCount(row.completion_tokens, 'completion_tokens'),
    };
    const models = days.get(day) ?? new Map<string, ActivityUsage>();
    const known = models.get(model);
    models.set(model, known ? addUsage(known, usage) : usage);
    days.set(day, models);
  }
  return days;
}

/** How a listed key appears on records. */
export function toKeyRef(key: ApiKey): KeyRef {
  return { id: key.hash, name: key.name ?? null, hint: key.label ?? null, workspaceId: key.workspace_id || null };
}

function toRecord(day: Day, model: string, usage: ActivityUsage, key: KeyRef | null): CostRecord {
  return createCostRecord({
    provider: 'openrouter',
    day,
    workspaceId: key?.workspaceId ?? null,
    apiKeyId: key?.id ?? null,
    apiKeyHint: key?.hint ?? null,
    apiKeyName: key?.name ?? null,
    model,
    chargeKind: 'usage',
    cost: usage.cost,
    // Activity has no cached-token field: unknown, not zero.
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    requests: usage.requests,
  });
}

const EMPTY: ActivityUsage = { cost: ZERO, requests: 0, inputTokens: 0, outputTokens: 0 };
const isNothing = (u: ActivityUsage) =>
  u.cost.isZero() && [u.requests, u.inputTokens, u.outputTokens].every((n) => n === null || n === 0);

/**
 * One day's records. With per-key usage, each key gets its own records and whatever the account
 * total holds beyond them (deleted keys, keys not queried) goes to a record without a key, so
 * the day sums to the account's total and nothing is counted twice. Without per-key usage the
 * account totals are the records. `warnings` reports totals smaller than their keyed parts.
 */
export function mapActivityDay(
  day: Day,
  totals: DayUsage,
  keyed: readonly KeyedUsage[],
): { records: CostRecord[]; warnings: string[] } {
  const records: CostRecord[] = [];
  const warnings: string[] = [];
  const attributed = new Map<string, ActivityUsage>();
  for (const { key, usage } of keyed) {
    for (const [model, u] of usage) {
      records.push(toRecord(day, model, u, key));
      attributed.set(model, addUsage(attributed.get(model) ?? EMPTY, u));
    }
  }
  for (const model of new Set([...totals.keys(), ...attributed.keys()])) {
    const total = totals.get(model) ?? EMPTY;
    const parts = attributed.get(model) ?? EMPTY;
    const rest: ActivityUsage = {
      cost: total.cost.sub(parts.cost),
      requests: subCount(total.requests, parts.requests),
      inputTokens: subCount(total.inputTokens, parts.inputTokens),
      outputTokens: subCount(total.outputTokens, parts.outputTokens),
    };
    const negative =
      rest.cost.isNegative() || [rest.requests, rest.inputTokens, rest.outputTokens].some((n) => n !== null && n < 0);
    if (negative)
      warnings.push(
        `${day} ${model}: the account total is smaller than the sum of its keys; the difference is kept so the day still sums to the account total`,
      );
    const fixed = {
      ...rest,
      requests: nonNegative(rest.requests),
      inputTokens: nonNegative(rest.inputTokens),
      outputTokens: nonNegative(rest.outputTokens),
    };
    if (!isNothing(fixed)) records.push(toRecord(day, model, fixed, null));
  }
  return { records, warnings };
}

// A negative count cannot be stored; the cost difference is kept, the count becomes unknown.
const nonNegative = (n: number | null) => (n !== null && n < 0 ? null : n);

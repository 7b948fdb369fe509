import { isDay, type Day } from '@spendsync/domain';
import { AdapterError } from '../../errors';
import { NO_METRICS, addMetrics, readMetrics, type Metrics } from './metrics';
import type { DailyActivityPage, DailyResult } from './raw';

/** A key's part of one model's day. */
export type KeyActivity = { metrics: Metrics; alias: string | null; teamId: string | null };

/** One model's day: its total, and the keys the proxy broke it down into (none on old proxies). */
export type ModelActivity = { total: Metrics; keys: Map<string, KeyActivity> };

/** One day of `/user/daily/activity`, merged over every page that held part of it. */
export type DayActivity = { day: Day; total: Metrics; models: Map<string, ModelActivity> };

const invalid = (message: string) => new AdapterError('litellm', 'INVALID_RESPONSE', `LiteLLM: ${message}`);

/** Reads one `results[]` entry. A missing day total is taken as the sum of its models. */
export function readDailyResult(result: DailyResult): DayActivity {
  const day = result.date.slice(0, 10);
  if (!isDay(day)) throw invalid(`a daily activity result has no readable date (${result.date.slice(0, 30)})`);
  const models = new Map<string, ModelActivity>();
  for (const [model, entry] of Object.entries(result.breakdown?.models ?? {})) {
    const keys = new Map<string, KeyActivity>();
    for (const [hash, key] of Object.entries(entry.api_key_breakdown ?? {})) {
      keys.set(hash, {
        metrics: readMetrics(key.metrics),
        alias: key.metadata?.key_alias ?? null,
        teamId: key.metadata?.team_id ?? null,
      });
    }
    models.set(model, { total: readMetrics(entry.metrics), keys });
  }
  const total = result.metrics
    ? readMetrics(result.metrics)
    : [...models.values()].reduce((sum, m) => addMetrics(sum, m.total), NO_METRICS);
  return { day, total, models };
}

/** Adds `part` (the same day from another page) into `into`. */
export function mergeDay(into: DayActivity, part: DayActivity): DayActivity {
  const models = new Map(into.models);
  for (const [model, entry] of part.models) {
    const known = models.get(model);
    if (!known) {
      models.set(model, entry);
      continue;
    }
    const keys = new Map(known.keys);
    for (const [hash, key] of entry.keys) {
      const seen = keys.get(hash);
      keys.set(
        hash,
        seen
          ? {
              ...seen,
              metrics: addMetrics(seen.metrics, key.metrics),
              alias: seen.alias ?? key.alias,
              teamId: seen.teamId ?? key.teamId,
            }
          : key,
      );
    }
    models.set(model, { total: addMetrics(known.total, entry.total), keys });
  }
  return { day: into.day, total: addMetrics(into.total, part.total), models };
}

/**
 * Turns paged daily activity into complete days. The proxy pages over its daily spend rows
 * (ordered newest day first), so one day can be split across pages; a day is complete once a
 * page reaches an older day. A day seen again after it was completed means the pages were not
 * in date order, which would count twice, so it is an error.
 */
export async function* completeDays(pages: AsyncIterable<DailyActivityPage>): AsyncGenerator<DayActivity[]> {
  const open = new Map<Day, DayActivity>();
  const done = new Set<Day>();
  for await (const page of pages) {
    let oldest: Day | undefined;
    for (const result of page.results) {
      const part = readDailyResult(result);
      if (done.has(part.day))
        throw invalid(
          `the daily activity pages are not in date order (${part.day} came back on a later page); stopped so nothing is counted twice`,
        );
      const known = open.get(part.day);
      open.set(part.day, known ? mergeDay(known, part) : part);
      if (oldest === undefined || part.day < oldest) oldest = part.day;
    }
    if (oldest === undefined) continue;
    const ready = [...open.values()].filter((d) => d.day > (oldest as Day));
    for (const d of ready) {
      open.delete(d.day);
      done.add(d.day);
    }
    if (ready.length > 0) yield ready;
  }
  if (open.size > 0) yield [...open.values()];
}

import {
  createCostRecord,
  dayOf,
  formatCents,
  parseMoney,
  rangeContains,
  type CostRecord,
  type Day,
  type DayRange,
} from '@spendsync/domain';
import type { KeyInfo } from './raw';

/**
 * What a standard OpenRouter key can honestly give (`GET /key`, saas-apis.md §3.1): its own
 * running totals for the current UTC day (`usage_daily`), week and month, its lifetime usage,
 * and its spending limit. None of that is split by model, and once a UTC day is over `/key` can
 * no longer say what the day came to. So a standard key syncs one record a day: the key's spend
 * so far today, replaced by every sync that day; a past day keeps the figure of that day's last
 * sync (the engine leaves days before today as stored, see `readableDays`).
 */

/** The model name of a standard key's records: `/key` has no model breakdown. */
export const STANDARD_KEY_MODEL = 'all models (standard key)';

/** Why a standard key syncs so little, and what a management key adds; shown before and after linking. */
export const STANDARD_KEY_MESSAGE =
  'A standard OpenRouter key only reports its own running totals (today, this week, this month) and its limit, not daily cost ' +
  "per model: spendsync records this key's spend for the current UTC day as it grows (a past day keeps the figure of its last " +
  'sync), with no model breakdown, and nothing before the day it was linked. OpenRouter keeps daily activity for only the last ' +
  '30 days. Add a management key (openrouter.ai → Settings → Management Keys) to sync exact daily cost per model and per API key ' +
  'for those 30 days, and the key list.';

const usd = (value: number | string | null | undefined): string | null =>
  value === null || value === undefined ? null : `$${formatCents(parseMoney(value))}`;

/** The key's usage and limit as one sentence, e.g. "Key sk-or-v1-0fa...240: $0.01 today, $0.65 this month; no limit." */
export function describeKeyUsage(info: KeyInfo): string {
  const used = [
    [info.usage_daily, 'today'],
    [info.usage_weekly, 'this week'],
    [info.usage_monthly, 'this month'],
    [info.usage, 'in total'],
  ]
    .map(([value, when]) => (usd(value) ? `${usd(value)} ${when}` : null))
    .filter(Boolean)
    .join(', ');
  const limit =
    info.limit === null || info.limit === undefined
      ? 'no spending limit'
      : `limit ${usd(info.limit)}${info.limit_reset ? ` (resets ${info.limit_reset})` : ''}, ${usd(info.limit_remaining) ?? 'unknown'} remaining`;
  return `Key ${info.label ?? '(no label)'}: ${used || 'no usage reported'}; ${limit}.`;
}

/**
 * The standard key's record for today when `range` holds today (UTC): its spend so far today,
 * on the key itself (its label is the only id `/key` gives). Even $0 is a record: the key did
 * report it. Null when `range` does not reach today or `/key` sent no daily usage.
 */
export function mapStandardKeyDay(info: KeyInfo, range: DayRange, now: Date): CostRecord | null {
  const today: Day = dayOf(now);
  if (!rangeContains(range, today) || info.usage_daily === null || info.usage_daily === undefined) return null;
  const label = info.label || 'standard key';
  // /key counts no tokens or requests: they stay unknown, not zero.
  return createCostRecord({
    provider: 'openrouter',
    day: today,
    apiKeyId: `key:${label}`,
    apiKeyHint: info.label ?? null,
    model: STANDARD_KEY_MODEL,
    chargeKind: 'usage',
    cost: parseMoney(info.usage_daily),
  });
}

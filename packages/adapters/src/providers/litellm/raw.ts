import { z } from 'zod';

// Only the fields the adapter reads; unknown fields are ignored. LiteLLM's proxy changes fast
// (the daily-activity metrics gained savings and latency fields through 2025-2026), so nearly
// everything is optional and numbers are also accepted as text.

const ZAmount = z.union([z.number(), z.string()]);
const ZCount = z.union([z.number(), z.string()]).nullish();

/** `SpendMetrics` of `common_daily_activity.py`: spend in USD (float), counts. */
export const ZSpendMetrics = z.object({
  spend: ZAmount.nullish(),
  prompt_tokens: ZCount,
  completion_tokens: ZCount,
  cache_read_input_tokens: ZCount,
  cache_creation_input_tokens: ZCount,
  api_requests: ZCount,
});
export type SpendMetrics = z.infer<typeof ZSpendMetrics>;

/** What the proxy knows about a key in spend data (also for deleted keys). */
export const ZKeyMetadata = z.object({
  key_alias: z.string().nullish(),
  team_id: z.string().nullish(),
  user_id: z.string().nullish(),
});

export const ZKeyMetric = z.object({ metrics: ZSpendMetrics, metadata: ZKeyMetadata.nullish() });
export type KeyMetric = z.infer<typeof ZKeyMetric>;

/** A model of `breakdown.models`; `api_key_breakdown` is missing on older proxies. */
export const ZModelMetric = z.object({
  metrics: ZSpendMetrics,
  api_key_breakdown: z.record(z.string(), ZKeyMetric).nullish(),
});

/** One `results[]` entry: a day (or, on a paged answer, the part of a day on this page). */
export const ZDailyResult = z.object({
  date: z.string(),
  metrics: ZSpendMetrics.nullish(),
  breakdown: z.object({ models: z.record(z.string(), ZModelMetric).nullish() }).nullish(),
});
export type DailyResult = z.infer<typeof ZDailyResult>;

/** `GET /user/daily/activity`. Paging fields are absent on proxies that answer in one piece. */
export const ZDailyActivity = z.object({
  results: z.array(ZDailyResult),
  metadata: z
    .object({
      page: z.number().nullish(),
      total_pages: z.number().nullish(),
      has_more: z.boolean().nullish(),
    })
    .nullish(),
});
export type DailyActivityPage = z.infer<typeof ZDailyActivity>;

/** A `GET /key/list` entry: the full key row, or only its hash when not asked for full objects. */
export const ZKeyRow = z.union([
  z.string(),
  z.object({
    /** SHA-256 of the key: the `api_key` of spend data. */
    token: z.string().nullish(),
    /** The shortened key, e.g. `sk-...Xy12`. */
    key_name: z.string().nullish(),
    key_alias: z.string().nullish(),
    team_id: z.string().nullish(),
    user_id: z.string().nullish(),
    blocked: z.boolean().nullish(),
  }),
]);
export type KeyRow = z.infer<typeof ZKeyRow>;

export const ZKeyList = z.object({
  keys: z.array(ZKeyRow),
  current_page: z.number().nullish(),
  total_pages: z.number().nullish(),
});

/** `GET /global/spend/report?group_by=team` (Enterprise): per day, per team, per (model, key). */
export const ZTeamReport = z.array(
  z.object({
    group_by_day: z.string(),
    teams: z
      .array(
        z.object({
          team_name: z.string().nullish(),
          metadata: z.array(z.object({ model: z.string().nullish(), api_key: z.string().nullish() })).nullish(),
        }),
      )
      .nullish(),
  }),
);
export type TeamReport = z.infer<typeof ZTeamReport>;

/** `ProxyException`: `{"error":{"message","type","param","code"}}`, `code` a string such as `"401"`. */
export const ZProxyError = z.object({
  error: z.object({
    message: z.string().nullish(),
    type: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
  }),
});

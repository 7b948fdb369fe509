import { z } from 'zod';

// Only the fields the adapter reads. Unknown fields are ignored (zod strips them) and most
// fields are optional: OpenRouter's responses gained fields through 2025-2026.

/** A USD amount: a JSON number in every spec revision, tolerated as decimal text too. */
const ZAmount = z.union([z.number(), z.string()]);
/** A count; analytics endpoints sometimes send counts as text, so activity is read the same way. */
const ZCount = z.union([z.number(), z.string()]).nullish();

/** `GET /key`: describes the calling key (any key type). */
export const ZKeyInfo = z.object({
  data: z.object({
    label: z.string().nullish(),
    /** USD, lifetime; `usage_daily/_weekly/_monthly` are running totals of the current UTC day, week (from Monday), month. */
    usage: ZAmount.nullish(),
    usage_daily: ZAmount.nullish(),
    usage_weekly: ZAmount.nullish(),
    usage_monthly: ZAmount.nullish(),
    /** The key's spending limit in USD (null: none), what is left of it, and when it resets (daily|weekly|monthly|null). */
    limit: ZAmount.nullish(),
    limit_remaining: ZAmount.nullish(),
    limit_reset: z.string().nullish(),
    is_management_key: z.boolean().nullish(),
    /** Deprecated name of `is_management_key`, still sent. */
    is_provisioning_key: z.boolean().nullish(),
  }),
});
export type KeyInfo = z.infer<typeof ZKeyInfo>['data'];

/** `GET /credits` (management key): lifetime credits bought and used, in USD. */
export const ZCredits = z.object({
  data: z.object({ total_credits: ZAmount, total_usage: ZAmount }),
});
export type Credits = z.infer<typeof ZCredits>['data'];

/** One `GET /activity` row: one (day, model, provider endpoint). */
export const ZActivityRow = z.object({
  date: z.string(),
  model: z.string().nullish(),
  model_permaslug: z.string().nullish(),
  /** USD charged by OpenRouter (for BYOK requests: only OpenRouter's fee). */
  usage: ZAmount,
  requests: ZCount,
  prompt_tokens: ZCount,
  completion_tokens: ZCount,
});
export type ActivityRow = z.infer<typeof ZActivityRow>;

export const ZActivity = z.object({ data: z.array(ZActivityRow) });

/** One key of `GET /keys` (management key). */
export const ZApiKey = z.object({
  /** 64-hex id; the `api_key_hash` filter of `/activity`. */
  hash: z.string().min(1),
  name: z.string().nullish(),
  /** A hint such as `sk-or-v1-abc...123`, never the secret. */
  label: z.string().nullish(),
  disabled: z.boolean().nullish(),
  /** Lifetime USD used by the key. */
  usage: ZAmount.nullish(),
  created_at: z.string().nullish(),
  workspace_id: z.string().nullish(),
});
export type ApiKey = z.infer<typeof ZApiKey>;

export const ZKeysPage = z.object({ data: z.array(ZApiKey) });

/** `{"error":{"code":int,"message":str,"metadata":{}|null}}`. */
export const ZErrorBody = z.object({
  error: z.object({
    code: z.union([z.number(), z.string()]).nullish(),
    message: z.string().nullish(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
  }),
});

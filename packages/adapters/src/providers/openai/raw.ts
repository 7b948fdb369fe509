import { z } from 'zod';

// The fields of OpenAI's Admin API (Usage, Costs, projects, keys) we rely on. Unknown fields
// are dropped by zod; nearly everything is optional, since the API has grown fields over time.

const count = z.number().int().nonnegative().nullish();

/** One `organization.costs.result`: an amount for a (project, line item) in a bucket. */
export const ZCostsResult = z.object({
  amount: z.object({
    /** Dollars, sent as a JSON number (read through its shortest text, so exactly as written). */
    value: z.union([z.number(), z.string()]),
    currency: z.string(),
  }),
  line_item: z.string().nullish(),
  project_id: z.string().nullish(),
  api_key_id: z.string().nullish(),
  quantity: z.number().nullish(),
  quantity_unit: z.string().nullish(),
});
export type CostsResult = z.infer<typeof ZCostsResult>;

/**
 * One usage result (completions, embeddings or images). Only the fields of the endpoint it came
 * from are set; group fields are null unless grouped by them.
 */
export const ZUsageResult = z.object({
  project_id: z.string().nullish(),
  api_key_id: z.string().nullish(),
  model: z.string().nullish(),
  /** All input tokens, cached and cache-write included. */
  input_tokens: count,
  output_tokens: count,
  input_cached_tokens: count,
  input_cache_write_tokens: count,
  num_model_requests: count,
  /** Images endpoint. */
  images: count,
  size: z.string().nullish(),
  source: z.string().nullish(),
});
export type UsageResult = z.infer<typeof ZUsageResult>;

/** A time bucket of results; `start_time`/`end_time` are unix seconds. */
function bucketOf<T extends z.ZodType>(result: T) {
  return z.object({ start_time: z.number().int(), end_time: z.number().int(), results: z.array(result) });
}

/** A page of buckets with OpenAI's `next_page` cursor. */
function pageOf<T extends z.ZodType>(result: T) {
  return z.object({
    data: z.array(bucketOf(result)),
    has_more: z.boolean().nullish(),
    next_page: z.string().nullish(),
  });
}

export const ZCostsPage = pageOf(ZCostsResult);
export type CostsPage = z.infer<typeof ZCostsPage>;
export type CostsBucket = CostsPage['data'][number];

export const ZUsagePage = pageOf(ZUsageResult);
export type UsagePage = z.infer<typeof ZUsagePage>;
export type UsageBucket = UsagePage['data'][number];

/** `organization.project`. */
export const ZProject = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  archived_at: z.number().nullish(),
  status: z.string().nullish(),
});
export type Project = z.infer<typeof ZProject>;

/** `organization.project.api_key`; `redacted_value` is OpenAI's own hint (`sk-abc...def`). */
export const ZProjectApiKey = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  redacted_value: z.string().nullish(),
  last_used_at: z.number().nullish(),
});
export type ProjectApiKey = z.infer<typeof ZProjectApiKey>;

/** A list page with the `after` = `last_id` cursor. */
function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), has_more: z.boolean().nullish(), last_id: z.string().nullish() });
}

export const ZProjectList = listOf(ZProject);
export type ProjectList = z.infer<typeof ZProjectList>;
export const ZProjectApiKeyList = listOf(ZProjectApiKey);
export type ProjectApiKeyList = z.infer<typeof ZProjectApiKeyList>;

/** The error envelope, or the bare-string form seen for missing scopes. */
export const ZErrorBody = z.object({
  error: z.union([
    z.string(),
    z.object({
      message: z.string().nullish(),
      type: z.string().nullish(),
      param: z.string().nullish(),
      code: z.string().nullish(),
    }),
  ]),
});
export type ErrorBody = z.infer<typeof ZErrorBody>;

import { z } from 'zod';

/*
 * The fields of Anthropic's Admin API we rely on (providers/saas-apis.md §2). Everything else
 * is ignored, and most fields are nullable because group fields are null unless grouped by.
 */

const id = z.string().min(1);
const count = z.number().int().nonnegative();
const optionalCount = count.nullish().transform((v) => v ?? 0);

/** `GET /v1/organizations/me`. */
export const ZOrganization = z.object({ id, name: z.string().nullish(), type: z.string().nullish() });
export type Organization = z.infer<typeof ZOrganization>;

/** One workspace of `GET /v1/organizations/workspaces`. */
export const ZWorkspace = z.object({ id, name: z.string().nullish(), archived_at: z.string().nullish() });
export type Workspace = z.infer<typeof ZWorkspace>;

/** One API key of `GET /v1/organizations/api_keys`; `workspace_id` null means the default workspace. */
export const ZApiKey = z.object({
  id,
  name: z.string().nullish(),
  partial_key_hint: z.string().nullish(),
  status: z.string().nullish(),
  workspace_id: z.string().nullish(),
});
export type ApiKey = z.infer<typeof ZApiKey>;

/** A listing paged with `after_id` (workspaces, API keys). */
export function listPage<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), has_more: z.boolean(), last_id: z.string().nullish() });
}
export const ZWorkspacesPage = listPage(ZWorkspace);
export const ZApiKeysPage = listPage(ZApiKey);
export type ListPage<T> = { data: T[]; has_more: boolean; last_id?: string | null };

/** One result of the messages usage report. There is no input total and no request count. */
export const ZUsageItem = z.object({
  uncached_input_tokens: optionalCount,
  cache_read_input_tokens: optionalCount,
  cache_creation: z
    .object({ ephemeral_1h_input_tokens: optionalCount, ephemeral_5m_input_tokens: optionalCount })
    .nullish()
    .transform((v) => v ?? { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 }),
  output_tokens: optionalCount,
  api_key_id: z.string().nullish(),
  workspace_id: z.string().nullish(),
  model: z.string().nullish(),
});
export type UsageItem = z.infer<typeof ZUsageItem>;

/** One cost report result. `amount` is a decimal string in **cents**. */
export const ZCostItem = z.object({
  amount: z.union([z.string(), z.number()]),
  currency: z.string().nullish(),
  workspace_id: z.string().nullish(),
  description: z.string().nullish(),
  cost_type: z.string().nullish(),
  model: z.string().nullish(),
  token_type: z.string().nullish(),
});
export type CostItem = z.infer<typeof ZCostItem>;

/** A time-bucketed report page; `next_page` is an opaque cursor. */
export function reportPage<T extends z.ZodType>(item: T) {
  const bucket = z.object({
    starting_at: z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'Expected an RFC 3339 time'),
    ending_at: z.string().nullish(),
    results: z.array(item),
  });
  return z.object({ data: z.array(bucket), has_more: z.boolean(), next_page: z.string().nullish() });
}
export const ZUsagePage = reportPage(ZUsageItem);
export const ZCostPage = reportPage(ZCostItem);
export type ReportPage<T> = {
  data: { starting_at: string; ending_at?: string | null; results: T[] }[];
  has_more: boolean;
  next_page?: string | null;
};

/** Anthropic's error envelope: `{"type":"error","error":{"type","message"},"request_id"}`. */
export const ZErrorBody = z.object({
  type: z.literal('error'),
  error: z.object({ type: z.string(), message: z.string() }),
  request_id: z.string().nullish(),
});
export type ErrorBody = z.infer<typeof ZErrorBody>;

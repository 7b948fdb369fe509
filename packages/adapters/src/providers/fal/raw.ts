import { isDay } from '@spendsync/domain';
import { z } from 'zod';

/*
 * The fields of fal's Platform API we rely on (providers/saas-apis.md §5). Unknown fields are
 * ignored and most fields are optional: the usage line grew `cost_subtotal`, `cost_discount` and
 * `cost_total` in 2026, and older responses carry only `cost`.
 */

/**
 * A USD float (or decimal text). Only checked here: the mapping reads the few amounts it uses
 * with `parseMoney`, exactly as written, which keeps large syncs fast.
 */
const ZAmount = z.union([z.number(), z.string().regex(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/)]);
/** An amount as fal sent it. */
export type FalAmount = z.infer<typeof ZAmount>;

/** One usage line: one endpoint, unit, price and discount within a time bucket. */
export const ZFalUsageLine = z
  .object({
    endpoint_id: z.string().min(1),
    /** The billing unit as fal names it (`image`, `megapixels`, `seconds`, …); kept verbatim. */
    unit: z.string().min(1).nullish(),
    quantity: ZAmount.nullish(),
    // unit_price and percent_discount explain a row but are not needed: rows are summed per unit.
    cost_subtotal: ZAmount.nullish(),
    cost_discount: ZAmount.nullish(),
    /** What is billed, after discounts. */
    cost_total: ZAmount.nullish(),
    /** Deprecated alias of `cost_total`; the only cost field in older responses. */
    cost: ZAmount.nullish(),
    currency: z
      .string()
      .nullish()
      .refine((c) => c === null || c === undefined || c.toUpperCase() === 'USD', {
        message: 'only USD amounts are supported',
      }),
  })
  .refine((l) => [l.cost_total, l.cost, l.cost_subtotal].some((v) => v !== null && v !== undefined), {
    message: 'usage line has no cost_total, cost or cost_subtotal',
  });
export type FalUsageLine = z.infer<typeof ZFalUsageLine>;

/** A time bucket; `bucket` is an ISO timestamp in the requested timezone with its offset. */
export const ZFalUsageBucket = z.object({
  bucket: z.string().refine((b) => isDay(b.slice(0, 10)), { message: 'bucket does not start with a YYYY-MM-DD day' }),
  results: z.array(ZFalUsageLine).nullish(),
});
export type FalUsageBucket = z.infer<typeof ZFalUsageBucket>;

/** `GET /v1/models/usage` with `expand=time_series`. */
export const ZFalUsagePage = z.object({
  time_series: z.array(ZFalUsageBucket).nullish(),
  next_cursor: z.string().nullish(),
  has_more: z.boolean().nullish(),
});
export type FalUsagePage = z.infer<typeof ZFalUsagePage>;

/** `GET /v1/account/billing?expand=credits`. */
export const ZFalBilling = z.object({
  username: z.string().nullish(),
  credits: z.object({ current_balance: ZAmount.nullish(), currency: z.string().nullish() }).nullish(),
});
export type FalBilling = z.infer<typeof ZFalBilling>;

/** One key of `GET /v1/keys`; the listing never holds a secret. */
export const ZFalKey = z.object({
  key_id: z.string().min(1),
  alias: z.string().nullish(),
  scope: z.string().nullish(),
  created_at: z.string().nullish(),
});
export type FalKey = z.infer<typeof ZFalKey>;

/** `GET /v1/keys`, cursor-paged. */
export const ZFalKeysPage = z.object({
  keys: z.array(ZFalKey),
  next_cursor: z.string().nullish(),
  has_more: z.boolean().nullish(),
});
export type FalKeysPage = z.infer<typeof ZFalKeysPage>;

/** fal's error envelope: `{"error":{"type","message","docs_url"?,"request_id"?}}`. */
export const ZFalErrorBody = z.object({
  error: z.object({ type: z.string(), message: z.string() }),
});
export type FalErrorBody = z.infer<typeof ZFalErrorBody>;

/** The cursor to follow, or null when fal says the listing is complete. */
export function nextFalCursor(page: { next_cursor?: string | null; has_more?: boolean | null }): string | null {
  return page.has_more === false ? null : (page.next_cursor ?? null);
}

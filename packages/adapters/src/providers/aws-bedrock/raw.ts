import { z } from 'zod';

/** One metric value: Cost Explorer sends amounts as decimal strings. */
export const ZCeMetric = z.object({ Amount: z.string().optional(), Unit: z.string().optional() });
export type CeMetric = z.infer<typeof ZCeMetric>;

/** One group of a grouped GetCostAndUsage result: `Keys` follow the request's GroupBy order. */
export const ZCeGroup = z.object({
  Keys: z.array(z.string()).optional(),
  Metrics: z.record(z.string(), ZCeMetric).optional(),
});
export type CeGroup = z.infer<typeof ZCeGroup>;

/** One time bucket (a day with DAILY granularity; `End` is exclusive). */
export const ZCeResultByTime = z.object({
  TimePeriod: z.object({ Start: z.string(), End: z.string().optional() }),
  Groups: z.array(ZCeGroup).nullish(),
  Estimated: z.boolean().optional(),
});
export type CeResultByTime = z.infer<typeof ZCeResultByTime>;

/** Attributes of a dimension value; for LINKED_ACCOUNT the account name ([inferred] key `description`). */
export const ZCeDimensionValueAttributes = z.object({
  Value: z.string().optional(),
  Attributes: z.record(z.string(), z.string()).optional(),
});

/** GetCostAndUsage output, the fields we rely on. */
export const ZGetCostAndUsageOutput = z.object({
  NextPageToken: z.string().nullish(),
  ResultsByTime: z.array(ZCeResultByTime).nullish(),
  DimensionValueAttributes: z.array(ZCeDimensionValueAttributes).nullish(),
});
export type GetCostAndUsageOutput = z.infer<typeof ZGetCostAndUsageOutput>;

/** GetDimensionValues output, the fields we rely on. */
export const ZGetDimensionValuesOutput = z.object({
  DimensionValues: z.array(
    z.object({ Value: z.string().optional(), Attributes: z.record(z.string(), z.string()).optional() }),
  ),
  NextPageToken: z.string().nullish(),
});
export type GetDimensionValuesOutput = z.infer<typeof ZGetDimensionValuesOutput>;

/** Cost Explorer's error body (awsJson 1.1): `__type` may carry a namespace, `Message` or `message`. */
export const ZCeErrorBody = z.object({
  __type: z.string(),
  Message: z.string().optional(),
  message: z.string().optional(),
});

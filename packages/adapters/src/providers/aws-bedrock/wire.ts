/**
 * The wire format of AWS Cost Explorer as the adapter speaks it: the zod schemas of raw.ts and the
 * other values client and server must agree on. The simulator imports them
 * (`@spendsync/adapters/wire/aws-bedrock`), so it cannot drift from what the adapter sends and parses.
 */
export {
  ZCeMetric,
  ZCeGroup,
  ZCeResultByTime,
  ZCeDimensionValueAttributes,
  ZGetCostAndUsageOutput,
  ZGetDimensionValuesOutput,
  ZCeErrorBody,
} from './raw';
export type { CeMetric, CeGroup, CeResultByTime, GetCostAndUsageOutput, GetDimensionValuesOutput } from './raw';

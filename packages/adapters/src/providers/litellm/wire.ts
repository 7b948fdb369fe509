/**
 * The wire format of LiteLLM as the adapter speaks it: the zod schemas of raw.ts and the other values
 * client and server must agree on. The simulator imports them (`@spendsync/adapters/wire/litellm`), so
 * it cannot drift from what the adapter sends and parses.
 */
export {
  ZSpendMetrics,
  ZKeyMetadata,
  ZKeyMetric,
  ZModelMetric,
  ZDailyResult,
  ZDailyActivity,
  ZKeyRow,
  ZKeyList,
  ZTeamReport,
  ZProxyError,
} from './raw';
export type { SpendMetrics, KeyMetric, DailyResult, DailyActivityPage, KeyRow, TeamReport } from './raw';

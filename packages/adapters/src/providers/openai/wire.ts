/**
 * The wire format of OpenAI as the adapter speaks it: the zod schemas of raw.ts and the other values
 * client and server must agree on. The simulator imports them (`@spendsync/adapters/wire/openai`), so
 * it cannot drift from what the adapter sends and parses.
 */
export {
  ZCostsResult,
  ZUsageResult,
  ZCostsPage,
  ZUsagePage,
  ZProject,
  ZProjectApiKey,
  ZProjectList,
  ZProjectApiKeyList,
  ZErrorBody,
} from './raw';
export type {
  CostsResult,
  UsageResult,
  CostsPage,
  CostsBucket,
  UsagePage,
  UsageBucket,
  Project,
  ProjectApiKey,
  ProjectList,
  ProjectApiKeyList,
  ErrorBody,
} from './raw';
export { COSTS_PAGE_LIMIT, USAGE_PAGE_LIMIT } from './client';

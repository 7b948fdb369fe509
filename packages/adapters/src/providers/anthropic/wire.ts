/**
 * The wire format of Anthropic as the adapter speaks it: the zod schemas of raw.ts and the other
 * values client and server must agree on. The simulator imports them
 * (`@spendsync/adapters/wire/anthropic`), so it cannot drift from what the adapter sends and parses.
 */
export {
  ZOrganization,
  ZWorkspace,
  ZApiKey,
  ZWorkspacesPage,
  ZApiKeysPage,
  ZUsageItem,
  ZCostItem,
  ZUsagePage,
  ZCostPage,
  ZErrorBody,
} from './raw';
export type { Organization, Workspace, ApiKey, ListPage, UsageItem, CostItem, ReportPage, ErrorBody } from './raw';

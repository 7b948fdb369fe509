import { z } from 'zod';
import type { DashboardFilter } from '../dashboards/dashboard-filter';

/**
 * What reconciliation narrows beyond the dashboards' filter (providers, workspaces, period,
 * search): provider accounts, API keys (spendsync ids) and models, each exact.
 */
export const ZReconciliationScope = z.object({
  providerAccountIds: z
    .array(z.uuid({ error: 'Not an account id' }))
    .max(100)
    .default([]),
  apiKeyIds: z
    .array(z.uuid({ error: 'Not an API key id' }))
    .max(500)
    .default([]),
  models: z.array(z.string().trim().min(1).max(300)).max(500).default([]),
});
export type ReconciliationScope = z.output<typeof ZReconciliationScope>;

/** The dashboards' filter plus the scope. */
export type ReconciliationFilter = { filter: DashboardFilter; scope: ReconciliationScope };

/** Fields the per-day series (and its CSV) sorts by; ties by day, ascending. */
export const RECONCILIATION_SORT_FIELDS = ['day', 'billed', 'credits', 'net', 'metered', 'gap'] as const;
export type ReconciliationSortField = (typeof RECONCILIATION_SORT_FIELDS)[number];

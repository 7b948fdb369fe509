/** The Overview's tabs, in order; each is a path segment (`/overview/api-keys`) and a CSV export name. */
export const OVERVIEW_TABS = ['providers', 'models', 'api-keys', 'workspaces'] as const;
export type OverviewTab = (typeof OVERVIEW_TABS)[number];

/** The path the Overview lives at; its tab is the next path segment (`/overview/models`). */
export const OVERVIEW_PATH = '/overview';

/**
 * The tab a page opened at `pathname` shows: on the Overview, its path segment (an unknown one
 * shows Providers, as the page does), and Providers on `/`, which leads there once a provider is
 * linked; null anywhere else.
 */
export function overviewTabAt(pathname: string): OverviewTab | null {
  if (pathname === '/' || pathname === OVERVIEW_PATH) return 'providers';
  if (!pathname.startsWith(`${OVERVIEW_PATH}/`)) return null;
  const segment = pathname.slice(OVERVIEW_PATH.length + 1).split('/')[0];
  return isOverviewTab(segment) ? segment : 'providers';
}

/** Tab labels. */
export const TAB_LABELS: Record<OverviewTab, string> = {
  providers: 'Providers',
  models: 'Models',
  'api-keys': 'API Keys',
  workspaces: 'Workspaces',
};

/**
 * Each dashboard's sort fields, as the API accepts them (dashboard-rows.ts there); a sort the tab
 * does not know is left out of its query and export rather than refused.
 */
export const SORT_FIELDS: Record<OverviewTab, readonly string[]> = {
  providers: [
    'spend',
    'previousSpend',
    'spendChange',
    'credits',
    'net',
    'previousNet',
    'netChange',
    'metered',
    'coverage',
    'provider',
    'label',
    'status',
    'lastSyncedAt',
    'dataCompleteThrough',
  ],
  models: [
    'cost',
    'previousCost',
    'costChange',
    'net',
    'credits',
    'inputTokens',
    'outputTokens',
    'cachedInputTokens',
    'requests',
    'averageTokensPerRequest',
    'costPerMillionTokens',
    'costPerUnit',
    'quantity',
    'provider',
    'model',
    'unit',
  ],
  'api-keys': [
    'cost',
    'previousCost',
    'costChange',
    'credits',
    'net',
    'inputTokens',
    'outputTokens',
    'tokens',
    'requests',
    'lastUsed',
    'lastUsedAt',
    'lastActiveDay',
    'provider',
    'hint',
    'name',
    'workspaceName',
  ],
  workspaces: [
    'cost',
    'previousCost',
    'costChange',
    'net',
    'previousNet',
    'netChange',
    'credits',
    'inputTokens',
    'outputTokens',
    'requests',
    'displayName',
  ],
};

/** True when `value` is a tab's path segment. */
export function isOverviewTab(value: string | undefined): value is OverviewTab {
  return (OVERVIEW_TABS as readonly (string | undefined)[]).includes(value);
}

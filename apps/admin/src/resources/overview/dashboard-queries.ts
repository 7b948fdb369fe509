/**
 * The GraphQL documents of the Overview and the shapes they return (apps/api/schema.graphql is
 * the contract). Decimals arrive as strings and stay strings; counts are numbers; null is unknown.
 */

/** A page of dashboard rows. */
export type DashboardPage<Row> = { total: number; rows: Row[] };

export type ProviderRow = {
  providerAccountId: string; provider: string; label: string;
  spend: string; previousSpend: string; spendChange: string | null;
  credits: string; previousCredits: string;
  net: string; previousNet: string; netChange: string | null;
  metered: string; coverage: string | null;
  status: string; lastError: string | null; dataCompleteThrough: string | null; expectedDelayHours: number;
  /** The current period reaches past the account's settled-through day (the provider may still revise those days). */
  includesProvisional: boolean; settledThrough: string | null;
};

export const PROVIDER_DASHBOARD = `query OverviewProviders($filter: DashboardFilterInput) {
  providerDashboard(filter: $filter) { total rows {
    providerAccountId provider label spend previousSpend spendChange credits previousCredits net previousNet netChange
    metered coverage status lastError dataCompleteThrough expectedDelayHours includesProvisional settledThrough } } }`;

export type ImageFigures = { count: string; costPerImage: string | null; cost: string; mix: Record<string, Record<string, number>> };

export type ModelRow = {
  modelId: string; provider: string; model: string; unit: string | null;
  cost: string; previousCost: string; costChange: string | null; credits: string; net: string;
  inputTokens: number | null; outputTokens: number | null; requests: number | null;
  averageTokensPerRequest: string | null; costPerMillionTokens: string | null; quantity: string | null; costPerUnit: string | null;
  isMostEfficient: boolean; images: ImageFigures | null;
};

export const MODEL_DASHBOARD = `query OverviewModels($filter: DashboardFilterInput) {
  modelDashboard(filter: $filter) { total rows {
    modelId provider model unit cost previousCost costChange credits net inputTokens outputTokens requests
    averageTokensPerRequest costPerMillionTokens quantity costPerUnit isMostEfficient
    images { count costPerImage cost mix } } } }`;

/** All of the filter's models (up to 500) for the Most Efficient Model and image cards. */
export const MODEL_INSIGHTS = `query OverviewModelInsights($filter: DashboardFilterInput) {
  modelDashboard(filter: $filter) { total rows {
    modelId provider model unit cost costPerMillionTokens isMostEfficient images { count costPerImage cost mix } } } }`;

export type ApiKeyRow = {
  apiKeyId: string | null; externalId: string; providerAccountId: string; provider: string;
  hint: string | null; name: string | null; workspaceExternalId: string | null; workspaceName: string | null;
  cost: string; previousCost: string; costChange: string | null; net: string;
  inputTokens: number | null; outputTokens: number | null; requests: number | null;
  lastUsedAt: string | null; lastActiveDay: string | null;
  hasMeteredTraffic: boolean; isUninstrumented: boolean; isIdle: boolean;
};

export const API_KEY_DASHBOARD = `query OverviewApiKeys($filter: DashboardFilterInput) {
  apiKeyDashboard(filter: $filter) { total rows {
    apiKeyId externalId providerAccountId provider hint name workspaceExternalId workspaceName cost previousCost costChange net
    inputTokens outputTokens requests lastUsedAt lastActiveDay hasMeteredTraffic isUninstrumented isIdle } } }`;

export type WorkspaceMember = {
  workspaceId: string | null; providerAccountId: string; provider: string; externalId: string | null; providerName: string | null;
  cost: string; previousCost: string; net: string;
};

export type WorkspaceRow = {
  displayName: string | null; providers: string[];
  cost: string; previousCost: string; costChange: string | null; credits: string; net: string; netChange: string | null;
  inputTokens: number | null; outputTokens: number | null; requests: number | null;
  members: WorkspaceMember[];
};

export const WORKSPACE_DASHBOARD = `query OverviewWorkspaces($filter: DashboardFilterInput) {
  workspaceDashboard(filter: $filter) { total rows {
    displayName providers cost previousCost costChange credits net netChange inputTokens outputTokens requests
    members { workspaceId providerAccountId provider externalId providerName cost previousCost net } } } }`;

/** `provisional`: the bucket includes a day the provider may still revise (absent in older answers). */
export type CostPoint = { bucket: string; key: string; cost: string; net: string; provisional?: boolean };

export const COST_SERIES = `query OverviewCostSeries($filter: DashboardFilterInput, $groupBy: SeriesDimension, $granularity: SeriesGranularity, $apiKey: ApiKeyRefInput) {
  costSeries(filter: $filter, groupBy: $groupBy, granularity: $granularity, apiKey: $apiKey) { bucket key cost net provisional } }`;

export type NameChange = { id: string; oldName: string | null; newName: string | null; changedBy: string | null; changedAt: string };

export type WorkspaceDetail = {
  id: string; provider: string; externalId: string; providerName: string | null; customName: string | null; displayName: string;
  nameHistory: NameChange[];
};

export const WORKSPACE_DETAIL = `query OverviewWorkspace($id: ID!) {
  workspace(id: $id) { id provider externalId providerName customName displayName
    nameHistory { id oldName newName changedBy changedAt } } }`;

export const RENAME_WORKSPACE = `mutation OverviewRenameWorkspace($id: ID!, $name: String!) {
  renameWorkspace(id: $id, name: $name) { id displayName } }`;

export const REVERT_WORKSPACE_NAME = `mutation OverviewRevertWorkspaceName($historyEntryId: ID!) {
  revertWorkspaceName(historyEntryId: $historyEntryId) { id displayName } }`;

export const MAP_WORKSPACES = `mutation OverviewMapWorkspaces($displayName: String!, $workspaceIds: [ID!]!) {
  mapWorkspaces(displayName: $displayName, workspaceIds: $workspaceIds) { id displayName } }`;

export const UNMAP_WORKSPACE = `mutation OverviewUnmapWorkspace($id: ID!) {
  unmapWorkspace(id: $id) { id displayName } }`;

/**
 * The GraphQL documents of the Overview and the shapes they return (apps/api/schema.graphql is
 * the contract). Decimals and counts arrive as strings and stay strings (a count can pass 2^53);
 * null is unknown: credits and net are null where the provider does not report credits.
 */
import type { AccountAttention } from '../../data-provider/records';

/** The period a page shows and the one it is compared with (`comparison`: how that was chosen). */
export type DashboardPeriod = {
  start: string;
  end: string;
  previousStart: string;
  previousEnd: string;
  comparison: 'CALENDAR' | 'EQUAL_LENGTH';
};

/** A page of dashboard rows; `period` when the document asks for it. */
export type DashboardPage<Row> = { total: number; rows: Row[]; period?: DashboardPeriod };

const PERIOD = 'period { start end previousStart previousEnd comparison }';

export type ProviderRow = {
  providerAccountId: string;
  provider: string;
  label: string;
  spend: string;
  previousSpend: string;
  spendChange: string | null;
  credits: string | null;
  previousCredits: string | null;
  net: string | null;
  previousNet: string | null;
  netChange: string | null;
  /** Refunds already out of spend, and the part of credits that is discounts (with their kinds). */
  refunds: string;
  discounts: string;
  discountKinds: string[];
  /** Spend as billed, when the account is billed in another currency than USD. */
  billingCurrency: string | null;
  billingAmount: string | null;
  metered: string;
  coverage: string | null;
  status: string;
  lastError: string | null;
  dataCompleteThrough: string | null;
  expectedDelayHours: number;
  /** Needs attention although syncs succeed (see ProviderAccount.attention). */
  attention: AccountAttention[];
  /** The current period reaches past the account's settled-through day (the provider may still revise those days). */
  includesProvisional: boolean;
  settledThrough: string | null;
};

/** Metered spend of a provider that matched no synced key (belongs to no account). */
export type UnattributedMetered = { provider: string; metered: string };

/** The Providers page: accounts plus metered spend no account can claim. */
export type ProviderPage = DashboardPage<ProviderRow> & { unattributedMetered: UnattributedMetered[] };

export const PROVIDER_DASHBOARD = `query OverviewProviders($filter: DashboardFilterInput) {
  providerDashboard(filter: $filter) { total rows {
    providerAccountId provider label spend previousSpend spendChange credits previousCredits net previousNet netChange
    refunds discounts discountKinds billingCurrency billingAmount metered coverage status lastError dataCompleteThrough expectedDelayHours
    includesProvisional settledThrough attention { kind message fix } }
    unattributedMetered { provider metered } ${PERIOD} } }`;

export type ImageFigures = {
  count: string;
  costPerImage: string | null;
  cost: string;
  mix: Record<string, Record<string, number>>;
};

export type ModelRow = {
  modelId: string;
  provider: string;
  model: string;
  unit: string | null;
  cost: string;
  previousCost: string;
  costChange: string | null;
  credits: string | null;
  net: string | null;
  inputTokens: string | null;
  outputTokens: string | null;
  requests: string | null;
  averageTokensPerRequest: string | null;
  costPerMillionTokens: string | null;
  quantity: string | null;
  costPerUnit: string | null;
  isMostEfficient: boolean;
  images: ImageFigures | null;
  /** The current period includes a day the provider may still revise. */
  includesProvisional: boolean;
};

export const MODEL_DASHBOARD = `query OverviewModels($filter: DashboardFilterInput) {
  modelDashboard(filter: $filter) { total rows {
    modelId provider model unit cost previousCost costChange credits net inputTokens outputTokens requests
    averageTokensPerRequest costPerMillionTokens quantity costPerUnit isMostEfficient includesProvisional
    images { count costPerImage cost mix } } ${PERIOD} } }`;

/** One provider's image figures over every matching row. */
export type ProviderImages = ImageFigures & { provider: string };

/** The Models cards, computed by the API over every row the filter matches. */
export type ModelInsights = {
  mostEfficientTokenModel: Pick<ModelRow, 'modelId' | 'provider' | 'model' | 'costPerMillionTokens'> | null;
  images: ProviderImages[];
};

export const MODEL_INSIGHTS = `query OverviewModelInsights($filter: DashboardFilterInput) {
  modelInsights(filter: $filter) { mostEfficientTokenModel { modelId provider model costPerMillionTokens }
    images { provider count costPerImage cost mix } } }`;

/** A key, or (isUnattributed, externalId null) an account's spend with no key, with `note` saying why. */
export type ApiKeyRow = {
  apiKeyId: string | null;
  externalId: string | null;
  isUnattributed: boolean;
  note: string | null;
  providerAccountId: string;
  provider: string;
  hint: string | null;
  name: string | null;
  workspaceExternalId: string | null;
  workspaceName: string | null;
  cost: string;
  previousCost: string;
  costChange: string | null;
  credits: string | null;
  net: string | null;
  inputTokens: string | null;
  outputTokens: string | null;
  requests: string | null;
  lastUsedAt: string | null;
  lastActiveDay: string | null;
  hasMeteredTraffic: boolean;
  isUninstrumented: boolean;
  isIdle: boolean;
  /** The current period includes a day the provider may still revise. */
  includesProvisional: boolean;
};

export const API_KEY_DASHBOARD = `query OverviewApiKeys($filter: DashboardFilterInput) {
  apiKeyDashboard(filter: $filter) { total rows {
    apiKeyId externalId isUnattributed note providerAccountId provider hint name workspaceExternalId workspaceName cost previousCost costChange
    credits net inputTokens outputTokens requests lastUsedAt lastActiveDay hasMeteredTraffic isUninstrumented isIdle includesProvisional } ${PERIOD} } }`;

export type WorkspaceMember = {
  workspaceId: string | null;
  providerAccountId: string;
  provider: string;
  externalId: string | null;
  providerName: string | null;
  cost: string;
  previousCost: string;
  net: string | null;
};

export type WorkspaceRow = {
  displayName: string | null;
  providers: string[];
  cost: string;
  previousCost: string;
  costChange: string | null;
  credits: string | null;
  net: string | null;
  netChange: string | null;
  inputTokens: string | null;
  outputTokens: string | null;
  requests: string | null;
  members: WorkspaceMember[];
  /** The current period includes a day the provider may still revise. */
  includesProvisional: boolean;
};

export const WORKSPACE_DASHBOARD = `query OverviewWorkspaces($filter: DashboardFilterInput) {
  workspaceDashboard(filter: $filter) { total rows {
    displayName providers cost previousCost costChange credits net netChange inputTokens outputTokens requests includesProvisional
    members { workspaceId providerAccountId provider externalId providerName cost previousCost net } } ${PERIOD} } }`;

/** `provisional`: the bucket includes a day the provider may still revise (absent in older answers). */
export type CostPoint = { bucket: string; key: string; cost: string; net: string | null; provisional?: boolean };

export const COST_SERIES = `query OverviewCostSeries($filter: DashboardFilterInput, $groupBy: SeriesDimension, $granularity: SeriesGranularity, $apiKey: ApiKeyRefInput) {
  costSeries(filter: $filter, groupBy: $groupBy, granularity: $granularity, apiKey: $apiKey) { bucket key cost net provisional } }`;

export type NameChange = {
  id: string;
  oldName: string | null;
  newName: string | null;
  changedBy: string | null;
  changedAt: string;
};

export type WorkspaceDetail = {
  id: string;
  provider: string;
  externalId: string;
  providerName: string | null;
  customName: string | null;
  displayName: string;
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

import { buildBedrockInfo, buildProviderInfo } from '../../../test/builders';
import type { ApiKeyRow, ModelRow, ProviderRow, WorkspaceMember, WorkspaceRow } from '../dashboard-queries';

/** A Providers dashboard row (every field the admin selects), OpenAI by default. */
export function buildProviderRow(overrides: Partial<ProviderRow> = {}): ProviderRow {
  return {
    providerAccountId: 'acc-openai',
    provider: 'OPENAI',
    label: 'OpenAI main',
    spend: '100',
    previousSpend: '80',
    spendChange: '25',
    credits: '10',
    previousCredits: '0',
    net: '90',
    previousNet: '80',
    netChange: '12.5',
    metered: '50',
    coverage: '0.5',
    refunds: '0',
    discounts: '0',
    discountKinds: [],
    billingCurrency: null,
    billingAmount: null,
    status: 'ACTIVE',
    lastError: null,
    dataCompleteThrough: '2025-06-10',
    expectedDelayHours: 2,
    attention: [],
    includesProvisional: false,
    settledThrough: '2025-06-09',
    ...overrides,
  };
}

/** A Models dashboard token row. */
export function buildModelRow(overrides: Partial<ModelRow> = {}): ModelRow {
  return {
    modelId: 'openai:gpt-4o',
    provider: 'OPENAI',
    model: 'gpt-4o',
    unit: null,
    cost: '2',
    previousCost: '1',
    costChange: '100',
    credits: null,
    net: null,
    inputTokens: '600000',
    outputTokens: '150000',
    requests: '150',
    averageTokensPerRequest: '5000',
    costPerMillionTokens: '2.666666',
    quantity: null,
    costPerUnit: null,
    isMostEfficient: false,
    images: null,
    includesProvisional: false,
    ...overrides,
  };
}

/** An API Keys dashboard row. */
export function buildApiKeyRow(overrides: Partial<ApiKeyRow> = {}): ApiKeyRow {
  return {
    apiKeyId: 'key-1',
    externalId: 'key_a',
    isUnattributed: false,
    note: null,
    providerAccountId: 'acc-openai',
    provider: 'OPENAI',
    hint: 'sk-proj-Aa1...aaaa',
    name: 'backend',
    workspaceExternalId: 'proj_web',
    workspaceName: 'Web',
    cost: '2',
    previousCost: '2.5',
    costChange: '-20',
    credits: null,
    net: null,
    inputTokens: '600000',
    outputTokens: '150000',
    requests: '150',
    lastUsedAt: null,
    lastActiveDay: '2025-06-06',
    hasMeteredTraffic: true,
    isUninstrumented: false,
    isIdle: false,
    includesProvisional: false,
    ...overrides,
  };
}

/** A member workspace of a Workspaces row. */
export function buildMember(overrides: Partial<WorkspaceMember> = {}): WorkspaceMember {
  return {
    workspaceId: 'ws-1',
    providerAccountId: 'acc-openai',
    provider: 'OPENAI',
    externalId: 'proj_web',
    providerName: 'Web app',
    cost: '2',
    previousCost: '1',
    net: '2',
    ...overrides,
  };
}

/** A Workspaces dashboard row with one member by default. */
export function buildWorkspaceRow(overrides: Partial<WorkspaceRow> = {}): WorkspaceRow {
  return {
    displayName: 'Web',
    providers: ['OPENAI'],
    cost: '2',
    previousCost: '1',
    costChange: '100',
    credits: '0',
    net: '2',
    netChange: '100',
    inputTokens: '600000',
    outputTokens: '150000',
    requests: '150',
    members: [buildMember()],
    includesProvisional: false,
    ...overrides,
  };
}

/** The period of a page: the last 30 days to 2025-06-11, compared with the 30 days before. */
export const PAGE_PERIOD = {
  start: '2025-05-12',
  end: '2025-06-11',
  previousStart: '2025-04-12',
  previousEnd: '2025-05-12',
  comparison: 'EQUAL_LENGTH',
};

/**
 * A page of rows as the dashboards return it, with its period (and the Providers page's list
 * of unattributed metered spend, which other pages ignore).
 */
export const page = <Row>(rows: Row[], total = rows.length) => ({
  total,
  rows,
  period: PAGE_PERIOD,
  unattributedMetered: [],
});

/** The providers query the Overview tabs share: OpenAI reports no credits, AWS Bedrock does. */
export const overviewProviders = () => [
  buildProviderInfo({ reportsCredits: false }),
  { ...buildBedrockInfo(), reportsCredits: true, reportsRequests: false },
];

/** An anomaly row as the Overview's anomalies query returns it: an open spike on gpt-4o at OpenAI. */
export const buildAnomalyRow = (overrides: Record<string, unknown> = {}) => ({
  id: 'a1',
  level: 'MODEL',
  provider: 'OPENAI',
  seriesKey: 'gpt-4o',
  day: '2025-06-08',
  kind: 'SPIKE',
  status: 'OPEN',
  ...overrides,
});

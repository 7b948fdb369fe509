import type { Day, DecimalText, Money, ProviderId } from '@spendsync/domain';
import type { ProviderAccountStatus } from '../provider-accounts/provider-account.entity';
import type { AccountAttention } from '../provider-accounts/account-attention';

/**
 * Row types of the dashboards. Money and ratios are exact decimals (`Money`); counts are
 * bigints (sums can pass 2^53); anything unknown is null, never 0: credits (and the net that
 * depends on them) are null where the provider does not report credits (`CREDIT_PROVIDERS`). Every `xChange` is the percent change from
 * `previousX` to `x` (`percentChange`: null when the previous figure is 0 or unknown).
 */

/**
 * The money figures of one measure over the period and the one before (`Compared<'spend'>` is
 * `spend`, `previousSpend`, `spendChange`); `Known` is `null` for a measure that can be unknown.
 */
export type Compared<Name extends string, Known extends null = never> = { [K in Name]: Money | Known } & {
  [K in `previous${Capitalize<Name>}`]: Money | Known;
} & { [K in `${Name}Change`]: Money | null };

/**
 * The money figures the Models, API keys and Workspaces rows share (the Providers row has the
 * same figures named spend, credits and net): billed cost, and credits and net (cost − credits),
 * null where the provider does not report credits.
 */
export type CostFigures = Compared<'cost'> & { credits: Money | null; net: Money | null };

/** Token and request counts summed over the current period; null when the provider reports none. */
export type UsageFigures = { inputTokens: bigint | null; outputTokens: bigint | null; requests: bigint | null };

/** Whether a row sums records of an account whose current period reaches past its settled-through day (issue 16). */
export type ProvisionalFigures = { includesProvisional: boolean };

/** A page of rows and how many rows match the filter in all. */
export type DashboardPage<Row> = { rows: Row[]; total: number };

/** Image figures of an image-generating model (OpenAI images, `unit = 'images'`). */
export type ImageFigures = {
  /** Images generated in the period. */
  count: Money;
  costPerImage: Money | null;
  /** Total cost of the images (equals the row's `cost`). */
  cost: Money;
  /**
   * Image counts by the dimensions the provider reports, summed over the period. OpenAI reports
   * `size` and `source` (e.g. `{ size: { '1024x1024': 12 }, source: { 'image.generation': 12 } }`),
   * never quality; a `quality` key appears only for a provider whose records carry it.
   */
  mix: Record<string, Record<string, number>>;
};

/** One linked provider account. Key: `providerAccountId`. */
export type ProviderDashboardRow = {
  providerAccountId: string;
  provider: ProviderId;
  label: string;
  /*
   * spend: billed (list) cost, before credits. credits: null where the provider does not report
   * credits (not captured, not zero). net: spend − credits, what the invoice says (null with
   * credits). metered: cost the applications reported themselves (0 when none reported).
   * includesProvisional: the current period reaches past `settledThrough`.
   */
} & Compared<'spend'> &
  Compared<'credits', null> &
  Compared<'net', null> &
  Compared<'metered'> &
  ProvisionalFigures & {
    /** Refunds in the period, already subtracted from spend (AWS `Refund` records); 0 when none. */
    refunds: Money;
    /** The part of credits that is discounts (AWS `EdpDiscount`, `BundledDiscount`…), and their kinds. */
    discounts: Money;
    discountKinds: string[];
    /** When all of the period's spend was billed in one currency other than USD: that currency and the billed amount. */
    billingCurrency: string | null;
    billingAmount: Money | null;
    /** metered ÷ spend (`coverageRatio`); null when nothing positive was billed. */
    coverage: Money | null;
    previousCoverage: Money | null;
    status: ProviderAccountStatus;
    /** The last sync error (free of secrets), shown with status `error`. */
    lastError: string | null;
    /** What needs an admin although syncs do not fail (see `accountAttention`). */
    attention: AccountAttention[];
    lastSyncedAt: Date | null;
    /** Days before this one are stored completely. */
    dataCompleteThrough: Day | null;
    /** The provider's usual delay before a day is complete (adapter capability). */
    expectedDelayHours: number;
    /** Every read day before this one is settled (domain `isDaySettled`). */
    settledThrough: Day | null;
  };

/** Units whose rows carry {@link ImageFigures}. */
export const IMAGE_UNITS: readonly string[] = ['images', 'image'];

/**
 * One model of one provider in one unit: `unit` null is the token row (measured by token counts,
 * and where credits and fees without a unit land); otherwise the unit of its quantity (`images`,
 * `seconds`, `credits`…). Key: (`modelId`, `unit`).
 */
export type ModelDashboardRow = {
  /** `provider:model`, the id of the GraphQL `Model` entity. */
  modelId: string;
  provider: ProviderId;
  model: string;
  unit: string | null;
} & CostFigures &
  UsageFigures &
  ProvisionalFigures & {
    cachedInputTokens: bigint | null;
    /** (input + output tokens of records with a request count) ÷ requests; null when requests are unknown or 0. */
    averageTokensPerRequest: Money | null;
    /** Token rows only: cost ÷ (input + output tokens) × 1,000,000. */
    costPerMillionTokens: Money | null;
    /** Units summed over the period (unit rows only). */
    quantity: Money | null;
    /** Unit rows only: cost ÷ quantity. */
    costPerUnit: Money | null;
    /** Lowest positive cost per 1M tokens among token rows, or lowest positive cost per unit among rows of its unit. */
    isMostEfficient: boolean;
    /** Set for image rows (unit in {@link IMAGE_UNITS}), null otherwise. */
    images: ImageFigures | null;
  };

/**
 * One API key, or an account's spend tied to no key (`isUnattributed`, `externalId` null), so the
 * rows add up to the bill. Key: (`providerAccountId`, `externalId`).
 */
export type ApiKeyDashboardRow = {
  /** The `ApiKey` entity id; null when the key is only known from cost records. */
  apiKeyId: string | null;
  /** The provider's id for the key; null in the row of spend with no key. */
  externalId: string | null;
  /** The account's spend the provider reported without a key. */
  isUnattributed: boolean;
  /** Why a row has no key (set for unattributed rows only). */
  note: string | null;
  providerAccountId: string;
  provider: ProviderId;
  hint: string | null;
  name: string | null;
  workspaceExternalId: string | null;
  /** The workspace's display name. */
  workspaceName: string | null;
} & CostFigures &
  UsageFigures &
  ProvisionalFigures & {
    cachedInputTokens: bigint | null;
    previousRequests: bigint | null;
    /** When the provider says the key was last used (directory), if it says. */
    lastUsedAt: Date | null;
    /** The last day with usage (cost, tokens or requests) in the current or previous period. */
    lastActiveDay: Day | null;
    /** Any metered usage (matched by key id or hint) in the period. */
    hasMeteredTraffic: boolean;
    /** Billed spend in the period but no metered traffic. */
    isUninstrumented: boolean;
    /** Zero requests in the period, where the provider reports requests. */
    isIdle: boolean;
  };

/** A workspace that is part of a display-name row. */
export type WorkspaceMember = {
  /** The `Workspace` entity id; null when the workspace is only known from cost records. */
  workspaceId: string | null;
  providerAccountId: string;
  provider: ProviderId;
  /** Null in the row of spend without a workspace. */
  externalId: string | null;
  providerName: string | null;
  cost: Money;
  previousCost: Money;
  /** Null where the provider does not report credits. */
  net: Money | null;
};

/** All workspaces shown under one display name, across providers. Key: `displayName`. */
export type WorkspaceDashboardRow = {
  /**
   * Admin's name (a rename or a shared mapping), else the provider's name, else its id; null for
   * spend not tied to any workspace (account-level charges, providers without workspaces).
   */
  displayName: string | null;
  providers: ProviderId[];
  /** `credits` and `net` are null unless every member's provider reports credits (a partial sum would pass for a whole one). */
} & CostFigures &
  UsageFigures &
  ProvisionalFigures & {
    previousNet: Money | null;
    netChange: Money | null;
    members: WorkspaceMember[];
  };

/** One point of a cost-over-time series. */
export type CostSeriesPoint = {
  /** First day of the bucket (the Monday for weeks). */
  bucket: Day;
  /** Provider id, `provider:model`, or workspace display name. */
  key: string;
  /** Amounts as canonical decimal text: a series is only printed, and a year of it is ~10,000 amounts. */
  cost: DecimalText;
  /** Null unless every provider in the point reports credits. */
  credits: DecimalText | null;
  net: DecimalText | null;
  /** The bucket includes a day that is not settled for one of its accounts. */
  provisional: boolean;
};

/** Fields each dashboard sorts on; the first is the default (descending). */
export const PROVIDER_SORT_FIELDS = [
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
] as const;
export const MODEL_SORT_FIELDS = [
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
] as const;
export const API_KEY_SORT_FIELDS = [
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
] as const;
export const WORKSPACE_SORT_FIELDS = [
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
] as const;
export type ProviderSortField = (typeof PROVIDER_SORT_FIELDS)[number];
export type ModelSortField = (typeof MODEL_SORT_FIELDS)[number];
export type ApiKeySortField = (typeof API_KEY_SORT_FIELDS)[number];
export type WorkspaceSortField = (typeof WORKSPACE_SORT_FIELDS)[number];

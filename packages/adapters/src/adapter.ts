import type { CostRecord, DayRange, Money, ProviderId } from '@spendsync/domain';
import type { z } from 'zod';
import type { Logger } from './logger';
import type { RetryPolicy } from './http';

/** What a provider can tell us; the UI and the sync engine read these instead of guessing. */
export type AdapterCapabilities = {
  /** True when the provider reports request counts; false means `requests` is always null. */
  readonly requestCounts: boolean;
  /** True when credits are captured into `creditsApplied`. */
  readonly credits: boolean;
  /** Non-token units the adapter can report (`images`, `seconds`, `megapixels`, `credits`…). */
  readonly units: readonly string[];
  /** True when cost is reported (or allocated) per API key. */
  readonly perKeyCost: boolean;
  /** The provider's usual delay before a day's data is complete, in hours. Syncs re-read this much. */
  readonly dataDelayHours: number;
  /** The largest day window one call may cover; longer windows are split by the caller or adapter. */
  readonly maxDaysPerCall: number;
  /**
   * How many complete days before today the provider can still serve (OpenRouter's activity: 30).
   * Older days come back empty, so a sync never replaces them: what is stored stays. Absent: no limit.
   */
  readonly historyDays?: number;
};

/** What `verify` learned about the credential. */
export type VerifyResult = {
  /** The organization or account name, when the provider tells it. */
  readonly accountName?: string | null;
  /** `full`: everything the adapter can sync; `limited`: only part of it (see `message`). */
  readonly detail: 'full' | 'limited';
  /** A sentence for the user, e.g. what a management key would add. */
  readonly message?: string;
  /**
   * Set when this credential can read only today and the `readableDays` complete days before it
   * (an OpenRouter standard key: 0). A sync leaves older days as stored instead of replacing
   * them with nothing. Absent: the provider's `historyDays` applies.
   */
  readonly readableDays?: number;
};

/** A workspace (project, linked account, resource) as the provider lists it. */
export type WorkspaceRef = {
  readonly id: string;
  readonly name: string | null;
  readonly archived?: boolean;
};

/** An API key as the provider lists it; `hint` is never the full secret. */
export type ApiKeyRef = {
  readonly id: string;
  readonly workspaceId: string | null;
  readonly name: string | null;
  readonly hint: string | null;
  readonly status?: string | null;
  readonly lastUsedAt?: Date | null;
};

/**
 * A prepaid credit balance as the provider reports it, in USD (credits converted at the provider's
 * rate). `granted` and `used` are null when the provider reports only what is left.
 */
export type CreditBalance = {
  readonly remaining: Money;
  readonly granted: Money | null;
  readonly used: Money | null;
};

/** One provider account's billing data, normalized. Never touches the database. */
export type BillingAdapter = {
  readonly provider: ProviderId;
  readonly capabilities: AdapterCapabilities;
  /** One cheap authenticated call; wrong key types fail with CREDENTIAL_REJECTED. */
  verify(signal?: AbortSignal): Promise<VerifyResult>;
  /**
   * Normalized records for days in [range.start, range.end), yielded a page at a time. Pages may
   * hold records of any day in the range, but a (grain) never repeats across the whole stream.
   */
  listCostRecords(range: DayRange, signal?: AbortSignal): AsyncIterable<CostRecord[]>;
  /** Optional capability: workspaces the provider lists. */
  listWorkspaces?(signal?: AbortSignal): Promise<WorkspaceRef[]>;
  /** Optional capability: API keys the provider lists. */
  listApiKeys?(signal?: AbortSignal): Promise<ApiKeyRef[]>;
  /**
   * Optional capability: the account's prepaid credit balance now (OpenRouter's `/credits`, Runway's
   * organization). Null when this credential cannot read it (an OpenRouter standard key).
   */
  readBalance?(signal?: AbortSignal): Promise<CreditBalance | null>;
};

/** What an adapter is given besides its credentials. Everything with side effects comes in here. */
export type AdapterDeps = {
  /** HTTP client (global fetch in production, the same pointed at a simulator in tests). */
  readonly fetch: typeof fetch;
  /** Overrides the provider's endpoint (a simulator, a proxy). For SDK adapters: the SDK endpoint. */
  readonly baseUrl?: string;
  /** The clock. */
  readonly now: () => Date;
  /** Where the adapter logs; it must already be safe to print (adapters redact their own secrets too). */
  readonly logger: Logger;
  /** Retry/backoff settings; tests shorten them. */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Provider-specific seams for SDK adapters (an injected auth client, TLS CA for a simulator…).
   * Each SDK adapter documents the keys it reads.
   */
  readonly sdk?: Readonly<Record<string, unknown>>;
};

/** One provider as the registry knows it. */
export type ProviderDefinition<C> = {
  readonly id: ProviderId;
  readonly label: string;
  /** Validates raw credentials (the rules live in `@spendsync/domain`). */
  readonly credentials: z.ZodType<C>;
  readonly capabilities: AdapterCapabilities;
  /** Builds an adapter; must not make any call. */
  create(credentials: C, deps: AdapterDeps): BillingAdapter;
};

import type { Day, DayRange, Money, ProviderId } from '@spendsync/domain';
import type { AdapterDeps } from '../adapter';
import type { FaultController } from './fault-spec';

/** One request the simulator received (for "every route was called" checks). */
export type SimCall = { method: string; path: string; status: number };

/** The exact totals a simulator served for a range, computed from its generated data. */
export type GroundTruth = {
  /** Sum of billed cost (USD), refunds included. */
  cost: Money;
  /** Sum of credits applied (positive USD). */
  credits: Money;
};

/** Size and seed of the generated organization; every simulator reads what applies to it. */
export type SimulatorOptions = {
  /** Seed of the generated data; the same seed serves the same data. */
  seed?: number;
  /** First day with data. Default: 2026-01-01. */
  start?: Day;
  /** Number of days with data. Default: 31. */
  days?: number;
  /** Workspaces / projects / linked accounts. */
  workspaces?: number;
  /** API keys per workspace. */
  keysPerWorkspace?: number;
  /** Models (or endpoints, SKUs, meters). */
  models?: number;
  /** Fraction (0–1) of (key, model, day) cells with usage; default provider-specific. */
  density?: number;
  /**
   * Most items (buckets, rows, keys) one page holds, below the provider's own maximum, so a small
   * organization still spans several pages. The contract suite sets 2. Default: the provider's limit.
   */
  pageSize?: number;
  /**
   * An injected anomaly: on `day`, the first workspace's first key uses the first model `factor`
   * times as much as on a usual day (the middle of its daily range, not that day's own draw, which
   * can be tiny), so anomaly detection has a known spike and driver whatever the day.
   * Honoured by the OpenAI simulator; the others ignore it.
   */
  spike?: { day: Day; factor: number };
  host?: string;
  port?: number;
};

/** One route a simulator serves (control routes excluded), for the "every route was called" check. */
export type SimRoute = {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Matches the request path (without query). */
  readonly path: RegExp;
};

/**
 * A running simulator of one provider, as the contract suite and the CLI use it. The simulators
 * themselves live in `@spendsync/simulators`; this is what the adapters' contract asks of them.
 */
export type ProviderSimulator = {
  readonly provider: ProviderId;
  readonly url: string;
  /** The range of days the generated organization has data for. */
  readonly dataRange: DayRange;
  /** Credentials (as a user enters them) that the simulator accepts. */
  readonly credentials: Record<string, unknown>;
  /** Well-formed credentials the simulator does not know: the provider's 401. */
  readonly invalidCredentials: Record<string, unknown>;
  /** A valid key of the wrong type: refused by our credential rules or by the provider's own error. */
  readonly wrongTypeCredentials: Record<string, unknown>;
  /** Deps that point an adapter at this simulator (base URL, SDK seams). */
  adapterDeps(): Partial<AdapterDeps>;
  groundTruth(range: DayRange): GroundTruth;
  /**
   * The prepaid credit balance the simulator serves (USD), for providers that report one: granted
   * (null when not reported) less what the generated usage spent. Null: these credentials cannot read it.
   */
  balance?(): { remaining: Money; granted: Money | null; used: Money | null } | null;
  readonly faults: FaultController;
  readonly calls: readonly SimCall[];
  /**
   * Every route the simulator serves. A full sync (verify, list workspaces and keys when the adapter
   * can, list records) must call each one, so the simulator serves nothing the adapter ignores.
   */
  readonly routes: readonly SimRoute[];
  close(): Promise<void>;
};

/** Starts one provider's simulator. */
export type SimulatorFactory = (options?: SimulatorOptions) => Promise<ProviderSimulator>;

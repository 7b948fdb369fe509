/**
 * Faults a simulator can inject, so adapters are tested against the failures real providers
 * produce. Counted faults apply to the next `count` matching requests, then clear.
 */
export type FaultSpec = {
  /** Answer 429 with the provider's error body and `Retry-After: retryAfterSeconds` (omit the header with null). */
  rateLimit?: { count: number; retryAfterSeconds?: number | null };
  /** Answer with a 5xx (default 503) and the provider's error body. */
  serverError?: { count: number; status?: number };
  /** Answer 200 with a body that is not valid JSON. */
  malformed?: { count: number };
  /** Delay every matching response by this many ms. */
  slowMs?: number;
  /** Listing endpoints always report another page (a new cursor each time). */
  endlessCursor?: boolean;
  /** Only requests whose path (without query) matches this regular expression. */
  path?: RegExp;
  /** Requests to skip before counted faults start (e.g. fail the 3rd page, not the 1st). */
  after?: number;
};

/** The live fault settings of one simulator. */
export type FaultController = {
  /** Replaces the current faults. */
  set(spec: FaultSpec): void;
  /** Removes all faults. */
  clear(): void;
  readonly current: Readonly<FaultSpec>;
};

import type { FaultController, FaultSpec } from '@spendsync/adapters/testing';

// What a test may ask for (FaultSpec) belongs to the adapters' contract; this file is how a
// simulator server keeps and applies it.
export type { FaultController, FaultSpec };

/** What the server should do for one request. */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'rate-limit'; retryAfterSeconds: number | null }
  | { kind: 'server-error'; status: number }
  | { kind: 'malformed' };

export type FaultState = FaultController & {
  /** Consumes one matching fault for a request to `path`. */
  decide(path: string): FaultDecision;
  /** Delay to apply to a request to `path`. */
  delayFor(path: string): number;
  /** True when endless paging is on for `path`. */
  isEndless(path: string): boolean;
};

export function createFaultState(): FaultState {
  let spec: FaultSpec = {};
  let skipped = 0;
  const matches = (path: string) => !spec.path || spec.path.test(path);
  return {
    set(next) {
      spec = { ...next };
      skipped = 0;
    },
    clear() {
      spec = {};
      skipped = 0;
    },
    get current() {
      return spec;
    },
    decide(path) {
      if (!matches(path)) return { kind: 'none' };
      if ((spec.rateLimit || spec.serverError || spec.malformed) && skipped < (spec.after ?? 0)) {
        skipped++;
        return { kind: 'none' };
      }
      if (spec.rateLimit && spec.rateLimit.count > 0) {
        spec.rateLimit = { ...spec.rateLimit, count: spec.rateLimit.count - 1 };
        const r = spec.rateLimit.retryAfterSeconds;
        return { kind: 'rate-limit', retryAfterSeconds: r === undefined ? 1 : r };
      }
      if (spec.serverError && spec.serverError.count > 0) {
        spec.serverError = { ...spec.serverError, count: spec.serverError.count - 1 };
        return { kind: 'server-error', status: spec.serverError.status ?? 503 };
      }
      if (spec.malformed && spec.malformed.count > 0) {
        spec.malformed = { count: spec.malformed.count - 1 };
        return { kind: 'malformed' };
      }
      return { kind: 'none' };
    },
    delayFor: (path) => (matches(path) ? (spec.slowMs ?? 0) : 0),
    isEndless: (path) => matches(path) && spec.endlessCursor === true,
  };
}

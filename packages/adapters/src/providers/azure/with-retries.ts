import { AdapterError } from '../../errors';
import { backoffDelay, sleep, type RetryPolicy } from '../../http';
import type { Logger } from '../../logger';

/** Options of {@link createAzureRetrier}. */
export type AzureRetrierOptions = {
  policy: RetryPolicy;
  logger: Logger;
  /** Turns whatever an attempt threw into an AdapterError (may probe, hence async). */
  classify(error: unknown, signal?: AbortSignal): Promise<AdapterError>;
};

/** Runs SDK calls with per-attempt timeouts, abort, and retries of RATE_LIMITED / UPSTREAM_UNAVAILABLE. */
export type AzureRetrier = {
  run<T>(what: string, attempt: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
};

const aborted = () => new AdapterError('azure', 'ABORTED', 'Azure: the request was aborted');

/**
 * Our retry loop around the SDKs (whose own retries are off): a 429 waits for the provider's
 * largest retry-after (failing at once when it exceeds `maxRetryAfterMs`), a 5xx or network
 * error backs off with jitter, and everything else fails at the first attempt.
 */
export function createAzureRetrier(options: AzureRetrierOptions): AzureRetrier {
  const { policy, logger } = options;
  return {
    async run(what, attempt, signal) {
      for (let n = 1; ; n++) {
        if (signal?.aborted) throw aborted();
        const timeout = AbortSignal.timeout(policy.timeoutMs);
        let error: AdapterError;
        try {
          return await attempt(signal ? AbortSignal.any([signal, timeout]) : timeout);
        } catch (thrown) {
          if (signal?.aborted) throw aborted();
          error = timeout.aborted
            ? new AdapterError('azure', 'UPSTREAM_UNAVAILABLE', `Azure: no answer to the ${what} within ${policy.timeoutMs} ms`)
            : await options.classify(thrown, signal);
        }
        if (!error.retryable || n >= policy.maxAttempts) throw error;
        if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) throw error;
        const delay = error.retryAfterMs ?? backoffDelay(n, policy);
        logger.warn(`Azure: ${error.code} on the ${what}, retry ${n}/${policy.maxAttempts - 1} in ${Math.round(delay)} ms`, { status: error.status });
        try {
          await sleep(delay, signal);
        } catch {
          throw aborted();
        }
      }
    },
  };
}

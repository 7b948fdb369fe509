import type { ProviderId } from '@spendsync/domain';
import { AdapterError } from './errors';
import { backoffDelay, sleep as defaultSleep, type RetryPolicy } from './http';
import { redactSecrets, type Logger } from './logger';

/** How one SDK adapter retries and classifies its SDK calls (the SDK's own retries are off). */
export type SdkCallOptions = {
  provider: ProviderId;
  /** Human name used in messages, e.g. "AWS Bedrock". */
  label: string;
  policy: RetryPolicy;
  logger: Logger;
  /** Every secret value, so none can reach a message or a log line. */
  secrets: readonly string[];
  /**
   * Turns whatever the SDK threw into an AdapterError (message already prefixed with the label);
   * it may be async, e.g. to probe which credential value is wrong. Retryable codes
   * (RATE_LIMITED, UPSTREAM_UNAVAILABLE) are retried; `retryAfterMs` is honoured.
   */
  classify(error: unknown, signal?: AbortSignal): AdapterError | Promise<AdapterError>;
  /** Waits; tests may replace it. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** Re-creates an AdapterError with secrets removed from its message. */
function scrub(error: AdapterError, secrets: readonly string[]): AdapterError {
  const message = redactSecrets(error.message, secrets);
  if (message === error.message) return error;
  return new AdapterError(error.provider, error.code, message, {
    status: error.status,
    retryAfterMs: error.retryAfterMs,
  });
}

class AttemptTimeout extends Error {}

/**
 * Runs `call` once, bounded by the per-attempt timeout and the caller's signal. SDKs that ignore
 * an AbortSignal still return promptly: the race settles and the late answer is dropped.
 */
async function attempt<T>(
  call: (signal: AbortSignal) => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
): Promise<T> {
  const timeout = AbortSignal.timeout(policy.timeoutMs);
  const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(combined.reason);
    combined.addEventListener('abort', onAbort, { once: true });
  });
  const running = call(combined);
  running.catch(() => undefined); // a call that loses the race must not become an unhandled rejection
  try {
    return await Promise.race([running, aborted]);
  } catch (error) {
    // Whatever the SDK threw after our deadline passed is a consequence of the deadline.
    if (timeout.aborted && !signal?.aborted) throw new AttemptTimeout();
    throw error;
  } finally {
    if (onAbort) combined.removeEventListener('abort', onAbort);
    aborted.catch(() => undefined);
  }
}

/**
 * Calls an SDK with our retry policy: capped jittered backoff, Retry-After honoured, per-attempt
 * timeout, abort, and every failure classified into one AdapterError free of secrets.
 */
export async function callSdk<T>(
  what: string,
  call: (signal: AbortSignal) => Promise<T>,
  options: SdkCallOptions,
  signal?: AbortSignal,
): Promise<T> {
  const { policy, provider, label } = options;
  const wait = options.sleep ?? defaultSleep;
  const aborted = () => new AdapterError(provider, 'ABORTED', `${label}: the request was aborted`);
  for (let n = 1; ; n++) {
    if (signal?.aborted) throw aborted();
    let error: AdapterError;
    try {
      return await attempt(call, policy, signal);
    } catch (cause) {
      if (signal?.aborted) throw aborted();
      if (cause instanceof AttemptTimeout) {
        error = new AdapterError(
          provider,
          'UPSTREAM_UNAVAILABLE',
          `${label}: no answer to ${what} within ${policy.timeoutMs} ms`,
        );
      } else {
        error = scrub(cause instanceof AdapterError ? cause : await options.classify(cause, signal), options.secrets);
      }
    }
    if (!error.retryable || n >= policy.maxAttempts) throw error;
    if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) throw error;
    const delay = error.retryAfterMs ?? backoffDelay(n, policy);
    options.logger.warn(
      `${label}: ${error.code} on ${what}, retry ${n}/${policy.maxAttempts - 1} in ${Math.round(delay)} ms`,
      { status: error.status },
    );
    try {
      await wait(delay, signal);
    } catch {
      throw aborted();
    }
  }
}

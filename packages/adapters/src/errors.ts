import type { ProviderId } from '@spendsync/domain';

/**
 * Every failure an adapter reports, as one code:
 * - AUTH_FAILED: the credential is unknown, revoked or malformed at the provider.
 * - CREDENTIAL_REJECTED: a valid credential of the wrong type or scope (e.g. a project key).
 * - RATE_LIMITED: still throttled after our retries.
 * - UPSTREAM_UNAVAILABLE: 5xx, timeouts and network errors, after retries.
 * - INVALID_RESPONSE: a body we cannot read, or paging that never ends.
 * - NOT_FOUND: the resource (table, subscription, endpoint) does not exist.
 * - BAD_REQUEST: the provider refused our request's parameters.
 * - ABORTED: the caller aborted.
 */
export const ADAPTER_ERROR_CODES = [
  'AUTH_FAILED',
  'CREDENTIAL_REJECTED',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'INVALID_RESPONSE',
  'NOT_FOUND',
  'BAD_REQUEST',
  'ABORTED',
] as const;

export type AdapterErrorCode = (typeof ADAPTER_ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<AdapterErrorCode> = new Set(['RATE_LIMITED', 'UPSTREAM_UNAVAILABLE']);

/** Options for {@link AdapterError}. */
export type AdapterErrorOptions = {
  /** HTTP status, when there was a response. */
  status?: number;
  /** How long the provider asked us to wait, when it said. */
  retryAfterMs?: number;
  /** The underlying error; its message must already be free of secrets. */
  cause?: unknown;
};

/**
 * The single error type adapters throw. `message` is written for the person who must fix it
 * and never contains a credential.
 */
export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  readonly code: AdapterErrorCode;
  readonly provider: ProviderId;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(provider: ProviderId, code: AdapterErrorCode, message: string, options: AdapterErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.provider = provider;
    this.code = code;
    this.retryable = RETRYABLE.has(code);
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** True for an {@link AdapterError}, optionally of one code. */
export function isAdapterError(error: unknown, code?: AdapterErrorCode): error is AdapterError {
  return error instanceof AdapterError && (code === undefined || error.code === code);
}

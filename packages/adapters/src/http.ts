import type { ProviderId } from '@spendsync/domain';
import type { z } from 'zod';
import type { AdapterErrorCode } from './errors';
import type { Logger } from './logger';

/** Timeouts, retries and paging limits shared by every HTTP adapter. */
export type RetryPolicy = {
  /** Attempts per request, including the first. */
  maxAttempts: number;
  /** First backoff step; doubles per attempt, with jitter. */
  baseDelayMs: number;
  /** Cap for one backoff wait. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the call fails RATE_LIMITED at once. */
  maxRetryAfterMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Pages one listing may take before the cursor is treated as endless. */
  maxPages: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  timeoutMs: 60_000,
  maxPages: 5_000,
};

/** A query value; arrays are sent repeated (`a=1&a=2`) or bracketed (`a[]=1`). */
export type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;

export type HttpRequest = {
  method?: 'GET' | 'POST';
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** JSON body (POST). */
  body?: unknown;
  signal?: AbortSignal;
};

/** A non-2xx response, for provider-specific classification. */
export type ErrorResponse = { status: number; headers: Headers; text: string; body: unknown };

/**
 * Provider hook: map a failed response to a code and a message for the user (or leave the default).
 * `retryAfterMs` is a wait the provider announced some other way than `Retry-After` (e.g. an
 * `X-RateLimit-Reset` time); a `Retry-After` header still wins.
 */
export type ErrorClassifier = (
  response: ErrorResponse,
) => { code: AdapterErrorCode; message: string; retryAfterMs?: number } | undefined;

export type HttpClientOptions = {
  provider: ProviderId;
  /** Human name used in messages, e.g. "OpenAI". */
  label: string;
  baseUrl: string;
  fetch: typeof fetch;
  /** Auth and version headers sent on every call. */
  headers: Record<string, string>;
  /** Every secret value, so none can reach a message or a log line. */
  secrets: readonly string[];
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  classifyError?: ErrorClassifier;
  /**
   * Reads the message of an error body the classifier left to the shared classification
   * (default {@link extractErrorMessage}); a provider whose host the user chooses reads only its own envelopes.
   */
  readErrorMessage?: (body: unknown) => string | undefined;
  arrayFormat?: 'repeat' | 'brackets';
  /** Waits; tests may replace it. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export type HttpClient = {
  /** Sends a request with retries and returns the parsed JSON, validated by `schema` when given. */
  requestJson<T>(request: HttpRequest, schema?: z.ZodType<T>): Promise<T>;
  readonly policy: RetryPolicy;
};

/** Abortable wait; rejects with ABORTED when the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads `Retry-After` (seconds or an HTTP date) and `retry-after-ms`; undefined when absent or unreadable. */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Capped exponential backoff with equal jitter: half fixed, half random. */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return cap / 2 + Math.random() * (cap / 2);
}

/** Builds `baseUrl + path + ?query`, keeping any path prefix of the base URL. */
export function buildUrl(
  baseUrl: string,
  path: string,
  query: Record<string, QueryValue> = {},
  arrayFormat: 'repeat' | 'brackets' = 'repeat',
): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) url.searchParams.append(arrayFormat === 'brackets' ? `${name}[]` : name, String(item));
    } else url.searchParams.append(name, String(value));
  }
  return url.toString();
}

/** Finds a human message in common error envelopes (`{error:{message}}`, `{error:"…"}`, `{message}`, `{detail}`). */
export function extractErrorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body || undefined;
  if (!body || typeof body !== 'object') return undefined;
  const o = body as Record<string, unknown>;
  if (typeof o.error === 'string') return o.error;
  if (o.error && typeof o.error === 'object') {
    const e = o.error as Record<string, unknown>;
    if (typeof e.message === 'string') return e.message;
    if (typeof e.error === 'string') return e.error;
  }
  if (typeof o.message === 'string') return o.message;
  if (typeof o.Message === 'string') return o.Message;
  if (o.detail !== undefined) return typeof o.detail === 'string' ? o.detail : extractErrorMessage(o.detail);
  return undefined;
}

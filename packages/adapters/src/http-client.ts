import { AdapterError, type AdapterErrorCode } from './errors';
import {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  buildUrl,
  extractErrorMessage,
  parseRetryAfter,
  sleep as defaultSleep,
  type ErrorResponse,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type RetryPolicy,
} from './http';
import { redactSecrets } from './logger';
import { findOutboundRefusal } from './outbound/outbound-refused-error';
import type { z } from 'zod';

const MAX_MESSAGE = 300;
const UNRECOGNISED_BODY = 'the answer had no recognised error body.';

function defaultCode(status: number): AdapterErrorCode {
  if (status === 401) return 'AUTH_FAILED';
  if (status === 403) return 'CREDENTIAL_REJECTED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 408 || status >= 500) return 'UPSTREAM_UNAVAILABLE';
  return 'BAD_REQUEST';
}

function defaultHint(code: AdapterErrorCode): string {
  switch (code) {
    case 'AUTH_FAILED':
      return 'Check that the key is complete and has not been revoked.';
    case 'CREDENTIAL_REJECTED':
      return 'The key is valid but lacks permission to read billing data; link a key of the required type.';
    case 'RATE_LIMITED':
      return 'The provider is rate limiting us; the next sync retries.';
    case 'UPSTREAM_UNAVAILABLE':
      return 'The provider is unavailable; the next sync retries.';
    default:
      return '';
  }
}

async function readBody(response: Response): Promise<{ text: string; body: unknown }> {
  const text = await response.text();
  try {
    return { text, body: text === '' ? undefined : JSON.parse(text) };
  } catch {
    return { text, body: undefined };
  }
}

/**
 * One HTTP client per adapter instance: per-attempt timeouts, abort, retries with capped jittered
 * backoff that honours Retry-After, and classification of every failure into an AdapterError
 * whose message never holds a secret.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const wait = options.sleep ?? defaultSleep;
  const clean = (text: string) => redactSecrets(text, options.secrets);
  const fail = (
    code: AdapterErrorCode,
    message: string,
    extra: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) => new AdapterError(options.provider, code, clean(`${options.label}: ${message}`), extra);

  function classify(response: ErrorResponse): AdapterError {
    const custom = options.classifyError?.(response);
    const code = custom?.code ?? defaultCode(response.status);
    // Only a parsed, known error shape is repeated: a raw body (an HTML page, an internal
    // server's answer when a base URL points somewhere unexpected) never reaches a message.
    const read = options.readErrorMessage ?? extractErrorMessage;
    const parsed = read(response.body)?.slice(0, MAX_MESSAGE) ?? UNRECOGNISED_BODY;
    const said = custom?.message ?? [parsed, defaultHint(code)].filter(Boolean).join(' ');
    const retryAfterMs = parseRetryAfter(response.headers) ?? custom?.retryAfterMs;
    return fail(code, `HTTP ${response.status}: ${said.slice(0, MAX_MESSAGE * 2)}`, {
      status: response.status,
      retryAfterMs,
    });
  }

  async function attempt(
    request: HttpRequest,
    url: string,
  ): Promise<{ ok: true; body: unknown } | { ok: false; error: AdapterError }> {
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    const signals = [timeout, ...(request.signal ? [request.signal] : [])];
    const started = Date.now();
    let response: Response;
    try {
      response = await options.fetch(url, {
        method: request.method ?? 'GET',
        headers: {
          accept: 'application/json',
          ...options.headers,
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...request.headers,
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.any(signals),
        // A redirect is never followed: it could send the request, and its credentials, anywhere.
        redirect: 'manual',
      });
    } catch (cause) {
      if (request.signal?.aborted) throw fail('ABORTED', 'the request was aborted');
      const refused = findOutboundRefusal(cause);
      if (refused) throw fail('BAD_REQUEST', refused.message, { cause: refused });
      // Ask the timeout signal itself: the rejection may be a DOMException from another realm,
      // which fails `instanceof Error`.
      const timedOut = timeout.aborted;
      return {
        ok: false,
        error: fail(
          'UPSTREAM_UNAVAILABLE',
          timedOut
            ? `no answer within ${policy.timeoutMs} ms`
            : `network error (${clean(String((cause as Error)?.message ?? cause))})`,
        ),
      };
    }
    let read: { text: string; body: unknown };
    try {
      read = await readBody(response);
    } catch {
      if (request.signal?.aborted) throw fail('ABORTED', 'the request was aborted');
      return {
        ok: false,
        error: fail('UPSTREAM_UNAVAILABLE', `the connection broke while reading HTTP ${response.status}`),
      };
    }
    options.logger.debug(
      clean(`${request.method ?? 'GET'} ${new URL(url).pathname} -> ${response.status} (${Date.now() - started} ms)`),
    );
    if (response.status >= 300 && response.status < 400) {
      const error = fail(
        'BAD_REQUEST',
        `HTTP ${response.status}: the endpoint answered with a redirect, which spendsync never follows; point the URL at the final address`,
        { status: response.status },
      );
      return { ok: false, error };
    }
    if (response.ok) {
      if (read.body === undefined && read.text !== '') {
        throw fail(
          'INVALID_RESPONSE',
          `HTTP ${response.status} with a body that is not JSON (${read.text.length} bytes)`,
          { status: response.status },
        );
      }
      return { ok: true, body: read.body };
    }
    return {
      ok: false,
      error: classify({ status: response.status, headers: response.headers, text: read.text, body: read.body }),
    };
  }

  async function requestJson<T>(request: HttpRequest, schema?: z.ZodType<T>): Promise<T> {
    const url = buildUrl(options.baseUrl, request.path, request.query, options.arrayFormat);
    for (let n = 1; ; n++) {
      const result = await attempt(request, url);
      if (result.ok) return validate(result.body, schema, request.path);
      const { error } = result;
      if (!error.retryable || n >= policy.maxAttempts) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) throw error;
      const delay = error.retryAfterMs ?? backoffDelay(n, policy);
      options.logger.warn(
        clean(
          `${options.label}: ${error.code} on ${request.path}, retry ${n}/${policy.maxAttempts - 1} in ${Math.round(delay)} ms`,
        ),
      );
      try {
        await wait(delay, request.signal);
      } catch {
        throw fail('ABORTED', 'the request was aborted');
      }
    }
  }

  function validate<T>(body: unknown, schema: z.ZodType<T> | undefined, path: string): T {
    if (!schema) return body as T;
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw fail('INVALID_RESPONSE', `unexpected response from ${path} (${where})`, { cause: parsed.error });
  }

  return { requestJson, policy };
}

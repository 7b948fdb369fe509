const PROXY_ERROR_KEYS = new Set(['message', 'type', 'param', 'code']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** FastAPI's `detail`: a string, `{"error": "…"}`, or a validation list `[{"msg": "…"}, …]`. */
function readDetail(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (isRecord(detail)) {
    return Object.keys(detail).length === 1 && typeof detail.error === 'string' ? detail.error : undefined;
  }
  if (Array.isArray(detail) && isRecord(detail[0]) && typeof detail[0].msg === 'string') return detail[0].msg;
  return undefined;
}

/**
 * The message of a LiteLLM error body, read only from the envelopes the proxy itself sends:
 * `ProxyException` (`{"error":{"message","type","param","code"}}`, no other keys) and FastAPI's
 * `{"detail": …}`. A baseUrl is chosen by whoever links the account, so the server behind it may
 * be anything; any other body (an internal service's JSON, an HTML page, a bare string) is never
 * repeated: undefined, and the caller reports the status alone.
 */
export function readLiteLlmErrorMessage(body: unknown): string | undefined {
  if (!isRecord(body) || Object.keys(body).length !== 1) return undefined;
  if ('detail' in body) return readDetail(body.detail);
  const { error } = body;
  if (!isRecord(error) || typeof error.message !== 'string') return undefined;
  return Object.keys(error).every((key) => PROXY_ERROR_KEYS.has(key)) ? error.message : undefined;
}

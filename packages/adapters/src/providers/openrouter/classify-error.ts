import type { AdapterErrorCode } from '../../errors';
import { extractErrorMessage, type ErrorResponse } from '../../http';
import { ZErrorBody } from './raw';

/** What the user must do when a management-only endpoint refuses the key. */
export const MANAGEMENT_KEY_GUIDANCE =
  'Daily activity, credits and the key list need a management key: create one at openrouter.ai → Settings → ' +
  'Management Keys and link it as managementKey. Ordinary API keys cannot read them.';

/** Which of the two credentials a call used, so a refusal names the right one. */
export type OpenRouterKeyRole = 'API key' | 'management key';

/**
 * The wait announced by `X-RateLimit-Reset`, which OpenRouter sends on its own 429s (Retry-After
 * only appears when an upstream provider gave one). Read as epoch milliseconds, epoch seconds or
 * seconds from now, by magnitude, since the docs do not pin the unit down.
 */
export function parseRateLimitReset(headers: Headers, nowMs: number): number | undefined {
  const text = headers.get('x-ratelimit-reset');
  const value = text === null || text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || value < 0) return undefined;
  if (value >= 1e12) return Math.max(0, value - nowMs);
  if (value >= 1e9) return Math.max(0, value * 1000 - nowMs);
  return value * 1000;
}

/**
 * OpenRouter's own reading of a failed call (`{"error":{"code","message","metadata"}}`):
 * 403 "Only management keys can perform this operation" is a valid key of the wrong type, 401 an
 * unknown key, and a 429 may say when to retry only through `X-RateLimit-Reset`.
 */
export function classifyOpenRouterError(
  response: ErrorResponse,
  role: OpenRouterKeyRole,
  // Wall-clock time, like Retry-After dates: a simulated business clock must not stretch waits.
  nowMs: number = Date.now(),
): { code: AdapterErrorCode; message: string; retryAfterMs?: number } | undefined {
  const parsed = ZErrorBody.safeParse(response.body);
  const said = (parsed.success ? parsed.data.error.message : undefined) ?? extractErrorMessage(response.body);
  if (response.status === 403) {
    const wrongType = /management|provisioning/i.test(said ?? '');
    const guidance = wrongType
      ? MANAGEMENT_KEY_GUIDANCE
      : `The ${role} is not allowed to read this; ${MANAGEMENT_KEY_GUIDANCE}`;
    return { code: 'CREDENTIAL_REJECTED', message: `${said ?? 'forbidden'}. ${guidance}` };
  }
  if (response.status === 401) {
    return {
      code: 'AUTH_FAILED',
      message: `${said ?? 'not authorized'}. Check that the ${role} is complete and has not been disabled or deleted.`,
    };
  }
  if (response.status === 429) {
    return {
      code: 'RATE_LIMITED',
      message: `${said ?? 'rate limited'}. OpenRouter is rate limiting us; the next sync retries.`,
      retryAfterMs: parseRateLimitReset(response.headers, nowMs),
    };
  }
  return undefined;
}

import { isAdapterError, type AdapterErrorCode } from '../../errors';
import type { ErrorResponse } from '../../http';
import { readLiteLlmErrorMessage } from './error-message';
import { ZProxyError } from './raw';

/** What the user must do when the key is valid but not a proxy admin's. */
export const ADMIN_KEY_GUIDANCE =
  'Spend for the whole proxy needs the master key (LITELLM_MASTER_KEY) or a key of a proxy_admin user; ' +
  'keys of other users only see their own spend.';

const NOT_PREMIUM_PREFIX = 'not_premium_user (this route needs LiteLLM Enterprise)';

/** True for an error made from the proxy's `not_premium_user` answer (see {@link classifyLiteLlmError}). */
export function isNotPremiumError(error: unknown): boolean {
  return isAdapterError(error, 'BAD_REQUEST') && error.message.includes(NOT_PREMIUM_PREFIX);
}

/** True for the 400 an open-source proxy gives on Enterprise-only routes (`not_premium_user`). */
export function isNotPremium(response: Pick<ErrorResponse, 'status' | 'body'>): boolean {
  const parsed = ZProxyError.safeParse(response.body);
  const said = readLiteLlmErrorMessage(response.body) ?? '';
  const text = `${parsed.success ? (parsed.data.error.type ?? '') : ''} ${said}`;
  return response.status === 400 && /not_premium_user|LiteLLM Enterprise user|LITELLM_LICENSE/i.test(text);
}

/**
 * LiteLLM's own reading of a failed call, in either envelope it uses (`ProxyException`:
 * `{"error":{"message","type","param","code":"401"}}`; plain FastAPI: `{"detail":{"error":…}}`).
 * A role denial ("Only proxy admin can be used to …", 401 or 403) is a valid key of the wrong
 * type; any other 401 is an unknown key. The HTTP status decides, not the text `code`.
 */
export function classifyLiteLlmError(response: ErrorResponse): { code: AdapterErrorCode; message: string } | undefined {
  // Only LiteLLM's own error envelopes are read; any other body (another server behind baseUrl) is never repeated.
  const said = readLiteLlmErrorMessage(response.body)?.slice(0, 300);
  const roleDenied = /only proxy admin|your role=|not allowed to access/i.test(said ?? '');
  if ((response.status === 401 || response.status === 403) && roleDenied) {
    return { code: 'CREDENTIAL_REJECTED', message: `${said}. ${ADMIN_KEY_GUIDANCE}` };
  }
  if (response.status === 403)
    return { code: 'CREDENTIAL_REJECTED', message: `${said ?? 'forbidden'}. ${ADMIN_KEY_GUIDANCE}` };
  if (response.status === 401) {
    return {
      code: 'AUTH_FAILED',
      message: `${said ?? 'not authorized'}. Check that the key is complete and is a key of this proxy (baseUrl).`,
    };
  }
  if (isNotPremium(response)) {
    return { code: 'BAD_REQUEST', message: `${NOT_PREMIUM_PREFIX}: ${said ?? 'Enterprise-only route'}` };
  }
  if (response.status === 404) {
    return {
      code: 'NOT_FOUND',
      message: `${said ?? 'not found'}. The proxy at baseUrl does not serve this route; check baseUrl, or upgrade LiteLLM to a release that has the daily activity endpoints.`,
    };
  }
  return undefined;
}

import type { ErrorResponse } from '../../http';
import type { AdapterErrorCode } from '../../errors';
import { ZErrorBody } from './raw';

/** What the user must do when the key cannot read the Admin API. */
export const ADMIN_KEY_GUIDANCE =
  'The usage and cost reports need an Admin API key (sk-ant-admin01-…) from Console → Settings → Admin keys; ' +
  'regular (sk-ant-api03-…) and workspace keys cannot read them.';

/**
 * Anthropic's own reading of a failed call. Its envelope is
 * `{"type":"error","error":{"type","message"},"request_id"}`; a 403 `permission_error`, or a 401
 * for a key that is not an Admin key, means a valid key of the wrong type.
 */
export function classifyAnthropicError(
  response: ErrorResponse,
  apiKey: string,
): { code: AdapterErrorCode; message: string } | undefined {
  const parsed = ZErrorBody.safeParse(response.body);
  const said = parsed.success ? `${parsed.data.error.type}: ${parsed.data.error.message}` : undefined;
  const type = parsed.success ? parsed.data.error.type : undefined;
  if (response.status === 403 || type === 'permission_error') {
    return { code: 'CREDENTIAL_REJECTED', message: `${said ?? 'permission denied'}. ${ADMIN_KEY_GUIDANCE}` };
  }
  if (response.status === 401 || type === 'authentication_error') {
    if (!apiKey.startsWith('sk-ant-admin'))
      return { code: 'CREDENTIAL_REJECTED', message: `${said ?? 'not authorized'}. ${ADMIN_KEY_GUIDANCE}` };
    return {
      code: 'AUTH_FAILED',
      message: `${said ?? 'not authorized'}. Check that the Admin key is complete and has not been revoked or deleted.`,
    };
  }
  return undefined;
}

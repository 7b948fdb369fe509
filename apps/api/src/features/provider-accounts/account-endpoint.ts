import type { AdapterDeps } from '@spendsync/adapters';
import { ApiError } from '../../errors';

/**
 * The endpoint override an admin asked for, checked: null for "the provider's own endpoint",
 * otherwise an http(s) URL, and only when SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS is on (a custom
 * endpoint receives the account's credentials, so it is off by default).
 */
export function checkEndpoint(endpoint: string | null | undefined, allowCustomEndpoints: boolean): string | null {
  const text = endpoint?.trim();
  if (!text) return null;
  if (!allowCustomEndpoints) {
    throw new ApiError(
      'BAD_USER_INPUT',
      'Custom endpoints are turned off on this server (SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS).',
      { field: 'endpoint' },
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ApiError('BAD_USER_INPUT', 'The endpoint must be a full URL such as http://127.0.0.1:4010.', {
      field: 'endpoint',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiError('BAD_USER_INPUT', 'The endpoint must be an http:// or https:// URL.', { field: 'endpoint' });
  }
  if (url.username || url.password) {
    throw new ApiError('BAD_USER_INPUT', 'Put credentials in the credential fields, not in the endpoint URL.', {
      field: 'endpoint',
    });
  }
  return url.toString().replace(/\/$/, '');
}

/**
 * Adapter deps for an account's stored endpoint override. The sync engine and link
 * verification both use it, so an account is always read from the same place. An override left
 * in the database after the setting was turned off is ignored.
 */
export function endpointDeps(endpointOverride: string | null, allowCustomEndpoints: boolean): Partial<AdapterDeps> {
  return endpointOverride && allowCustomEndpoints ? { baseUrl: endpointOverride } : {};
}

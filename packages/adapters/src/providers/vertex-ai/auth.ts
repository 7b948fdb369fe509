import type { AdapterDeps } from '../../adapter';
import type { VertexAiCredentials } from '@spendsync/domain';
import { JWT, type AuthClient } from 'google-auth-library';

type ServiceAccountKey = VertexAiCredentials['serviceAccount'];

/**
 * `deps.sdk.authClient`: a google-auth client the BigQuery SDK signs requests with, or a function
 * making one for the service account. Tests against a bare endpoint inject one with a fixed token;
 * without it the adapter uses the service account itself ({@link createServiceAccountClient}).
 */
export type VertexSdkSeams = { authClient?: AuthClient | ((serviceAccount: ServiceAccountKey) => AuthClient) };

const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';
/** Where google-auth-library always sends the JWT grant (it ignores the key's `token_uri`). */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/**
 * The token endpoint for the key: Google's, unless the adapter is pointed at another API endpoint
 * (`deps.baseUrl`: a simulator or a private endpoint) and the key file names its own `token_uri`.
 * A custom endpoint is an operator's choice, so a key file alone can never redirect the grant.
 */
export function tokenUrlFor(serviceAccount: ServiceAccountKey, baseUrl: string | undefined): string {
  const own = serviceAccount.token_uri;
  return baseUrl && typeof own === 'string' && /^https?:\/\/[^\s]+$/.test(own) ? own : GOOGLE_TOKEN_URL;
}

/**
 * The service account's own OAuth client: an RS256 JWT grant exchanged for an access token,
 * through the injected fetch. The token URL is rewritten only as {@link tokenUrlFor} allows.
 */
export function createServiceAccountClient(
  serviceAccount: ServiceAccountKey,
  deps: Pick<AdapterDeps, 'fetch' | 'baseUrl'>,
): AuthClient {
  const jwt = new JWT({
    email: serviceAccount.client_email,
    key: serviceAccount.private_key,
    keyId: typeof serviceAccount.private_key_id === 'string' ? serviceAccount.private_key_id : undefined,
    scopes: [BIGQUERY_SCOPE],
    transporterOptions: { fetchImplementation: deps.fetch },
  });
  const tokenUrl = tokenUrlFor(serviceAccount, deps.baseUrl);
  if (tokenUrl !== GOOGLE_TOKEN_URL) {
    jwt.transporter.interceptors.request.add({
      resolved: async (config) =>
        config.url.href === GOOGLE_TOKEN_URL ? { ...config, url: new URL(tokenUrl) } : config,
    });
  }
  return jwt;
}

/** The auth client for the adapter: the injected seam, else the service account's own client. */
export function authClientFor(credentials: VertexAiCredentials, deps: AdapterDeps): AuthClient {
  const seam = (deps.sdk as VertexSdkSeams | undefined)?.authClient;
  if (typeof seam === 'function') return seam(credentials.serviceAccount);
  return seam ?? createServiceAccountClient(credentials.serviceAccount, deps);
}

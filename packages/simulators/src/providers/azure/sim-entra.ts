import { randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../../simulator/simulator-server';

/** An app registration of the simulated tenant. */
export type AzureSimApp = {
  readonly clientId: string;
  readonly objectId: string;
  readonly secret: string;
  /** True when the app holds Cost Management Reader on the subscription. */
  readonly hasCostReader: boolean;
  /** True when the secret has expired (AADSTS7000222). */
  readonly isSecretExpired: boolean;
};

/** The simulated Entra ID tenant and the tokens it issued. */
export type AzureSimDirectory = {
  readonly tenantId: string;
  readonly apps: readonly AzureSimApp[];
  /** Access token → the app it was issued to. */
  readonly tokens: Map<string, AzureSimApp>;
};

/** The only scope the simulator issues tokens for: ARM. */
export const MANAGEMENT_SCOPE = 'https://management.azure.com/.default';

/** Matches the two Entra ID routes: `/{tenant}/v2.0/.well-known/openid-configuration` and `/{tenant}/oauth2/v2.0/token`. */
export const OPENID_PATH = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/;
export const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;

/** Entra ID's error body, with the AADSTS code leading the description as the real service writes it. */
export function entraError(status: number, error: string, code: number, description: string): SimResponse {
  const timestamp = new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z';
  const [traceId, correlationId] = [randomUUID(), randomUUID()];
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

const unknownTenant = (tenant: string) =>
  entraError(
    400,
    'invalid_tenant',
    90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );

function openIdConfiguration(baseUrl: string, tenant: string): SimResponse {
  const root = `${baseUrl}/${tenant}`;
  return {
    status: 200,
    body: {
      token_endpoint: `${root}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${root}/discovery/v2.0/keys`,
      issuer: `${root}/v2.0`,
      authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${root}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${root}/oauth2/v2.0/logout`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      // Unknown to MSAL: it must ignore them.
      simulator: { tenant, generated: true },
    },
  };
}

function issueToken(form: Record<string, string>, dir: AzureSimDirectory): SimResponse {
  if (form.grant_type !== 'client_credentials') {
    return entraError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${form.grant_type ?? ''}'.`,
    );
  }
  const app = dir.apps.find((a) => a.clientId === form.client_id?.toLowerCase());
  if (!app) {
    return entraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${form.client_id ?? ''}' was not found in the directory 'Simulated Directory'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  }
  if (app.isSecretExpired && form.client_secret === app.secret) {
    return entraError(
      401,
      'invalid_client',
      7000222,
      `The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    );
  }
  if (form.client_secret !== app.secret) {
    return entraError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
    );
  }
  if (form.scope !== MANAGEMENT_SCOPE) {
    return entraError(
      400,
      'invalid_scope',
      70011,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${form.scope ?? ''} is not valid; the simulator issues tokens for ${MANAGEMENT_SCOPE} only.`,
    );
  }
  const token = `eyJ0eXAiOiJKV1QiLCJzaW0iOnRydWV9.${Buffer.from(randomUUID()).toString('base64url')}.c2ltdWxhdG9y`;
  dir.tokens.set(token, app);
  return {
    status: 200,
    body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token, refresh_in: 1799 },
  };
}

/** Answers the Entra ID routes, or undefined for any other path. */
export function handleEntra(request: SimRequest, baseUrl: string, dir: AzureSimDirectory): SimResponse | undefined {
  const openid = OPENID_PATH.exec(request.path);
  if (openid && request.method === 'GET') {
    return openid[1]!.toLowerCase() === dir.tenantId
      ? openIdConfiguration(baseUrl, openid[1]!)
      : unknownTenant(openid[1]!);
  }
  const token = TOKEN_PATH.exec(request.path);
  if (!token || request.method !== 'POST') return undefined;
  if (token[1]!.toLowerCase() !== dir.tenantId) return unknownTenant(token[1]!);
  if (
    !String(request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded') ||
    typeof request.body !== 'object'
  ) {
    return entraError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'grant_type'.",
    );
  }
  return issueToken(request.body as Record<string, string>, dir);
}

import {
  createRedactingLogger,
  findOutboundRefusal,
  isAdapterError,
  redactSecrets,
  type AdapterDeps,
  type AdapterError,
  type ProviderDefinition,
  type VerifyResult,
} from '@spendsync/adapters';
import {
  CREDENTIAL_GUIDES,
  credentialKeyHint,
  credentialSecrets,
  parseCredentials,
  type ProviderId,
} from '@spendsync/domain';
import { ApiError, type PublicErrorCode } from '../../errors';

/** Credentials that passed our rules and the provider's own check. Secret: never log or return them. */
export type VerifiedCredentials = {
  credentials: unknown;
  keyHint: string;
  verification: VerifyResult;
  secrets: string[];
};

/** What verification needs besides the input. */
export type VerifyDeps = {
  providers: { readonly [K in ProviderId]?: ProviderDefinition<unknown> };
  /** Deps for the adapter (fetch, clock, logger, endpoint); the logger is wrapped to redact. */
  adapterDeps: AdapterDeps;
  /** How long the provider may take to answer the one verification call. */
  timeoutMs?: number;
};

const ADAPTER_CODES: Record<AdapterError['code'], PublicErrorCode> = {
  AUTH_FAILED: 'PROVIDER_AUTH_FAILED',
  CREDENTIAL_REJECTED: 'CREDENTIAL_REJECTED',
  RATE_LIMITED: 'PROVIDER_UNAVAILABLE',
  UPSTREAM_UNAVAILABLE: 'PROVIDER_UNAVAILABLE',
  ABORTED: 'PROVIDER_UNAVAILABLE',
  INVALID_RESPONSE: 'PROVIDER_ERROR',
  NOT_FOUND: 'PROVIDER_ERROR',
  BAD_REQUEST: 'PROVIDER_ERROR',
};

/** The credential field an authentication failure points at: the provider's first secret field. */
function secretField(provider: ProviderId): string {
  const field = CREDENTIAL_GUIDES[provider].fields.find((f) => f.secret) ?? CREDENTIAL_GUIDES[provider].fields[0];
  return field ? `credentials.${field.name}` : 'credentials';
}

/** The field that names where calls go: a credential's own URL (LiteLLM's baseUrl), else the endpoint. */
function addressField(provider: ProviderId): string {
  return CREDENTIAL_GUIDES[provider].fields.some((f) => f.name === 'baseUrl') ? 'credentials.baseUrl' : 'endpoint';
}

function toApiError(provider: ProviderId, error: AdapterError, secrets: readonly string[]): ApiError {
  const refused = findOutboundRefusal(error.cause);
  if (refused)
    return new ApiError('BAD_USER_INPUT', redactSecrets(refused.message, secrets), { field: addressField(provider) });
  let message = redactSecrets(error.message, secrets);
  if (error.code === 'ABORTED')
    message = `${CREDENTIAL_GUIDES[provider].label} did not answer in time; try again in a moment.`;
  const field =
    error.code === 'AUTH_FAILED' || error.code === 'CREDENTIAL_REJECTED' ? secretField(provider) : undefined;
  return new ApiError(ADAPTER_CODES[error.code], message, { field, providerCode: error.code });
}

/**
 * Checks credentials before anything is stored: our rules first (a project key, a missing field,
 * a malformed secret are refused without calling the provider), then one cheap authenticated
 * call through the adapter. Every failure is an {@link ApiError} with the user-facing message and
 * the failing field; messages never contain a submitted value.
 */
export async function verifyCredentials(
  provider: ProviderId,
  input: unknown,
  deps: VerifyDeps,
): Promise<VerifiedCredentials> {
  const definition = deps.providers[provider];
  if (!definition) {
    throw new ApiError(
      'BAD_USER_INPUT',
      `This version of spendsync cannot sync ${CREDENTIAL_GUIDES[provider].label} yet.`,
      { field: 'provider' },
    );
  }
  const parsed = parseCredentials(provider, input);
  if (!parsed.ok) {
    const issues = parsed.issues.map((i) => ({
      field: i.field ? `credentials.${i.field}` : 'credentials',
      message: i.message,
    }));
    throw new ApiError('CREDENTIALS_INVALID', issues[0]!.message, { field: issues[0]!.field, issues });
  }
  const secrets = credentialSecrets(provider, parsed.value);
  const logger = createRedactingLogger(deps.adapterDeps.logger, secrets);
  const adapter = definition.create(parsed.value, { ...deps.adapterDeps, logger });
  try {
    const verification = await adapter.verify(AbortSignal.timeout(deps.timeoutMs ?? 30_000));
    return { credentials: parsed.value, keyHint: credentialKeyHint(provider, parsed.value), verification, secrets };
  } catch (error) {
    if (isAdapterError(error)) throw toApiError(provider, error, secrets);
    // A bug, not a verdict on the credential: masked for the client, logged without secrets.
    throw new Error(`Verifying ${provider} credentials failed unexpectedly: ${redactSecrets(String(error), secrets)}`);
  }
}

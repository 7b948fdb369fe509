import { isRestError } from '@azure/core-rest-pipeline';
import { AdapterError, isAdapterError, type AdapterErrorCode } from '../../errors';
import { redactSecrets } from '../../logger';
import { readAzureRetryAfter } from './retry-after';

/** The credential values a message may name (never the secret) and the secrets to redact. */
export type AzureErrorContext = {
  readonly tenantId: string;
  readonly clientId: string;
  readonly subscriptionId: string;
  readonly secrets: readonly string[];
};

const SECRET_WHERE = 'Microsoft Entra ID → App registrations → (app) → Certificates & secrets';
const ROLE_HOWTO =
  'assign the Cost Management Reader role on the subscription to the app (Azure portal → Subscriptions → (subscription) → ' +
  'Access control (IAM) → Add role assignment); new assignments can take a few minutes to apply';

/** What each Entra ID error means for the four credential values (the AADSTS code is stable, the text is not). */
function entraMessage(code: number, ctx: AzureErrorContext): string | undefined {
  switch (code) {
    case 7000215:
      return `clientSecret is wrong for app ${ctx.clientId} (AADSTS7000215). Paste the secret's Value, not its Secret ID, from ${SECRET_WHERE}.`;
    case 7000222:
      return `clientSecret of app ${ctx.clientId} has expired (AADSTS7000222). Create a new client secret in ${SECRET_WHERE} and update clientSecret.`;
    case 700016:
      return `clientId ${ctx.clientId} is not an application in tenant ${ctx.tenantId} (AADSTS700016). Check clientId (the app's Application (client) ID) and that tenantId is the tenant the app is registered in.`;
    case 90002:
      return `tenantId ${ctx.tenantId} was not found (AADSTS90002). Check tenantId (Microsoft Entra ID → Overview → Tenant ID); only the Azure public cloud is supported.`;
    default:
      return undefined;
  }
}

/** Entra ID answers that mean "try later", not "fix the credential". */
const ENTRA_UNAVAILABLE =
  /temporarily_unavailable|server_error|AADSTS50196|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|socket hang up|endpoints_resolution_error/i;

function classifyEntra(text: string, ctx: AzureErrorContext): { code: AdapterErrorCode; message: string } {
  const aadsts = /AADSTS(\d+)/.exec(text);
  const known = aadsts ? entraMessage(Number(aadsts[1]), ctx) : undefined;
  if (known) return { code: 'AUTH_FAILED', message: known };
  if (ENTRA_UNAVAILABLE.test(text)) {
    return {
      code: 'UPSTREAM_UNAVAILABLE',
      message: `the Microsoft Entra ID sign-in endpoint is unavailable (${firstLine(text)}); the next sync retries.`,
    };
  }
  return {
    code: 'AUTH_FAILED',
    message: `Microsoft Entra ID refused the sign-in (${firstLine(text)}). Check tenantId, clientId and clientSecret.`,
  };
}

function firstLine(text: string): string {
  return text.split(/\r?\n| - Trace ID| Trace ID:/)[0]!.slice(0, 500);
}

function classifyRest(status: number | undefined, code: string | undefined, said: string, ctx: AzureErrorContext) {
  const what = `${code ?? `HTTP ${status}`}: ${firstLine(said)}`;
  if (code === 'PARSE_ERROR')
    return {
      code: 'INVALID_RESPONSE' as const,
      message: `the Cost Management answer is not valid JSON (${firstLine(said).slice(0, 120)})`,
    };
  if (status === undefined)
    return { code: 'UPSTREAM_UNAVAILABLE' as const, message: `network error (${what}); the next sync retries.` };
  if (status === 401) {
    return {
      code: 'AUTH_FAILED' as const,
      message: `Azure Resource Manager refused the app's token (${what}). Check that subscriptionId ${ctx.subscriptionId} belongs to tenantId ${ctx.tenantId}.`,
    };
  }
  if (status === 403) {
    return {
      code: 'CREDENTIAL_REJECTED' as const,
      message: `app ${ctx.clientId} signed in but may not read the costs of subscription ${ctx.subscriptionId} (${what}). To fix it, ${ROLE_HOWTO}.`,
    };
  }
  if (status === 404) {
    return {
      code: 'NOT_FOUND' as const,
      message: `subscription ${ctx.subscriptionId} was not found (${what}). Check subscriptionId, and that the subscription is in tenant ${ctx.tenantId}.`,
    };
  }
  if (status === 429)
    return {
      code: 'RATE_LIMITED' as const,
      message: `Cost Management is throttling queries (${what}); the next sync retries.`,
    };
  if (status === 408 || status >= 500)
    return {
      code: 'UPSTREAM_UNAVAILABLE' as const,
      message: `Cost Management is unavailable (${what}); the next sync retries.`,
    };
  return { code: 'BAD_REQUEST' as const, message: `Cost Management refused the query (${what}).` };
}

/**
 * Turns anything the Azure SDKs throw into one AdapterError whose message says which of
 * tenantId, clientId, clientSecret or subscriptionId to fix, or which role to assign. MSAL
 * error texts can echo request details, so every message is redacted and no SDK error is kept
 * as `cause`.
 */
export function classifyAzureError(error: unknown, ctx: AzureErrorContext): AdapterError {
  if (isAdapterError(error)) return error;
  const clean = (text: string) => redactSecrets(text, ctx.secrets);
  const raw = error instanceof Error ? error.message : String(error);
  if (isRestError(error)) {
    const { code, message } = classifyRest(error.statusCode, error.code, raw, ctx);
    const headers = error.response?.headers;
    const retryAfterMs = headers ? readAzureRetryAfter(headers) : undefined;
    return new AdapterError('azure', code, clean(`Azure: ${message}`), { status: error.statusCode, retryAfterMs });
  }
  const name = error instanceof Error ? error.name : '';
  if (
    /^(AuthenticationError|AuthenticationRequiredError|CredentialUnavailableError)$/.test(name) ||
    /AADSTS\d+/.test(raw)
  ) {
    const { code, message } = classifyEntra(raw, ctx);
    return new AdapterError('azure', code, clean(`Azure: ${message}`));
  }
  if (name === 'AbortError') return new AdapterError('azure', 'ABORTED', 'Azure: the request was aborted');
  return new AdapterError(
    'azure',
    'UPSTREAM_UNAVAILABLE',
    clean(`Azure: unexpected error from the Azure SDK (${name || 'Error'}: ${firstLine(raw)})`),
  );
}

import {
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
  type TlsSettings,
} from '@azure/core-rest-pipeline';
import { AdapterError } from '../../errors';
import { redactSecrets } from '../../logger';
import { classifyAzureError, type AzureErrorContext } from './classify-error';

/** Options of {@link probeTenant}. */
export type TenantProbeOptions = {
  authorityHost: string;
  tenantId: string;
  tlsOptions?: TlsSettings;
  signal?: AbortSignal;
  context: AzureErrorContext;
};

const PROBE_TIMEOUT_MS = 10_000;

/**
 * MSAL reports an unknown tenant and an unreachable authority alike ("endpoints_resolution_error"):
 * for an unknown tenant the OpenID metadata itself answers 400 AADSTS90002, which MSAL does not
 * pass on. After that error only, this asks for the metadata once to tell the two apart.
 * Returns the AUTH_FAILED naming tenantId, an UPSTREAM_UNAVAILABLE that says why the authority
 * cannot be reached (refused, untrusted certificate…), or undefined when the probe learns nothing.
 */
export async function probeTenant(error: unknown, options: TenantProbeOptions): Promise<AdapterError | undefined> {
  if (!(error instanceof Error) || !error.message.includes('endpoints_resolution_error')) return undefined;
  const url = `${options.authorityHost}/${encodeURIComponent(options.tenantId)}/v2.0/.well-known/openid-configuration`;
  try {
    const pipeline = createPipelineFromOptions({ tlsOptions: options.tlsOptions, retryOptions: { maxRetries: 0 } });
    const request = createPipelineRequest({
      url,
      method: 'GET',
      abortSignal: options.signal,
      timeout: PROBE_TIMEOUT_MS,
    });
    const response = await pipeline.sendRequest(createDefaultHttpClient(), request);
    const body = response.bodyAsText ?? '';
    if (response.status >= 400 && /AADSTS\d+/.test(body)) return classifyAzureError(new Error(body), options.context);
  } catch (thrown) {
    const said = redactSecrets(
      thrown instanceof Error ? thrown.message : String(thrown),
      options.context.secrets,
    ).slice(0, 200);
    const hint = /certificate|self[- ]signed|CERT_|SSL|TLS/i.test(said)
      ? '; its certificate is not trusted: add the issuing CA with NODE_EXTRA_CA_CERTS (or, for the simulator, pass its CA as deps.sdk.ca)'
      : '';
    return new AdapterError(
      'azure',
      'UPSTREAM_UNAVAILABLE',
      `Azure: cannot reach the Microsoft Entra ID authority ${options.authorityHost} (${said})${hint}; the next sync retries.`,
    );
  }
  return undefined;
}

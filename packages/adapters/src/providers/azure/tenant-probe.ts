import { createDefaultHttpClient, createPipelineFromOptions, createPipelineRequest, type TlsSettings } from '@azure/core-rest-pipeline';
import type { AdapterError } from '../../errors';
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
 * Returns the AUTH_FAILED naming tenantId, or undefined when the probe learns nothing.
 */
export async function probeTenant(error: unknown, options: TenantProbeOptions): Promise<AdapterError | undefined> {
  if (!(error instanceof Error) || !error.message.includes('endpoints_resolution_error')) return undefined;
  const url = `${options.authorityHost}/${encodeURIComponent(options.tenantId)}/v2.0/.well-known/openid-configuration`;
  try {
    const pipeline = createPipelineFromOptions({ tlsOptions: options.tlsOptions, retryOptions: { maxRetries: 0 } });
    const request = createPipelineRequest({ url, method: 'GET', abortSignal: options.signal, timeout: PROBE_TIMEOUT_MS });
    const response = await pipeline.sendRequest(createDefaultHttpClient(), request);
    const body = response.bodyAsText ?? '';
    if (response.status >= 400 && /AADSTS\d+/.test(body)) return classifyAzureError(new Error(body), options.context);
  } catch {
    // Unreachable: the caller's own classification (UPSTREAM_UNAVAILABLE) stands.
  }
  return undefined;
}

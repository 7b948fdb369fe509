import { CostManagementClient, type QueryDefinition } from '@azure/arm-costmanagement';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { ClientSecretCredential } from '@azure/identity';
import { credentialSecrets, type AzureCredentials } from '@spendsync/domain';
import { AdapterError } from '../../errors';
import type { RetryPolicy } from '../../http';
import type { Logger } from '../../logger';
import { paginate } from '../../paginate';
import { classifyAzureError, type AzureErrorContext } from './classify-error';
import { ZArmError, ZQueryPage, type QueryPage } from './raw';
import { probeTenant } from './tenant-probe';
import { callSdk, type SdkCallOptions } from '../../sdk-call';

/** Production sign-in authority; always passed explicitly so AZURE_AUTHORITY_HOST can never redirect it. */
export const AZURE_AUTHORITY_HOST = 'https://login.microsoftonline.com';
/** Production Azure Resource Manager endpoint. */
export const AZURE_MANAGEMENT_ENDPOINT = 'https://management.azure.com';
/** Token scope for ARM, fixed: the SDK's default would be `${endpoint}/.default`, wrong for a simulator. */
export const AZURE_MANAGEMENT_SCOPE = 'https://management.azure.com/.default';

/** Where the clients connect and how they retry. */
export type AzureClientOptions = {
  /** One https base URL for both the authority and ARM (a simulator serves both); production when absent. */
  baseUrl?: string;
  /** PEM of a CA to trust in addition to the system's (the simulator's per-run certificate). */
  ca?: string;
  policy: RetryPolicy;
  logger: Logger;
};

/** Cost Management queries with our retries, paging and error messages. */
export type AzureCostClient = {
  /** The first page only (verify's cheap call). */
  firstPage(definition: QueryDefinition, signal?: AbortSignal): Promise<QueryPage>;
  /** Every page of a query, following `nextLink` by POSTing the same body through the client's pipeline. */
  pages(definition: QueryDefinition, signal?: AbortSignal): AsyncGenerator<QueryPage>;
};

function invalid(message: string): AdapterError {
  return new AdapterError('azure', 'INVALID_RESPONSE', `Azure: ${message}`);
}

function readPage(value: unknown): QueryPage {
  const parsed = ZQueryPage.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw invalid(`unexpected Cost Management query result (${where})`);
}

/** A page fetched through the pipeline is the raw wire body: rows sit under `properties` (a 204 has none). */
function readWirePage(body: unknown): QueryPage {
  if (body === undefined) return readPage({});
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalid('the next page of the cost query is not a JSON object');
  return readPage((body as { properties?: unknown }).properties);
}

/**
 * Builds the two SDK clients (no call is made) and wraps the query in our retries: the SDK's
 * own retries are off (`maxRetries: 0`) because its policy ignores the Cost Management
 * retry-after headers; ours waits for the largest of them.
 */
export function createAzureCostClient(credentials: AzureCredentials, options: AzureClientOptions): AzureCostClient {
  const tlsOptions = options.ca ? { ca: options.ca } : undefined;
  const authorityHost = options.baseUrl ?? AZURE_AUTHORITY_HOST;
  const endpoint = options.baseUrl ?? AZURE_MANAGEMENT_ENDPOINT;
  // No SDK retries (ours honour Cost Management's retry-after) and no redirects: a provider call never follows one.
  const common = {
    tlsOptions,
    retryOptions: { maxRetries: 0 },
    redirectOptions: { maxRetries: 0 },
    userAgentOptions: { userAgentPrefix: 'spendsync' },
  };
  const credential = new ClientSecretCredential(credentials.tenantId, credentials.clientId, credentials.clientSecret, {
    ...common,
    authorityHost,
    // Without this MSAL asks login.microsoftonline.com for instance metadata even for another authority.
    disableInstanceDiscovery: true,
  });
  const cm = new CostManagementClient(credential, { ...common, endpoint, credentialScopes: [AZURE_MANAGEMENT_SCOPE] });
  const scope = `subscriptions/${credentials.subscriptionId}`;
  const context: AzureErrorContext = { ...credentials, secrets: credentialSecrets('azure', credentials) };
  const sdk: SdkCallOptions = {
    provider: 'azure',
    label: 'Azure',
    policy: options.policy,
    logger: options.logger,
    secrets: context.secrets,
    classify: async (error, signal) =>
      (await probeTenant(error, { authorityHost, tenantId: credentials.tenantId, tlsOptions, signal, context })) ??
      classifyAzureError(error, context),
  };

  const first = (definition: QueryDefinition, signal?: AbortSignal) =>
    callSdk(
      'the query',
      async (abortSignal) => readPage(await cm.query.usage(scope, definition, { abortSignal })),
      sdk,
      signal,
    );

  async function next(link: string, definition: QueryDefinition, signal?: AbortSignal): Promise<QueryPage> {
    // The bearer token would go wherever the link points: follow it only on our own endpoint.
    if (new URL(link).origin !== new URL(endpoint).origin)
      throw invalid(`nextLink points to ${new URL(link).origin}, not ${new URL(endpoint).origin}; refused`);
    return callSdk(
      'the query nextLink',
      async (abortSignal) => {
        const headers = createHttpHeaders({ 'content-type': 'application/json', accept: 'application/json' });
        const response = await cm.sendRequest(
          createPipelineRequest({ url: link, method: 'POST', body: JSON.stringify(definition), headers, abortSignal }),
        );
        const text = response.bodyAsText ?? '';
        let body: unknown;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          if (response.status < 400)
            throw invalid(`the Cost Management answer is not valid JSON (${text.length} bytes)`);
        }
        if (response.status >= 400) {
          const error = ZArmError.safeParse(body);
          const said = error.success ? error.data.error : undefined;
          throw new RestError(said?.message ?? `HTTP ${response.status}`, {
            code: said?.code ?? undefined,
            statusCode: response.status,
            response,
          });
        }
        return readWirePage(body);
      },
      sdk,
      signal,
    );
  }

  return {
    firstPage: first,
    pages: (definition, signal) =>
      paginate<QueryPage>({
        provider: 'azure',
        label: 'Azure',
        fetchPage: (link) => (link === undefined ? first(definition, signal) : next(link, definition, signal)),
        nextCursor: (page) => page.nextLink,
        maxPages: options.policy.maxPages,
      }),
  };
}

import { writeFile } from 'node:fs/promises';
import type { ProviderSimulator, SimRoute, SimulatorOptions } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed, type Random } from '../../simulator/random';
import { startSimulatorServer } from '../../simulator/simulator-server';
import { createAzureDataset } from './dataset';
import { createSimulatorCertificate } from './sim-certificate';
import { OPENID_PATH, TOKEN_PATH, handleEntra, type AzureSimApp, type AzureSimDirectory } from './sim-entra';
import { QUERY_PATH, armError, handleQuery } from './sim-query';

/** Options of the Azure simulator: the common ones, plus where to write its CA certificate. */
export type AzureSimulatorOptions = SimulatorOptions & {
  /**
   * Writes the per-run certificate (PEM) here, for a separate process to trust it with
   * `NODE_EXTRA_CA_CERTS=<file>` (the CLI's `fetch` against `simulate`).
   */
  caFile?: string;
  /**
   * The subscription's billing currency: `Cost`/`PreTaxCost` are in it, `CostUSD`/`PreTaxCostUSD`
   * in USD, and `Currency` names it. Default USD; `EUR` bills at {@link SIM_EUR_PER_USD}.
   */
  billingCurrency?: 'USD' | 'EUR';
};

/** The running simulator, with what only Azure has. */
export type AzureSimulator = ProviderSimulator & {
  /** The PEM to trust (also handed out as `adapterDeps().sdk.ca`). */
  readonly ca: string;
  /** An app whose secret has expired: Entra answers AADSTS7000222. */
  readonly expiredSecretCredentials: Record<string, unknown>;
};

const ROUTES: readonly SimRoute[] = [
  { method: 'GET', path: OPENID_PATH },
  { method: 'POST', path: TOKEN_PATH },
  { method: 'POST', path: QUERY_PATH },
];

/** Rows per page when the options do not say. Azure's own page size is not documented; this is an assumption. */
const DEFAULT_PAGE_SIZE = 1000;
const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~'.split('');

function guid(random: Random): string {
  return `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`;
}

/** A client secret shaped like Entra's: 40 characters with `Q~` after the 3-character prefix. */
function clientSecret(random: Random): string {
  return `${Array.from({ length: 3 }, () => random.pick(SECRET_CHARS.slice(0, 62))).join('')}8Q~${Array.from({ length: 34 }, () => random.pick(SECRET_CHARS)).join('')}`;
}

function makeApp(random: Random, hasCostReader: boolean, isSecretExpired = false): AzureSimApp {
  return {
    clientId: guid(random),
    objectId: guid(random),
    secret: clientSecret(random),
    hasCostReader,
    isSecretExpired,
  };
}

/**
 * A local Entra ID + Cost Management Query API over HTTPS with a certificate generated per run:
 * OpenID metadata, client-credentials tokens with Entra's AADSTS errors, and the daily cost query
 * (bearer check, role check, filters, grouping, columns in varying order, `nextLink` paging,
 * 429s with the Cost Management retry-after headers) over a generated subscription.
 */
export const startAzureSimulator = async (options: AzureSimulatorOptions = {}): Promise<AzureSimulator> => {
  const seed = options.seed ?? 1;
  const random = createRandom(deriveSeed(seed, 'directory'));
  const directory: AzureSimDirectory = {
    tenantId: guid(random),
    apps: [makeApp(random, true), makeApp(random, false), makeApp(random, true, true)],
    tokens: new Map(),
  };
  const subscriptionId = guid(random);
  const [reader, roleless, expired] = directory.apps as [AzureSimApp, AzureSimApp, AzureSimApp];
  const dataset = createAzureDataset(subscriptionId, options);
  const certificate = await createSimulatorCertificate(options.host);
  if (options.caFile) await writeFile(options.caFile, certificate.cert, { mode: 0o644 });
  const server = await startSimulatorServer({
    tls: certificate,
    errorBody: (status, message) => ({
      error: { code: status === 429 ? '429' : status >= 500 ? 'ServiceUnavailable' : 'BadRequest', message },
    }),
    rateLimitHeaders: (seconds): Record<string, string> =>
      seconds === null
        ? {}
        : {
            // No standard Retry-After: only the headers the SDK's own policy ignores, the largest first.
            'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after': String(seconds),
            'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after': String(Math.floor(seconds / 2)),
            'x-ms-ratelimit-microsoft.costmanagement-qpu-consumed': '12',
            'x-ms-ratelimit-microsoft.costmanagement-qpu-remaining': 'QueryResource=0',
          },
    handle: (request, { faults, baseUrl }) => {
      // Links point at the host the client asked for (localhost or 127.0.0.1), as Azure's do.
      const origin = request.headers.host ? `https://${request.headers.host}` : baseUrl;
      return (
        handleEntra(request, origin, directory) ??
        handleQuery(request, {
          dataset,
          directory,
          subscriptionId,
          pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
          seed,
          baseUrl: origin,
          faults,
          billingCurrency: options.billingCurrency ?? 'USD',
        }) ??
        armError(404, 'NotFound', `No route for ${request.method} ${request.path}`)
      );
    },
    groundTruth: dataset.groundTruth,
    host: options.host,
    port: options.port,
  });
  const credentialsOf = (app: AzureSimApp, secret = app.secret) => ({
    tenantId: directory.tenantId,
    clientId: app.clientId,
    clientSecret: secret,
    subscriptionId,
  });
  const simulator: AzureSimulator = {
    provider: 'azure',
    url: server.url,
    ca: certificate.cert,
    dataRange: dataset.range,
    credentials: credentialsOf(reader),
    // A well-formed secret that is not the app's: Entra answers AADSTS7000215.
    invalidCredentials: credentialsOf(reader, clientSecret(createRandom(deriveSeed(seed, 'wrong-secret')))),
    // An app that signs in but lacks Cost Management Reader: ARM answers 403 AuthorizationFailed.
    wrongTypeCredentials: credentialsOf(roleless),
    expiredSecretCredentials: credentialsOf(expired),
    adapterDeps: () => ({ baseUrl: server.url, sdk: { ca: certificate.cert } }),
    groundTruth: dataset.groundTruth,
    faults: server.faults,
    calls: server.calls,
    routes: ROUTES,
    close: () => server.close(),
  };
  return simulator;
};

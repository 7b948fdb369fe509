import { ZERO } from '@spendsync/domain';
import type { ProviderSimulator, SimRoute, SimulatorOptions } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed } from '../../simulator/random';
import { startSimulatorServer, type SimRequest, type SimResponse } from '../../simulator/simulator-server';
import { createAnthropicDataset, type AnthropicDataset } from './dataset';
import { handleReport, type ReportKind } from './sim-report-route';
import { handleList } from './sim-list-route';
import { anthropicError } from './sim-errors';

/** Simulator options; besides the shared ones, how a regular key is refused. */
export type AnthropicSimulatorOptions = SimulatorOptions & {
  /**
   * How the Admin API answers a regular (`sk-ant-api03-…`) key. Not documented: 401
   * `authentication_error` "invalid x-api-key" (default) or 403 `permission_error`.
   */
  wrongKeyStatus?: 401 | 403;
};

const ROUTES: Record<string, 'me' | 'workspaces' | 'api_keys' | ReportKind> = {
  '/v1/organizations/me': 'me',
  '/v1/organizations/workspaces': 'workspaces',
  '/v1/organizations/api_keys': 'api_keys',
  '/v1/organizations/usage_report/messages': 'usage',
  '/v1/organizations/cost_report': 'cost',
};

type Keys = { admin: string; invalid: string; regular: string };

function checkAuth(request: SimRequest, keys: Keys, wrongKeyStatus: 401 | 403): SimResponse | undefined {
  const key = request.headers['x-api-key'];
  if (typeof key !== 'string' || key === '') return anthropicError(401, 'x-api-key header is required');
  if (key === keys.regular) {
    return wrongKeyStatus === 403
      ? anthropicError(403, 'This API key does not have permission to use the Admin API; use an Admin API key.')
      : anthropicError(401, 'invalid x-api-key');
  }
  if (key !== keys.admin) return anthropicError(401, 'invalid x-api-key');
  if (!request.headers['anthropic-version']) return anthropicError(400, 'anthropic-version: header is required');
  return undefined;
}

function route(
  request: SimRequest,
  dataset: AnthropicDataset,
  pageSize: number | undefined,
  endless: boolean,
): SimResponse {
  const kind = ROUTES[request.path];
  if (!kind || request.method !== 'GET') return anthropicError(404, `Not found: ${request.method} ${request.path}`);
  if (kind === 'me')
    return {
      status: 200,
      body: {
        id: '4f9a0c53-9b61-4a83-bb1c-0c2f6a1e7d21',
        name: 'Simulated Org',
        type: 'organization',
        billing_tier: 'scale',
      },
    };
  if (kind === 'workspaces' || kind === 'api_keys') return handleList(kind, request.query, dataset, pageSize, endless);
  return handleReport(kind, request.query, dataset, pageSize, endless);
}

/**
 * A local Anthropic Admin API: `x-api-key` + `anthropic-version` headers, the cost report (cents
 * as decimal strings), the messages usage report (Console usage with a null key, the default
 * workspace with a null id), workspaces and API keys, with Anthropic's own error envelope.
 */
export async function startAnthropicSimulator(options: AnthropicSimulatorOptions = {}): Promise<ProviderSimulator> {
  const seed = options.seed ?? 1;
  const dataset = createAnthropicDataset({
    seed,
    start: options.start ?? '2026-01-01',
    days: options.days ?? 31,
    workspaces: options.workspaces ?? 3,
    keysPerWorkspace: options.keysPerWorkspace ?? 3,
    models: options.models ?? 3,
    density: options.density ?? 0.6,
  });
  const r = createRandom(deriveSeed(seed, 'credentials'));
  const keys: Keys = {
    admin: `sk-ant-admin01-${r.hex(86)}AA`,
    invalid: `sk-ant-admin01-${r.hex(86)}AA`,
    regular: `sk-ant-api03-${r.hex(86)}AA`,
  };
  const server = await startSimulatorServer({
    host: options.host,
    port: options.port,
    errorBody: (status, message) => anthropicError(status, message).body,
    handle: (request, { faults }) =>
      checkAuth(request, keys, options.wrongKeyStatus ?? 401) ??
      route(request, dataset, options.pageSize, faults.isEndless(request.path)),
    groundTruth: (range) => ({ cost: dataset.totalUsd(range), credits: ZERO }),
  });
  const routes: SimRoute[] = Object.keys(ROUTES).map((path) => ({ method: 'GET', path: new RegExp(`^${path}$`) }));
  return {
    provider: 'anthropic',
    url: server.url,
    dataRange: dataset.range,
    credentials: { apiKey: keys.admin },
    invalidCredentials: { apiKey: keys.invalid },
    wrongTypeCredentials: { apiKey: keys.regular },
    adapterDeps: () => ({ baseUrl: server.url }),
    groundTruth: (range) => ({ cost: dataset.totalUsd(range), credits: ZERO }),
    faults: server.faults,
    calls: server.calls,
    routes,
    close: () => server.close(),
  };
}

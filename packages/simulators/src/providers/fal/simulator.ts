import type {
  ProviderSimulator,
  SimRoute,
  SimulatorFactory,
  SimulatorOptions,
} from '../../simulator/provider-simulator';
import { createRandom, deriveSeed } from '../../simulator/random';
import { startSimulatorServer, type SimRequest, type SimResponse } from '../../simulator/simulator-server';
import { createFalDataset, makeFalKey, type FalDataset, type FalSimKey } from './dataset';
import { falErrorBody, serveFalUsage } from './sim-usage';

const ROUTES: readonly SimRoute[] = [
  { method: 'GET', path: /^\/v1\/account\/billing$/ },
  { method: 'GET', path: /^\/v1\/models\/usage$/ },
  { method: 'GET', path: /^\/v1\/keys$/ },
];

const KEYS_MAX_LIMIT = 100;

const error = (status: number, message: string): SimResponse => ({ status, body: falErrorBody(status, message) });

/** fal's auth: `Authorization: Key <key_id>:<secret>`; every route here needs an ADMIN key. */
function authorize(request: SimRequest, keys: readonly FalSimKey[]): SimResponse | undefined {
  const match = /^Key ([^:\s]+):(\S+)$/.exec(String(request.headers.authorization ?? ''));
  const key = match && keys.find((k) => k.keyId === match[1] && k.secret === match[2]);
  if (!key) return error(401, 'Authentication required');
  if (key.scope !== 'ADMIN') return error(403, 'Access denied');
  return undefined;
}

function serveKeys(
  dataset: FalDataset,
  query: URLSearchParams,
  pageSize: number | undefined,
  endless: boolean,
): SimResponse {
  const limit = Math.min(
    Number(query.get('limit') ?? KEYS_MAX_LIMIT) || KEYS_MAX_LIMIT,
    KEYS_MAX_LIMIT,
    pageSize ?? Infinity,
  );
  const cursor = query.get('cursor');
  const page = cursor === null ? 0 : Number(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!Number.isInteger(page) || page < 0) return error(400, 'Invalid cursor');
  const keys = dataset.keys.slice(page * limit, (page + 1) * limit).map((k) => ({
    key_id: k.keyId,
    alias: k.alias,
    scope: k.scope,
    created_at: k.createdAt,
    creator_nickname: 'ops',
    last_used_at: null,
  }));
  const hasMore = endless || (page + 1) * limit < dataset.keys.length;
  return {
    status: 200,
    body: { keys, next_cursor: hasMore ? Buffer.from(String(page + 1)).toString('base64') : null, has_more: hasMore },
  };
}

function route(dataset: FalDataset, options: SimulatorOptions, request: SimRequest, endless: boolean): SimResponse {
  if (request.method !== 'GET' || !ROUTES.some((r) => r.path.test(request.path)))
    return error(404, `No route for ${request.method} ${request.path}`);
  const refused = authorize(request, dataset.keys);
  if (refused) return refused;
  if (request.path === '/v1/models/usage') return serveFalUsage(dataset, request.query, options.pageSize, endless);
  if (request.path === '/v1/keys') return serveKeys(dataset, request.query, options.pageSize, endless);
  const credits = request.query.getAll('expand').includes('credits')
    ? { credits: { current_balance: 1250.75, currency: 'USD' } }
    : {};
  return { status: 200, body: { username: dataset.username, ...credits, billing_plan: 'pay_as_you_go' } };
}

/**
 * A local fal.ai Platform API: usage (daily buckets, cursor paging), billing and keys, fal's key
 * scopes and error envelope, over a generated account of endpoints billed in several units.
 */
export const startFalSimulator: SimulatorFactory = async (options = {}) => {
  const dataset = createFalDataset(options);
  const server = await startSimulatorServer({
    errorBody: falErrorBody,
    handle: (request, { faults }) => route(dataset, options, request, faults.isEndless(request.path)),
    groundTruth: dataset.groundTruth,
    host: options.host,
    port: options.port,
  });
  const [admin, apiScoped] = dataset.keys as [FalSimKey, FalSimKey];
  const unknown = makeFalKey(createRandom(deriveSeed(options.seed ?? 1, 'unknown-key')), 'unknown', 'ADMIN', '');
  const simulator: ProviderSimulator = {
    provider: 'fal',
    url: server.url,
    dataRange: dataset.range,
    credentials: { apiKey: `${admin.keyId}:${admin.secret}` },
    invalidCredentials: { apiKey: `${unknown.keyId}:${unknown.secret}` },
    wrongTypeCredentials: { apiKey: `${apiScoped.keyId}:${apiScoped.secret}` },
    adapterDeps: () => ({ baseUrl: server.url }),
    groundTruth: dataset.groundTruth,
    faults: server.faults,
    calls: server.calls,
    routes: ROUTES,
    close: () => server.close(),
  };
  return simulator;
};

import { Money, addDays, eachDay, isDay, rangeContains, startOfDay } from '@spendsync/domain';
import type { ProviderSimulator, SimRoute, SimulatorOptions } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed } from '../../simulator/random';
import { startSimulatorServer, type SimRequest, type SimResponse } from '../../simulator/simulator-server';
import {
  UNITS_PER_USD,
  createOpenRouterDataset,
  makeOpenRouterSecret,
  type OpenRouterDataset,
  type OpenRouterSimKey,
} from './dataset';
import { activityRows, keyInfoBody, keyListItem, openRouterErrorBody, usd } from './sim-wire';
import { ACTIVITY_WINDOW_DAYS } from '@spendsync/adapters/wire/openrouter';

/** OpenRouter simulator options. */
export type OpenRouterSimulatorOptions = SimulatorOptions & {
  /**
   * True (default): the credentials carry a management key, which unlocks activity, credits and
   * keys. False: only a standard key, which can read nothing but `GET /key`.
   */
  managementKey?: boolean;
};

const PREFIX = '/api/v1';
/** The API's own page size of `GET /keys`. */
const KEYS_PAGE_SIZE = 100;
const MANAGEMENT_ROUTES: readonly SimRoute[] = ['credits', 'activity', 'keys'].map((p) => ({
  method: 'GET',
  path: new RegExp(`^${PREFIX}/${p}$`),
}));
const STANDARD_ROUTES: readonly SimRoute[] = [{ method: 'GET', path: new RegExp(`^${PREFIX}/key$`) }];

const error = (status: number, message: string): SimResponse => ({
  status,
  body: openRouterErrorBody(status, message),
});
const ok = (body: unknown): SimResponse => ({ status: 200, body });

/** The caller: a listed key, the management key (`'management'`), or an error answer. */
function authenticate(request: SimRequest, dataset: OpenRouterDataset): OpenRouterSimKey | 'management' | SimResponse {
  const match = /^Bearer (\S+)$/.exec(String(request.headers.authorization ?? ''));
  if (!match) return error(401, 'Missing Authentication header');
  if (match[1] === dataset.managementSecret) return 'management';
  return dataset.keys.find((k) => k.listed && k.secret === match[1]) ?? error(401, 'User not found.');
}

function serveActivity(dataset: OpenRouterDataset, query: URLSearchParams): SimResponse {
  const window = { start: addDays(dataset.today, -ACTIVITY_WINDOW_DAYS), end: dataset.today };
  const date = query.get('date');
  // [inferred] the exact refusal text for a date outside the window is not documented.
  if (date !== null && (!isDay(date) || !rangeContains(window, date)))
    return error(400, `date must be a UTC day within the last ${ACTIVITY_WINDOW_DAYS} completed days (YYYY-MM-DD)`);
  const hash = query.get('api_key_hash');
  const key = hash === null ? null : dataset.keys.find((k) => k.listed && k.hash === hash);
  if (key === undefined) return ok({ data: [] });
  const days = date === null ? eachDay(window) : [date];
  return ok({ data: days.flatMap((day) => activityRows(day, dataset.partsOn(day, key?.index ?? null))) });
}

function serveKeys(
  dataset: OpenRouterDataset,
  query: URLSearchParams,
  pageSize: number,
  endless: boolean,
): SimResponse {
  const offset = Number(query.get('offset') ?? '0');
  if (!Number.isInteger(offset) || offset < 0) return error(400, 'offset must be a non-negative integer');
  const listed = dataset.keys.filter((k) => k.listed && (k.disabled ? query.get('include_disabled') === 'true' : true));
  // Endless mode: a server that ignores the offset and serves the first page forever.
  const from = endless ? 0 : offset;
  return ok({ data: listed.slice(from, from + pageSize).map((k) => keyListItem(dataset, k)) });
}

function route(dataset: OpenRouterDataset, request: SimRequest, pageSize: number, endless: boolean): SimResponse {
  const path = request.path.startsWith(PREFIX) ? request.path.slice(PREFIX.length) : '';
  if (request.method !== 'GET' || !['/key', '/credits', '/activity', '/keys'].includes(path))
    return error(404, 'Not Found');
  const caller = authenticate(request, dataset);
  if (typeof caller === 'object' && 'status' in caller) return caller;
  if (path === '/key') return ok(keyInfoBody(dataset, caller === 'management' ? null : caller));
  if (caller !== 'management') return error(403, 'Only management keys can perform this operation');
  if (path === '/activity') return serveActivity(dataset, request.query);
  if (path === '/keys') return serveKeys(dataset, request.query, pageSize, endless);
  const { granted, used } = creditUnits(dataset);
  return ok({ data: { total_credits: usd(granted), total_usage: usd(used) } });
}

/**
 * The account's lifetime credits in units of 1e-8 USD: `used` is every completed day's usage (what
 * `/activity` serves, so it equals the ground truth), `granted` what was bought: 1.6 × that, rounded
 * up to $100, so about 18 days of the recent burn are left.
 */
function creditUnits(dataset: OpenRouterDataset): { granted: number; used: number } {
  const used = dataset.keys.reduce((sum, k) => sum + dataset.keyUsage(k.index, dataset.range), 0);
  const hundred = 100 * UNITS_PER_USD;
  return { granted: Math.max(1, Math.ceil((used * 1.6) / hundred)) * hundred, used };
}

/**
 * A local OpenRouter API (`/api/v1`): `/key` for any key; `/credits`, `/activity` (last 30
 * completed UTC days, per day or whole window, optionally per key) and `/keys` (offset pages of
 * 100) for the management key, with OpenRouter's 401/403 envelopes and `X-RateLimit-*` headers.
 * Its clock is fixed at the day after the data ends; `adapterDeps()` hands that clock on.
 */
export async function startOpenRouterSimulator(options: OpenRouterSimulatorOptions = {}): Promise<ProviderSimulator> {
  const dataset = createOpenRouterDataset(options);
  const pageSize = Math.max(1, Math.min(KEYS_PAGE_SIZE, options.pageSize ?? KEYS_PAGE_SIZE));
  const server = await startSimulatorServer({
    errorBody: openRouterErrorBody,
    rateLimitHeaders: (seconds) => ({
      'x-ratelimit-limit': '20',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Date.now() + (seconds ?? 1) * 1000),
      ...(seconds === null ? {} : { 'retry-after': String(seconds) }),
    }),
    handle: (request, { faults }) => route(dataset, request, pageSize, faults.isEndless(request.path)),
    groundTruth: dataset.groundTruth,
    host: options.host,
    port: options.port,
  });
  const withManagement = options.managementKey ?? true;
  const [standard, other] = dataset.keys.filter((k) => k.listed) as [OpenRouterSimKey, OpenRouterSimKey | undefined];
  const unknown = createRandom(deriveSeed(options.seed ?? 1, 'unknown-keys'));
  const [unknownApi, unknownManagement] = [makeOpenRouterSecret(unknown), makeOpenRouterSecret(unknown)];
  return {
    provider: 'openrouter',
    url: server.url,
    dataRange: dataset.range,
    credentials: withManagement
      ? { apiKey: standard.secret, managementKey: dataset.managementSecret }
      : { apiKey: standard.secret },
    invalidCredentials: withManagement
      ? { apiKey: unknownApi, managementKey: unknownManagement }
      : { apiKey: unknownApi },
    // An ordinary key pasted as the management key: OpenRouter answers 403 on management routes.
    wrongTypeCredentials: { apiKey: standard.secret, managementKey: (other ?? standard).secret },
    adapterDeps: () => ({
      baseUrl: `${server.url}${PREFIX}`,
      now: () => new Date(startOfDay(dataset.today).getTime() + 6 * 3_600_000),
    }),
    groundTruth: dataset.groundTruth,
    balance: () => {
      if (!withManagement) return null;
      const { granted, used } = creditUnits(dataset);
      const [g, u] = [new Money(granted).div(UNITS_PER_USD), new Money(used).div(UNITS_PER_USD)];
      return { granted: g, used: u, remaining: g.sub(u) };
    },
    faults: server.faults,
    calls: server.calls,
    routes: withManagement ? MANAGEMENT_ROUTES : STANDARD_ROUTES,
    close: () => server.close(),
  };
}

import { addDays, daysBetween, dayOf, eachDay, isDay, parseCredits, type Day } from '@spendsync/domain';
import type { ProviderSimulator, SimRoute, SimulatorFactory } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed } from '../../simulator/random';
import { startSimulatorServer, type SimRequest, type SimResponse } from '../../simulator/simulator-server';
import { RUNWAY_API_VERSION, RUNWAY_USD_PER_CREDIT } from '@spendsync/adapters/wire/runway';
import { createRunwayDataset, type RunwayDataset } from './dataset';

const ROUTES: readonly SimRoute[] = [
  { method: 'GET', path: /^\/v1\/organization$/ },
  { method: 'POST', path: /^\/v1\/organization\/usage$/ },
];

const DOC_URL = 'https://docs.dev.runwayml.com/api/';

/** Runway's error body: `{error, issues?, code?, docUrl?}`. */
function runwayErrorBody(status: number, message: string, issues?: { path: string[]; message: string }[]): unknown {
  return {
    error: message,
    ...(issues ? { issues } : {}),
    ...(status === 429 ? { code: 'daily_limit_exceeded' } : {}),
    docUrl: DOC_URL,
  };
}

const error = (status: number, message: string, issues?: { path: string[]; message: string }[]): SimResponse => ({
  status,
  body: runwayErrorBody(status, message, issues),
});

/** Bearer `key_…` of the organization and the required version header, checked as Runway does. */
function authorize(request: SimRequest, apiKey: string): SimResponse | undefined {
  if (request.headers.authorization !== `Bearer ${apiKey}`)
    return error(401, 'Invalid API key. Make sure the key is correct and has not been disabled.');
  if (request.headers['x-runway-version'] !== RUNWAY_API_VERSION) {
    return error(400, `The X-Runway-Version header is missing or invalid; use "${RUNWAY_API_VERSION}".`);
  }
  return undefined;
}

/** `POST /v1/organization/usage`: dates default like the SDK says; more than 90 days is refused. */
function serveUsage(dataset: RunwayDataset, body: unknown): SimResponse {
  const input = (body && typeof body === 'object' ? body : {}) as { startDate?: unknown; beforeDate?: unknown };
  const issues: { path: string[]; message: string }[] = [];
  const readDate = (name: 'startDate' | 'beforeDate', fallback: Day): Day => {
    const value = input[name];
    if (value === undefined) return fallback;
    if (typeof value === 'string' && isDay(value)) return value;
    issues.push({ path: [name], message: 'Invalid date, expected YYYY-MM-DD' });
    return fallback;
  };
  const startDate = readDate('startDate', addDays(dayOf(new Date()), -30));
  const beforeDate = readDate('beforeDate', addDays(startDate, 30));
  if (issues.length === 0 && beforeDate <= startDate)
    issues.push({ path: ['beforeDate'], message: 'beforeDate must be after startDate' });
  if (issues.length === 0 && daysBetween(startDate, beforeDate) > 90) {
    issues.push({ path: ['beforeDate'], message: 'beforeDate must be no more than 90 days after startDate' });
  }
  if (issues.length > 0) return error(400, 'Invalid request body', issues);
  const from = startDate > dataset.range.start ? startDate : dataset.range.start;
  const to = beforeDate < dataset.range.end ? beforeDate : dataset.range.end;
  const days = from < to ? eachDay({ start: from, end: to }) : [];
  const results = days.map((date) => ({
    date,
    usedCredits: dataset.usageOn(date).map((u) => ({ model: u.model, amount: u.amount })),
  }));
  const models = [...new Set(results.flatMap((r) => r.usedCredits.map((u) => u.model)))];
  return { status: 200, body: { results, models, apiKeys: [], resultsByApiKey: [] } };
}

function serveOrganization(dataset: RunwayDataset): SimResponse {
  const limits = Object.fromEntries(
    dataset.models.map((m) => [m, { maxConcurrentGenerations: 2, maxDailyGenerations: 200 }]),
  );
  const usage = Object.fromEntries(dataset.models.map((m, i) => [m, { dailyGenerations: i * 3 }]));
  return {
    status: 200,
    body: {
      creditBalance: dataset.creditBalance,
      tier: { maxMonthlyCreditSpend: 1_000_000, models: limits },
      usage: { models: usage },
      orgType: 'api',
    },
  };
}

function route(dataset: RunwayDataset, apiKey: string, request: SimRequest): SimResponse {
  const known = ROUTES.find((r) => r.path.test(request.path));
  if (!known) return error(404, `Not found: ${request.path}`);
  if (known.method !== request.method) return error(405, `Method ${request.method} is not allowed on ${request.path}`);
  const refused = authorize(request, apiKey);
  if (refused) return refused;
  return request.method === 'POST' ? serveUsage(dataset, request.body) : serveOrganization(dataset);
}

/**
 * A local Runway Developer API: organization and the 90-day usage POST, with the version header,
 * Runway's error bodies and an organization whose credits include refund (negative) days.
 */
export const startRunwaySimulator: SimulatorFactory = async (options = {}) => {
  const dataset = createRunwayDataset(options);
  const random = createRandom(deriveSeed(options.seed ?? 1, 'keys'));
  const hex = random.hex(128);
  const apiKey = `key_${hex}`;
  const server = await startSimulatorServer({
    errorBody: (status, message) => runwayErrorBody(status, message),
    handle: (request) => route(dataset, apiKey, request),
    groundTruth: dataset.groundTruth,
    host: options.host,
    port: options.port,
  });
  const simulator: ProviderSimulator = {
    provider: 'runway',
    url: server.url,
    dataRange: dataset.range,
    credentials: { apiKey },
    invalidCredentials: { apiKey: `key_${random.hex(128)}` },
    // The secret pasted without its `key_` prefix: Runway has no second key type, so this is
    // the mistake to catch, and our credential rules refuse it before any call.
    wrongTypeCredentials: { apiKey: hex },
    adapterDeps: () => ({ baseUrl: server.url }),
    groundTruth: dataset.groundTruth,
    balance: () => {
      const granted = parseCredits(dataset.grantedCredits, RUNWAY_USD_PER_CREDIT);
      const used = parseCredits(dataset.usedCredits, RUNWAY_USD_PER_CREDIT);
      return { granted, used, remaining: granted.sub(used) };
    },
    faults: server.faults,
    calls: server.calls,
    routes: ROUTES,
    close: () => server.close(),
  };
  return simulator;
};

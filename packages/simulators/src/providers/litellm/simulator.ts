import type { ProviderSimulator, SimRoute, SimulatorOptions } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed } from '../../simulator/random';
import { startSimulatorServer, type SimRequest, type SimResponse } from '../../simulator/simulator-server';
import { createLiteLlmDataset, makeLiteLlmSecret, type LiteLlmDataset, type LiteLlmSimKey } from './dataset';
import { serveDailyActivity, serveKeyList, serveTeamReport, type LiteLlmVariant } from './sim-routes';
import { detailErrorBody, proxyErrorBody } from './sim-wire';

/** LiteLLM simulator options: the proxy version and edition it plays. */
export type LiteLlmSimulatorOptions = SimulatorOptions & {
  /** LiteLLM Enterprise (`/global/spend/report` answers) or open source (400 `not_premium_user`). Default false. */
  enterprise?: boolean;
  /** Paged answers (`page`/`page_size`, `has_more`) or one answer with everything, as older proxies give. Default true. */
  paged?: boolean;
  /** Whether daily activity's `end_date` is inclusive (current proxies, default) or exclusive. */
  endInclusive?: boolean;
  /**
   * Keys kept in the per-key breakdowns: 0 = none (old proxies); a number = only the top keys by spend
   * of each answer (with `paged: false`, the aggregated endpoint's top-keys limit). Default all.
   */
  keyBreakdownLimit?: number | null;
};

const ROUTES: readonly SimRoute[] = [
  { method: 'GET', path: /^\/user\/daily\/activity$/ },
  { method: 'GET', path: /^\/key\/list$/ },
  { method: 'GET', path: /^\/global\/spend\/report$/ },
];

/** `CommonProxyErrors.not_premium_user`, as `/global/spend/report` prefixes it. */
const NOT_PREMIUM =
  '/spend/report endpoint You must be a LiteLLM Enterprise user to use this feature. If you have a license please set `LITELLM_LICENSE` in your env. ' +
  'Get a 7 day trial key here: https://www.litellm.ai/#trial. \nPricing: https://www.litellm.ai/#pricing';

const authError = (message: string): SimResponse => ({
  status: 401,
  body: proxyErrorBody(401, `Authentication Error, ${message}`, 'auth_error'),
});
const mask = (id: string) => `${id.slice(0, 6)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-2)}`;

/** The caller's key, or the proxy's 401. The master key is the proxy admin; virtual keys belong to internal users. */
function authenticate(request: SimRequest, dataset: LiteLlmDataset): LiteLlmSimKey | SimResponse {
  const match = /^Bearer (\S+)$/.exec(String(request.headers.authorization ?? ''));
  if (!match?.[1]) return authError('No api key passed in.');
  const key = dataset.keys.find((k) => k.kind !== 'deleted' && k.secret === match[1]);
  if (!key)
    return authError(
      `Invalid proxy server token passed. Received API Key = sk-...${match[1].slice(-4)}, Unable to find token in cache or \`LiteLLM_VerificationTokenTable\``,
    );
  return key;
}

function route(dataset: LiteLlmDataset, variant: LiteLlmVariant, request: SimRequest, endless: boolean): SimResponse {
  if (request.method !== 'GET' || !ROUTES.some((r) => r.path.test(request.path)))
    return { status: 404, body: { detail: 'Not Found' } };
  const caller = authenticate(request, dataset);
  if ('status' in caller) return caller;
  const isAdmin = caller.kind === 'master';
  if (request.path === '/user/daily/activity') {
    // An internal user's key is not refused here: the proxy silently shows only its own spend.
    return serveDailyActivity(
      dataset,
      request.query,
      variant,
      endless,
      isAdmin ? undefined : (k) => k.userId === caller.userId,
    );
  }
  if (!isAdmin) {
    return authError(
      `Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=${request.path}. Your role=internal_user. Your user_id=${mask(caller.userId)}`,
    );
  }
  if (request.path === '/key/list') return serveKeyList(dataset, request.query, variant, endless);
  if (!variant.enterprise) return { status: 400, body: detailErrorBody(NOT_PREMIUM) };
  return serveTeamReport(dataset, request.query);
}

/**
 * A local LiteLLM proxy's spend routes: daily activity (paged over table rows, newest day first),
 * key list and the Enterprise team report, with the proxy's auth (master key = admin, virtual
 * keys = internal users), its two error envelopes and its version differences as options.
 */
export async function startLiteLlmSimulator(options: LiteLlmSimulatorOptions = {}): Promise<ProviderSimulator> {
  const dataset = createLiteLlmDataset(options);
  const variant: LiteLlmVariant = {
    enterprise: options.enterprise ?? false,
    paged: options.paged ?? true,
    endInclusive: options.endInclusive ?? true,
    keyBreakdownLimit: options.keyBreakdownLimit ?? null,
    pageSize: options.pageSize,
  };
  const server = await startSimulatorServer({
    errorBody: (status, message) => proxyErrorBody(status, message),
    handle: (request, { faults }) => route(dataset, variant, request, faults.isEndless(request.path)),
    groundTruth: dataset.groundTruth,
    host: options.host,
    port: options.port,
  });
  const [master] = dataset.keys;
  const member = dataset.keys.find((k) => k.kind === 'virtual') as LiteLlmSimKey;
  const unknown = makeLiteLlmSecret(createRandom(deriveSeed(options.seed ?? 1, 'unknown-key')));
  return {
    provider: 'litellm',
    url: server.url,
    dataRange: dataset.range,
    credentials: { apiKey: master?.secret, baseUrl: server.url },
    invalidCredentials: { apiKey: unknown, baseUrl: server.url },
    // A virtual key of an internal user: valid, but refused the proxy-wide spend routes.
    wrongTypeCredentials: { apiKey: member.secret, baseUrl: server.url },
    adapterDeps: () => ({}),
    groundTruth: dataset.groundTruth,
    faults: server.faults,
    calls: server.calls,
    // An open-source proxy refuses the team report with a 400 the adapter expects.
    routes: variant.enterprise ? ROUTES : ROUTES.slice(0, 2),
    close: () => server.close(),
  };
}

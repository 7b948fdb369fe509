import { eachDay, type VertexServiceGroup } from '@spendsync/domain';
import type { ProviderSimulator, SimulatorFactory } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed } from '../../simulator/random';
import { startSimulatorServer, type SimRequest, type SimResponse } from '../../simulator/simulator-server';
import { createVertexDataset, type VertexDataset } from './dataset';
import { createKeyPair, createTokenIssuer, type SimPrincipal } from './sim-auth';
import { bqError, decodePosition, readWindow, resultPage, type SimJob } from './sim-handlers';

const PATH = /^(?:\/bigquery\/v2)?\/projects\/([^/]+)\/queries(?:\/([^/]+))?$/;
const BILLING_PROJECT = 'acme-billing';
const DATASET = 'billing_export';
const BILLING_ACCOUNT = '0A1B2C-3D4E5F-6A7B8C';
const TABLE = `${BILLING_PROJECT}.${DATASET}.gcp_billing_export_v1_${BILLING_ACCOUNT.replace(/-/g, '_')}`;
const LOCATION = 'US';
/** Rows per page when the client asks for more (or none). */
const MAX_ROWS = 10_000;
/** Windows longer than this come back `jobComplete: false` first, so clients must poll. */
const SLOW_QUERY_DAYS = 14;

/** A service-account key file as Google issues it, pointing its `token_uri` at the simulator. */
function serviceAccount(
  seed: number,
  name: string,
  project: string,
  privateKey: string,
  tokenUri: string,
): Record<string, string> {
  const rng = createRandom(deriveSeed(seed, 'sa', name));
  return {
    type: 'service_account',
    project_id: project,
    private_key_id: rng.hex(40),
    private_key: privateKey,
    client_email: `${name}@${project}.iam.gserviceaccount.com`,
    client_id: String(rng.int(1e8, 9e8)) + String(rng.int(1e8, 9e8)),
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: tokenUri,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    universe_domain: 'googleapis.com',
  };
}

/** The partition filter the simulated table requires (it is created with require_partition_filter). */
const PARTITION_FILTER =
  /_PARTITIONTIME >= TIMESTAMP_SUB\(@start, INTERVAL (\d+) DAY\) AND _PARTITIONTIME < TIMESTAMP_ADD\(@end, INTERVAL (\d+) DAY\)/;
/** Bytes the simulated export holds per day of partitions (the whole table: {@link TABLE_DAYS} of them). */
const BYTES_PER_PARTITION = 48 * 1024 ** 2;
const TABLE_DAYS = 730;

/** Which service groups the query's service filter selects, read from its conditions. */
function groupsOf(query: string): VertexServiceGroup[] {
  const groups: VertexServiceGroup[] = [];
  if (query.includes("service.description = 'Vertex AI'")) groups.push('vertex-ai');
  if (query.includes('REGEXP_CONTAINS(LOWER(service.description)')) groups.push('partner-models');
  if (query.includes("'Gemini API'")) groups.push('gemini-api');
  return groups;
}

type CheckedQuery = { start: string; end: string; groups: VertexServiceGroup[]; bytes: number; dryRun: boolean };

function checkQuery(
  request: SimRequest,
  project: string,
  principal: SimPrincipal,
  location: string,
): SimResponse | CheckedQuery {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const query = typeof body.query === 'string' ? body.query : '';
  const table = /FROM `([^`]+)`/.exec(query)?.[1];
  if (!table || !/usage_start_time >= @start AND usage_start_time < @end/.test(query) || body.useLegacySql !== false) {
    return bqError(
      400,
      'invalidQuery',
      'The simulator answers the spendsync billing export query only (standard SQL, FROM `project.dataset.table`, @start/@end)',
    );
  }
  const partition = PARTITION_FILTER.exec(query);
  if (!partition) {
    return bqError(
      400,
      'invalidQuery',
      `Cannot query over table '${table}' without a filter over column(s) '_PARTITIONTIME' that can be used for partition elimination`,
    );
  }
  const [tableProject, dataset] = table.split('.');
  if (!principal.canQuery) {
    return bqError(
      403,
      'accessDenied',
      `Access Denied: Table ${table.replace('.', ':')}: User does not have permission to query table ${table.replace('.', ':')}, or perhaps it does not exist.`,
    );
  }
  if (project !== BILLING_PROJECT)
    return bqError(
      403,
      'accessDenied',
      `Access Denied: Project ${project}: User does not have bigquery.jobs.create permission in project ${project}.`,
    );
  if (tableProject !== BILLING_PROJECT || dataset !== DATASET || location.toUpperCase() !== LOCATION) {
    return bqError(
      404,
      'notFound',
      `Not found: Dataset ${tableProject}:${dataset} was not found in location ${location}`,
    );
  }
  if (table !== TABLE)
    return bqError(
      404,
      'notFound',
      `Not found: Table ${table.replace('.', ':')} was not found in location ${location}`,
    );
  const window = readWindow(body.queryParameters);
  if (typeof window === 'string') return bqError(400, 'invalidQuery', window);
  // Pruned to the window plus its slack: the bytes of those partitions only.
  const partitions = eachDay(window).length + Number(partition[1]) + Number(partition[2]);
  return {
    ...window,
    groups: groupsOf(query),
    bytes: Math.min(partitions, TABLE_DAYS) * BYTES_PER_PARTITION,
    dryRun: body.dryRun === true,
  };
}

function countRows(dataset: VertexDataset, days: string[], groups: VertexServiceGroup[]): number {
  return days.reduce((n, day) => n + dataset.resultRows(day, groups).length, 0);
}

/**
 * Starts a local BigQuery speaking jobs.query and jobs.getQueryResults (with and without the
 * /bigquery/v2 prefix): Bearer tokens checked, f/v rows, NUMERIC as strings, TIMESTAMP as int64
 * microseconds, pageToken paging, and BigQuery's error envelope for a missing table (404), a
 * service account without access (403) and an unknown token (401).
 */
export const startVertexAiSimulator: SimulatorFactory = async (options = {}) => {
  const seed = options.seed ?? 1;
  const dataset = createVertexDataset(options);
  // pageSize counts days per page; BigQuery itself caps a page by rows (maxResults) and bytes.
  const maxDays = Math.max(1, options.pageSize ?? 31);
  const limits = (maxResults: unknown) => ({
    maxRows: Math.min(MAX_ROWS, Number(maxResults) > 0 ? Number(maxResults) : MAX_ROWS),
    maxDays,
  });
  const [readerKey, outsiderKey] = await Promise.all([createKeyPair(), createKeyPair()]);
  // The token URL is only known once the server listens; keys are completed then.
  const principals: SimPrincipal[] = [];
  const issuer = createTokenIssuer(principals);
  const jobs = new Map<string, SimJob>();
  let jobCount = 0;
  let endless = 0;

  const server = await startSimulatorServer({
    host: options.host,
    port: options.port,
    errorBody: (status, message) =>
      bqError(status, status === 429 ? 'rateLimitExceeded' : status >= 500 ? 'backendError' : 'invalid', message).body,
    groundTruth: (range) => dataset.groundTruth(range),
    handle(request, { faults }) {
      if (request.method === 'POST' && request.path === '/token') return issuer.exchange(request);
      const route = PATH.exec(request.path);
      if (!route) return bqError(404, 'notFound', `Not found: URL ${request.path}`);
      const [, project = '', jobId] = route;
      const principal = issuer.principalOf(request.headers.authorization);
      if (!principal) {
        return {
          ...bqError(
            401,
            'authError',
            'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
          ),
          headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
        };
      }
      const endlessNo = faults.isEndless(request.path) ? ++endless : undefined;
      if (request.method === 'POST' && !jobId) {
        const body = (request.body ?? {}) as { location?: string; maxResults?: number };
        const location = body.location ?? LOCATION;
        const window = checkQuery(request, project, principal, location);
        if ('status' in window) return window;
        // A dry run validates and estimates only: no job to read, no rows [spec: QueryRequest.dryRun].
        if (window.dryRun)
          return {
            status: 200,
            body: {
              kind: 'bigquery#queryResponse',
              jobComplete: true,
              totalBytesProcessed: String(window.bytes),
              cacheHit: false,
            },
          };
        const days = eachDay(window);
        const job: SimJob = {
          id: `job_sim_${++jobCount}`,
          project,
          location,
          owner: principal.email,
          days,
          groups: window.groups,
          totalRows: countRows(dataset, days, window.groups),
          pending: days.length > SLOW_QUERY_DAYS,
        };
        if (jobs.size >= 1000) jobs.delete(jobs.keys().next().value as string);
        jobs.set(job.id, job);
        if (job.pending)
          return {
            status: 200,
            body: {
              kind: 'bigquery#queryResponse',
              jobReference: { projectId: project, jobId: job.id, location },
              jobComplete: false,
            },
          };
        return {
          status: 200,
          body: {
            kind: 'bigquery#queryResponse',
            ...resultPage(dataset, job, { d: 0, i: 0 }, limits(body.maxResults), BILLING_ACCOUNT, endlessNo),
          },
        };
      }
      if (request.method === 'GET' && jobId) {
        const job = jobs.get(jobId);
        const location = request.query.get('location') ?? LOCATION;
        if (!job || job.owner !== principal.email || job.project !== project || job.location !== location)
          return bqError(404, 'notFound', `Not found: Job ${project}:${location}.${jobId}`);
        job.pending = false;
        const pageToken = request.query.get('pageToken');
        const at = pageToken ? decodePosition(pageToken) : { d: 0, i: 0 };
        if (!at) return bqError(400, 'invalid', 'Invalid page token');
        return {
          status: 200,
          body: {
            kind: 'bigquery#getQueryResultsResponse',
            ...resultPage(
              dataset,
              job,
              at,
              limits(Number(request.query.get('maxResults'))),
              BILLING_ACCOUNT,
              endlessNo,
            ),
          },
        };
      }
      return bqError(404, 'notFound', `Not found: ${request.method} ${request.path}`);
    },
  });

  const tokenUri = `${server.url}/token`;
  const reader = serviceAccount(seed, 'spendsync-reader', 'acme-ml', readerKey.privateKey, tokenUri);
  const outsider = serviceAccount(seed, 'ml-pipeline', 'acme-ml', outsiderKey.privateKey, tokenUri);
  principals.push(
    {
      email: reader.client_email as string,
      keyId: reader.private_key_id as string,
      publicKey: readerKey.publicKey,
      canQuery: true,
    },
    {
      email: outsider.client_email as string,
      keyId: outsider.private_key_id as string,
      publicKey: outsiderKey.publicKey,
      canQuery: false,
    },
  );
  const credentialsOf = (key: Record<string, string>) => ({
    serviceAccount: JSON.stringify(key),
    billingTable: TABLE,
    location: LOCATION,
  });
  const simulator: ProviderSimulator = {
    provider: 'vertex-ai',
    url: server.url,
    dataRange: dataset.range,
    credentials: credentialsOf(reader),
    invalidCredentials: credentialsOf(
      serviceAccount(seed, 'deleted-account', 'acme-ml', outsiderKey.privateKey, tokenUri),
    ),
    wrongTypeCredentials: credentialsOf(outsider),
    adapterDeps: () => ({ baseUrl: server.url }),
    groundTruth: (range) => dataset.groundTruth(range),
    faults: server.faults,
    calls: server.calls,
    routes: [
      { method: 'POST', path: /^\/token$/ },
      { method: 'POST', path: /^(?:\/bigquery\/v2)?\/projects\/[^/]+\/queries$/ },
      { method: 'GET', path: /^(?:\/bigquery\/v2)?\/projects\/[^/]+\/queries\/[^/]+$/ },
    ],
    close: () => server.close(),
  };
  return simulator;
};

/** The simulator's billing export table name, for tests that aim at a wrong one. */
export const SIM_BILLING_TABLE = TABLE;

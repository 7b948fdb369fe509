import { randomUUID } from 'node:crypto';
import { BigQuery } from '@google-cloud/bigquery';
import { credentialSecrets, type DayRange, type VertexAiCredentials } from '@spendsync/domain';
import type { AdapterDeps } from '../../adapter';
import { AdapterError } from '../../errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../http';
import { paginate } from '../../paginate';
import { callSdk, type SdkCallOptions } from '../../sdk-call';
import { authClientFor } from './auth';
import { classifyBigQueryError, LABEL, type TableContext } from './classify-error';
import { buildQueryRequest } from './query';
import { ZQueryResultsPage, type QueryResultsPage } from './raw';

const POLL = '\u0000poll:';

/** The BigQuery calls the adapter makes; each retries per `deps.retry` and throws AdapterError. */
export type BigQueryClient = {
  readonly policy: RetryPolicy;
  /** Every result page of the Vertex AI query over `range` (jobs.query, then jobs.getQueryResults). */
  resultPages(range: DayRange, maxResults: number, signal?: AbortSignal): AsyncGenerator<QueryResultsPage>;
  /** A dry run of the same query: the bytes it would scan (null when BigQuery does not say). Free. */
  bytesToScan(range: DayRange, signal?: AbortSignal): Promise<bigint | null>;
};

function validate(value: unknown, what: string): QueryResultsPage {
  const parsed = ZQueryResultsPage.safeParse(value);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new AdapterError('vertex-ai', 'INVALID_RESPONSE', `${LABEL}: unexpected ${what} response (${where})`);
}

/**
 * Builds the BigQuery client: the job runs in the billing table's project and location, the
 * SDK's own retries are off (`autoRetry: false`) because we retry with our policy, and
 * `deps.baseUrl` becomes the SDK's `apiEndpoint`.
 */
export function createBigQueryClient(credentials: VertexAiCredentials, deps: AdapterDeps): BigQueryClient {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
  const where: TableContext = {
    table: credentials.billingTable,
    jobProject: credentials.billingTable.split('.')[0] ?? '',
    location: credentials.location,
  };
  const bq = new BigQuery({
    projectId: where.jobProject,
    apiEndpoint: deps.baseUrl?.replace(/\/+$/, ''),
    authClient: authClientFor(credentials, deps),
    autoRetry: false,
    maxRetries: 0,
    location: credentials.location,
  });
  const options: SdkCallOptions = {
    provider: 'vertex-ai',
    label: LABEL,
    policy,
    logger: deps.logger,
    secrets: credentialSecrets('vertex-ai', credentials),
    classify: (error) => classifyBigQueryError(error, where),
  };
  const request = (what: string, reqOpts: Parameters<BigQuery['request']>[0], signal?: AbortSignal) =>
    callSdk(
      what,
      () =>
        new Promise<unknown>((resolve, reject) =>
          bq.request(reqOpts, (err, body) => (err ? reject(err) : resolve(body))),
        ),
      options,
      signal,
    ).then((body) => validate(body, what));

  return {
    policy,
    async bytesToScan(range, signal) {
      const json = {
        ...buildQueryRequest(credentials.billingTable, range, credentials.location, 1, credentials.services, true),
        requestId: randomUUID(),
      };
      const page = await request('jobs.query (dry run)', { method: 'POST', uri: '/queries', json }, signal);
      return page.totalBytesProcessed === undefined ? null : BigInt(page.totalBytesProcessed);
    },
    resultPages(range, maxResults, signal) {
      let job: { jobId: string; location?: string } | undefined;
      return paginate({
        provider: 'vertex-ai',
        label: LABEL,
        maxPages: policy.maxPages,
        fetchPage: async (cursor) => {
          if (cursor === undefined) {
            const json = {
              ...buildQueryRequest(
                credentials.billingTable,
                range,
                credentials.location,
                maxResults,
                credentials.services,
              ),
              requestId: randomUUID(),
            };
            const page = await request('jobs.query', { method: 'POST', uri: '/queries', json }, signal);
            job = page.jobReference;
            return page;
          }
          if (!job)
            throw new AdapterError(
              'vertex-ai',
              'INVALID_RESPONSE',
              `${LABEL}: jobs.query named no job to read further pages from`,
            );
          const qs = {
            location: job.location ?? credentials.location,
            maxResults,
            'formatOptions.useInt64Timestamp': true,
            ...(cursor.startsWith(POLL) ? { timeoutMs: 10_000 } : { pageToken: cursor }),
          };
          return request('jobs.getQueryResults', { uri: `/queries/${encodeURIComponent(job.jobId)}`, qs }, signal);
        },
        // A job still running has no rows yet: poll it (each poll counts against maxPages).
        nextCursor: (page) => (page.jobComplete === false ? `${POLL}${randomUUID()}` : page.pageToken),
      });
    },
  };
}

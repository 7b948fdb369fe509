import { AdapterError, type AdapterErrorCode } from '../../errors';
import { parseRetryAfter } from '../../http';

export const LABEL = 'Google Vertex AI';

/** What @google-cloud/common's ApiError and gaxios' GaxiosError carry. */
type GoogleErrorLike = {
  name?: string;
  message?: string;
  code?: number | string;
  errors?: { reason?: string; message?: string }[];
  response?: {
    statusCode?: number;
    status?: number;
    headers?: Record<string, unknown>;
    data?: { error?: unknown; error_description?: unknown };
  };
};

const RATE = new Set(['rateLimitExceeded', 'quotaExceeded']);
const SERVER = new Set(['backendError', 'internalError']);
const NETWORK = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|ERR_STREAM_PREMATURE_CLOSE)$/;
const TOKEN_REFUSED = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/** Where the export lives, for messages that say what to fix. */
export type TableContext = { table: string; jobProject: string; location: string };

function codeFor(e: GoogleErrorLike, status: number | undefined, reason: string | undefined): AdapterErrorCode {
  if (e.name === 'SyntaxError') return 'INVALID_RESPONSE';
  if (TOKEN_REFUSED.has(String(e.response?.data?.error ?? ''))) return 'AUTH_FAILED';
  // The key file's private key could not be used to sign the token request.
  if (status === undefined && /DECODER routines|PEM|asn1|private key|secretOrPrivateKey/i.test(e.message ?? ''))
    return 'AUTH_FAILED';
  if (status === 429 || (reason && RATE.has(reason))) return 'RATE_LIMITED';
  if (status === 401) return 'AUTH_FAILED';
  if (status === 403) return 'CREDENTIAL_REJECTED';
  if (status === 404) return 'NOT_FOUND';
  if ((status !== undefined && status >= 500) || (reason && SERVER.has(reason))) return 'UPSTREAM_UNAVAILABLE';
  if (status !== undefined && status >= 400) return 'BAD_REQUEST';
  if (typeof e.code === 'string' && NETWORK.test(e.code)) return 'UPSTREAM_UNAVAILABLE';
  return status === undefined ? 'UPSTREAM_UNAVAILABLE' : 'BAD_REQUEST';
}

function hint(code: AdapterErrorCode, where: TableContext): string {
  switch (code) {
    case 'AUTH_FAILED':
      return 'Google refused the service-account key: it was deleted or disabled, or the JSON is not the current key file. Create a new key and paste the whole file.';
    case 'CREDENTIAL_REJECTED':
      return `The service account needs the BigQuery Data Viewer role on the billing export dataset (${where.table.split('.').slice(0, 2).join('.')}) and BigQuery Job User on project ${where.jobProject}.`;
    case 'NOT_FOUND':
      return `Check the table name and location: ${where.table} must exist in location ${where.location} (the dataset's location, e.g. US or EU).`;
    case 'RATE_LIMITED':
      return 'BigQuery is rate limiting us or a quota is used up; the next sync retries.';
    case 'UPSTREAM_UNAVAILABLE':
      return 'BigQuery is unavailable; the next sync retries.';
    default:
      return '';
  }
}

/** Maps what the BigQuery client threw to an AdapterError with a message a user can act on. */
export function classifyBigQueryError(error: unknown, where: TableContext): AdapterError {
  const e = (error ?? {}) as GoogleErrorLike;
  const status = typeof e.code === 'number' ? e.code : (e.response?.statusCode ?? e.response?.status);
  const reason = e.errors?.[0]?.reason;
  const code = codeFor(e, status, reason);
  const headers = new Headers();
  for (const [k, v] of Object.entries(e.response?.headers ?? {})) if (typeof v === 'string') headers.set(k, v);
  const said =
    code === 'INVALID_RESPONSE'
      ? 'BigQuery sent a body that is not JSON'
      : `${reason ? `${reason}: ` : ''}${(e.message ?? 'request failed').split('\n')[0]?.slice(0, 300)}`;
  // An export table created without ingestion-time partitioning has no _PARTITIONTIME to prune on.
  const partitionHint = /_PARTITIONTIME/.test(e.message ?? '')
    ? `${where.table} is not partitioned by ingestion time; spendsync filters on _PARTITIONTIME to scan only the synced days. Recreate the billing export (Billing → Billing export), which creates partitioned tables.`
    : '';
  return new AdapterError(
    'vertex-ai',
    code,
    [`${LABEL}: ${said}`, hint(code, where), partitionHint].filter(Boolean).join(' '),
    {
      status,
      retryAfterMs: parseRetryAfter(headers),
    },
  );
}

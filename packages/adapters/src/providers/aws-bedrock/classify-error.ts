import { AdapterError, type AdapterErrorCode } from '../../errors';
import { parseRetryAfter } from '../../http';

export const LABEL = 'AWS Bedrock';

/** What the SDK puts on a service exception (and what we read of other errors). */
type SdkErrorLike = {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
};

const THROTTLING = new Set([
  'LimitExceededException',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'Throttling',
  'SlowDown',
]);
const BAD_KEYS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'ExpiredToken',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
]);
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'TimeoutError',
  'RequestTimeout',
]);

const HINTS: Partial<Record<AdapterErrorCode, string>> = {
  AUTH_FAILED:
    'Check the access key ID and secret access key (and the session token of a temporary ASIA… key): they are wrong, deactivated or expired.',
  CREDENTIAL_REJECTED:
    'The IAM user or role needs the ce:GetCostAndUsage and ce:GetDimensionValues permissions (for example the AWSBillingReadOnlyAccess policy), no SCP may deny them, and Cost Explorer must be enabled for the account.',
  RATE_LIMITED: 'Cost Explorer is throttling us; the next sync retries.',
  UPSTREAM_UNAVAILABLE: 'Cost Explorer is unavailable; the next sync retries.',
};

function codeFor(e: SdkErrorLike, name: string, status: number | undefined): AdapterErrorCode {
  if (THROTTLING.has(name) || status === 429) return 'RATE_LIMITED';
  if (BAD_KEYS.has(name)) return 'AUTH_FAILED';
  if (name === 'AccessDeniedException' || name === 'AccessDenied') return 'CREDENTIAL_REJECTED';
  if (name === 'SyntaxError' || name === 'InvalidNextTokenException' || name === 'RequestChangedException')
    return 'INVALID_RESPONSE';
  if (name === 'ResourceNotFoundException') return 'NOT_FOUND';
  if (
    e.$fault === 'server' ||
    (status !== undefined && status >= 500) ||
    NETWORK.has(name) ||
    NETWORK.has(e.code ?? '')
  )
    return 'UPSTREAM_UNAVAILABLE';
  if (status === undefined && e.$fault === undefined) return 'UPSTREAM_UNAVAILABLE'; // no answer at all: a network failure
  return 'BAD_REQUEST';
}

/** Maps whatever the Cost Explorer SDK threw to an AdapterError with a message a user can act on. */
export function classifyCeError(error: unknown): AdapterError {
  const e = (error ?? {}) as SdkErrorLike;
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const code = codeFor(e, name, status);
  const headers = new Headers();
  for (const [k, v] of Object.entries(e.$response?.headers ?? {})) if (typeof v === 'string') headers.set(k, v);
  const said =
    code === 'INVALID_RESPONSE' && name === 'SyntaxError'
      ? 'Cost Explorer sent a body that is not JSON'
      : `${name}: ${(e.message ?? '').split('\n')[0]?.slice(0, 300)}`;
  return new AdapterError('aws-bedrock', code, [`${LABEL}: ${said}`, HINTS[code]].filter(Boolean).join(' '), {
    status,
    retryAfterMs: parseRetryAfter(headers),
  });
}

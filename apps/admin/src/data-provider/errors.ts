import type { CombinedError } from '@urql/core';

/** One problem with one input field, as the API reports it (`credentials.apiKey`, `label`…). */
export type FieldIssue = { field: string; message: string };

/** HTTP-like status for the API's error codes, so react-admin's auth checks can branch on it. */
const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CREDENTIALS_INVALID: 400,
  CREDENTIAL_REJECTED: 400,
  PROVIDER_AUTH_FAILED: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PASSWORD_CHANGE_REQUIRED: 403,
};

/**
 * A failed API request, shaped as react-admin expects (`status`, `body.errors` by field), with
 * the API's own code, the field at fault and every field issue.
 */
export class ApiRequestError extends Error {
  /** 401 for "sign in again" (react-admin logs out), 403 for viewers, 0 when the network failed. */
  readonly status: number;
  /** The API's `extensions.code`, e.g. CREDENTIAL_REJECTED; NETWORK_ERROR when nothing came back. */
  readonly code: string;
  /** The input field at fault, when the API named one. */
  readonly field: string | null;
  readonly issues: readonly FieldIssue[];
  /** react-admin reads `body.errors` (by field path) to show server errors inside forms. */
  readonly body: { errors: Record<string, string> };
  /** Anything else the API attached (`providerCode`, `retryAfterSeconds`…). */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(message: string, code: string, extensions: Record<string, unknown> = {}, status?: number) {
    super(message);
    this.name = 'ApiRequestError';
    this.code = code;
    this.status = status ?? STATUS_BY_CODE[code] ?? 500;
    this.field = typeof extensions.field === 'string' ? extensions.field : null;
    this.issues = Array.isArray(extensions.issues)
      ? (extensions.issues as FieldIssue[])
      : this.field
        ? [{ field: this.field, message }]
        : [];
    this.body = { errors: Object.fromEntries(this.issues.filter((i) => i.field).map((i) => [i.field, i.message])) };
    this.extensions = extensions;
  }
}

/** The first GraphQL error of an urql result (or its network failure) as an {@link ApiRequestError}. */
export function toApiRequestError(error: CombinedError): ApiRequestError {
  const first = error.graphQLErrors[0];
  if (first) {
    const extensions = (first.extensions ?? {}) as Record<string, unknown>;
    const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
    return new ApiRequestError(first.message, code, extensions);
  }
  const status = (error.response as { status?: number } | undefined)?.status;
  if (status === 401) return new ApiRequestError('Your session has ended; sign in again.', 'UNAUTHENTICATED', {}, 401);
  return new ApiRequestError(
    'The spendsync API could not be reached; check that it is running and try again.',
    'NETWORK_ERROR',
    {},
    status ?? 0,
  );
}

/** True for errors that mean the session is gone (react-admin then logs out). */
export function isUnauthenticated(error: unknown): boolean {
  const e = error as { status?: number; code?: string } | null;
  return e?.status === 401 || e?.code === 'UNAUTHENTICATED';
}

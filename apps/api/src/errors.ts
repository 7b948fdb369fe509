import { GraphQLError } from 'graphql';

/**
 * Error codes clients may see in `extensions.code`. Anything else is masked as
 * "Unexpected error." by `formatError` (graphql-js and Apollo's own codes are listed so their
 * messages, which describe the request, still reach the client).
 */
export const PUBLIC_ERROR_CODES = [
  // ours
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
  'PASSWORD_CHANGE_REQUIRED',
  'QUERY_TOO_COMPLEX',
  'QUERY_TIMEOUT',
  'CREDENTIALS_INVALID',
  'CREDENTIAL_REJECTED',
  'PROVIDER_AUTH_FAILED',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_ERROR',
  'SYNC_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  // graphql-js / Apollo Server
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
] as const;

export type PublicErrorCode = (typeof PUBLIC_ERROR_CODES)[number];

const PUBLIC = new Set<string>(PUBLIC_ERROR_CODES);

/** True when a code may be shown to clients as is. */
export function isPublicErrorCode(code: unknown): code is PublicErrorCode {
  return typeof code === 'string' && PUBLIC.has(code);
}

/**
 * HTTP status for codes raised outside GraphQL execution (REST routes, the context function,
 * the access check). Errors inside execution stay 200 responses with `errors`, as GraphQL
 * over HTTP expects: one field's NOT_FOUND must not turn a whole response into a 404.
 */
export const HTTP_STATUS: Partial<Record<PublicErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PASSWORD_CHANGE_REQUIRED: 403,
  SERVICE_UNAVAILABLE: 503,
};

/** Extra, client-visible details of an {@link ApiError}. */
export type ApiErrorDetails = {
  /** The input field at fault (`credentials.apiKey`, `name`), for forms that show errors in place. */
  field?: string;
  /** Every problem, when there are several (one per credential field). */
  issues?: readonly { field: string; message: string }[];
  /** Seconds to wait before trying again (RATE_LIMITED). */
  retryAfterSeconds?: number;
  /** Anything else worth a client's branch (e.g. the running run's id). */
  [key: string]: unknown;
};

/**
 * A deliberate error: its message is written for the user (it says what to do) and its code is
 * public. Never put a credential or another organization's data in one.
 */
export class ApiError extends GraphQLError {
  readonly code: PublicErrorCode;

  constructor(code: PublicErrorCode, message: string, details: ApiErrorDetails = {}) {
    super(message, { extensions: { code, ...details } });
    this.code = code;
  }

  /** The same error carrying its HTTP status, for Apollo to use when it ends the request before execution. */
  withHttpStatus(): ApiError {
    const status = HTTP_STATUS[this.code];
    const error = new ApiError(this.code, this.message, { ...(this.extensions as ApiErrorDetails) });
    if (status) Object.assign(error.extensions, { http: { status } });
    return error;
  }
}

/** What an id looks like when it is worth repeating: a UUID or a short plain token. */
const PRINTABLE_ID = /^[\w.:-]{1,64}$/;

/**
 * "Not found" for anything outside the caller's organization too, so ids never confirm existence.
 * The id is repeated only when it looks like one: whatever else a client sent there (a pasted
 * key, a 70 kB string) is not echoed back.
 */
export function notFound(what: string, id: string): ApiError {
  const shown = typeof id === 'string' && PRINTABLE_ID.test(id) ? ` ${id}` : ' with that id';
  return new ApiError('NOT_FOUND', `${what}${shown} was not found.`);
}

/** Bad input, naming the field. */
export function badInput(field: string, message: string): ApiError {
  return new ApiError('BAD_USER_INPUT', message, { field });
}

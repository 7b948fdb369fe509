import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { isPublicErrorCode } from '../errors';
import { redactVariableError } from './redact-variable-error';
import type { Logger } from '../logger';

const MASKED = 'Unexpected error.';
/** PostgreSQL's SQLSTATE for a statement cancelled by `statement_timeout`. */
const QUERY_CANCELED = '57014';
const TIMED_OUT =
  'The query ran longer than the server allows (SPENDSYNC_STATEMENT_TIMEOUT_MS); ask for a shorter period or fewer rows.';

/** A class-validator failure, reduced to what a form needs (never the submitted value). */
type ValidationFailure = { property?: string; constraints?: Record<string, string> };

function cleanExtensions(extensions: Record<string, unknown>): Record<string, unknown> {
  const { http: _http, stacktrace: _stacktrace, validationErrors, ...rest } = extensions;
  if (!Array.isArray(validationErrors)) return rest;
  const issues = (validationErrors as ValidationFailure[]).map((v) => ({
    field: v.property ?? '',
    message: Object.values(v.constraints ?? {}).join('; ') || 'is not valid',
  }));
  return { ...rest, issues, field: issues[0]?.field };
}

/** The HTTP status Apollo attached to an error it raised itself before execution (400: the request was at fault). */
function apolloRequestStatus(error: unknown): number | undefined {
  const http = (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http;
  return typeof http?.status === 'number' ? http.status : undefined;
}

/**
 * Apollo's `formatError` (also applied to graphql-ws results): errors with a public code pass
 * through with their message (cleaned of stack traces and raw validation objects); anything
 * else is a bug or an infrastructure failure, so it is logged in full and shown only as
 * "Unexpected error." with code INTERNAL_SERVER_ERROR. Apollo's own code-less refusals of a bad
 * request (an APQ hash that does not match its query, an unknown APQ version) carry a 4xx
 * status: they are the client's fault and reach it as BAD_REQUEST.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo relabels every validation error GRAPHQL_VALIDATION_FAILED; our own rules' codes
    // (QUERY_TOO_COMPLEX…) say more, so they are kept.
    const own = (error as { originalError?: { extensions?: { code?: unknown } } } | null)?.originalError?.extensions
      ?.code;
    const relabelled = formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && isPublicErrorCode(own);
    const code = relabelled ? own : formatted.extensions?.code;
    if (relabelled) formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
    if (isPublicErrorCode(code)) {
      const reason = (error as { originalError?: { message?: unknown } } | null)?.originalError?.message;
      const message = redactVariableError(formatted.message, typeof reason === 'string' ? reason : undefined);
      return { ...formatted, message, extensions: cleanExtensions(formatted.extensions ?? {}) };
    }
    const status = apolloRequestStatus(error);
    if (status !== undefined && status >= 400 && status < 500) {
      return { ...formatted, extensions: { ...cleanExtensions(formatted.extensions ?? {}), code: 'BAD_REQUEST' } };
    }
    const cause = unwrapResolverError(error);
    if ((cause as { code?: unknown } | null)?.code === QUERY_CANCELED) {
      logger.warn({ path: formatted.path }, 'A query ran past the statement timeout');
      return {
        message: TIMED_OUT,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'QUERY_TIMEOUT' },
      };
    }
    logger.error({ err: cause, path: formatted.path }, 'Unexpected GraphQL error');
    return {
      message: MASKED,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { isPublicErrorCode } from '../errors';
import { redactVariableError } from './redact-variable-error';
import type { Logger } from '../logger';

const MASKED = 'Unexpected error.';

/** A class-validator failure, reduced to what a form needs (never the submitted value). */
type ValidationFailure = { property?: string; constraints?: Record<string, string> };

function cleanExtensions(extensions: Record<string, unknown>): Record<string, unknown> {
  const { http: _http, stacktrace: _stacktrace, validationErrors, ...rest } = extensions;
  if (!Array.isArray(validationErrors)) return rest;
  const issues = (validationErrors as ValidationFailure[]).map((v) => ({
    field: v.property ?? '', message: Object.values(v.constraints ?? {}).join('; ') || 'is not valid',
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
    const code = formatted.extensions?.code;
    if (isPublicErrorCode(code)) {
      const reason = (error as { originalError?: { message?: unknown } } | null)?.originalError?.message;
      const message = redactVariableError(formatted.message, typeof reason === 'string' ? reason : undefined);
      return { ...formatted, message, extensions: cleanExtensions(formatted.extensions ?? {}) };
    }
    const status = apolloRequestStatus(error);
    if (status !== undefined && status >= 400 && status < 500) {
      return { ...formatted, extensions: { ...cleanExtensions(formatted.extensions ?? {}), code: 'BAD_REQUEST' } };
    }
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'Unexpected GraphQL error');
    return { message: MASKED, locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

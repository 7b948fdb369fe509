import type { ErrorRequestHandler } from 'express';
import type { Logger } from './logger';

/** What a client is told for the request errors Express's body parsers raise (their `type`). */
const CLIENT_ERRORS: Readonly<Record<string, string>> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is too large.',
  'encoding.unsupported': 'The request body has an unsupported content encoding.',
  'charset.unsupported': 'The request body has an unsupported charset.',
  'request.aborted': 'The request was aborted.',
  'request.size.invalid': 'The request body is shorter or longer than its Content-Length.',
};

type HttpError = { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown };

/**
 * The app's last error handler: a client error a body parser reports (malformed JSON, too large)
 * gets its 4xx status and a fixed message; anything else is logged in full and answered with
 * `500 {"error":"Unexpected error."}`. Neither ever carries a stack trace or the request body.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const { status, statusCode, type } = (error ?? {}) as HttpError;
    const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : 500;
    if (res.headersSent) {
      logger.warn({ err: error, path: req.path }, 'A request failed after its answer started');
      return void res.destroy();
    }
    if (code >= 400 && code < 500) {
      const message = (typeof type === 'string' && CLIENT_ERRORS[type]) || 'The request is not valid.';
      return void res.status(code).json({ error: message, code: 'BAD_REQUEST' });
    }
    logger.error({ err: error, path: req.path }, 'Unhandled request error');
    res.status(500).json({ error: 'Unexpected error.' });
  };
}

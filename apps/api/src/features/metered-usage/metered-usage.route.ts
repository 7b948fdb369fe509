import { refuseNulCharacters, restNulRefusal } from '../../graphql/nul-characters';
import express, { type ErrorRequestHandler, type Request, type Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ApiError, HTTP_STATUS } from '../../errors';
import type { Caller } from '../auth/caller';
import type { Logger } from '../../logger';
import type { ApiServices } from '../../services';
import { parseMeteredUsageBatch } from './metered-usage.service';

/** How the REST routes find the caller of a request (the same bearer tokens and session cookie as GraphQL). */
export type Authenticate = (req: Request) => Promise<Caller | null>;

/** Reports one token (or, unauthenticated, one client address) may send per minute, per process. */
export const DEFAULT_METERING_PER_MINUTE = 600;

/**
 * `POST /v1/metered-usage`: the `recordMeteredUsage` batch as a JSON body, for applications
 * without a GraphQL client. Answers 202 `{ accepted, matchedToKeys, replayed: false }`; a retry
 * with an idempotency key already used (`Idempotency-Key` header or `idempotencyKey`) 200 with the
 * first answer and `replayed: true`; or `{ error, code, issues? }` with 400/401/403/409/413, or 429
 * (with `RateLimit` and `Retry-After` headers) past `perMinute`
 * reports per token in a minute.
 */
export function createMeteredUsageRouter(
  services: ApiServices,
  authenticate: Authenticate,
  logger: Logger,
  options: { perMinute?: number } = {},
): Router {
  const router = express.Router();
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: options.perMinute ?? DEFAULT_METERING_PER_MINUTE,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Counted per token (the caller is looked up once and kept for the handler), else per address.
    keyGenerator: async (req, res) => {
      const caller = await authenticate(req).catch(() => null);
      res.locals.caller = caller;
      return caller ? `caller:${caller.apiTokenId ?? caller.userId}` : `address:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (_req, res) =>
      void res.status(429).json({
        error: 'Too many usage reports from this token; wait for the Retry-After seconds, or send larger batches.',
        code: 'RATE_LIMITED',
      }),
  });
  router.post(
    '/v1/metered-usage',
    limiter,
    express.json({ limit: '5mb' }),
    refuseNulCharacters(restNulRefusal),
    async (req, res) => {
      try {
        const caller = (res.locals.caller as Caller | null | undefined) ?? null;
        if (!caller) throw new ApiError('UNAUTHENTICATED', 'Send an API token as "Authorization: Bearer <token>".');
        if (!caller.canRecordUsage)
          throw new ApiError('FORBIDDEN', 'This token cannot report usage; create one with "can record usage".');
        const batch = parseMeteredUsageBatch(req.body, req.get('idempotency-key'));
        const result = await services.meteredUsage.record(caller.organizationId, batch);
        res.status(result.replayed ? 200 : 202).json(result);
      } catch (error) {
        if (!(error instanceof ApiError)) {
          logger.error({ err: error }, 'Metered usage report failed');
          res.status(500).json({ error: 'Unexpected error.', code: 'INTERNAL_SERVER_ERROR' });
          return;
        }
        const { code, field, issues } = error.extensions as { code: string; field?: string; issues?: unknown };
        res
          .status(HTTP_STATUS[error.code] ?? 400)
          .json({ error: error.message, code, ...(field ? { field } : {}), ...(issues ? { issues } : {}) });
      }
    },
  );
  // body-parser's own failures (not JSON, too large) are the client's, not ours.
  const onBodyError: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
    if (error.type === 'entity.parse.failed')
      return void res.status(400).json({ error: 'The body must be JSON.', code: 'BAD_USER_INPUT' });
    if (error.type === 'entity.too.large')
      return void res.status(413).json({ error: 'The report is too large; split it.', code: 'BAD_USER_INPUT' });
    next(error);
  };
  router.use(onBodyError);
  return router;
}

import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * CORS for the API routes: only the listed origins (SPENDSYNC_CORS_ORIGINS) get
 * `Access-Control-Allow-Origin`; every other cross-origin page is refused by its browser. The
 * admin UI is served from the API's own origin and needs no entry. Listed origins may also use
 * the session cookie (`credentials`), with the CSRF header it requires (cookie-csrf.ts).
 */
export function corsPolicy(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'apollo-require-preflight',
      'x-apollo-operation-name',
      'idempotency-key',
      'x-spendsync-csrf',
      'x-spendsync-session',
    ],
    credentials: true,
    maxAge: 600,
  });
}

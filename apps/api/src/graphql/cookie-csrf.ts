import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Request, RequestHandler, Response } from 'express';
import { CSRF_HEADER, readSessionCookie } from '../features/auth/session-cookie';
import type { TrustProxy } from './client-address';

/** Codes of a cookie-authenticated request refused as a possible cross-site request forgery. */
export const CSRF_CODES = { header: 'CSRF_HEADER_REQUIRED', origin: 'ORIGIN_NOT_ALLOWED' } as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a browser says the request came from: `Origin`, else the `Referer`'s origin; null when neither. */
export function requestOrigin(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  if (origin) return origin;
  const referer = req.headers.referer;
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/**
 * The API's own origin as the client sees it, for requests Express never sees (the WebSocket
 * upgrade): X-Forwarded-Proto and X-Forwarded-Host count only from a trusted proxy.
 */
export function upgradeOwnOrigin(req: IncomingMessage, trust: TrustProxy): string {
  const trusted = trust(req.socket.remoteAddress ?? '', 0);
  const forwarded = (name: string) =>
    String(req.headers[name] ?? '')
      .split(',')[0]!
      .trim();
  const proto = (trusted && forwarded('x-forwarded-proto')) || ((req.socket as TLSSocket).encrypted ? 'https' : 'http');
  const host = (trusted && forwarded('x-forwarded-host')) || req.headers.host || '';
  return `${proto}://${host}`;
}

/** True when `origin` is the API's own or on the CORS allow-list (SPENDSYNC_CORS_ORIGINS). */
export const isAllowedOrigin = (origin: string, own: string, allowed: ReadonlySet<string>): boolean =>
  origin === own || allowed.has(origin);

function refuse(req: Request, res: Response, code: string, message: string): void {
  res.status(403);
  if (req.baseUrl === '/graphql') return void res.json({ errors: [{ message, extensions: { code } }] });
  if (req.baseUrl === '/v1') return void res.json({ error: message, code });
  res.json({ error: { code, message } });
}

/**
 * CSRF protection of the routes the session cookie authenticates (GraphQL, exports, `/v1`).
 * Applies only when the cookie is the credential (an Authorization header wins and needs none):
 * a state-changing request needs an allowed Origin (or Referer) and the X-Spendsync-CSRF header;
 * a GET (SameSite=Strict already keeps the cookie off cross-site requests) is refused only when
 * it names a foreign Origin.
 */
export function cookieCsrfGuard(corsOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(corsOrigins);
  return (req, res, next) => {
    if (req.headers.authorization || !readSessionCookie(req.headers.cookie)) return next();
    const origin = requestOrigin(req);
    const own = `${req.protocol}://${req.host}`;
    if (origin !== null && !isAllowedOrigin(origin, own, allowed))
      return refuse(req, res, CSRF_CODES.origin, `Requests from ${origin} may not use the spendsync session cookie.`);
    if (SAFE_METHODS.has(req.method)) return next();
    if (origin === null)
      return refuse(req, res, CSRF_CODES.origin, 'Cookie-authenticated changes need an Origin or Referer header.');
    if (!req.get(CSRF_HEADER))
      return refuse(
        req,
        res,
        CSRF_CODES.header,
        'Send the X-Spendsync-CSRF header with cookie-authenticated requests.',
      );
    next();
  };
}

/**
 * ws `verifyClient`: an upgrade carrying the session cookie from a foreign Origin is refused
 * with 403 (browsers always send Origin on WebSocket handshakes and cannot forge it).
 */
export function cookieUpgradeCheck(corsOrigins: readonly string[], trust: TrustProxy) {
  const allowed = new Set(corsOrigins);
  return (
    info: { origin: string; req: IncomingMessage },
    callback: (ok: boolean, status?: number, message?: string) => void,
  ): void => {
    const hasCookie = readSessionCookie(info.req.headers.cookie) !== null;
    if (hasCookie && info.origin && !isAllowedOrigin(info.origin, upgradeOwnOrigin(info.req, trust), allowed))
      return callback(false, 403, 'Origin not allowed');
    callback(true);
  };
}

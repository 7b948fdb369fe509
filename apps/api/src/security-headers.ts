import type { RequestHandler } from 'express';
import helmet from 'helmet';

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer (helmet): a Content-Security-Policy that lets the admin UI
 * load only its own scripts and talk only to its own origin (`'self'` covers the graphql-ws
 * WebSocket of the same host), `frame-ancestors 'none'` (no clickjacking through a frame),
 * `Referrer-Policy: same-origin` (no-referrer would make browsers send `Origin: null` on the admin's
 * own POSTs, defeating the session cookie's Origin check), `X-Content-Type-Options: nosniff`. Strict-Transport-Security
 * only on requests that arrived over TLS (directly, or through a trusted proxy that says so):
 * over plain HTTP it would be meaningless, and on a local `pnpm start` harmful.
 */
export function securityHeaders(): RequestHandler[] {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // MUI (emotion) injects <style> elements at run time.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  const hsts: RequestHandler = (req, res, next) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  };
  return [headers, hsts];
}

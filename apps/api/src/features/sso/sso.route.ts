import { Router, type Request, type Response } from 'express';
import type { Logger } from '../../logger';
import type { SsoCallbackResult, SsoService } from './sso.service';
import { SsoRefusal } from './oidc-client';

/** The cookie that binds a callback to the browser that started the sign-in. */
const STATE_COOKIE = 'spendsync_oidc_state';
const COOKIE_PATH = '/auth/oidc';
/** The callback path; the redirect URI to register at the provider is the public URL plus this. */
export const SSO_CALLBACK_PATH = '/auth/oidc/callback';

export type SsoRouterOptions = {
  sso: SsoService;
  logger: Logger;
  /**
   * The public base URL of the API and admin (SPENDSYNC_PUBLIC_URL): the redirect URI and the
   * admin's sign-in page are under it. Absent: the request's own origin (tests, local runs).
   */
  publicUrl?: string;
};

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function stateCookie(req: Request, value: string, maxAgeSeconds: number): string {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  // Lax, not Strict: the callback is a top-level navigation coming from the provider's site.
  return `${STATE_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

/**
 * How a finished sign-in reaches the admin: the one place session delivery happens. The browser
 * goes to the admin's sign-in page with a one-time code, which the admin exchanges through
 * `spendsyncCompleteSsoSignIn` (the same payload as `login`), or with the refusal to show.
 */
function deliverSignIn(res: Response, base: string, result: SsoCallbackResult): void {
  const target = new URL('/login', base);
  if (result.ok) target.searchParams.set('ssoCode', result.code);
  else target.searchParams.set('ssoError', result.message);
  res.redirect(302, target.toString());
}

/** `GET /auth/oidc/start` (to the provider) and `GET /auth/oidc/callback` (back from it). */
export function createSsoRouter(options: SsoRouterOptions): Router {
  const router = Router();
  const baseOf = (req: Request) => options.publicUrl ?? `${req.protocol}://${req.get('host')}`;
  const redirectUriOf = (req: Request) => new URL(SSO_CALLBACK_PATH, baseOf(req)).toString();

  router.get('/auth/oidc/start', async (req, res) => {
    try {
      const { url, state } = await options.sso.start(redirectUriOf(req));
      res.setHeader('set-cookie', stateCookie(req, state, 600));
      res.setHeader('cache-control', 'no-store');
      res.redirect(302, url.toString());
    } catch (error) {
      const message =
        error instanceof SsoRefusal
          ? error.message
          : 'The identity provider cannot be reached; try again later, or ask an admin to check the server log.';
      if (!(error instanceof SsoRefusal)) options.logger.warn({ err: error }, 'Starting single sign-on failed');
      deliverSignIn(res, baseOf(req), { ok: false, message, reason: 'start-failed' });
    }
  });

  router.get(SSO_CALLBACK_PATH, async (req, res, next) => {
    try {
      const queryAt = req.originalUrl.indexOf('?');
      const result = await options.sso.callback({
        search: queryAt < 0 ? '' : req.originalUrl.slice(queryAt),
        cookieState: cookieOf(req, STATE_COOKIE),
        redirectUri: redirectUriOf(req),
        clientAddress: req.ip ?? 'unknown',
      });
      res.setHeader('set-cookie', stateCookie(req, '', 0));
      res.setHeader('cache-control', 'no-store');
      deliverSignIn(res, baseOf(req), result);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

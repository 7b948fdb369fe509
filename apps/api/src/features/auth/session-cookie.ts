import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';
import { SESSION_TTL_MS, type LoginResult } from './auth.service';
import { tokenKind } from './token';

/** The cookie that carries a browser's session token (HttpOnly: page scripts never see it). */
export const SESSION_COOKIE = 'spendsync_session';

/** Sent with a sign-in (value `cookie`) to get the session as {@link SESSION_COOKIE} instead of in the body. */
export const SESSION_DELIVERY_HEADER = 'x-spendsync-session';

/**
 * Required (any non-empty value) on state-changing requests authenticated by the cookie: a
 * custom header cannot be sent cross-site without a CORS preflight, which foreign origins fail.
 */
export const CSRF_HEADER = 'x-spendsync-csrf';

/** A sign-in's session as a client receives it: the token is null when it went into the cookie. */
export type DeliveredSession = Omit<LoginResult, 'token'> & { token: string | null };

/** The session cookie of one HTTP request: whether the client asked for it, and how to set or clear it. */
export type SessionCookie = {
  /** The client sent `X-Spendsync-Session: cookie`. */
  readonly isRequested: boolean;
  /** Sets the cookie to `token` for `maxAgeMs` (default the session lifetime). */
  set(token: string, maxAgeMs?: number): void;
  /** Removes the cookie from the browser. */
  clear(): void;
};

/** The session cookie of `req`/`res`: HttpOnly, SameSite=Strict, Path=/, Secure when the request came over TLS. */
export function createSessionCookie(req: Request, res: Response): SessionCookie {
  // req.secure honours SPENDSYNC_TRUSTED_PROXIES (X-Forwarded-Proto), like HSTS does.
  const options = { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure } as const;
  return {
    isRequested: String(req.headers[SESSION_DELIVERY_HEADER] ?? '').toLowerCase() === 'cookie',
    set: (token, maxAgeMs = SESSION_TTL_MS) => void res.cookie(SESSION_COOKIE, token, { ...options, maxAge: maxAgeMs }),
    clear: () => void res.clearCookie(SESSION_COOKIE, options),
  };
}

/**
 * Hands a new session to the client: into the cookie when the request asked for it (the body's
 * token is then null), else in the body as before (API clients and tests). Every sign-in path
 * (password, single sign-on) delivers through here.
 */
export function deliverSession(cookie: SessionCookie | undefined, issued: LoginResult): DeliveredSession {
  if (!cookie?.isRequested) return issued;
  cookie.set(issued.token);
  return { ...issued, token: null };
}

/** The session token in a Cookie header; null when absent or not a session token (API tokens never ride in cookies). */
export function readSessionCookie(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(at + 1).trim();
    return tokenKind(value) === 'session' ? value : null;
  }
  return null;
}

/**
 * The credential of a request: its Authorization header when sent (it wins), else the session
 * cookie as a bearer value. `fromCookie` tells the caller that CSRF rules apply.
 */
export function requestCredential(req: IncomingMessage): { authorization: string; fromCookie: boolean } | null {
  const header = req.headers.authorization;
  if (header) return { authorization: header, fromCookie: false };
  const token = readSessionCookie(req.headers.cookie);
  return token ? { authorization: `Bearer ${token}`, fromCookie: true } : null;
}

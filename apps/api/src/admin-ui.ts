import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';

/** Where `pnpm build` puts the admin UI, seen from this file (`src/` in tests, `dist/` when built). */
export const DEFAULT_ADMIN_DIST = path.resolve(__dirname, '../../admin/dist');

/** Paths that belong to the API: never answered with the UI, so their 404s stay 404s. */
const API_PREFIXES = ['/graphql', '/export', '/v1', '/healthz'];

const isApiPath = (pathname: string) =>
  API_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));

/** Looks like a file (`/assets/app.js`, `/favicon.ico`) rather than a client-side route. */
const isFilePath = (pathname: string) => path.posix.extname(pathname) !== '';

/**
 * Serves the built admin UI on `app`: its files, and `index.html` for any other GET that is not
 * an API path (client-side routes such as `/provider-accounts/create` survive a reload). Mount
 * it after the API routes. Does nothing and returns false when `distDir` holds no build, so the
 * API runs without the UI (development, where Vite serves it).
 */
export function mountAdminUi(app: Express, distDir: string = DEFAULT_ADMIN_DIST): boolean {
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) return false;
  // Vite fingerprints everything under assets/, so those files may be cached for good.
  app.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }),
  );
  app.use(express.static(distDir, { index: false }));
  const fallback: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path) || isFilePath(req.path)) return next();
    // index.html names the current bundle, so it must never be cached.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  };
  app.use(fallback);
  return true;
}

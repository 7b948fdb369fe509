import { z } from 'zod';
import { ZDatabaseEnv } from './database';

const TARGET_RULE = 'must be an http:// or https:// URL of a running spendsync API (default http://127.0.0.1:4000)';

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** What the developer tools read: the admin's dev server, its browser tests and benchmarks. */
export const ZToolingEnv = z.object({
  /** The API the admin's Vite dev server proxies `/graphql`, `/export`, `/v1`, `/healthz` and `/auth/oidc` to. */
  API_TARGET: z.string().refine(isHttpUrl, { error: TARGET_RULE }).default('http://127.0.0.1:4000'),
  /** The Chromium the browser tests and `bench:ui` drive (Debian's package by default; a tool's own download does not work here). */
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** A PostgreSQL server the browser tests create their fresh databases on; unset: the API's embedded one. */
  DATABASE_URL: ZDatabaseEnv.shape.DATABASE_URL,
  /** Passed on to the processes a test starts (with nothing else of the developer's environment). */
  PATH: z.string().optional(),
  HOME: z.string().optional(),
});

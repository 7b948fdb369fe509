import { z } from 'zod';

const ORIGINS_RULE =
  'must be a comma-separated list of origins such as https://app.example.com,http://localhost:5173 (scheme, host and optional port; no path)';

/** One origin exactly as a browser sends it in the Origin header, or undefined. */
function parseOrigin(text: string): string | undefined {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin === text.replace(/\/$/, '') ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Who may call the API from a browser page on another origin. */
export const ZHttpEnv = z.object({
  /**
   * Origins allowed to call /graphql, the exports and /v1 from a browser (CORS). Unset: none but
   * the API's own origin (the admin UI it serves), so no other site can read the API with a
   * signed-in user's token.
   */
  SPENDSYNC_CORS_ORIGINS: z
    .string()
    .transform((text, ctx) => {
      const origins = text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map(parseOrigin);
      if (origins.length === 0 || origins.some((origin) => origin === undefined)) {
        ctx.addIssue({ code: 'custom', message: ORIGINS_RULE });
        return z.NEVER;
      }
      return [...new Set(origins as string[])];
    })
    .optional(),
});

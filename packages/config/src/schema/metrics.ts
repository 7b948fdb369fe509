import { z } from 'zod';

const TOKEN_RULE = 'must be at least 16 characters (a long random string, e.g. from `openssl rand -hex 32`)';

/** Who may scrape `GET /metrics`. */
export const ZMetricsEnv = z.object({
  /**
   * Bearer token a Prometheus scrape must send to `GET /metrics`. Unset: the route is open on
   * the API port like `/healthz` (it exposes counts by provider and status, no tenant data);
   * set it whenever the API port is reachable from outside the monitoring network.
   */
  SPENDSYNC_METRICS_TOKEN: z.string().trim().min(16, { error: TOKEN_RULE }).optional(),
});

import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { ApiMetrics } from './api-metrics';

function sameSecret(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics`: the process's metrics in Prometheus text format. With `token` set
 * (`SPENDSYNC_METRICS_TOKEN`) a scrape needs `Authorization: Bearer <token>` and anything else
 * is answered 401; without it the route is open, like `/healthz`. The metrics hold counts by
 * provider and status only: no organization, account, key or user.
 */
export function createMetricsRouter(metrics: Pick<ApiMetrics, 'registry'>, token?: string): Router {
  const router = Router();
  router.get('/metrics', async (req, res, next) => {
    if (token !== undefined) {
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
      if (!sameSecret(given, token)) {
        res
          .set('WWW-Authenticate', 'Bearer realm="metrics"')
          .status(401)
          .json({
            error: {
              code: 'UNAUTHENTICATED',
              message: 'Send the metrics token (SPENDSYNC_METRICS_TOKEN) as a bearer token.',
            },
          });
        return;
      }
    }
    try {
      const text = await metrics.registry.metrics();
      res.set({ 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' }).send(text);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { createErrorHandler } from './error-handler';
import { securityHeaders } from './security-headers';
import type { DataSource } from 'typeorm';
import { checkHealth } from './health';
import type { Logger } from './logger';

/** What the HTTP layer needs; later issues add GraphQL, pub/sub and services here. */
export type ServerDeps = {
  dataSource: DataSource;
  logger: Logger;
  /**
   * Addresses or CIDR ranges of proxies whose X-Forwarded-For is believed (SPENDSYNC_TRUSTED_PROXIES):
   * `req.ip` is then the client's address the nearest untrusted hop reports. Empty or absent: the connection's address.
   */
  trustedProxies?: readonly string[];
  /**
   * More of the `/healthz` body when the database answers (the process's role, the job queue's
   * depth and lag); a rejection reports the part as down and the check as failed.
   */
  healthDetails?: () => Promise<Record<string, unknown>>;
};

/** The API's HTTP server: an express app on a node http.Server (which GraphQL's WebSocket will share). */
export type ApiServer = {
  readonly app: Express;
  readonly httpServer: http.Server;
  /** Listens on `port` (0: any free one) and resolves with the actual port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections and waits for open requests (up to 10 s). */
  close(): Promise<void>;
};

const DRAIN_MS = 10_000;

/** Builds the HTTP server. Routes: `GET /healthz`. */
export function createServer(deps: ServerDeps): ApiServer {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustedProxies?.length ? [...deps.trustedProxies] : false);
  app.use(securityHeaders());
  app.get('/healthz', async (_req, res) => {
    const health = await checkHealth(deps.dataSource);
    if (health.status === 'ok' && deps.healthDetails) {
      try {
        return void res.json({ ...health, ...(await deps.healthDetails()) });
      } catch (error) {
        deps.logger.warn({ reason: String(error) }, 'Health check failed');
        return void res.status(503).json({ status: 'error', db: 'ok', queue: 'down' });
      }
    }
    if (health.status === 'ok') return void res.json(health);
    // The reason (a database address, a driver message) goes to the operator's log, not to anyone.
    deps.logger.warn({ reason: health.reason }, 'Health check failed');
    res.status(503).json({ status: health.status, db: health.db });
  });
  const httpServer = http.createServer(app);
  let sealed = false;
  return {
    app,
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        // Last, after every route mounted since createServer: an error handler registered before a
        // route never sees that route's errors, and Express's default one answers with a stack trace.
        if (!sealed) app.use(createErrorHandler(deps.logger));
        sealed = true;
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    close: () =>
      new Promise((resolve) => {
        if (!httpServer.listening) return resolve();
        const force = setTimeout(() => httpServer.closeAllConnections(), DRAIN_MS);
        httpServer.close(() => {
          clearTimeout(force);
          resolve();
        });
        httpServer.closeIdleConnections();
      }),
  };
}

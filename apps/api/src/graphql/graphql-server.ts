import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import type { ApiContext } from '../context';
import { createAuditExportRouter } from '../features/audit/audit-export.route';
import { recordMutationAudit, type ExecutedOperation } from '../features/audit/record-mutation-audit';
import { createBudgetExportRouter } from '../features/budgets/budget-export.router';
import { createExportRouter, type ExportLimits } from '../features/exports/export.router';
import { createMeteredUsageRouter } from '../features/metered-usage/metered-usage.route';
import { createReconciliationExportRouter } from '../features/reconciliation/reconciliation-export.router';
import type { Logger } from '../logger';
import type { ApiMetrics } from '../metrics/api-metrics';
import { createGraphqlMetricsPlugin, trackWebSocketConnections } from '../metrics/graphql-metrics';
import type { ApiServer } from '../server';
import type { ApiServices } from '../services';
import { ApiError } from '../errors';
import { authenticateAuthorization } from './authenticate';
import { cookieCsrfGuard, cookieUpgradeCheck } from './cookie-csrf';
import { createSessionCookie, requestCredential } from '../features/auth/session-cookie';
import { corsPolicy } from './cors-policy';
import { createFormatError } from './format-error';
import { checkOperationAccess } from './operation-access';
import { createJitGateway } from './jit-gateway';
import { createPersistedQueries, DEFAULT_PERSISTED_QUERY_LIMITS, type PersistedQueryLimits } from './persisted-queries';
import { graphqlNulRefusal, refuseNulCharacters, restNulRefusal } from './nul-characters';
import { DEFAULT_QUERY_LIMITS, queryLimitsRule, type QueryLimits } from './query-limits';
import { singlePasswordCheckRule } from './single-password-check';
import { startGraphqlWs } from './graphql-ws';
import { DEFAULT_SOCKET_LIMITS, type SocketLimits } from './socket-guard';
import type { TrustProxy } from './client-address';

/** What the GraphQL endpoint is built from. */
export type GraphqlDeps = {
  schema: GraphQLSchema;
  services: ApiServices;
  logger: Logger;
  limits?: QueryLimits;
  /** Bounds of the automatic persisted query store (default DEFAULT_PERSISTED_QUERY_LIMITS). */
  persistedQueries?: PersistedQueryLimits;
  /** Browser origins other than the API's own allowed to call it (SPENDSYNC_CORS_ORIGINS); default none. */
  corsOrigins?: readonly string[];
  /** graphql-ws limits (credential re-checks, payload size, per-caller caps); default DEFAULT_SOCKET_LIMITS. */
  socketLimits?: SocketLimits;
  /** `POST /v1/metered-usage` reports per token per minute (default DEFAULT_METERING_PER_MINUTE). */
  meteringPerMinute?: number;
  /** Concurrent downloads per credential and the stalled-reader timeout (default DEFAULT_EXPORT_LIMITS). */
  exportLimits?: ExportLimits;
  /** Where request latency and open WebSocket connections are counted (`GET /metrics`); none when absent. */
  metrics?: Pick<ApiMetrics, 'graphqlDuration' | 'wsConnections'>;
};

/** The mounted endpoint; `stop` closes WebSockets and Apollo (call it before closing the HTTP server). */
export type GraphqlEndpoint = { readonly apollo: ApolloServer<ApiContext>; stop(): Promise<void> };

/** A subscription POSTed (or sent by GET) instead of over WebSocket: say where it works. */
const createSubscriptionOverHttpError = () =>
  new ApiError(
    'BAD_REQUEST',
    'Subscriptions run over WebSocket only: connect a graphql-ws (graphql-transport-ws) client to this same /graphql path.',
    { http: { status: 400 } },
  );

/** Writes every mutation a signed-in caller sent to the audit log, with its outcome. */
const auditPlugin = (services: ApiServices, logger: Logger): ApolloServerPlugin<ApiContext> => ({
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, operation, request, response, schema }) {
        if (!operation || operation.operation !== 'mutation' || response.body.kind !== 'single') return;
        await recordMutationAudit(
          { audit: services.audit, logger },
          {
            schema,
            operation,
            variables: request.variables,
            caller: contextValue.caller,
            clientAddress: contextValue.clientAddress,
            result: response.body.singleResult as ExecutedOperation['result'],
          },
        );
      },
    };
  },
});

/** Refuses an operation the caller may not run, before any resolver executes (see checkOperationAccess). */
const accessPlugin: ApolloServerPlugin<ApiContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, document, operation }) {
        if (!operation) return; // Apollo has already refused an operation it could not resolve
        if (operation.operation === 'subscription') throw createSubscriptionOverHttpError();
        const denied = checkOperationAccess(contextValue.caller, document, operation);
        if (denied) throw denied.withHttpStatus();
      },
    };
  },
};

/** Every GraphQL answer is the caller's own data: `Cache-Control: no-store`, so no CDN or proxy keeps it. */
const noStorePlugin: ApolloServerPlugin<ApiContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

/**
 * Mounts GraphQL on `/graphql` of the server: Apollo 5 over HTTP (POST; GET queries need
 * Apollo's CSRF header; automatic persisted queries on both; subscriptions refused) and
 * graphql-ws on the same path and schema, plus `POST /v1/metered-usage` and `GET /export/*.csv`.
 * Every request is authenticated by bearer token or, for the admin UI, by the HttpOnly session
 * cookie (with CSRF checks, see cookie-csrf.ts); unexpected errors are masked; depth and size
 * are limited on both transports.
 */
export async function mountGraphql(server: ApiServer, deps: GraphqlDeps): Promise<GraphqlEndpoint> {
  const { schema, services, logger } = deps;
  const limits = deps.limits ?? DEFAULT_QUERY_LIMITS;
  const formatError = createFormatError(logger);
  const apollo = new ApolloServer<ApiContext>({
    // The schema, executed by graphql-jit (jit-gateway.ts); subscriptions run on graphql-ws below.
    gateway: createJitGateway(schema),
    formatError,
    includeStacktraceInErrorResponses: false,
    // The process's own shutdown (shutdown.ts) handles SIGINT/SIGTERM: Apollo's handler would stop
    // the server and re-send the signal, killing the process before the embedded PostgreSQL stops.
    stopOnTerminationSignals: false,
    validationRules: [queryLimitsRule(limits), singlePasswordCheckRule],
    persistedQueries: createPersistedQueries(deps.persistedQueries ?? DEFAULT_PERSISTED_QUERY_LIMITS),
    plugins: [
      ...(deps.metrics ? [createGraphqlMetricsPlugin<ApiContext>(deps.metrics)] : []),
      accessPlugin,
      auditPlugin(services, logger),
      ApolloServerPluginInlineTraceDisabled(),
      // No field has a cache hint, and the cache-control plugin hooks every resolved field (about a
      // third of a 3,000-point costSeries' GraphQL time): answers are per caller, so never stored.
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin,
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  await apollo.start();
  const allowOrigins = corsPolicy(deps.corsOrigins ?? []);
  server.app.use(['/graphql', '/export', '/v1'], allowOrigins, cookieCsrfGuard(deps.corsOrigins ?? []));
  const authenticate = (authorization: unknown) => authenticateAuthorization(services.auth, authorization);
  // The Authorization header wins; a session cookie that no longer works is cleared and reads as
  // "not signed in", so a stale cookie never blocks signing in again.
  const requestCaller = async (req: express.Request, res?: express.Response) => {
    const credential = requestCredential(req);
    if (!credential?.fromCookie) return authenticate(credential?.authorization);
    const caller = await authenticate(credential.authorization).catch(() => null);
    if (!caller && res) createSessionCookie(req, res).clear();
    return caller;
  };
  server.app.use('/export', refuseNulCharacters(restNulRefusal));
  server.app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    refuseNulCharacters(graphqlNulRefusal),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<ApiContext> => ({
        caller: await requestCaller(req, res),
        services,
        logger,
        clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        sessionCookie: createSessionCookie(req, res),
      }),
    }),
  );
  // REST routes share the bearer authentication; a bad token there is simply "not signed in" (401).
  // A user who must change their password first gets nothing here either.
  const restCaller = (req: express.Request) =>
    requestCaller(req)
      .then((caller) => (caller?.passwordChangeRequired ? null : caller))
      .catch(() => null);
  server.app.use(createMeteredUsageRouter(services, restCaller, logger, { perMinute: deps.meteringPerMinute }));
  server.app.use(createAuditExportRouter(services.audit, restCaller));
  server.app.use(
    createExportRouter({
      exports: services.exports,
      resolveOrganization: async (req) => (await restCaller(req))?.organizationId ?? null,
      now: services.now,
      onStreamError: (error) => logger.error({ err: error }, 'A CSV export failed while streaming'),
      limits: deps.exportLimits,
    }),
  );
  server.app.use(createBudgetExportRouter(services, async (req) => (await restCaller(req))?.organizationId ?? null));
  server.app.use(
    createReconciliationExportRouter(
      services.reconciliation,
      async (req) => (await restCaller(req))?.organizationId ?? null,
      services.now,
    ),
  );
  const socketLimits = deps.socketLimits ?? DEFAULT_SOCKET_LIMITS;
  const trustProxy = server.app.get('trust proxy fn') as TrustProxy;
  // maxPayload applies to every frame, before sign-in too (ws closes the socket with 1009 beyond it).
  const wss = new WebSocketServer({
    server: server.httpServer,
    path: '/graphql',
    maxPayload: socketLimits.maxPayloadBytes,
    verifyClient: cookieUpgradeCheck(deps.corsOrigins ?? [], trustProxy),
  });
  if (deps.metrics) trackWebSocketConnections(wss, deps.metrics);
  const ws = startGraphqlWs(wss, {
    schema,
    services,
    logger,
    limits,
    formatError,
    authenticate,
    trustProxy,
    socketLimits,
  });
  return {
    apollo,
    async stop() {
      await ws.dispose();
      await apollo.stop();
    },
  };
}

import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled, ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import type { ApiContext } from '../context';
import { createBudgetExportRouter } from '../features/budgets/budget-export.router';
import { createExportRouter } from '../features/exports/export.router';
import { createMeteredUsageRouter } from '../features/metered-usage/metered-usage.route';
import type { Logger } from '../logger';
import type { ApiServer } from '../server';
import type { ApiServices } from '../services';
import { authenticateAuthorization } from './authenticate';
import { createFormatError } from './format-error';
import { checkOperationAccess } from './operation-access';
import { DEFAULT_QUERY_LIMITS, queryLimitsRule, type QueryLimits } from './query-limits';
import { startGraphqlWs } from './graphql-ws';

/** What the GraphQL endpoint is built from. */
export type GraphqlDeps = { schema: GraphQLSchema; services: ApiServices; logger: Logger; limits?: QueryLimits };

/** The mounted endpoint; `stop` closes WebSockets and Apollo (call it before closing the HTTP server). */
export type GraphqlEndpoint = { readonly apollo: ApolloServer<ApiContext>; stop(): Promise<void> };

/** Refuses an operation the caller may not run, before any resolver executes (see checkOperationAccess). */
const accessPlugin: ApolloServerPlugin<ApiContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, document, operation }) {
        if (!operation) return; // Apollo has already refused an operation it could not resolve
        const denied = checkOperationAccess(contextValue.caller, document, operation);
        if (denied) throw denied.withHttpStatus();
      },
    };
  },
};

/**
 * Mounts GraphQL on `/graphql` of the server: Apollo 5 over HTTP (POST; GET queries need
 * Apollo's CSRF header) and graphql-ws on the same path and schema, plus
 * `POST /v1/metered-usage` and `GET /export/*.csv`. Every request is authenticated by bearer token; unexpected errors
 * are masked; depth and size are limited on both transports.
 */
export async function mountGraphql(server: ApiServer, deps: GraphqlDeps): Promise<GraphqlEndpoint> {
  const { schema, services, logger } = deps;
  const limits = deps.limits ?? DEFAULT_QUERY_LIMITS;
  const formatError = createFormatError(logger);
  const apollo = new ApolloServer<ApiContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    validationRules: [queryLimitsRule(limits)],
    plugins: [
      accessPlugin, ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  await apollo.start();
  const authenticate = (authorization: unknown) => authenticateAuthorization(services.auth, authorization);
  server.app.use('/graphql', cors(), express.json({ limit: '2mb' }), expressMiddleware(apollo, {
    context: async ({ req }): Promise<ApiContext> => ({
      caller: await authenticate(req.headers.authorization), services, logger, clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    }),
  }));
  // REST routes share the bearer authentication; a bad token there is simply "not signed in" (401).
  const restCaller = (authorization: unknown) => authenticate(authorization).catch(() => null);
  server.app.use(createMeteredUsageRouter(services, restCaller, logger));
  server.app.use(createExportRouter({
    database: services.dataSource,
    resolveOrganization: async (req) => (await restCaller(req.headers.authorization))?.organizationId ?? null,
    now: services.now,
    onStreamError: (error) => logger.error({ err: error }, 'A CSV export failed while streaming'),
  }));
  server.app.use(createBudgetExportRouter(services, async (req) => (await restCaller(req.headers.authorization))?.organizationId ?? null));
  const wss = new WebSocketServer({ server: server.httpServer, path: '/graphql' });
  const ws = startGraphqlWs(wss, { schema, services, logger, limits, formatError, authenticate });
  return {
    apollo,
    async stop() {
      await ws.dispose();
      await apollo.stop();
    },
  };
}

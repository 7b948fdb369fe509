import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { WebSocketServer } from 'ws';
import type { ApiContext } from '../context';
import type { Caller } from '../features/auth/caller';
import type { Logger } from '../logger';
import type { ApiServices } from '../services';
import type { createFormatError } from './format-error';
import { checkOperationAccess, selectOperation } from './operation-access';
import { queryLimitsRule, type QueryLimits } from './query-limits';
import { createSharedSubscribe } from './shared-subscribe';

/** What the WebSocket endpoint needs. */
export type GraphqlWsDeps = {
  schema: GraphQLSchema;
  services: ApiServices;
  logger: Logger;
  limits: QueryLimits;
  formatError: ReturnType<typeof createFormatError>;
  authenticate: (authorization: unknown) => Promise<Caller | null>;
};

type Extra = { caller?: Caller; request: { socket: { remoteAddress?: string } } };

/**
 * graphql-ws on an existing WebSocketServer. The connection is authenticated once, on
 * connect, from `connectionParams.authorization` ("Bearer <token>"): without a valid token
 * the socket is closed (4403). Each operation is parsed, validated with the same limits as
 * HTTP and access-checked before it runs; errors are formatted (masked) like HTTP's.
 * Identical subscriptions of one organization share each event's execution (shared-subscribe).
 */
export function startGraphqlWs(wss: WebSocketServer, deps: GraphqlWsDeps): { dispose(): void | Promise<void> } {
  const format = (errors: readonly GraphQLError[]) => errors.map((error) => deps.formatError(error.toJSON(), error));
  const shared = createSharedSubscribe();
  return useServer<Record<string, unknown> | undefined, Extra>({
    schema: deps.schema,
    subscribe: shared.subscribe,
    async onConnect(ctx) {
      try {
        const caller = await deps.authenticate(ctx.connectionParams?.authorization);
        if (!caller) return false;
        ctx.extra.caller = caller;
        return true;
      } catch {
        return false;
      }
    },
    onSubscribe(ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] {
      let document: DocumentNode;
      try {
        document = parse(payload.query);
      } catch (error) {
        return [error instanceof GraphQLError ? error : new GraphQLError('The query could not be parsed.')];
      }
      const errors = validate(deps.schema, document, [...specifiedRules, queryLimitsRule(deps.limits)]);
      if (errors.length > 0) return errors;
      const operation = selectOperation(document, payload.operationName);
      if (!operation) return [new GraphQLError('Name the operation to run.', { extensions: { code: 'BAD_USER_INPUT' } })];
      const caller = ctx.extra.caller ?? null;
      const denied = checkOperationAccess(caller, document, operation);
      if (denied) return [denied];
      if (operation.operation === 'subscription' && caller) {
        shared.share(document, JSON.stringify([payload.query, payload.operationName ?? null, payload.variables ?? null, caller.organizationId, caller.role]));
      }
      const contextValue: ApiContext = {
        caller, services: deps.services, logger: deps.logger, clientAddress: ctx.extra.request.socket.remoteAddress ?? 'unknown',
      };
      return { schema: deps.schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
    },
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
    onError: (_ctx, _id, _payload, errors) => format(errors),
  }, wss);
}

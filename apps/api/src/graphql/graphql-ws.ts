import type { IncomingMessage } from 'node:http';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { ApiContext } from '../context';
import type { Caller } from '../features/auth/caller';
import { requestCredential } from '../features/auth/session-cookie';
import type { Logger } from '../logger';
import type { ApiServices } from '../services';
import { clientAddressOf, type TrustProxy } from './client-address';
import type { createFormatError } from './format-error';
import { checkOperationAccess, selectOperation } from './operation-access';
import { findNulCharacter, nulMessage } from './nul-characters';
import { queryLimitsRule, type QueryLimits } from './query-limits';
import { singlePasswordCheckRule } from './single-password-check';
import { recordMutationAudit, type ExecutedOperation } from '../features/audit/record-mutation-audit';
import { createSharedSubscribe } from './shared-subscribe';
import {
  callerKey,
  createCounter,
  createCredentialRecheck,
  DEFAULT_SOCKET_LIMITS,
  type SocketLimits,
} from './socket-guard';

/** What the WebSocket endpoint needs. */
export type GraphqlWsDeps = {
  schema: GraphQLSchema;
  services: ApiServices;
  logger: Logger;
  limits: QueryLimits;
  formatError: ReturnType<typeof createFormatError>;
  authenticate: (authorization: unknown) => Promise<Caller | null>;
  socketLimits?: SocketLimits;
  /** Express's `trust proxy` function, so the client address honours SPENDSYNC_TRUSTED_PROXIES as HTTP does. */
  trustProxy: TrustProxy;
};

type Extra = {
  caller?: Caller;
  /** The Authorization value the socket signed in with, re-checked on every operation. */
  authorization?: unknown;
  /** Ids of the socket's running subscriptions (for the per-caller cap). */
  subscriptions?: Set<string>;
  socket: WebSocket;
  request: IncomingMessage;
};

const CLOSE_CREDENTIAL_ENDED = 4403;
const CLOSE_TOO_MANY = 4429;
const CLOSE_TRY_AGAIN_LATER = 1013;

const unauthenticated = () =>
  new GraphQLError('The session or API token has ended (signed out, revoked or changed); sign in again.', {
    extensions: { code: 'UNAUTHENTICATED' },
  });

const unavailable = () =>
  new GraphQLError('The service is briefly unavailable; try again.', {
    extensions: { code: 'SERVICE_UNAVAILABLE' },
  });

/**
 * The connection's credential, wherever a client or router put it: `connectionParams.authorization`
 * (our clients), `connectionParams.token` (Apollo Router's default, with or without "Bearer "),
 * or the upgrade request's `Authorization` header (routers that forward headers), else its
 * session cookie (the admin UI; its Origin was checked at the upgrade, see cookieUpgradeCheck).
 */
export function connectionAuthorization(
  params: Record<string, unknown> | undefined,
  request: IncomingMessage,
): unknown {
  const given = [
    params?.authorization,
    params?.Authorization,
    params?.token,
    requestCredential(request)?.authorization,
  ];
  const value = given.find((candidate) => candidate !== undefined && candidate !== null && candidate !== '');
  return value === params?.token && typeof value === 'string' && !/^Bearer\s/i.test(value) ? `Bearer ${value}` : value;
}

/**
 * graphql-ws on an existing WebSocketServer. The connection is authenticated on connect (see
 * connectionAuthorization): without a valid token the socket is closed (4403). The credential
 * is checked again for every operation (cached for `recheckMs`) and every `sweepMs` for idle
 * sockets, so a socket whose session or token ended is closed (4403) and one whose role changed
 * runs with the new role. A caller may hold at most `maxConnectionsPerCaller` sockets (4429
 * beyond) and `maxSubscriptionsPerCaller` subscriptions. Each operation is parsed, validated
 * with the same limits as HTTP and access-checked before it runs; errors are formatted (masked)
 * like HTTP's. Identical subscriptions of one organization share each event's execution
 * (shared-subscribe).
 */
export function startGraphqlWs(wss: WebSocketServer, deps: GraphqlWsDeps): { dispose(): void | Promise<void> } {
  const limits = deps.socketLimits ?? DEFAULT_SOCKET_LIMITS;
  const format = (errors: readonly GraphQLError[]) => errors.map((error) => deps.formatError(error.toJSON(), error));
  const shared = createSharedSubscribe();
  const recheck = createCredentialRecheck(deps.authenticate, limits.recheckMs);
  const connections = createCounter();
  const subscriptions = createCounter();
  const open = new Map<WebSocket, Extra>();
  const sweep = setInterval(() => {
    for (const [socket, extra] of open) {
      void recheck(extra.authorization).then((checked) => {
        if (checked.kind === 'ended') socket.close(CLOSE_CREDENTIAL_ENDED, 'The session or API token has ended');
      });
    }
  }, limits.sweepMs);
  sweep.unref();
  const server = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: deps.schema,
      subscribe: shared.subscribe,
      async onConnect(ctx) {
        let caller: Caller | null;
        try {
          caller = await deps.authenticate(connectionAuthorization(ctx.connectionParams, ctx.extra.request));
        } catch (error) {
          if ((error as { extensions?: { code?: unknown } }).extensions?.code === 'UNAUTHENTICATED') return false;
          // Not a refusal (the database is down): "try again later", which clients retry, not "forbidden".
          ctx.extra.socket.close(CLOSE_TRY_AGAIN_LATER, 'The service is unavailable; try again');
          return false;
        }
        if (!caller) return false;
        if (connections.get(callerKey(caller)) >= limits.maxConnectionsPerCaller) {
          deps.logger.warn(
            { organizationId: caller.organizationId },
            'Refused a WebSocket: too many open connections for one caller',
          );
          ctx.extra.socket.close(CLOSE_TOO_MANY, 'Too many open connections for this user or token');
          return false;
        }
        connections.add(callerKey(caller), 1);
        Object.assign(ctx.extra, {
          caller,
          authorization: connectionAuthorization(ctx.connectionParams, ctx.extra.request),
          subscriptions: new Set<string>(),
        });
        open.set(ctx.extra.socket, ctx.extra);
        return true;
      },
      onClose(ctx) {
        const { caller, subscriptions: running } = ctx.extra;
        if (!caller || !open.delete(ctx.extra.socket)) return;
        connections.add(callerKey(caller), -1);
        subscriptions.add(callerKey(caller), -(running?.size ?? 0));
        running?.clear();
      },
      onComplete(ctx, id) {
        const { caller, subscriptions: running } = ctx.extra;
        if (caller && running?.delete(id)) subscriptions.add(callerKey(caller), -1);
      },
      async onSubscribe(ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        if (ctx.extra.caller) {
          const checked = await recheck(ctx.extra.authorization);
          if (checked.kind === 'ended') {
            ctx.extra.socket.close(CLOSE_CREDENTIAL_ENDED, 'The session or API token has ended');
            return [unauthenticated()];
          }
          // The database is down: this operation fails, the socket (and its other subscriptions) stays.
          if (checked.kind === 'unavailable') return [unavailable()];
          ctx.extra.caller = checked.caller; // a changed role applies from this operation on
        }
        const nul = findNulCharacter({ query: payload.query, variables: payload.variables });
        if (nul) return [new GraphQLError(nulMessage(nul), { extensions: { code: 'BAD_USER_INPUT', field: nul } })];
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          const message = error instanceof GraphQLError ? error.message : 'The query could not be parsed.';
          return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const errors = validate(deps.schema, document, [
          ...specifiedRules,
          queryLimitsRule(deps.limits),
          singlePasswordCheckRule,
        ]);
        // Coded like Apollo's over HTTP, so they reach the client instead of being masked as unexpected.
        if (errors.length > 0) {
          return errors.map((error) =>
            error.extensions.code
              ? error
              : new GraphQLError(error.message, {
                  nodes: error.nodes,
                  extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
                }),
          );
        }
        const operation = selectOperation(document, payload.operationName);
        if (!operation)
          return [new GraphQLError('Name the operation to run.', { extensions: { code: 'BAD_USER_INPUT' } })];
        const caller = ctx.extra.caller ?? null;
        const denied = checkOperationAccess(caller, document, operation);
        if (denied) return [denied];
        if (operation.operation === 'subscription' && caller) {
          if (subscriptions.get(callerKey(caller)) >= limits.maxSubscriptionsPerCaller) {
            return [
              new GraphQLError(
                `At most ${limits.maxSubscriptionsPerCaller} subscriptions may run at once per user or token; end some first.`,
                {
                  extensions: { code: 'RATE_LIMITED' },
                },
              ),
            ];
          }
          subscriptions.add(callerKey(caller), 1);
          ctx.extra.subscriptions?.add(id);
          shared.share(
            document,
            JSON.stringify([
              payload.query,
              payload.operationName ?? null,
              payload.variables ?? null,
              caller.organizationId,
              caller.role,
            ]),
          );
        }
        const contextValue: ApiContext = {
          caller,
          services: deps.services,
          logger: deps.logger,
          clientAddress: clientAddressOf(ctx.extra.request, deps.trustProxy),
        };
        return {
          schema: deps.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      async onOperation(_ctx, _id, _payload, args, result) {
        // Queries and mutations resolve to one result; subscriptions to an iterator (never audited).
        const operation = selectOperation(args.document, args.operationName);
        if (!operation || operation.operation !== 'mutation' || Symbol.asyncIterator in Object(result)) return;
        const context = args.contextValue as ApiContext;
        await recordMutationAudit(
          { audit: deps.services.audit, logger: deps.logger },
          {
            schema: deps.schema,
            operation,
            variables: args.variableValues as Record<string, unknown> | undefined,
            caller: context.caller,
            clientAddress: context.clientAddress,
            result: result as ExecutedOperation['result'],
          },
        );
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: format(result.errors) } : undefined,
      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    wss,
  );
  return {
    async dispose() {
      clearInterval(sweep);
      await server.dispose();
    },
  };
}

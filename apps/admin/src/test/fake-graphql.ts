import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExecutionResult, SubscriptionForwarder } from '@urql/core';
import { buildSchema, graphql, parse, validate, type GraphQLSchema } from 'graphql';
import type { UntypedData } from './untyped-data';

/** Root field resolvers of the fake API: `(args) => value`, or throw a GraphQLError. */
export type FakeResolvers = Record<string, (args: UntypedData) => unknown>;

/** One request the fake API received. */
export type FakeCall = {
  operationName: string | null;
  variables: Record<string, UntypedData>;
  authorization: string | null;
  /** The X-Spendsync-CSRF header, which the API requires on cookie-authenticated changes. */
  csrf: string | null;
  /** The X-Spendsync-Session header (`cookie`: deliver a new session as the HttpOnly cookie). */
  sessionDelivery: string | null;
  credentials: RequestCredentials | null;
};

let cached: GraphQLSchema | undefined;

/**
 * The API's committed contract (apps/api/schema.graphql) as an executable schema. Federation's
 * `@link`, `@key` and `@shareable` are dropped: they mean nothing to a plain graphql-js server.
 */
export function contractSchema(): GraphQLSchema {
  if (cached) return cached;
  const sdl = readFileSync(path.resolve(__dirname, '../../../api/schema.graphql'), 'utf8')
    .replace(/extend schema\s+@link\([^)]*\)/, '')
    .replace(/@key\(fields: "[^"]*"\)/g, '')
    .replace(/@shareable\b/g, '');
  cached = buildSchema(sdl);
  return cached;
}

type Sink = Parameters<ReturnType<SubscriptionForwarder>['subscribe']>[0];
type ActiveSubscription = { field: string; variables: Record<string, UntypedData>; sink: Sink };

/** The GraphQL document's first root field. */
function rootField(query: string): string {
  const operation = parse(query).definitions[0] as unknown as {
    selectionSet: { selections: { name: { value: string } }[] };
  };
  return operation.selectionSet.selections[0]!.name.value;
}

/**
 * A fake spendsync API for component and data-provider tests: `fetch` answers GraphQL over
 * HTTP by executing the request against the real contract schema with `resolvers` as the root
 * (so every document the admin sends is also checked against the contract), and
 * `forwardSubscription` is an in-memory subscription source the test feeds with `emit`.
 */
export function createFakeGraphql(resolvers: FakeResolvers) {
  const schema = contractSchema();
  const calls: FakeCall[] = [];
  const subscriptions = new Set<ActiveSubscription>();

  const fakeFetch = (async (_url: unknown, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as {
      query: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    const headers = new Headers(init?.headers);
    calls.push({
      operationName: body.operationName ?? null,
      variables: body.variables ?? {},
      authorization: headers.get('authorization'),
      csrf: headers.get('x-spendsync-csrf'),
      sessionDelivery: headers.get('x-spendsync-session'),
      credentials: init?.credentials ?? null,
    });
    const result = await graphql({ schema, source: body.query, variableValues: body.variables, rootValue: resolvers });
    return new Response(JSON.stringify(result), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;

  const forwardSubscription: SubscriptionForwarder = (request) => ({
    subscribe(sink) {
      const query = request.query ?? '';
      const errors = validate(schema, parse(query));
      if (errors.length > 0)
        throw new Error(`Subscription does not match the contract: ${errors.map((e) => e.message).join('; ')}`);
      const entry: ActiveSubscription = { field: rootField(query), variables: request.variables ?? {}, sink };
      subscriptions.add(entry);
      return { unsubscribe: () => void subscriptions.delete(entry) };
    },
  });

  return {
    fetch: fakeFetch,
    forwardSubscription,
    calls,
    /** Open subscriptions of a root field (with their variables). */
    subscribed: (field: string) => [...subscriptions].filter((s) => s.field === field).map((s) => s.variables),
    /** Sends one event to every open subscription of `field` whose variables match `where`. */
    emit(field: string, payload: unknown, where: Record<string, unknown> = {}) {
      for (const s of subscriptions) {
        const matches = Object.entries(where).every(([k, v]) => s.variables[k] === v);
        if (s.field === field && matches) s.sink.next({ data: { [field]: payload } } as ExecutionResult);
      }
    },
  };
}

/** See {@link createFakeGraphql}. */
export type FakeGraphql = ReturnType<typeof createFakeGraphql>;

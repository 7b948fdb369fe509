import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { execute, getVariableValues, GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type RequestContext = Parameters<Executor>[0];

/** How many compiled operations are kept (the admin UI and the benchmarks send a few dozen). */
export const COMPILED_OPERATIONS_KEPT = 500;

/**
 * Executes the operations Apollo has parsed and validated with graphql-jit instead of graphql-js's
 * interpreter: each operation document is compiled once into a JavaScript function that resolves
 * and serializes its fields directly. A year of cost over time is ~20,000 fields; graphql-js spent
 * 15–30 ms walking them (issue 19's 1.3× goal over the raw SQL), the compiled function a fraction.
 *
 * It plugs into Apollo through the gateway interface, Apollo's only seam for an executor (the
 * schema is ours, served as is, with no supergraph). Everything before execution stays Apollo's:
 * parsing, validation with our rules, persisted queries, plugins, error formatting. An operation
 * graphql-jit cannot compile runs on graphql-js. Compiled operations are kept per query text and
 * operation name, the least recently used dropped past `COMPILED_OPERATIONS_KEPT`.
 */
export function createJitGateway(
  schema: GraphQLSchema,
  options: { keep?: number; compile?: typeof compileQuery } = {},
): Gateway {
  const { keep = COMPILED_OPERATIONS_KEPT, compile = compileQuery } = options;
  const compiled = new Map<string, CompiledQuery | null>();

  const compiledFor = (request: RequestContext): CompiledQuery | null => {
    const key = `${request.operationName ?? ''}\u0000${request.queryHash}`;
    const hit = compiled.get(key);
    if (hit !== undefined) {
      compiled.delete(key);
      compiled.set(key, hit);
      return hit;
    }
    const result = compile(schema, request.document, request.operationName ?? undefined);
    const query = isCompiledQuery(result) ? result : null;
    compiled.set(key, query);
    if (compiled.size > keep) compiled.delete(compiled.keys().next().value!);
    return query;
  };

  const executor: Executor = async (request) => {
    const variables = request.request.variables ?? {};
    const query = compiledFor(request);
    if (!query) {
      const operationName = request.operationName ?? undefined;
      return execute({
        schema,
        document: request.document,
        contextValue: request.context,
        variableValues: variables,
        operationName,
      });
    }
    // Variables are checked by graphql-js first, so a bad one gets graphql-js's own error (the
    // one redact-variable-error.ts knows how to clean) and nothing runs; graphql-jit then coerces
    // the same values again for its compiled function.
    const coerced = getVariableValues(schema, request.operation.variableDefinitions ?? [], variables, {
      maxErrors: 50,
    });
    if (coerced.errors) return { errors: coerced.errors };
    const result: ExecutionResult = await query.query(undefined, request.context, variables);
    return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async load() {
      return { executor };
    },
    async stop() {
      compiled.clear();
    },
  };
}

/**
 * graphql-jit's errors as graphql-js's own class, as Apollo and `formatError` expect them: same
 * message, path, locations and original error (the one a resolver threw), extensions always set.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  (converted as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return converted;
}
